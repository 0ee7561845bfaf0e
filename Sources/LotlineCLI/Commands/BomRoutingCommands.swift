import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

struct BomGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bom", abstract: "Bills of material: which components one unit of an item takes.",
        subcommands: [Add.self, Remove.self, Show.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a component (or change its quantity per unit).")
        @Argument var item: String
        @Argument var component: String
        @Argument(help: "Quantity of the component per one unit of the item.") var qty: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(SetBomLine(item: item, component: component, quantityPer: qty))
            let set = executed.outcome
            return CLIOutput(text: "\(set.item) takes \(set.line.quantityPer) of \(set.line.component) per unit", json: set)
        }
    }

    struct Remove: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a component.")
        @Argument var item: String
        @Argument var component: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(RemoveBomLine(item: item, component: component))
            let removed = executed.outcome
            return CLIOutput(text: "Removed \(removed.component) from the bill of material of \(removed.item)", json: removed)
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an item's bill of material and routing.")
        @Argument var item: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let part = item
            let (item, lines, routing) = try context.backend(creating: false).withState { state in
                let found = try state.requireItem(part)
                return (found, try state.bom(of: found.part), try state.routing(of: found.part))
            }
            let text =
                "Bill of material of \(item.part) (per \(item.unit))\n"
                + Table(headers: ["COMPONENT", "QTY PER UNIT"], rows: lines.map { [$0.component.rawValue, "\($0.quantityPer)"] }).render()
                + "\nRouting\n" + RoutingGroup.table(routing)
            return CLIOutput(text: text, json: BomView(item: item.part.rawValue, components: lines, routing: routing))
        }
    }

    struct BomView: Encodable {
        var item: String
        var components: [BomLine]
        var routing: [RoutingOperation]
    }
}

struct RoutingGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing", abstract: "Routings: the operations that make an item.", subcommands: [Add.self, Remove.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an operation (or change it).")
        @Argument var item: String
        @Argument var seq: Int
        @Option var name: String
        @Option var workCenter: String
        @Option(help: "Qualification an operator needs for it.") var requires: String?
        @Option(help: "Outside special process done by an accredited supplier, e.g. HEAT-TREAT.") var specialProcess: String?
        @Flag(help: "The final inspection: what orders of the item make waits for a passed inspection of each lot or serial.")
        var finalInspection = false
        @Option(help: "Setup minutes, once per order (for scheduling).") var setup: String?
        @Option(help: "Run minutes per unit (for scheduling).") var run: String?
        @Option(help: "Another work center that can run it; repeat in order of preference.") var alt: [String] = []
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = SetRoutingOperation(
                item: item, seq: seq, name: name, workCenter: workCenter, qualification: requires, specialProcess: specialProcess)
            command.finalInspection = finalInspection ? true : nil
            command.setup = setup
            command.run = run
            command.alternatives = alt.isEmpty ? nil : alt
            let executed = try context.execute(command)
            let set = executed.outcome
            let op = set.operation
            var text = "\(set.item) operation \(op.seq): \(op.name) at \(op.workCenter)"
            if let alternatives = op.alternatives { text += " (or \(alternatives.map(\.rawValue).joined(separator: ", ")))" }
            if op.setupMinutes != nil || op.runMinutes != nil {
                text += ", setup \(Quantity.format(op.setupMinutes ?? 0)) min, run \(Quantity.format(op.runMinutes ?? 0)) min per unit"
            }
            return CLIOutput(text: text, json: set)
        }
    }

    struct Remove: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an operation.")
        @Argument var item: String
        @Argument var seq: Int
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(RemoveRoutingOperation(item: item, seq: seq))
            let removed = executed.outcome
            return CLIOutput(text: "Removed operation \(removed.seq) from \(removed.item)", json: removed)
        }
    }

    static func table(_ operations: [RoutingOperation]) -> String {
        Table(
            headers: ["SEQ", "NAME", "WORK CENTER", "REQUIRES", "SPECIAL PROCESS"],
            rows: operations.map {
                [String($0.seq), $0.name, $0.workCenter, $0.qualification?.rawValue ?? "-", $0.specialProcess?.rawValue ?? "-"]
            }
        ).render()
    }
}
