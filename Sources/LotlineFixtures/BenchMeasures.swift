import Foundation
import GRDB
import LotlineCore
import LotlineStore

/// What the benchmark measures a plant with: samples, the order-level genealogy peers record, and trace timings. Not
/// part of the product store; it reads a store through `inspect`.
extension LotlineStore {

    /// Lot numbers picked at random (but the same for the same seed) among lots of one origin.
    public func sampleLots(origin: LotOrigin, count: Int, seed: UInt64) throws -> [LotNumber] {
        let all = try inspect { db in
            try String.fetchAll(db, sql: "SELECT number FROM lots WHERE origin = ? ORDER BY number", arguments: [origin.rawValue])
        }
        var random = SeededRandom(seed: seed)
        return (0..<min(count, all.count)).map { _ in LotNumber(rawValue: all.randomElement(using: &random)!) }
    }

    /// Finished lots picked at random (the same for the same seed): made on work orders, of items that go into nothing;
    /// any made lots when every item is someone's component.
    public func sampleFinishedLots(count: Int, seed: UInt64) throws -> [LotNumber] {
        let finished = try inspect { db in
            try String.fetchAll(
                db,
                sql: "SELECT number FROM lots WHERE origin = 'production' AND item NOT IN (SELECT component FROM bom_lines) ORDER BY number")
        }
        guard !finished.isEmpty else { return try sampleLots(origin: .production, count: count, seed: seed) }
        var random = SeededRandom(seed: seed)
        return (0..<min(count, finished.count)).map { _ in LotNumber(rawValue: finished.randomElement(using: &random)!) }
    }

    /// Heat numbers picked at random, the same for the same seed.
    public func sampleHeats(count: Int, seed: UInt64) throws -> [String] {
        let heats = try inspect { db in try String.fetchAll(db, sql: "SELECT DISTINCT heat FROM supplier_lots WHERE heat IS NOT NULL ORDER BY heat")
        }
        var random = SeededRandom(seed: seed)
        return (0..<min(count, heats.count)).map { _ in heats.randomElement(using: &random)! }
    }

    /// The genealogy the ERP peers record: every input of a work order linked to every output (plus splits, merges, returns).
    public func orderLevelIndex() throws -> GenealogyIndex {
        try inspect { db in
            var links = try Row.fetchAll(db, sql: "SELECT parent, child, quantity, seq FROM lot_parents").map(SQLTrace.lotLink)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT c.lot AS input, o.lot AS output, c.work_order FROM consumptions c JOIN outputs o ON o.work_order = c.work_order
                    """)
            for row in rows {
                links.append(
                    GenealogyIndex.Link(
                        input: row["input"], output: row["output"], quantity: 0, certainty: .possible, relation: .consumed, ref: 0, workOrder: nil))
            }
            return GenealogyIndex(links: links)
        }
    }

    /// Raw lots received and events recorded, for measuring a plant the benchmark did not build.
    public func benchShape() throws -> (rawLots: Int, events: Int) {
        try inspect { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lots WHERE origin = 'receipt'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COALESCE(max(seq), 0) FROM events") ?? 0
            )
        }
    }

    /// The receipts of a heat, as a recall from it starts.
    public func lotsOfHeat(_ heat: String) throws -> [LotNumber] {
        try withState { try $0.traceRoots(heat).map(\.number) }
    }
}

/// Trace latencies of the two engines, in milliseconds.
public struct TraceTimings: Sendable {
    public var index: [Double] = []
    public var sql: [Double] = []
    /// The whole `reach` call as the CLI makes it: a read transaction, catching up with the ledger, then the index.
    public var call: [Double] = []
    /// The whole trace tree with every lot's facts (receipt, production, shipments, work in process), as `trace` prints it.
    public var tree: [Double] = []
}

extension LotlineStore {
    /// Times each trace from the index and by recursive SQL inside one read transaction, so both engines are measured
    /// on the same snapshot without the transaction's own cost; refuses if they ever disagree.
    public func timeTraces(_ samples: [(LotNumber, TraceDirection)]) throws -> TraceTimings {
        var timings = TraceTimings()
        let clock = ContinuousClock()
        func ms(_ duration: Duration) -> Double { duration.inSeconds * 1000 }
        try inspect { (db: Database, index: GenealogyIndex) in
            for (lot, direction) in samples {
                var fromIndex: [GenealogyIndex.Step] = []
                var fromSQL: [GenealogyIndex.Step] = []
                timings.index.append(ms(clock.measure { fromIndex = index.reach(from: [lot.rawValue], direction) }))
                timings.sql.append(ms(try clock.measure { fromSQL = try SQLTrace.reach(from: [lot.rawValue], direction, db: db) }))
                guard Set(fromIndex) == Set(fromSQL) else {
                    throw LotlineError(
                        .integrity, "trace-mismatch", "index and SQL disagree on the \(direction.rawValue) trace of \(lot)", value: lot.rawValue)
                }
            }
        }
        for (lot, direction) in samples {
            timings.call.append(ms(try clock.measure { _ = try reach([lot], direction: direction) }))
        }
        let today = CalendarDate(year: 2100, month: 1, day: 1)
        for (lot, direction) in samples {
            timings.tree.append(ms(try clock.measure { _ = try trace(lot.rawValue, direction: direction, today: today) }))
        }
        return timings
    }
}
