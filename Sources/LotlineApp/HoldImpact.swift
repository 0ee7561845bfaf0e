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
        /// Set when it cannot be scheduled any more: why.
        public var cannotSchedule: String?
    }

    /// Material of the lot already at an order (issued, not returned): a hard allocation, an exception for a person.
    public struct AtOrder: Sendable, Encodable {
        public var workOrder: WorkOrderNumber
        public var stillThere: Quantity
        public var consumed: Quantity
    }

    public var lot: LotNumber
    public var scheduled: [Affected]
    public var atOrders: [AtOrder]
    /// Lots and serials made from it, with how surely.
    public var madeFrom: [GenealogyIndex.Step]
    /// The schedule version published with the new allocations; nil when the schedule did not use the lot.
    public var scheduleVersion: Int?

    public var isEmpty: Bool { scheduled.isEmpty && atOrders.isEmpty && madeFrom.isEmpty }
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
        impact.atOrders = try backend.withState { try $0.workInProcess(of: lot) }.compactMap { wip in
            wip.workOrder.map { HoldImpact.AtOrder(workOrder: $0, stillThere: wip.remaining, consumed: wip.consumed) }
        }
        impact.madeFrom = try backend.reach([lot], direction: .forward).filter { $0.lot != lot.rawValue }
        guard let schedule = try backend.latestSchedule() else { return (executed, impact) }
        let touched = schedule.operations.filter { $0.allocations?.contains { $0.lot == lot } == true }
        guard !touched.isEmpty else { return (executed, impact) }
        let plant = try schedulingPlant(previous: schedule)
        let published = try record(PlantScheduler.reallocate(schedule, awayFrom: lot, plant: plant, rule: schedule.allocation ?? .fefo)).outcome
        impact.scheduleVersion = published.version
        impact.scheduled = touched.map { op in
            let quantity = op.allocations?.first { $0.lot == lot }?.quantity ?? Quantity(0, "")
            let now = published.operations.first { $0.workOrder == op.workOrder && $0.seq == op.seq }
            let reason = published.unscheduled.first { $0.workOrder == op.workOrder && $0.seq == op.seq }?.reason
            return HoldImpact.Affected(
                workOrder: op.workOrder, seq: op.seq, machine: op.machine, start: op.start, end: op.end, quantity: quantity,
                newLots: now?.allocations ?? [], cannotSchedule: now == nil ? (reason ?? "not in the new schedule") : nil)
        }
        return (executed, impact)
    }
}
