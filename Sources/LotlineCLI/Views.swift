import Foundation
import LotlineApp
import LotlineCore
import LotlineStore

extension CLIContext {
    /// The standard output of a change: a summary line, and the events and affected lots in JSON.
    func changed(_ store: LotlineStore, _ events: [LedgerEvent], summary: String, lots: [LotNumber]) throws -> CLIOutput {
        CLIOutput(text: summary, json: try ChangeView(events: events, lots: lots, reading: store, today: today))
    }
}
