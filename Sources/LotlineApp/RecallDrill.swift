import Foundation
import LotlineCore

/// A mock recall, as the quarterly drill prescribes: the recall report of a lot, supplier lot or heat (or of a receiving
/// lot picked at random), timed against the four-hour target and recorded in the ledger for auditors; nothing is held.
public struct RecallDrill: Sendable {
    /// A lot, supplier lot or heat; nil with `random`.
    public var target: String?
    public var random: Bool

    /// The four hours a recall's answer must come within.
    public static let targetSeconds: Double = 4 * 3600

    public init(target: String?, random: Bool) {
        self.target = target
        self.random = random
    }

    /// What a drill found, as interfaces show it (`drill`, `report`).
    public struct Result: Sendable, Encodable {
        public var drill: RecallDrilled
        public var report: RecallReport

        public var target: String { drill.target }
        public var metTarget: Bool { drill.elapsedSeconds <= RecallDrill.targetSeconds }
    }

    public func run(in store: some CommandWriting & RecallReading, actor: String, at now: Date, timeZone: TimeZone) throws -> Result {
        let started = Date()
        guard let target = try random ? store.randomReceiptLot()?.rawValue : target else {
            throw LotlineError.badInput(
                "drill-target-missing",
                random ? "there is no receiving lot to drill" : "name a lot, supplier lot or heat to drill, or pick a receiving lot at random")
        }
        let report = try store.recallReport(target, today: BusinessTime(date: now, timeZone: timeZone).day)
        let elapsed = Date().timeIntervalSince(started)
        let drill = try store.execute(RecordDrill(target: target, report: report, elapsedSeconds: elapsed), actor: actor, at: now, timeZone: timeZone)
        return Result(drill: drill.outcome, report: report)
    }
}
