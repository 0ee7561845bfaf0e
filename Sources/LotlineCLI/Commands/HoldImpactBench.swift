import Foundation
import LotlineApp
import LotlineCore
import LotlineFixtures
import LotlineStore

/// `lotline bench --hold-impact`: a generated plant of released orders is scheduled, then the raw lot allocated to the
/// most operations is held; the hold's answer (the hold, what it touches, the re-allocation published) is timed.
struct HoldImpactBench: Encodable {
    var orders: Int
    var operations: Int
    var generateSeconds: Double
    var scheduleSeconds: Double
    var scheduledOperations: Int
    var lot: String
    var holdImpactMs: Double
    var affected: Int
    var reallocated: Int
    var cannotSchedule: Int

    static func run(orders: Int, operationsPerOrder: Int, seed: UInt64, dir: String, iterations: Int) throws -> HoldImpactBench {
        let path = (dir as NSString).appendingPathComponent("schedule.sqlite")
        try? FileManager.default.removeItem(atPath: path)
        let store = try LotlineStore(path: path)
        let now = try BusinessTime.parse("2026-11-30T06:00:00Z", timeZone: TimeZone(secondsFromGMT: 0)!).date  // a Monday morning
        let generated = try timed {
            try SchedulePlantGenerator(orders: orders, operationsPerOrder: operationsPerOrder, seed: seed).build(in: store, now: now)
        }
        let session = Session(backend: store, actor: "bench", now: now.addingTimeInterval(60), timeZone: TimeZone(secondsFromGMT: 0)!)
        let scheduled = try timed { try session.schedule(PlantScheduler.Options(horizonDays: 60, seconds: 120, iterations: iterations, seed: seed)) }
        var counts: [LotNumber: Int] = [:]
        for op in scheduled.value.schedule.operations {
            for portion in op.allocations ?? [] { counts[portion.lot, default: 0] += 1 }
        }
        guard let lot = counts.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) })?.key else {
            throw LotlineError(.internal, "bench-nothing-allocated", "the generated schedule allocated no lot")
        }
        let holding = Session(backend: store, actor: "bench", now: now.addingTimeInterval(120), timeZone: TimeZone(secondsFromGMT: 0)!)
        let held = try timed { try holding.hold(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC-HOLD")) }
        let impact = held.value.impact
        return HoldImpactBench(
            orders: orders, operations: orders * operationsPerOrder, generateSeconds: generated.seconds, scheduleSeconds: scheduled.seconds,
            scheduledOperations: scheduled.value.schedule.operations.count, lot: lot.rawValue, holdImpactMs: held.seconds * 1000,
            affected: impact.scheduled.count, reallocated: impact.scheduled.filter { $0.cannotSchedule == nil }.count,
            cannotSchedule: impact.scheduled.filter { $0.cannotSchedule != nil }.count)
    }

    private static func timed<T>(_ body: () throws -> T) throws -> (value: T, seconds: Double) {
        let clock = ContinuousClock()
        let began = clock.now
        let value = try body()
        let elapsed = clock.now - began
        return (value, elapsed.inSeconds)
    }

    var table: String {
        Table(
            headers: [
                "ORDERS", "OPERATIONS", "GENERATE S", "SCHEDULE S", "SCHEDULED", "HELD LOT", "HOLD IMPACT MS", "AFFECTED", "RE-ALLOCATED", "CANNOT",
            ],
            rows: [
                [
                    String(orders), String(operations), String(format: "%.1f", generateSeconds), String(format: "%.1f", scheduleSeconds),
                    String(scheduledOperations), lot, String(format: "%.0f", holdImpactMs), String(affected), String(reallocated),
                    String(cannotSchedule),
                ]
            ]
        ).render()
    }
}
