import Foundation
import GRDB
import LotlineCore

/// Recalls and drills, and the holds a recall puts on lots.
enum RecallProjection {
    static func started(_ e: RecallStarted, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO recalls (id, kind, target, reason, via_ancestor, starting_lots, held_lots, affected_count, at, actor, seq, certainty)
                VALUES (?, 'recall', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                e.recall, e.target, e.reason, e.viaAncestor?.rawValue, CanonicalJSON.encode(e.startingLots), CanonicalJSON.encode(e.held.map(\.lot)),
                e.affectedCount, event.businessTime, event.actor, event.seq, e.certainty?.rawValue,
            ])
        for held in e.held {
            // A lot already on an ordinary hold stays on it; the recall's hold is added on top.
            if held.from != .onHold {
                try LotProjection.update(held.lot, set: "status = 'on_hold', held_from = ?", [held.from.rawValue], db: db)
            }
            try claim(held.lot, for: e.recall, heldFrom: held.from, seq: event.seq, db: db)
        }
        for hold in e.heldOrders ?? [] {
            try db.run(
                sql: "INSERT INTO work_order_holds (work_order, lot, recall, seq) VALUES (?, ?, ?, ?)",
                arguments: [hold.workOrder.rawValue, hold.lot.rawValue, hold.recall ?? e.recall, event.seq])
        }
        try LotProjection.useSequence(e.sequence, db: db)
    }

    /// Records that a recall holds a lot, and the status its release returns the lot to.
    static func claim(_ lot: LotNumber, for recall: String, heldFrom: LotStatus, seq: Int64, db: Database) throws {
        try db.run(
            sql: "INSERT OR IGNORE INTO recall_holds (recall, lot, held_from, seq) VALUES (?, ?, ?, ?)",
            arguments: [recall, lot.rawValue, heldFrom.rawValue, seq])
    }

    static func dispositioned(_ e: RecallLotDispositioned, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                UPDATE recall_holds SET disposition = ?, disposition_reason = ?, disposition_note = ?, disposition_actor = ?, disposition_at = ?,
                    disposition_seq = ?
                WHERE recall = ? AND lot = ?
                """,
            arguments: [
                e.disposition.rawValue, e.reason.rawValue, e.note, event.actor, event.businessTime, event.seq, e.recall, e.lot.rawValue,
            ])
        switch e.to {
        case .onHold: break  // still held: by another recall, or on an ordinary hold for the rework
        case .scrapped: break  // the `lot.scrapped` event that follows empties it
        default: try LotProjection.update(e.lot, set: "status = ?, held_from = NULL", [e.to.rawValue], db: db)
        }
    }

    /// An ordinary hold or release; a hold also stops the future output of orders that consumed the lot.
    static func statusChanged(_ e: LotStatusChanged, event: LedgerEvent, db: Database) throws {
        let heldFrom = e.to == .onHold ? e.from.rawValue : nil
        try LotProjection.update(e.lot, set: "status = ?, held_from = ?", [e.to.rawValue, heldFrom], db: db)
        for order in e.heldOrders ?? [] {
            try db.run(
                sql: "INSERT INTO work_order_holds (work_order, lot, recall, seq) VALUES (?, ?, NULL, ?)",
                arguments: [order.rawValue, e.lot.rawValue, event.seq])
        }
        if e.from == .onHold && e.to != .rejected {
            try db.run(sql: "DELETE FROM work_order_holds WHERE lot = ? AND recall IS NULL", arguments: [e.lot.rawValue])
        }
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

extension LotlineStore {
    /// Recalls and drills, oldest first; only drills when asked.
    public func recalls(drillsOnly: Bool = false) throws -> [RecallRecord] {
        try read { db in
            try db.fetchRows(sql: "\(Self.recordSelect) WHERE ? = 0 OR kind = 'drill' ORDER BY seq", arguments: [drillsOnly]).map(Self.record)
        }
    }

    /// The live report of a recall (what its lots are doing now), or of any lot, supplier lot or heat when no recall has that id.
    public func recallReport(_ id: String, viaAncestor: String? = nil, certainty: Certainty? = nil, today: CalendarDate) throws -> RecallReport {
        try read { db in
            let state = SQLiteLedgerState(db: db, traceIndex: traceIndex)
            if let row = try db.fetchRow(sql: "\(Self.recordSelect) WHERE id = ?", arguments: [id.uppercased()]) {
                let record = Self.record(row)
                return try state.recallReport(
                    id: record.id, target: record.target, reason: record.reason, startingLots: record.startingLots, today: today
                ).narrowed(to: certainty ?? record.certainty)
            }
            let starts = try RecallTargets.resolve(id, viaAncestor: viaAncestor, state: state)
            return try state.recallReport(id: nil, target: id, reason: nil, startingLots: starts, today: today).narrowed(to: certainty)
        }
    }

    /// A receiving lot picked at random, as a quarterly drill prescribes.
    public func randomReceiptLot() throws -> LotNumber? {
        try read { db in
            try db.fetchOne(String.self, sql: "SELECT number FROM lots WHERE origin = 'receipt' ORDER BY random() LIMIT 1").map(
                LotNumber.init(rawValue:))
        }
    }

    /// A recall's row with the count of its lots still without a disposition.
    static let recordSelect = """
        SELECT r.*, (SELECT COUNT(*) FROM recall_holds h WHERE h.recall = r.id AND h.disposition IS NULL) AS undispositioned FROM recalls r
        """

    static func record(_ row: Row) -> RecallRecord {
        let decode = { (text: String?) -> [String] in
            text.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        }
        return RecallRecord(
            id: row["id"], kind: row["kind"], target: row["target"], reason: row["reason"],
            startingLots: decode(row["starting_lots"]).map(LotNumber.init(rawValue:)),
            heldLots: decode(row["held_lots"]).map(LotNumber.init(rawValue:)),
            affectedCount: row["affected_count"], customerCount: row["customer_count"], balanced: row["balanced"], gaps: decode(row["gaps"]),
            elapsedSeconds: row["elapsed_s"], at: row["at"], actor: row["actor"],
            certainty: (row["certainty"] as String?).flatMap(Certainty.init(rawValue:)), closedAt: row["closed_at"],
            undispositioned: row["undispositioned"])
    }
}
