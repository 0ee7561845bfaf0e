import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

struct RecallGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Recalls and mock-recall drills: affected lots, customers to notify, holds, mass balance.",
        subcommands: [Start.self, Report.self, Show.self, List.self, Disposition.self, Close.self, Drill.self, Drills.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv
    }

    struct Start: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start a recall: hold every affected lot still in the building, in one transaction, and print the report.")
        @Argument(help: "Lot, serial, supplier lot or heat number.") var id: String
        @Option var reason: String
        @Option(help: "The cause behind the defective unit ID: recall forward from it, reaching the unit's siblings.") var viaAncestor: String?
        @Option(help: "Narrow to units reached this surely or better: exact, window or possible (default: every unit that could contain it).")
        var certainty: Certainty?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let result = try context.signing {
                try context.session().startRecall(
                    StartRecall(target: id, reason: reason, viaAncestor: viaAncestor, certainty: certainty), signature: try context.signature())
            }
            let impact =
                HoldImpactText.scheduled(result.scheduled, version: result.scheduleVersion) + HoldImpactText.customers(result.customerOrders)
            let text =
                "Recall \(result.started.recall) started: \(result.started.held.count) lots put on hold, future output of "
                + "\(result.heldOrders) work orders held\n" + impact.map { $0 + "\n" }.joined() + "\n" + RecallRenderer.markdown(result.report)
            return CLIOutput(text: text, json: RecallStartJSON(result: result))
        }
    }

    struct Report: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Report a recall (by its id), or what a recall of any lot, supplier lot or heat would reach.")
        @Argument var id: String
        @Option var viaAncestor: String?
        @Option(help: "Narrow to units reached this surely or better: exact, window or possible; the report says what was left out.")
        var certainty: Certainty?
        @Option(help: "markdown (default) or csv; --json for JSON.") var format: Format = .markdown
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let report = try context.backend(creating: false).recallReport(
                id, viaAncestor: viaAncestor, certainty: certainty, today: context.today)
            return CLIOutput(text: format == .csv ? RecallRenderer.csv(report) : RecallRenderer.markdown(report), json: report)
        }
    }

    struct Drill: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "drill",
            abstract: "Mock recall: the same report without holds, timed against the four-hour target, and recorded for auditors.")
        @Argument var id: String?
        @Flag(help: "Pick a random receiving lot, as the quarterly drill prescribes.") var random = false
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let result = try context.session(creating: false).drill(RecallDrill(target: id, random: random))
            let (drill, report) = (result.drill, result.report)
            var text = "Drill \(drill.drill) of \(result.target): \(String(format: "%.3f", drill.elapsedSeconds)) s against the 4-hour target "
            text +=
                "(\(result.metTarget ? "met" : "MISSED")); \(report.affected.count) lots affected, \(report.customers.count) customers to notify, "
            text += report.balanced ? "mass balance holds\n" : "MASS BALANCE GAP: \(drill.gaps.joined(separator: "; "))\n"
            return CLIOutput(text: text + "\n" + RecallRenderer.markdown(report), json: result)
        }
    }

    struct Drills: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "drills", abstract: "Past drills with their times and results, for auditors.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let drills = try context.backend(creating: false).recalls(drillsOnly: true)
            let rows = drills.map {
                [
                    $0.id, $0.at, $0.actor, $0.target, String(format: "%.3f s", $0.elapsedSeconds ?? 0), String($0.affectedCount),
                    String($0.customerCount ?? 0),
                    ($0.balanced ?? false) ? "holds" : "GAP",
                ]
            }
            let table = Table(headers: ["DRILL", "AT", "BY", "TARGET", "ELAPSED", "LOTS", "CUSTOMERS", "BALANCE"], rows: rows)
            return CLIOutput(
                text: drills.isEmpty ? "No drills yet; run `lotline recall drill --random`.\n" : table.render(), json: ["drills": drills])
        }
    }
}

/// `recall start --json`: the report as it stands, with the scheduled jobs the holds hit and the customers behind them
/// beside its fields.
struct RecallStartJSON: Encodable {
    var result: RecallStart.Result

    enum CodingKeys: String, CodingKey { case scheduled, scheduleVersion, customerOrders }

    func encode(to encoder: any Encoder) throws {
        try result.report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(result.scheduled, forKey: .scheduled)
        try container.encodeIfPresent(result.scheduleVersion, forKey: .scheduleVersion)
        try container.encode(result.customerOrders, forKey: .customerOrders)
    }
}
