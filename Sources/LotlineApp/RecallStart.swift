import Foundation
import LotlineCore

/// Starts a recall: every affected lot still in the building put on hold in one transaction (with the future output of
/// the orders holding its material), then the recall's report.
public struct RecallStart: Sendable {
    public var command: StartRecall

    public init(_ command: StartRecall) {
        self.command = command
    }

    /// What a start did, and the recall's report as it now stands.
    public struct Result: Sendable {
        public var started: RecallStarted
        public var report: RecallReport
        /// The scheduled operations allocated a held lot, re-allocated in schedule version `scheduleVersion`.
        public var scheduled: [HoldImpact.Affected] = []
        public var scheduleVersion: Int?
        /// The customers' orders behind those operations and the orders whose output the recall holds.
        public var customerOrders: [HoldImpact.CustomerOrder] = []

        /// The work orders whose future output the recall holds.
        public var heldOrders: Int { Set((started.heldOrders ?? []).map(\.workOrder)).count }
    }

    public func run(
        in backend: some CommandWriting & RecallReading, actor: String, at now: Date, timeZone: TimeZone, signing: SignatureMeaning? = nil
    ) throws -> Result {
        let started = try backend.execute(command, actor: actor, at: now, timeZone: timeZone, signing: signing).outcome
        let report = try backend.recallReport(started.recall, today: BusinessTime(date: now, timeZone: timeZone).day)
        return Result(started: started, report: report)
    }
}

extension ChangeView {
    /// What a change reports to an interface: its events, and the lots it touched as they now stand.
    public init(events: [LedgerEvent], lots: [LotNumber], reading backend: some LotReading, today: CalendarDate) throws {
        self.init(
            events: events.map(EventView.init), lots: try lots.map { LotView(try backend.lotDetail($0.rawValue).lot, today: today) })
    }
}
