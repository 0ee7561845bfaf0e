import Foundation
import LotlineApp
import LotlineCore
import LotlineStore

extension CLIContext {
    /// The standard output of a change: a summary line, and the events and affected lots in JSON.
    func changed(_ store: LotlineStore, _ events: [LedgerEvent], summary: String, lots: [LotNumber]) throws -> CLIOutput {
        let views = try lots.map { LotView(try store.lotDetail($0.rawValue).lot, today: today) }
        return CLIOutput(text: summary, json: ChangeView(events: events.map(EventView.init), lots: views))
    }
}
