import Foundation

/// One operation's place in a published schedule.
public struct ScheduledOperation: Sendable, Hashable, Codable {
    /// Why an operation was not moved by the scheduler: it had started, a planner pinned it, or it was inside the frozen
    /// window of the previous schedule.
    public enum Fixed: String, Sendable, Hashable, Codable {
        case started, pinned, frozen
    }

    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var workCenter: String
    /// The machine; nil for an outside process, which takes no machine of ours.
    public var machine: EquipmentCode?
    public var start: BusinessTime
    public var end: BusinessTime
    public var fixed: Fixed?
    /// The lots the operation's material is allocated from: soft, made again by the next schedule.
    public var allocations: [LotPortion]?
    /// Open orders whose planned output the operation's material comes from: it starts after they end.
    public var awaits: [WorkOrderNumber]?

    public init(
        workOrder: WorkOrderNumber, seq: Int, workCenter: String, machine: EquipmentCode?, start: BusinessTime, end: BusinessTime, fixed: Fixed? = nil
    ) {
        self.workOrder = workOrder
        self.seq = seq
        self.workCenter = workCenter
        self.machine = machine
        self.start = start
        self.end = end
        self.fixed = fixed
    }
}

/// An operation the schedule could not place, and why.
public struct UnscheduledOperation: Sendable, Hashable, Codable {
    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var reason: String

    public init(workOrder: WorkOrderNumber, seq: Int, reason: String) {
        self.workOrder = workOrder
        self.seq = seq
        self.reason = reason
    }
}

/// A schedule published: every open operation's machine and times, or why it has none. Each publication is a new
/// version; what was planned when stays on the record.
public struct SchedulePublished: EventBody, Hashable {
    public static let type = "schedule.published"
    public var version: Int
    /// The moment the schedule starts from, and how far ahead it looks.
    public var from: BusinessTime
    public var horizonDays: Int
    public var frozenHours: Int
    public var seed: UInt64
    public var iterations: Int
    public var operations: [ScheduledOperation]
    public var unscheduled: [UnscheduledOperation]
    /// How lots were allocated, so a hold re-allocates the same way.
    public var allocation: AllocationRule?
    /// Set when the version only moves allocations away from these lots, just put on hold: part of the hold, not a
    /// planner's new schedule.
    public var reallocatedFor: [LotNumber]?
    public var lots: [LotNumber] { [] }
}

extension SchedulePublished {
    public var recorded: RecordedEvent { .schedulePublished(self) }
}
