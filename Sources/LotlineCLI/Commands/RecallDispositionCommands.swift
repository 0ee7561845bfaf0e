import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

extension Certainty: ExpressibleByArgument {}

extension RecallGroup {
    struct Disposition: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "disposition",
            abstract: "Decide what happens to a lot a recall holds: the only way a recall's hold is lifted.")
        @Argument(help: "The recall, e.g. RC26-0001.") var recall: String
        @Argument var lot: String
        @Flag(help: "What happens to the lot.") var disposition: RecallDisposition
        @Option(help: "Reason code (see `lotline reason list`).") var reason: String
        @Option var note: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(
                DispositionRecallLot(recall: recall, lot: lot, disposition: disposition, reason: reason, note: note))
            let done = executed.outcome
            let summary = "Recall \(done.recall): \(done.lot) dispositioned \(done.disposition.rawValue) (\(done.reason)) -> \(done.to.rawValue)"
            return try context.changed(executed.events, summary: summary, lots: [done.lot])
        }
    }

    struct Close: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a recall once every lot it holds has a disposition.")
        @Argument var recall: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(CloseRecall(recall: recall))
            let closed = executed.outcome
            return CLIOutput(text: "Recall \(closed.recall) closed\n", json: closed)
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A recall's state: open or closed, the lots it holds with their dispositions, the work orders whose output it holds.")
        @Argument var recall: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let store = try context.backend(creating: false)
            guard let record = try store.recalls().first(where: { $0.id == recall.uppercased() && $0.kind == "recall" }) else {
                throw LotlineError.notFound("recall-not-found", "no recall '\(recall)'; see `lotline recall list`", value: recall)
            }
            let report = try store.recallReport(record.id, today: context.today)
            var text = "Recall \(record.id): \(record.target), \(record.closedAt.map { "closed \($0)" } ?? "open")\n"
            text += "Started \(record.at) by \(record.actor): \(record.reason ?? "")\n"
            text += "Covers: \(record.certainty.map { "\($0.rawValue) and stronger" } ?? "every unit that could contain the material")\n\n"
            text += RecallRenderer.holds(report)
            return CLIOutput(text: text, json: RecallView(record: record, holds: report.holds, heldOrders: report.heldOrders))
        }
    }

    struct RecallView: Encodable {
        var record: RecallRecord
        var holds: [RecallHoldRecord]
        var heldOrders: [WorkOrderNumber]
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Recalls, open and closed, with how many lots each still holds.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let store = try context.backend(creating: false)
            let recalls = try store.recalls().filter { $0.kind == "recall" }
            let rows = recalls.map {
                [$0.id, $0.at, $0.actor, $0.target, $0.closedAt == nil ? "open" : "closed", String($0.undispositioned)]
            }
            let table = Table(headers: ["RECALL", "AT", "BY", "TARGET", "STATUS", "UNDISPOSITIONED"], rows: rows)
            return CLIOutput(text: recalls.isEmpty ? "No recalls.\n" : table.render(), json: ["recalls": recalls])
        }
    }
}

extension RecallDisposition: EnumerableFlag {
    public static func name(for value: RecallDisposition) -> NameSpecification {
        .customLong(value.rawValue.replacingOccurrences(of: "_", with: "-"))
    }
}
