import Foundation
import LotlineCore

/// What a hold on a lot touches, answered with the hold itself: the operations the schedule had allocated it to and
/// where their material now comes from (or why they cannot be scheduled), the orders holding some of it already (for
/// a person to deal with), and the lots already made from it.
public struct HoldImpact: Sendable, Encodable {
    /// An operation the latest schedule had allocated the lot to, and its material after the hold.
    public struct Affected: Sendable, Encodable {
        public var workOrder: WorkOrderNumber
        public var seq: Int
        public var machine: EquipmentCode?
        public var start: BusinessTime
        public var end: BusinessTime
        public var quantity: Quantity
        /// The lots it takes instead; empty when it cannot be scheduled.
        public var newLots: [LotPortion]
        /// Open orders whose planned output it takes instead.
        public var awaits: [WorkOrderNumber] = []
        /// Set when it cannot be scheduled any more: why.
        public var cannotSchedule: String?
    }

    /// Material of the lot already at an order (issued, not returned): a hard allocation, an exception for a person.
    public struct AtOrder: Sendable, Encodable {
        public var workOrder: WorkOrderNumber
        public var stillThere: Quantity
        public var consumed: Quantity
    }

    /// A customer's order that waits on affected work orders.
    public struct CustomerOrder: Sendable, Encodable, Hashable {
        public var customer: CustomerCode
        public var salesOrder: String?
        public var workOrders: [WorkOrderNumber]
    }

    public var lot: LotNumber
    public var scheduled: [Affected]
    public var atOrders: [AtOrder]
    /// The customers' orders behind the scheduled operations and the orders holding the lot.
    public var customerOrders: [CustomerOrder] = []
    /// Lots and serials made from it, with how surely.
    public var madeFrom: [GenealogyIndex.Step]
    /// The schedule version published with the new allocations; nil when the schedule did not use the lot.
    public var scheduleVersion: Int?

    public var isEmpty: Bool { scheduled.isEmpty && atOrders.isEmpty && madeFrom.isEmpty }

    /// Who waits on these work orders: each customer order once, with its affected work orders.
    static func customerOrders(of orders: [WorkOrder]) -> [CustomerOrder] {
        var result: [CustomerOrder] = []
        for order in orders.sorted(by: { $0.number < $1.number }) {
            guard let customer = order.customer else { continue }
            if let index = result.firstIndex(where: { $0.customer == customer && $0.salesOrder == order.salesOrder }) {
                if !result[index].workOrders.contains(order.number) { result[index].workOrders.append(order.number) }
            } else {
                result.append(CustomerOrder(customer: customer, salesOrder: order.salesOrder, workOrders: [order.number]))
            }
        }
        return result.sorted { ($0.customer.rawValue, $0.salesOrder ?? "") < ($1.customer.rawValue, $1.salesOrder ?? "") }
    }
}

extension GenealogyIndex.Step: Encodable {
    enum CodingKeys: String, CodingKey { case lot, certainty }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lot, forKey: .lot)
        try container.encode(certainty, forKey: .certainty)
    }
}

extension Session {
    /// Holds a lot and answers what the hold touches; the schedule's allocations of the lot move to other usable lots
    /// in a new schedule version (every place, and every other operation's lots, unchanged), and what cannot be
    /// re-allocated is unscheduled with the reason.
    public func hold(_ command: ChangeLotStatus, signature: SignatureInput? = nil) throws -> (
        executed: Executed<LotStatusChanged>, impact: HoldImpact
    ) {
        let executed = try record(command, signature: signature)
        let lot = executed.outcome.lot
        var impact = HoldImpact(lot: lot, scheduled: [], atOrders: [], madeFrom: [], scheduleVersion: nil)
        // Orders that hold some of it or made something with it; an order that only held it once and gave it back is done.
        let used = try backend.withState { try $0.workInProcess(of: lot) }.filter { !$0.remaining.isZero || !$0.consumed.isZero }
        impact.atOrders = used.compactMap { wip in
            wip.workOrder.map { HoldImpact.AtOrder(workOrder: $0, stillThere: wip.remaining, consumed: wip.consumed) }
        }
        impact.madeFrom = try backend.reach([lot], direction: .forward).filter { $0.lot != lot.rawValue }
        (impact.scheduleVersion, impact.scheduled) = try rescheduleAway(from: [lot])
        impact.customerOrders = try customerOrders(behind: impact.scheduled.map(\.workOrder) + impact.atOrders.map(\.workOrder))
        return (executed, impact)
    }

    /// The customers' orders that wait on these work orders.
    func customerOrders(behind orders: [WorkOrderNumber]) throws -> [HoldImpact.CustomerOrder] {
        HoldImpact.customerOrders(of: try backend.withState { state in try Set(orders).compactMap { try state.workOrder($0) } })
    }

    /// The latest schedule's operations allocated any of `lots`, re-allocated in a new version: each one's new lots, or
    /// why it cannot be scheduled now. Nothing (and no new version) when the schedule does not use them.
    func rescheduleAway(from lots: Set<LotNumber>) throws -> (version: Int?, affected: [HoldImpact.Affected]) {
        guard let schedule = try backend.latestSchedule() else { return (nil, []) }
        let touched = schedule.operations.filter { $0.allocations?.contains { lots.contains($0.lot) } == true }
        guard !touched.isEmpty else { return (nil, []) }
        let plant = try schedulingPlant(previous: schedule)
        let published: SchedulePublished
        do {
            published = try record(PlantScheduler.reallocate(schedule, awayFrom: lots, plant: plant, rule: schedule.allocation ?? .fefo)).outcome
        } catch let error as LotlineError {
            // The hold is recorded; the schedule could not follow it (the plant changed meanwhile): say so, never fail the hold.
            return (
                nil,
                touched.map { op in
                    HoldImpact.Affected(
                        workOrder: op.workOrder, seq: op.seq, machine: op.machine, start: op.start, end: op.end,
                        quantity: Self.quantity(of: lots, in: op), newLots: [],
                        cannotSchedule: "not re-allocated: \(error.message); schedule again")
                }
            )
        }
        let affected = touched.map { op in
            let quantity = Self.quantity(of: lots, in: op)
            let now = published.operations.first { $0.workOrder == op.workOrder && $0.seq == op.seq }
            let reason = published.unscheduled.first { $0.workOrder == op.workOrder && $0.seq == op.seq }?.reason
            var affected = HoldImpact.Affected(
                workOrder: op.workOrder, seq: op.seq, machine: op.machine, start: op.start, end: op.end, quantity: quantity,
                newLots: now?.allocations ?? [], cannotSchedule: now == nil ? (reason ?? "not in the new schedule") : nil)
            affected.awaits = now?.awaits ?? []
            return affected
        }
        return (published.version, affected)
    }

    /// How much of these lots the operation was allocated.
    private static func quantity(of lots: Set<LotNumber>, in op: ScheduledOperation) -> Quantity {
        let portions = (op.allocations ?? []).filter { lots.contains($0.lot) }
        return Quantity(portions.reduce(Decimal(0)) { $0 + $1.quantity.amount }, portions.first?.quantity.unit ?? "")
    }
}
