import Foundation
import GRDB
import LotlineCore

/// Recalls and drills, and the holds a recall puts on lots.
enum RecallProjection {
    static func started(_ e: RecallStarted, event: LedgerEvent, db: Database) throws {
        for held in e.held {
            try LotProjection.update(held.lot, set: "status = 'on_hold', held_from = ?", [held.from.rawValue], db: db)
        }
        try db.run(
            sql: """
                INSERT INTO recalls (id, kind, target, reason, via_ancestor, starting_lots, held_lots, affected_count, at, actor, seq)
                VALUES (?, 'recall', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                e.recall, e.target, e.reason, e.viaAncestor?.rawValue, CanonicalJSON.encode(e.startingLots), CanonicalJSON.encode(e.held.map(\.lot)),
                e.affectedCount, event.businessTime, event.actor, event.seq,
            ])
        try LotProjection.useSequence(e.sequence, db: db)
    }

    static func drilled(_ e: RecallDrilled, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO recalls (id, kind, target, starting_lots, held_lots, affected_count, customer_count, balanced, gaps, elapsed_s, at, actor, seq)
                VALUES (?, 'drill', ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                e.drill, e.target, CanonicalJSON.encode(e.startingLots), e.affectedCount, e.customerCount, e.balanced, CanonicalJSON.encode(e.gaps),
                e.elapsedSeconds, event.businessTime, event.actor, event.seq,
            ])
        try LotProjection.useSequence(e.sequence, db: db)
    }
}

/// A recall or drill as recorded, for `recall drills` and `recall report`.
public struct RecallRecord: Sendable, Codable {
    public var id: String
    public var kind: String
    public var target: String
    public var reason: String?
    public var startingLots: [LotNumber]
    public var heldLots: [LotNumber]
    public var affectedCount: Int
    public var customerCount: Int?
    public var balanced: Bool?
    public var gaps: [String]
    public var elapsedSeconds: Double?
    public var at: String
    public var actor: String
}

extension LotlineStore {
    /// Recalls and drills, oldest first; only drills when asked.
    public func recalls(drillsOnly: Bool = false) throws -> [RecallRecord] {
        try read { db in
            try db.fetchRows(sql: "SELECT * FROM recalls WHERE ? = 0 OR kind = 'drill' ORDER BY seq", arguments: [drillsOnly]).map(Self.record)
        }
    }

    /// The live report of a recall (what its lots are doing now), or of any lot, supplier lot or heat when no recall has that id.
    public func recallReport(_ id: String, viaAncestor: String? = nil, today: CalendarDate) throws -> RecallReport {
        try read { db in
            let state = SQLiteLedgerState(db: db, traceIndex: traceIndex)
            if let row = try db.fetchRow(sql: "SELECT * FROM recalls WHERE id = ?", arguments: [id.uppercased()]) {
                let record = Self.record(row)
                return try traceIndex.with(db) { index in
                    try RecallEngine(db: db, today: today, index: index).report(
                        id: record.id, target: record.target, reason: record.reason, startingLots: record.startingLots, held: Set(record.heldLots))
                }
            }
            let starts = try RecallTargets.resolve(id, viaAncestor: viaAncestor, state: state)
            return try state.recallReport(id: nil, target: id, reason: nil, startingLots: starts, today: today)
        }
    }

    /// A receiving lot picked at random, as a quarterly drill prescribes.
    public func randomReceiptLot() throws -> LotNumber? {
        try read { db in
            try db.fetchOne(String.self, sql: "SELECT number FROM lots WHERE origin = 'receipt' ORDER BY random() LIMIT 1").map(
                LotNumber.init(rawValue:))
        }
    }

    static func record(_ row: Row) -> RecallRecord {
        let decode = { (text: String?) -> [String] in
            text.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        }
        return RecallRecord(
            id: row["id"], kind: row["kind"], target: row["target"], reason: row["reason"],
            startingLots: decode(row["starting_lots"]).map(LotNumber.init(rawValue:)),
            heldLots: decode(row["held_lots"]).map(LotNumber.init(rawValue:)),
            affectedCount: row["affected_count"], customerCount: row["customer_count"], balanced: row["balanced"], gaps: decode(row["gaps"]),
            elapsedSeconds: row["elapsed_s"], at: row["at"], actor: row["actor"])
    }
}
