import Foundation
import GRDB
import LotlineCore

extension LotlineStore {
    /// Replays the stored events (no command is decided again) into a scratch database beside `directory`, then compares
    /// every projection table with the live one row by row, and the saved trace index with one built from the replayed
    /// projections. Reads the live database in one transaction, so it checks one consistent state while others write.
    public func verifyProjections(scratchDirectory: String) throws -> ProjectionAudit {
        let started = Date()
        var audit = ProjectionAudit(chain: try verify(), ok: false)
        guard audit.chain.ok else { return audit }
        let path = URL(fileURLWithPath: scratchDirectory).appendingPathComponent("lotline-verify-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // A scratch copy: nothing in it needs to survive a crash.
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF; PRAGMA cache_size = -65536")
        }
        let scratch = try DatabaseQueue(path: path, configuration: configuration)
        try Schema.migrator.migrate(scratch)
        try read { live in
            // The saved index is compared with one built from the replay as of the event it was saved at.
            let saved = try traceIndex.savedSnapshot(live)
            try scratch.inTransaction { db in
                try Ledger.forEachEvent(live) { event in
                    try Ledger.insert(event, db: db)
                    try Self.replay(event, db: db)
                    if let saved, saved.seq == event.seq {
                        let fresh = try SQLTrace.loadIndex(db)
                        let difference = saved.index.firstDifference(from: fresh, names: (this: "the saved index", other: "the ledger's replay"))
                        audit.index =
                            difference.map { "the saved trace index at event \(event.seq): \($0)" }
                            ?? "matches at event \(event.seq)"
                        audit.indexOK = difference == nil
                    }
                    return true
                }
                return .commit
            }
            try scratch.read { rebuilt in
                for table in Schema.projectionTables {
                    audit.tables += 1
                    if let difference = try Self.firstDifference(table, live: live, rebuilt: rebuilt, rows: &audit.rows) {
                        audit.difference = difference
                        return
                    }
                }
            }
        }
        audit.ok = audit.difference == nil && audit.indexOK
        audit.seconds = Date().timeIntervalSince(started)
        return audit
    }

    /// Projects one stored event; an event the projections cannot take is named with the rule it broke.
    static func replay(_ event: LedgerEvent, db: Database) throws {
        do {
            try Projector.apply(try event.body().recorded, of: event, db: db)
        } catch {
            let reason = (error as? LotlineError)?.message ?? (error as? DatabaseError)?.message ?? "\(error)"
            throw LotlineError(
                .integrity, "event-not-replayable",
                "event \(event.seq) (\(event.type), id \(event.id)) cannot be replayed: \(reason); the projections it was decided against "
                    + "were not what the ledger gives (edited behind the ledger's back?)",
                value: String(event.seq))
        }
    }

    /// The first row where a table differs between the live database and the replayed one, described.
    private static func firstDifference(_ table: String, live: Database, rebuilt: Database, rows: inout Int) throws -> String? {
        let columns = try Row.fetchAll(live, sql: "PRAGMA table_info(\(table))")
        let names: [String] = columns.map { $0["name"] }
        let keys: [String] = columns.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] }
        let order = (keys.isEmpty ? names : keys + names.filter { !keys.contains($0) }).map { "\"\($0)\"" }.joined(separator: ", ")
        let sql = "SELECT * FROM \(table) ORDER BY \(order)"
        let liveRows = try Row.fetchCursor(live, sql: sql)
        let rebuiltRows = try Row.fetchCursor(rebuilt, sql: sql)
        func key(_ row: Row) -> String {
            (keys.isEmpty ? names : keys).map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: ", ")
        }
        while true {
            let mine = try liveRows.next()
            let theirs = try rebuiltRows.next()
            switch (mine, theirs) {
            case (nil, nil): return nil
            case (let row?, nil):
                return "\(table): the live row (\(key(row))) is not in the ledger's replay (added behind the ledger's back)"
            case (nil, let row?):
                return "\(table): the row the ledger gives (\(key(row))) is missing from the live database (deleted behind the ledger's back)"
            case (let row?, let expected?):
                rows += 1
                // By column name: an upgraded file may hold its columns in another order than a fresh one.
                guard let column = names.first(where: { (row[$0] as DatabaseValue) != (expected[$0] as DatabaseValue) }) else { continue }
                if key(row) != key(expected) {
                    return "\(table): the live rows differ from the ledger's replay at (\(key(row))) / (\(key(expected)))"
                }
                return
                    "\(table) (\(key(row))): column \(column) is \(row[column] as DatabaseValue) live but \(expected[column] as DatabaseValue) in the ledger's replay"
            }
        }
    }
}
