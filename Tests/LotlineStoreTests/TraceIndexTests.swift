import Foundation
import GRDB
import LotlineCore
import LotlineFixtures
import Testing

@testable import LotlineStore

@Suite struct TraceIndexTests {
    func generated(rawLots: Int, seed: UInt64, in store: LotlineStore? = nil) throws -> LotlineStore {
        let store = try store ?? LotlineStore.inMemory()
        var generator = PlantGenerator(rawLots: rawLots, seed: seed)
        try generator.run(in: store)
        #expect(generator.counts.refusals == 0)
        return store
    }

    /// For every lot, both ways: the index and the recursive SQL reach the same lots with the same certainty,
    /// and every lot's own links carry the same quantities.
    func expectIndexMatchesSQL(_ store: LotlineStore) throws {
        let lots = try store.read { db in try String.fetchAll(db, sql: "SELECT number FROM lots ORDER BY number") }.map(LotNumber.init(rawValue:))
        for lot in lots {
            for direction in TraceDirection.allCases {
                let index = Set(try store.reach([lot], direction: direction))
                let sql = Set(try store.reachBySQL([lot], direction: direction))
                #expect(index == sql, "\(direction) from \(lot)")
            }
        }
        let fromIndex = try store.read { db in
            try store.traceIndex.with(db) { index in
                lots.flatMap { lot in index.edges(of: lot.rawValue, .forward).map { index.link($0) } }
                    .map { "\($0.input)>\($0.output) \($0.quantity) \($0.certainty.rawValue)" }.sorted()
            }
        }
        let fromSQL = try store.read { db in try SQLTrace.allLinks(db) }.map { "\($0.input)>\($0.output) \($0.quantity) \($0.certainty.rawValue)" }
            .sorted()
        #expect(fromIndex == fromSQL)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func indexMatchesRecursiveSQLOnRandomPlants(seed: UInt64) throws {
        let store = try generated(rawLots: 40, seed: seed)
        #expect(try store.genealogyStats().links > 100)
        try expectIndexMatchesSQL(store)
    }

