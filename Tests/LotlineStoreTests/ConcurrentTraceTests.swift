import Foundation
import GRDB
import LotlineCore
import LotlineFixtures
import Synchronization
import Testing

@testable import LotlineStore

/// Many readers trace one store at once while a writer commits: each answer is the recursive SQL's over the same view.
@Suite struct ConcurrentTraceTests {
    @Test func eightReadersAndAWriterAlwaysAgreeWithTheRecursiveSQL() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("concurrent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LotlineStore(path: directory.appendingPathComponent("plant.sqlite").path, concurrentReads: 5)
        var generator = PlantGenerator(rawLots: 40, seed: 5)
        try generator.run(in: store)
        _ = try store.buildTraceIndex()
        let lots = try store.read { db in try String.fetchAll(db, sql: "SELECT number FROM lots ORDER BY number") }

        let disagreements = Mutex<[String]>([])
        let heads = Mutex<Set<Int64>>([])
        let writing = Mutex(true)
        // The writer splits a little off lots the readers trace, one command at a time, so their reach keeps changing,
        // then grows the plant (receipts, orders that consume and produce; master data already there is refused).
        let splittable = try store.read { db in
            try String.fetchAll(
                db, sql: "SELECT number FROM lots WHERE status = 'released' AND CAST(quantity AS REAL) >= 3 AND unit = 'kg' ORDER BY number")
        }
        let writer = Thread {
            for _ in 0..<2 {
                for lot in splittable {
                    _ = try? store.execute(SplitLot(lot: lot, quantities: ["1"]), actor: "writer", at: Date(timeIntervalSince1970: 1_800_000_000))
                }
            }
            var more = PlantGenerator(rawLots: 20, seed: 6)
            try? more.run(in: store)
            writing.withLock { $0 = false }
        }
        writer.start()
        DispatchQueue.concurrentPerform(iterations: 8) { reader in
            var random = SeededRandom(seed: UInt64(100 + reader))
            var rounds = 0
            while writing.withLock({ $0 }) || rounds < 40 {
                rounds += 1
                // Readers that read before they take the index trace lots the writer is splitting, whose reach changes
                // under them; the others any lot.
                let lot = (reader % 2 == 1 || reader == 0 ? splittable : lots).randomElement(using: &random)!
                let direction = TraceDirection.allCases.randomElement(using: &random)!
                func compare(_ db: Database, _ fromIndex: Set<GenealogyIndex.Step>, _ fromSQL: Set<GenealogyIndex.Step>) throws {
                    let head = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM events") ?? 0
                    heads.withLock { _ = $0.insert(head) }
                    if fromIndex != fromSQL { disagreements.withLock { $0.append("\(direction) \(lot) at event \(head)") } }
                }
                do {
                    if reader % 2 == 0 {
                        // As a trace does: the index first, taken before the transaction began.
                        try store.readIndexed { db, index in
                            try compare(db, Set(index.reach(from: [lot], direction)), Set(try SQLTrace.reach(from: [lot], direction, db: db)))
                        }
                    } else {
                        // As a recall does: reads first, then the index, while commits may have moved it past this view.
                        try store.read { db in
                            let fromSQL = Set(try SQLTrace.reach(from: [lot], direction, db: db))
                            usleep(2_000)
                            try compare(db, Set(try store.traceIndex.with(db) { $0.reach(from: [lot], direction) }), fromSQL)
                        }
                    }
                } catch {
                    disagreements.withLock { $0.append("\(lot): \(error)") }
                }
            }
        }
        while writing.withLock({ $0 }) { usleep(10_000) }
        #expect(disagreements.withLock { $0 } == [])
        #expect(heads.withLock { $0.count } > 2, "the readers saw the ledger move while they traced")
        // And the published index, caught up by the readers and the writer, is the projections' to the end.
        for lot in lots.prefix(50) {
            #expect(
                Set(try store.reach([LotNumber(rawValue: lot)], direction: .forward))
                    == Set(try store.reachBySQL([LotNumber(rawValue: lot)], direction: .forward)))
        }
    }
}
