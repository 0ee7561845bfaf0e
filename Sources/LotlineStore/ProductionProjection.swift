import Foundation
import GRDB
import LotlineCore

/// How production, shipping and resource events change their projection tables.
enum ProductionProjection {
    static func bomLineSet(_ e: BomLineSet, db: Database) throws {
        try db.run(
            sql: "INSERT OR REPLACE INTO bom_lines (item, component, quantity_per, unit) VALUES (?, ?, ?, ?)",
            arguments: [e.item.rawValue, e.line.component.rawValue, Quantity.format(e.line.quantityPer.amount), e.line.quantityPer.unit])
    }

    static func bomLineRemoved(_ e: BomLineRemoved, db: Database) throws {
        try db.run(sql: "DELETE FROM bom_lines WHERE item = ? AND component = ?", arguments: [e.item.rawValue, e.component.rawValue])
    }

    static func routingOperationSet(_ e: RoutingOperationSet, db: Database) throws {
        let op = e.operation
        try db.run(
            sql:
                """
                INSERT OR REPLACE INTO routing_operations (item, seq, name, work_center, qualification, special_process, final_inspection,
                    setup_minutes, run_minutes, alternatives)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                e.item.rawValue, op.seq, op.name, op.workCenter, op.qualification?.rawValue, op.specialProcess?.rawValue, op.finalInspection,
            ] + planningColumns(op))
    }

    /// Setup and run minutes and alternative work centers, as stored on routing and order operations.
    static func planningColumns(_ op: RoutingOperation) -> StatementArguments {
        [
            op.setupMinutes.map(Quantity.format), op.runMinutes.map(Quantity.format),
            op.alternatives.map { String(decoding: try! JSONEncoder().encode($0.map(\.rawValue)), as: UTF8.self) },
        ]
    }

    static func routingOperationRemoved(_ e: RoutingOperationRemoved, db: Database) throws {
        try db.run(sql: "DELETE FROM routing_operations WHERE item = ? AND seq = ?", arguments: [e.item.rawValue, e.seq])
    }

    static func toolDefined(_ e: ToolDefined, db: Database) throws {
        try db.run(
            sql: "INSERT INTO tools (code, name, calibrated_until) VALUES (?, ?, ?)",
            arguments: [e.tool.code.rawValue, e.tool.name, e.tool.calibratedUntil?.description])
    }

    static func toolCalibrated(_ e: ToolCalibrated, db: Database) throws {
        try db.run(
            sql: "UPDATE tools SET calibrated_until = ?, certificate = ? WHERE code = ?",
            arguments: [e.until.description, e.certificate, e.tool.rawValue])
    }

    static func operatorDefined(_ e: OperatorDefined, db: Database) throws {
        try db.run(sql: "INSERT INTO operators (code, name) VALUES (?, ?)", arguments: [e.code.rawValue, e.name])
    }

    static func operatorQualified(_ e: OperatorQualified, db: Database) throws {
        try db.run(
            sql: "INSERT OR REPLACE INTO qualifications (operator, code, until) VALUES (?, ?, ?)",
            arguments: [e.operatorCode.rawValue, e.qualification.code.rawValue, e.qualification.until.description])
    }

    static func supplierAccredited(_ e: SupplierAccredited, db: Database) throws {
        let a = e.accreditation
        try db.run(
            sql: "INSERT OR REPLACE INTO accreditations (supplier, process, certificate, until) VALUES (?, ?, ?, ?)",
            arguments: [a.supplier.rawValue, a.process.rawValue, a.certificate, a.until.description])
    }

    static func workOrderStatusChanged(_ e: WorkOrderStatusChanged, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                UPDATE work_orders SET status = ?1,
                    released_at = CASE WHEN ?1 = 'released' THEN coalesce(released_at, ?2) ELSE released_at END
                WHERE number = ?3
                """,
            arguments: [e.to.rawValue, event.businessTime, e.number.rawValue])
    }

    static func recallClosed(_ e: RecallClosed, event: LedgerEvent, db: Database) throws {
        try db.run(sql: "UPDATE recalls SET closed_at = ? WHERE id = ?", arguments: [event.businessTime, e.recall])
        try db.run(sql: "DELETE FROM work_order_holds WHERE recall = ?", arguments: [e.recall])
    }

    /// Seconds since 1970 of an event's business time, so times in different offsets compare correctly.
    static func epoch(_ event: LedgerEvent) throws -> Double {
        try BusinessTime.parse(event.businessTime, timeZone: .utc).date.timeIntervalSince1970
    }
}

/// Stock quantities of lots as material moves to work orders, customers and back.
enum Stock {
    static func quantity(of lot: LotNumber, db: Database) throws -> Quantity {
        guard let row = try db.fetchRow(sql: "SELECT quantity, unit FROM lots WHERE number = ?", arguments: [lot.rawValue]) else {
            throw LotlineError(
                .integrity, "projection-missing-lot", "the projection has no lot \(lot); run `lotline admin rebuild`", value: lot.rawValue)
        }
        return Rows.quantity(row["quantity"], row["unit"])
    }

    /// Adds (or with a negative amount, takes) stock.
    static func change(_ lot: LotNumber, by amount: Decimal, db: Database) throws {
        let current = try quantity(of: lot, db: db)
        try LotProjection.setQuantity(lot, Quantity(current.amount + amount, current.unit), db: db)
    }

    /// Gives the lots an event used up the status they end in, once the event's quantities are applied. An event says
    /// which lots (`emptied`); one recorded before events said so is read as it always was: each lot it took material from
    /// that has nothing left in stock or at any work order.
    static func applyEmptying(_ emptying: Emptying, db: Database) throws {
        let lots = try emptying.recorded ?? emptying.candidates.filter { try isUsedUp($0, db: db) }
        for lot in lots {
            try db.run(
                sql: "UPDATE lots SET status = ?, held_from = NULL WHERE number = ? AND status IN ('quarantine', 'released', 'on_hold', 'rejected')",
                arguments: [emptying.status.rawValue, lot.rawValue])
        }
    }

    /// Nothing left in stock and nothing at any work order.
    private static func isUsedUp(_ lot: LotNumber, db: Database) throws -> Bool {
        guard try quantity(of: lot, db: db).isZero else { return false }
        return try db.fetchRows(sql: "SELECT * FROM wip WHERE lot = ?", arguments: [lot.rawValue]).map(Rows.wip).allSatisfy { $0.remaining.isZero }
    }
}