    @Test func indexStaysCorrectAfterNewLinksAndAfterReopen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString).sqlite").path
        let store = try generated(rawLots: 30, seed: 5, in: LotlineStore(path: path))
        try expectIndexMatchesSQL(store)
        // Given a built index, when a split, a merge and an order whose certainty changes as it produces are committed ...
        let raw = try store.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT number FROM lots WHERE origin = 'receipt' AND status = 'released' AND CAST(quantity AS REAL) > 100 ORDER BY number LIMIT 3"
            )
        }
        try #require(raw.count == 3)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let utc = TimeZone(secondsFromGMT: 0)!
        let split = try store.execute(SplitLot(lot: raw[0], quantities: ["10", "5"]), actor: "t", at: at, timeZone: utc)
        let children = split.outcome.children.map(\.lot.rawValue)
        try store.execute(MergeLots(lots: children), actor: "t", at: at, timeZone: utc)
        let item = try store.read { db in
            try String.fetchOne(
                db, sql: "SELECT item FROM bom_lines WHERE component = (SELECT item FROM lots WHERE number = ?) LIMIT 1", arguments: [raw[1]])
        }
        let part = try #require(item)
        let created = try store.execute(CreateWorkOrder(item: part, quantity: "20"), actor: "t", at: at, timeZone: utc)
        let order = created.outcome.number.rawValue
        try store.execute(ChangeWorkOrderStatus(number: order, to: .released), actor: "t", at: at, timeZone: utc)
        try store.execute(IssueMaterial(lot: raw[1], quantity: "4", workOrder: order), actor: "t", at: at, timeZone: utc)
        try store.execute(StartOperation(workOrder: order, seq: 10, equipment: "M-0001", operatorCode: "OP-0001"), actor: "t", at: at, timeZone: utc)
        try store.execute(Produce(workOrder: order, quantity: "10"), actor: "t", at: at, timeZone: utc)
        try store.execute(
            ConsumeMaterial(workOrder: order, seq: 10, lot: raw[1], quantity: "2"), actor: "t", at: at.addingTimeInterval(60), timeZone: utc)
        #expect(try store.reach([LotNumber(rawValue: raw[1])], direction: .forward).contains { $0.certainty == .exact && $0.lot != raw[1] })
        try store.execute(Produce(workOrder: order, quantity: "10"), actor: "t", at: at.addingTimeInterval(120), timeZone: utc)
        // ... then the index still equals the recursive SQL, and the first output is no longer linked.
        try expectIndexMatchesSQL(store)
        #expect(try store.reach([LotNumber(rawValue: raw[1])], direction: .forward).map(\.certainty).contains(.window))
        let reopened = try LotlineStore(path: path)
        try expectIndexMatchesSQL(reopened)
    }

    @Test func aNewProcessStartsFromTheSavedIndexAndCatchesUp() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plant.sqlite").path
        let snapshot = path + "-index"
        let first = try generated(rawLots: 30, seed: 9, in: LotlineStore(path: path))
        // A process that died while saving left its temporary file (no process has this id); saving removes it.
        let leftover = "\(snapshot).2147483646.tmp"
        try Data("half".utf8).write(to: URL(fileURLWithPath: leftover))
        // Given the first trace of a process built the index from the projections and saved it beside the database ...
        _ = try first.buildTraceIndex()
        #expect(first.traceIndex.source == .projections)
        #expect(FileManager.default.fileExists(atPath: snapshot))
        #expect(!FileManager.default.fileExists(atPath: leftover))
        // ... when another process commits a split and a merge after it was saved ...
        let raw = try first.read { db in
            try String.fetchAll(
                db, sql: "SELECT number FROM lots WHERE origin = 'receipt' AND status = 'released' AND CAST(quantity AS REAL) > 20 LIMIT 1")
        }
        let lot = try #require(raw.first)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let utc = TimeZone(secondsFromGMT: 0)!
        let other = try LotlineStore(path: path)
        let split = try other.execute(SplitLot(lot: lot, quantities: ["3", "2"]), actor: "t", at: at, timeZone: utc)
        let children = split.outcome.children.map(\.lot.rawValue)
        try other.execute(MergeLots(lots: children), actor: "t", at: at, timeZone: utc)
        // ... then a new process starts from the snapshot, catches up, and answers as the recursive SQL does.
        let reopened = try LotlineStore(path: path)
        try expectIndexMatchesSQL(reopened)
        #expect(reopened.traceIndex.source == .snapshot)
        #expect(try reopened.reach([LotNumber(rawValue: lot)], direction: .forward).count > 3)

        // A damaged file is not used (and is written again from the projections).
        var bytes = try Data(contentsOf: URL(fileURLWithPath: snapshot))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: snapshot))
        let afterDamage = try LotlineStore(path: path)
        try expectIndexMatchesSQL(afterDamage)
        #expect(afterDamage.traceIndex.source == .projections)
        #expect(try LotlineStore(path: path).buildTraceIndex().edges == afterDamage.buildTraceIndex().edges)

        // Another database's snapshot names an event this ledger does not hold: not used.
        let otherPath = directory.appendingPathComponent("other.sqlite").path
        _ = try generated(rawLots: 12, seed: 2, in: LotlineStore(path: otherPath)).buildTraceIndex()
        try FileManager.default.removeItem(atPath: snapshot)
        try FileManager.default.copyItem(atPath: otherPath + "-index", toPath: snapshot)
        let foreign = try LotlineStore(path: path)
        try expectIndexMatchesSQL(foreign)
        #expect(foreign.traceIndex.source == .projections)

        // A rebuild of the projections removes the snapshot.
        _ = try foreign.rebuild()
        #expect(!FileManager.default.fileExists(atPath: snapshot))
    }

    @Test func aReadNeverWritesTheSnapshotSavingIsAStepOfItsOwn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plant.sqlite").path
        var generator = PlantGenerator(rawLots: 20, seed: 4)
        try generator.run(in: try LotlineStore(path: path))
        let snapshot = LotlineStore.traceIndexSnapshotPath(database: path)
        #expect(!FileManager.default.fileExists(atPath: snapshot))
        // Traces and reaches build the index in memory and leave the file alone...
        let store = try LotlineStore(path: path)
        let lot = try #require(try store.sampleLots(origin: .receipt, count: 1, seed: 1).first)
        _ = try store.trace(lot.rawValue, direction: .forward, today: TestPlant.utcToday)
        _ = try store.reach([lot], direction: .backward)
        #expect(!FileManager.default.fileExists(atPath: snapshot))
        // ... and the explicit step saves it, for the next process to start from.
        try store.saveTraceIndexIfStale()
        #expect(FileManager.default.fileExists(atPath: snapshot))
        #expect(try LotlineStore(path: path).buildTraceIndex().edges > 0)
    }

    @Test func generatorIsDeterministic() throws {
        func fingerprint(_ store: LotlineStore) throws -> [String] {
            try store.read { db in
                try String.fetchAll(db, sql: "SELECT number || ':' || item || ':' || quantity || ':' || status FROM lots ORDER BY number")
                    + String.fetchAll(db, sql: "SELECT input || '>' || output || ':' || quantity || ':' || certainty FROM genealogy_edges ORDER BY 1")
                    + String.fetchAll(db, sql: "SELECT parent || '>' || child || ':' || quantity FROM lot_parents ORDER BY 1")
            }
        }
        let a = try fingerprint(generated(rawLots: 25, seed: 7))
        let b = try fingerprint(generated(rawLots: 25, seed: 7))
        let c = try fingerprint(generated(rawLots: 25, seed: 8))
        #expect(a == b)
        #expect(a != c)
    }
}
