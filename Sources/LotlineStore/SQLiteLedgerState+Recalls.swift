import Foundation
import GRDB
import LotlineCore

/// What recalls, holds on future output and dispositions read from the projections.
extension SQLiteLedgerState {
    func awaitingOutput(of lots: [LotNumber]) throws -> [AwaitingOutput] {
        guard !lots.isEmpty else { return [] }
        var result: [AwaitingOutput] = []
        // A statement per lot keeps the query on the consumptions_lot index however many lots a recall reaches.
        let statement = try db.cachedStatement(
            sql: """
                SELECT c.work_order, w.item, c.op_seq, o.name, c.lot, c.quantity, c.unit, w.quantity AS ordered, w.produced
                FROM consumptions c JOIN work_orders w ON w.number = c.work_order
                LEFT JOIN work_order_operations o ON o.work_order = c.work_order AND o.seq = c.op_seq
                WHERE c.lot = ? AND c.into_lot IS NULL AND w.status IN ('planned', 'released') ORDER BY c.work_order, c.op_seq, c.seq
                """)
        for lot in Set(lots).sorted() {
            for row in try Row.fetchAll(statement, arguments: [lot.rawValue]) {
                // An order that has made all it was for makes nothing more.
                guard let ordered = Decimal(string: row["ordered"]), let produced = Decimal(string: row["produced"]), produced < ordered else {
                    continue
                }
                let quantity = Rows.quantity(row["quantity"], row["unit"])
                let workOrder = WorkOrderNumber(rawValue: row["work_order"])
                let operationSeq: Int = row["op_seq"]
                // Rows come by order and operation, so several consumptions at one operation add up into the last entry.
                if let last = result.last, last.lot == lot, last.workOrder == workOrder, last.operationSeq == operationSeq {
                    result[result.count - 1].quantity = Quantity(last.quantity.amount + quantity.amount, quantity.unit)
                    continue
                }
                result.append(
                    AwaitingOutput(
                        workOrder: workOrder, item: PartNumber(rawValue: row["item"]), operationSeq: operationSeq, operationName: row["name"],
                        lot: lot, quantity: quantity, outputHeldBy: try outputHolds(of: workOrder).map { $0.recall ?? $0.lot.rawValue }))
            }
        }
        return result
    }

    func outputHolds(of order: WorkOrderNumber) throws -> [OutputHold] {
        try db.fetchRows(sql: "SELECT lot, recall FROM work_order_holds WHERE work_order = ? ORDER BY id", arguments: [order.rawValue]).map {
            OutputHold(workOrder: order, lot: LotNumber(rawValue: $0["lot"]), recall: $0["recall"])
        }
    }

    func recallHolds(of lot: LotNumber) throws -> [String] {
        try db.fetchAll(
            String.self,
            sql: """
                SELECT h.recall FROM recall_holds h JOIN recalls r ON r.id = h.recall
                WHERE h.lot = ? AND h.disposition IS NULL AND r.closed_at IS NULL ORDER BY h.seq
                """,
            arguments: [lot.rawValue])
    }

    func recall(_ id: String) throws -> RecallState? {
        guard let row = try db.fetchRow(sql: "SELECT kind, closed_at FROM recalls WHERE id = ?", arguments: [id]) else { return nil }
        return RecallState(
            id: id, isDrill: (row["kind"] as String) == "drill", closed: (row["closed_at"] as String?) != nil,
            holds: try Self.recallHolds(recall: id, db: db))
    }

    /// Every lot a recall holds, in the order it came to hold them, with its disposition.
    static func recallHolds(recall id: String, db: Database) throws -> [RecallHoldRecord] {
        try db.fetchRows(sql: "SELECT * FROM recall_holds WHERE recall = ? ORDER BY seq, lot", arguments: [id]).map {
            RecallHoldRecord(
                lot: LotNumber(rawValue: $0["lot"]), heldFrom: LotStatus(rawValue: $0["held_from"]) ?? .released,
                disposition: ($0["disposition"] as String?).flatMap(RecallDisposition.init(rawValue:)),
                reason: ($0["disposition_reason"] as String?).map(ReasonCode.init(rawValue:)), note: $0["disposition_note"],
                actor: $0["disposition_actor"], at: $0["disposition_at"])
        }
    }
}
