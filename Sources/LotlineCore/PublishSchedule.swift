import Foundation

/// Publish a schedule as the next version: checked against the plant as it is when it is written, so a schedule made
/// from a plant that changed meanwhile (an operation completed, an order closed) is refused, never recorded wrong.
public struct PublishSchedule: LotlineCommand {
    /// The schedule to publish; its version is set when it is written.
    public var schedule: SchedulePublished

    public init(
        from: BusinessTime, horizonDays: Int, frozenHours: Int, seed: UInt64, iterations: Int, operations: [ScheduledOperation],
        unscheduled: [UnscheduledOperation], allocation: AllocationRule = .fefo
    ) {
        schedule = SchedulePublished(
            version: 0, from: from, horizonDays: horizonDays, frozenHours: frozenHours, seed: seed, iterations: iterations, operations: operations,
            unscheduled: unscheduled, allocation: allocation)
    }

    /// A planner's schedule needs leave to plan; the re-allocation a hold makes needs only leave to hold.
    public var permission: Permission { schedule.reallocatedFor == nil ? .planWork : .hold }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<SchedulePublished> {
        var seen = Set<String>()
        var orders: [WorkOrderNumber: WorkOrder] = [:]
        for (order, seq) in schedule.operations.map({ ($0.workOrder, $0.seq) }) + schedule.unscheduled.map({ ($0.workOrder, $0.seq) }) {
            let key = "\(order) \(seq)"
            guard seen.insert(key).inserted else {
                throw LotlineError.badInput("schedule-operation-repeated", "operation \(seq) of \(order) is in the schedule twice", value: key)
            }
            if orders[order] == nil { orders[order] = try state.requireWorkOrder(order.rawValue) }
            let workOrder = orders[order]!
            guard workOrder.status != .closed else {
                throw LotlineError.refused("work-order-closed", "work order \(order) is closed; schedule again", value: order.rawValue)
            }
            guard let op = workOrder.operations.first(where: { $0.seq == seq }) else {
                throw LotlineError.notFound("operation-not-found", "work order \(order) has no operation \(seq)", value: key)
            }
            guard op.status != .completed else {
                throw LotlineError.refused("operation-completed", "operation \(seq) of \(order) was completed meanwhile; schedule again", value: key)
            }
        }
        var byMachine: [EquipmentCode: [ScheduledOperation]] = [:]
        for op in schedule.operations {
            for time in [op.start, op.end] {
                // Every time must read back (a pin near the year 9999 would end past what the record can hold).
                _ = try BusinessTime.parse(time.text, timeZone: .utc, field: "schedule time")
            }
            guard op.end.date >= op.start.date else {
                throw LotlineError.badInput(
                    "schedule-times-inverted", "operation \(op.seq) of \(op.workOrder) ends before it starts", value: op.end.text)
            }
            if let machine = op.machine {
                _ = try state.require(machine.rawValue, EquipmentKind.self)
                byMachine[machine, default: []].append(op)
            }
        }
        // Operations started on one machine (one not yet completed), or a pin on top of an operation that runs late, are
        // facts of the floor and a planner's word, not the schedule's doing.
        let people: Set<ScheduledOperation.Fixed?> = [.started, .pinned]
        for (machine, list) in byMachine {
            let ordered = list.sorted { $0.start.date < $1.start.date }
            for (earlier, later) in zip(ordered, ordered.dropFirst())
            where later.start.date < earlier.end.date && !(people.contains(earlier.fixed) && people.contains(later.fixed)) {
                throw LotlineError.badInput(
                    "schedule-overlap",
                    "\(machine) would run operation \(earlier.seq) of \(earlier.workOrder) and \(later.seq) of \(later.workOrder) at once",
                    value: machine.rawValue)
            }
        }
        var published = schedule
        published.version = try state.latestScheduleVersion() + 1
        return Decision(published)
    }
}
