import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

struct TraceGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace", abstract: "Trace forward to customers, backward to suppliers, or find what a machine, tool or operator made.",
        subcommands: [Walk<Forward>.self, Walk<Backward>.self, Where.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, lots
        case lotsCSV = "lots-csv"
    }

    protocol Way {
        static var direction: TraceDirection { get }
    }

    enum Forward: Way { static let direction = TraceDirection.forward }
    enum Backward: Way { static let direction = TraceDirection.backward }

    struct Walk<To: Way>: StoreCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: To.direction.rawValue,
                abstract: To.direction == .forward
                    ? "Everything made from a lot, supplier lot or heat, and where it went."
                    : "Everything behind a lot or serial: supplier lots, certificates, machines, tools, operators, parameters, inspections.")
        }
        @Argument(help: "Internal lot, serial, supplier lot or heat number.") var id: String
        @Option(help: "How many levels to walk.") var depth = 50
        @Option(help: "text, csv (one row per lot and shipment), lots or lots-csv (just the lots reached, for scripts; --json too).")
        var format: Format = .text
        @OptionGroup var global: GlobalOptions

        init() {}

        func execute(_ context: CLIContext) throws -> CLIOutput {
            guard depth >= 0 else { throw LotlineError.badInput("depth-invalid", "depth must be 0 or more, got \(depth)", value: String(depth)) }
            let lotsOnly = format == .lots || format == .lotsCSV
            let trees = try context.backend(creating: false).trace(
                id, direction: To.direction, maxDepth: depth, today: context.today, facts: !lotsOnly)
            if lotsOnly {
                let reached = trees.flatMap(ReachedLot.rows)
                let table = Table(
                    headers: ["DEPTH", "LOT", "ITEM", "RELATION", "CERTAINTY", "VIA"],
                    rows: reached.map { [String($0.depth), $0.lot, $0.item, $0.relation, $0.pathCertainty.rawValue, $0.via ?? ""] })
                return CLIOutput(text: format == .lotsCSV ? ReachedLot.csv(reached) : table.render(), json: ["lots": reached])
            }
            let text =
                format == .csv ? TraceRenderer.csv(trees) : trees.map { TraceRenderer.text($0, direction: To.direction) }.joined(separator: "\n")
            return CLIOutput(text: text, json: ["roots": trees])
        }
    }

    struct Where: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "where",
            abstract:
                "Every lot and serial made at an operation that ran with all the named machine, tool, operator, processor and parameters; with --forward, everything made from them too.",
            discussion: """
                Dimensions combine with AND on one operation: `--equipment PRESS-4 --tool DIE-17` finds what was made where the die \
                ran in that press. --param takes NAME (recorded at all), NAME=VALUE, or NAME>VALUE, >=, <, <= (numbers compare as \
                numbers, a unit given must match); repeat it for more conditions.
                """)
        @Option var equipment: String?
        @Option var tool: String?
        @Option(name: .customLong("operator")) var operatorCode: String?
        @Option(help: "Supplier that ran an outside special process.") var processor: String?
        @Option(name: .customLong("param"), help: "A recorded process parameter: NAME, NAME=VALUE, NAME>VALUE, ... (repeatable).")
        var parameters: [String] = []
        @Option(help: "Operations started at or after this time.") var from: String?
        @Option(help: "Operations started at or before this time.") var to: String?
        @Flag(help: "Also list every lot and serial made from what was produced, however many steps on.") var forward = false
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let query = TraceWhere(
                equipment: equipment, tool: tool, operatorCode: operatorCode, processor: processor, parameters: parameters, from: from, to: to,
                forward: forward)
            let result = try context.session(creating: false).traceWhere(query)
            let rows = result.produced
            let withParameters = !parameters.isEmpty
            let table = Table(
                headers: ["LOT", "ITEM", "QTY", "STATUS", "WORK ORDER", "OP", "OP STARTED", "PRODUCED"] + (withParameters ? ["PARAMETERS"] : []),
                rows: rows.map {
                    [
                        $0.lot.rawValue, $0.item.rawValue, "\($0.quantity)", $0.status.rawValue, $0.workOrder.rawValue,
                        "\($0.operationSeq) \($0.operationName)",
                        $0.startedAt, $0.producedAt,
                    ] + (withParameters ? [$0.parameters.joined(separator: ", ")] : [])
                })
            guard !rows.isEmpty else { return CLIOutput(text: "Nothing was produced with all of that in that range.\n", json: ["produced": rows]) }
            guard let made = result.downstream else { return CLIOutput(text: table.render(), json: result) }
            let downstream = Table(
                headers: ["LOT", "ITEM", "QTY", "STATUS", "LOCATION", "CERTAINTY"],
                rows: made.map {
                    [$0.lot.rawValue, $0.item.rawValue, "\($0.quantity)", $0.status.rawValue, $0.location?.rawValue ?? "", $0.certainty.rawValue]
                })
            let text =
                table.render() + "\nMade from them (\(made.count)):\n" + (made.isEmpty ? "nothing yet\n" : downstream.render())
            return CLIOutput(text: text, json: result)
        }
    }
}
