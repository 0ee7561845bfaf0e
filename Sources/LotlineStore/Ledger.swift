import Foundation
import GRDB
import LotlineCore

/// Appends events to the hash chain and projects each one, inside the caller's transaction.
enum Ledger {
    /// Appends one command's events and moves the stored head past them.
    static func append(_ pending: [PendingEvent], context: CommandContext, recordedAt: Date, db: Database) throws -> [LedgerEvent] {
        var head = try LedgerHead.read(db)
        let appended = try append(pending, context: context, recordedAt: recordedAt, after: &head, db: db)
        try head.write(db)
        return appended
    }

    /// Appends events after `head` and moves it past them; the caller stores the head (a batch, once at its end).
    static func append(
        _ pending: [PendingEvent], context: CommandContext, recordedAt: Date, after head: inout LedgerHead, db: Database
    ) throws -> [LedgerEvent] {
        var seq = head.seq
        var prevHash = head.hash
        let recorded = recordedTimestamp(recordedAt)
        var appended: [LedgerEvent] = []
        for event in pending {
            seq += 1
            var row = LedgerEvent(
                seq: seq, id: EventID.make(at: recordedAt), type: event.body.type, payload: CanonicalJSON.encode(event.body),
                actor: context.actor, businessTime: (event.businessTime ?? context.now).text, recordedAt: recorded,
                reason: event.reason, corrects: event.corrects, prevHash: prevHash, hash: "", ref: event.ref)
            try TimeOrder.check(event.body.recorded, at: row.businessTime, db: db)
            try requireNoControlCharacters(row)
            row.hash = HashChain.hash(row)
            row.appendedBody = event.body
            try insert(row, db: db)
            try Projector.apply(event.body.recorded, of: row, db: db)
            prevHash = row.hash
            appended.append(row)
        }
        head = LedgerHead(seq: seq, hash: prevHash)
        return appended
    }

    static func insert(_ event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO events (seq, id, type, payload, actor, business_time, recorded_at, reason, corrects, prev_hash, hash, ref)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.seq, event.id, event.type, event.payload, event.actor, event.businessTime, event.recordedAt, event.reason,
                event.corrects, event.prevHash, event.hash, event.ref,
            ])
    }

    /// Nothing stored in the ledger holds a control character: every command's strings end in its events' payloads (checked
    /// in one pass over the canonical JSON), its reason or its ref.
    static func requireNoControlCharacters(_ event: LedgerEvent) throws {
        if let scalar = TextInput.firstControlCharacter(inCanonicalJSON: event.payload) {
            throw LotlineError.badInput(
                "control-character",
                "a text of this \(event.type) holds a control character (U+\(String(format: "%04X", scalar))); text may not hold line breaks, "
                    + "tabs or other control characters", value: nil)
        }
        for (field, text) in [("reason", event.reason), ("ref", event.ref)] {
            if let text { try TextInput.requireNoControlCharacters(text, field: field) }
        }
    }

    /// Rethrows a refusal; when the ledger found a control character in what it would store, names the field of the
    /// command that carried it instead (reflection runs only on this refusal, never on the hot path).
    static func nameControlCharacterField(of error: any Error, in command: some LotlineCommand) throws -> Never {
        if (error as? LotlineError)?.code == "control-character" { try TextInput.requireNoControlCharacters(in: command) }
        throw error
    }

    /// Refuses an external id some event already carries: the same source record is never applied twice.
    static func requireNew(ref: String, db: Database) throws {
        guard let row = try db.fetchRow(sql: "SELECT seq, type, business_time FROM events WHERE ref = ?", arguments: [ref]) else { return }
        throw LotlineError.refused(
            "ref-already-applied",
            "ref '\(ref)' was applied already, as event \(row["seq"] as Int64) (\(row["type"] as String) at \(row["business_time"] as String))",
            value: ref)
    }

    /// Every event in chain order.
    static func events(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [LedgerEvent] {
        try db.fetchRows(sql: "SELECT * FROM events WHERE \(condition) ORDER BY seq", arguments: arguments).map(event(from:))
    }

    /// Every event in chain order, one at a time: years of history read in constant memory. `body` returns false to stop.
    static func forEachEvent(_ db: Database, _ body: (LedgerEvent) throws -> Bool) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY seq")
        while let row = try rows.next() {
            guard try body(event(from: row)) else { return }
        }
    }

    static func event(from row: Row) -> LedgerEvent {
        LedgerEvent(
            seq: row["seq"], id: row["id"], type: row["type"], payload: row["payload"], actor: row["actor"],
            businessTime: row["business_time"], recordedAt: row["recorded_at"], reason: row["reason"], corrects: row["corrects"],
            prevHash: row["prev_hash"], hash: row["hash"], ref: row["ref"])
    }

    /// Server record time: UTC with milliseconds.
    static func recordedTimestamp(_ date: Date) -> String {
        BusinessTime.utcTimestamp(date)
    }
}

/// The last event's sequence number and hash, kept in one row so removing the newest events cannot go unnoticed.
struct LedgerHead: Equatable {
    var seq: Int64
    var hash: String

    static func read(_ db: Database) throws -> LedgerHead {
        let row = try db.fetchRow(sql: "SELECT seq, hash FROM ledger_head WHERE id = 1")
        return LedgerHead(seq: row?["seq"] ?? 0, hash: row?["hash"] ?? HashChain.genesis)
    }

    func write(_ db: Database) throws {
        try db.run(
            sql: "INSERT INTO ledger_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            arguments: [seq, hash])
    }
}
