import Foundation
import GRDB
import LotlineCore

extension LotlineStore {
    /// Builds the genealogy index now (as a server does at start) and says how big it is.

    /// Lot numbers picked at random (but the same for the same seed) among lots of one origin.
    public func sampleLots(origin: LotOrigin, count: Int, seed: UInt64) throws -> [LotNumber] {
        let all = try read { db in
            try db.fetchAll(String.self, sql: "SELECT number FROM lots WHERE origin = ? ORDER BY number", arguments: [origin.rawValue])
        }
        var random = SeededRandom(seed: seed)
        return (0..<min(count, all.count)).map { _ in LotNumber(rawValue: all.randomElement(using: &random)!) }
    }

    /// Finished lots picked at random (the same for the same seed): made on work orders, of items that go into nothing;
    /// any made lots when every item is someone's component.
    public func sampleFinishedLots(count: Int, seed: UInt64) throws -> [LotNumber] {
        let finished = try read { db in
            try db.fetchAll(
                String.self,
                sql: "SELECT number FROM lots WHERE origin = 'production' AND item NOT IN (SELECT component FROM bom_lines) ORDER BY number")
        }
        guard !finished.isEmpty else { return try sampleLots(origin: .production, count: count, seed: seed) }
        var random = SeededRandom(seed: seed)
        return (0..<min(count, finished.count)).map { _ in LotNumber(rawValue: finished.randomElement(using: &random)!) }
    }

    /// A consistent copy of the database at `path` (SQLite's online backup), taken while others may be writing.
    public func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        try StorageError.translating(path: self.path) { try writer.backup(to: copy) }
    }

    /// Heat numbers picked at random, the same for the same seed.
    public func sampleHeats(count: Int, seed: UInt64) throws -> [String] {
        let heats = try read { db in try db.fetchAll(String.self, sql: "SELECT DISTINCT heat FROM supplier_lots WHERE heat IS NOT NULL ORDER BY heat")
        }
        var random = SeededRandom(seed: seed)
        return (0..<min(count, heats.count)).map { _ in heats.randomElement(using: &random)! }
    }

    /// The genealogy the ERP peers record: every input of a work order linked to every output (plus splits, merges, returns).
    public func orderLevelIndex() throws -> GenealogyIndex {
        try read { db in
            var links = try db.fetchRows(sql: "SELECT parent, child, quantity, seq FROM lot_parents").map(SQLTrace.lotLink)
            let rows = try db.fetchRows(
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
        try read { db in
            (
                try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM lots WHERE origin = 'receipt'") ?? 0,
                try db.fetchOne(Int.self, sql: "SELECT COALESCE(max(seq), 0) FROM events") ?? 0
            )
        }
    }

    /// The receipts of a heat, as a recall from it starts.
    public func lotsOfHeat(_ heat: String) throws -> [LotNumber] {
        try read { db in try TraceEngine.roots(heat, db: db).map(\.number) }
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
        func ms(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }
        try readIndexed { db, index in
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
