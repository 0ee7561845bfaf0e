import ArgumentParser
import LotlineApp
import LotlineCore

/// `lotline wo variance WO`: the order's plan beside what happened.
struct WorkOrderVarianceCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "variance",
        abstract: "Planned against actual for a work order: each operation's machine and times, each material's lots and quantities, substitutions.",
        discussion: """
            An operation's plan is the schedule version in force when it started (else the latest). A material's plan is \
            the allocation recorded at its first issue (else the latest schedule's); every lot issued that the plan did not \
            name is listed with the reason given for it.
            """)
    @Argument var number: String
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let variance = try context.backend(creating: false).workOrderVariance(number)
        var text = "Work order \(variance.workOrder): \(variance.quantity) \(variance.item), \(variance.status.rawValue)\n\nOperations\n"
        text += Table(
            headers: [
                "SEQ", "NAME", "STATUS", "PLAN", "PLANNED MACHINE", "MACHINE", "PLANNED START", "STARTED", "VS PLAN", "PLANNED END", "ENDED",
                "VS PLAN",
            ],
            rows: variance.operations.map { op in
                [
                    String(op.seq), op.name, op.status.rawValue, op.plannedVersion.map { "v\($0)" } ?? "none", op.plannedMachine?.rawValue ?? "-",
                    op.machine?.rawValue ?? "-", op.plannedStart.map(ScheduleText.clock) ?? "-", op.startedAt.map(Self.clock) ?? "-",
                    Self.minutes(op.startLateMinutes), op.plannedEnd.map(ScheduleText.clock) ?? "-", op.completedAt.map(Self.clock) ?? "-",
                    Self.minutes(op.endLateMinutes),
                ]
            }
        ).render()
        text += "\nMaterials\n"
        text += Table(
            headers: ["ITEM", "PLAN", "PLANNED LOTS", "ISSUED (NET)", "CONSUMED"],
            rows: variance.materials.map { line in
                [
                    line.item.rawValue, line.plannedVersion.map { "v\($0)" } ?? "none", Self.portions(line.planned), Self.portions(line.issued),
                    Self.portions(line.consumed),
                ]
            }
        ).render()
        let substitutions = variance.materials.flatMap { line in line.substitutions.map { (line.item, $0) } }
        if !substitutions.isEmpty {
            text += "\nSubstitutions\n"
            text += Table(
                headers: ["ITEM", "LOT", "QTY", "AT", "KIND", "REASON"],
                rows: substitutions.map { item, sub in
                    [
                        item.rawValue, sub.lot.rawValue, "\(sub.quantity)", ScheduleText.clock(sub.at), sub.kind,
                        sub.reason?.rawValue ?? "(none given)",
                    ]
                }
            ).render()
        }
        return CLIOutput(text: text, json: variance)
    }

    private static func portions(_ portions: [LotPortion]) -> String {
        portions.isEmpty ? "-" : portions.map { "\($0.lot) \($0.quantity)" }.joined(separator: ", ")
    }

    private static func minutes(_ value: Int?) -> String {
        guard let value else { return "-" }
        return value == 0 ? "on time" : value > 0 ? "\(value) min late" : "\(-value) min early"
    }

    private static func clock(_ text: String) -> String {
        (try? BusinessTime.parse(text, timeZone: .utc)).map(ScheduleText.clock) ?? text
    }
}
