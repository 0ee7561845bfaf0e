import Foundation

/// The latest schedule as stored: its version, where it starts, and every operation's place or why it has none.
public struct PublishedSchedule: Sendable, Hashable, Codable {
    public var version: Int
    /// The ledger sequence number of the event that published it.
    public var seq: Int64
    public var from: BusinessTime
    public var horizonDays: Int
    public var frozenHours: Int
    public var operations: [ScheduledOperation]
    public var unscheduled: [UnscheduledOperation]
    public var allocation: AllocationRule?

    public init(
        version: Int, seq: Int64, from: BusinessTime, horizonDays: Int, frozenHours: Int, operations: [ScheduledOperation],
        unscheduled: [UnscheduledOperation], allocation: AllocationRule? = nil
    ) {
        self.allocation = allocation
        self.version = version
        self.seq = seq
        self.from = from
        self.horizonDays = horizonDays
        self.frozenHours = frozenHours
        self.operations = operations.sorted { ($0.start.date, $0.workOrder, $0.seq) < ($1.start.date, $1.workOrder, $1.seq) }
        self.unscheduled = unscheduled
    }

    /// The operation's place, if it has one.
    public func operation(_ order: WorkOrderNumber, _ seq: Int) -> ScheduledOperation? {
        operations.first { $0.workOrder == order && $0.seq == seq }
    }
}
