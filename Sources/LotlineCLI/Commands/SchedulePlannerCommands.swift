import ArgumentParser
import LotlineApp
import LotlineCore

/// `lotline schedule pin WO SEQ --machine M --start TIME`: fix an operation where the planner wants it.
struct SchedulePinCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "Pin an operation not yet started to a machine and a start; the scheduler never moves it.",
        discussion: """
            The machine must be one of the operation's work center or its alternatives (none for an outside process at a \
            work center the plant does not have). The operation ends its routing's setup and run time later; two pins never \
            overlap on a machine, and an order's pins keep its sequence. The order's earlier operations must end before the \
            pin starts, or the schedule lists them as unscheduled with that reason.
            """)
    @Argument(help: "The work order.") var workOrder: String
    @Argument(help: "The operation's sequence number.") var seq: Int
    @Option(help: "The machine (equipment).") var machine: String?
    @Option(help: "When it starts (YYYY-MM-DDTHH:MM, in the plant's time zone unless an offset is given).") var start: String
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let executed = try context.execute(PinOperation(workOrder: workOrder, seq: seq, machine: machine, start: start))
        let pin = executed.outcome
        return try context.changed(
            executed.events,
            summary: "Pinned operation \(pin.seq) of \(pin.workOrder) to \(pin.pin?.machine?.rawValue ?? "its outside processor") at "
                + (pin.pin.map { ScheduleText.clock($0.start) } ?? "-") + "; it keeps that place in every schedule until unpinned",
            lots: [])
    }
}

/// `lotline schedule unpin WO SEQ`: give an operation back to the scheduler.
struct ScheduleUnpinCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "unpin", abstract: "Take an operation's pin off; the next schedule places it.")
    @Argument(help: "The work order.") var workOrder: String
    @Argument(help: "The operation's sequence number.") var seq: Int
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let executed = try context.execute(PinOperation(workOrder: workOrder, seq: seq, unpin: true))
        return try context.changed(
            executed.events, summary: "Unpinned operation \(executed.outcome.seq) of \(executed.outcome.workOrder)", lots: [])
    }
}

/// `lotline schedule allocate WO ITEM --lot L... --reason CODE`: the planner's lots for a component, ahead of the rule.
struct ScheduleAllocateCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Override allocation for a component of a work order: these lots first, with a reason code (or --clear).",
        discussion: """
            Each lot must be of the component, released, not expired and with the item's minimum shelf life left today. \
            The next schedule takes them first, in the order given, while they stay usable; the rule allocates the rest. \
            A hold on a chosen lot re-allocates like any other.
            """)
    @Argument(help: "The work order.") var workOrder: String
    @Argument(help: "The component item.") var item: String
    @Option(name: .customLong("lot"), help: "A lot to take first (repeat for more, in order).") var lots: [String] = []
    @Option(help: "Reason code for overriding the rule.") var reason: String
    @Option(help: "A note to go with the reason.") var note: String?
    @Flag(help: "Give the component back to the allocation rule.") var clear = false
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let executed = try context.execute(ChooseLots(workOrder: workOrder, item: item, lots: lots, reason: reason, note: note, clear: clear))
        let chosen = executed.outcome
        let summary =
            chosen.chosen.isEmpty
            ? "\(chosen.item) at \(chosen.workOrder) is allocated by the rule again (\(chosen.reason))"
            : "\(chosen.item) at \(chosen.workOrder) takes \(chosen.chosen.map(\.rawValue).joined(separator: ", ")) first (\(chosen.reason)); "
                + "the next schedule allocates them"
        return try context.changed(executed.events, summary: summary, lots: chosen.chosen)
    }
}
