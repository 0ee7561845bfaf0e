import Foundation
import GRDB
import LotlineCore

extension LotlineStore {
    /// Recomputes the whole hash chain and names the first event that was edited, deleted, inserted or reordered.
    public func verify() throws -> AuditReport {
        try read { db in try Self.verify(db) }
    }

    /// Streams the ledger once, holding only the event before the current one: years of history verify in constant memory.
    static func verify(_ db: Database) throws -> AuditReport {
        var count = 0
        var previous: LedgerEvent?
        var expectedPrev = HashChain.genesis
        var expectedSeq: Int64 = 1
        func breach(_ kind: AuditReport.Breach, _ event: LedgerEvent, _ message: String) throws -> AuditReport {
            let total = try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM events") ?? 0
            let last = try db.fetchOne(String.self, sql: "SELECT hash FROM events ORDER BY seq DESC LIMIT 1")
            return AuditReport(
                ok: false, eventCount: total, headHash: last ?? HashChain.genesis, breach: kind, seq: event.seq, eventID: event.id, message: message)
        }
        /// The breach this event shows, if any, given the events before it.
        func check(_ event: LedgerEvent) throws -> AuditReport? {
            if event.seq != expectedSeq {
                return try breach(
                    .deleted, event,
                    "event \(expectedSeq) is missing: the ledger jumps from event \(expectedSeq - 1) to event \(event.seq) (deleted)")
            }
            if HashChain.hash(event) != event.hash {
                return try breach(
                    .edited, event, "event \(event.seq) (\(event.type), id \(event.id)) was edited: its content no longer matches its hash")
            }
            guard event.prevHash != expectedPrev else { return nil }
            // Only on a break: is the event this one was chained to further on (reordered)?
            if let earlier = try db.fetchRow(
                sql: "SELECT seq, id FROM events WHERE hash = ? AND seq > ? ORDER BY seq LIMIT 1", arguments: [event.prevHash, event.seq])
            {
                let id: String = earlier["id"]
                let seq: Int64 = earlier["seq"]
                return try breach(
                    .reordered, event,
                    "event \(event.seq) (\(event.type), id \(event.id)) is out of order: it was recorded after event id \(id), which now stands at \(seq)"
                )
            }
            if let inserted = previous, event.prevHash == inserted.prevHash {
                return try breach(
                    .inserted, inserted,
                    "event \(inserted.seq) (\(inserted.type), id \(inserted.id)) was inserted: event \(event.seq) was chained to the event before it"
                )
            }
            return try breach(
                .deleted, event, "the event recorded before event \(event.seq) (\(event.type), id \(event.id)) is missing (deleted)")
        }
        var found: AuditReport?
        try Ledger.forEachEvent(db) { event in
            found = try check(event)
            guard found == nil else { return false }
            expectedPrev = event.hash
            expectedSeq += 1
            count += 1
            previous = event
            return true
        }
        if let found { return found }
        if let head = try db.fetchRow(sql: "SELECT seq, hash FROM ledger_head WHERE id = 1") {
            let headSeq: Int64 = head["seq"]
            let headHash: String = head["hash"]
            if headSeq > count {
                return AuditReport(
                    ok: false, eventCount: count, headHash: expectedPrev, breach: .deleted, seq: Int64(count + 1), eventID: nil,
                    message:
                        "events \(count + 1) to \(headSeq) are missing: the ledger head records \(headSeq) events, the last left is \(previous.map { "\($0.seq)" } ?? "none") (deleted)"
                )
            }
            if headSeq < count || headHash != expectedPrev {
                let extraSeq = min(headSeq + 1, Int64(count))
                if let extra = try Ledger.events(db, where: "seq = ?", arguments: [extraSeq]).first {
                    return try breach(
                        .inserted, extra,
                        "event \(extra.seq) (\(extra.type), id \(extra.id)) was inserted after the recorded head of the ledger (event \(headSeq))")
                }
            }
        } else if count > 0 {
            if let first = try Ledger.events(db, where: "seq = 1").first {
                return try breach(.inserted, first, "the ledger head is missing while \(count) events exist")
            }
        }
        // Projections that record events the ledger does not hold: events deleted together with the head.
        let recorded =
            try db.fetchOne(Int64.self, sql: "SELECT max(m) FROM (SELECT max(seq) AS m FROM lot_events UNION ALL SELECT max(created_seq) FROM lots)")
            ?? 0
        let anyRow = try Schema.projectionTables.contains { try db.fetchOne(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM \($0))") ?? false }
        if recorded > count || (count == 0 && anyRow) {
            return AuditReport(
                ok: false, eventCount: count, headHash: expectedPrev, breach: .deleted, seq: Int64(count + 1), eventID: nil,
                message: count == 0
                    ? "the ledger is empty but the projections hold data (lots, master data): its events were deleted"
                    : "the projections record events up to \(recorded) but the ledger ends at event \(count): events were deleted (with the head)")
        }
        if let misbound = try Signing.firstMisbound(db) {
            return AuditReport(
                ok: false, eventCount: count, headHash: expectedPrev, breach: .signature, seq: misbound.seq, eventID: misbound.id,
                message: misbound.message)
        }
        return AuditReport(ok: true, eventCount: count, headHash: expectedPrev, breach: nil, seq: nil, eventID: nil, message: nil)
    }

    /// The sequence number of the event with this hash, if the ledger holds one.
    public func head() throws -> LedgerPosition {
        try read { db in
            let head = try LedgerHead.read(db)
            return LedgerPosition(seq: head.seq, hash: head.hash, rebuilds: try Self.rebuilds(db))
        }
    }

    public func eventSeq(hash: String) throws -> Int64? {
        try read { db in try db.fetchOne(Int64.self, sql: "SELECT seq FROM events WHERE hash = ?", arguments: [hash]) }
    }

    /// Empties every projection and replays the whole ledger through the same projection code, in one transaction.
    /// Refuses when the chain does not verify, since a tampered ledger must not become the current state.
    @discardableResult
    public func rebuild() throws -> Int {
        defer { traceIndex.invalidate() }
        return try write { db in
            let report = try Self.verify(db)
            guard report.ok else {
                throw LotlineError(
                    .integrity, "ledger-broken", "the ledger does not verify, so projections are not rebuilt from it: \(report.message ?? "")",
                    value: report.seq.map { String($0) })
            }
            for table in Schema.projectionTables { try db.run(sql: "DELETE FROM \(table)") }
            // Counted in the file's header (SQLite's user_version, used for nothing else), in the same transaction: what a
            // server keeps of earlier answers is dropped when it sees the count move, as when the ledger grows.
            try db.execute(sql: "PRAGMA user_version = \(try Self.rebuilds(db) + 1)")
            // Streamed: the ledger is read one event at a time while the projections are written.
            var count = 0
            try Ledger.forEachEvent(db) { event in
                try Self.replay(event, db: db)
                count += 1
                return true
            }
            return count
        }
    }

    /// How many times the projections were rebuilt in this file.
    static func rebuilds(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    /// Every projection table's rows in a fixed order, as text: two databases with the same state give the same dump.
    public func projectionDump() throws -> [String: [String]] {
        try read { db in
            var dump: [String: [String]] = [:]
            for table in Schema.projectionTables {
                let rows = try db.fetchRows(sql: "SELECT * FROM \(table)")
                // Columns by name: a column a later migration added (or an upgrade added again) may sit anywhere in the table.
                dump[table] = rows.map { row in row.columnNames.sorted().map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|") }.sorted()
            }
            return dump
        }
    }
}
