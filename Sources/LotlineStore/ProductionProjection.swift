import Foundation
import GRDB
import LotlineCore

/// How production, shipping and resource events change their projection tables.
enum ProductionProjection {
    static func apply(_ body: any EventBody, of event: LedgerEvent, db: Database) throws -> Bool {
        switch body {
        case let e as BomLineSet:
            try db.run(
                sql: "INSERT OR REPLACE INTO bom_lines (item, component, quantity_per, unit) VALUES (?, ?, ?, ?)",
                arguments: [e.item.rawValue, e.line.component.rawValue, Quantity.format(e.line.quantityPer.amount), e.line.quantityPer.unit])
        case let e as BomLineRemoved:
            try db.run(sql: "DELETE FROM bom_lines WHERE item = ? AND component = ?", arguments: [e.item.rawValue, e.component.rawValue])
        case let e as RoutingOperationSet:
            let op = e.operation
            try db.run(
                sql:
                    """
                    INSERT OR REPLACE INTO routing_operations (item, seq, name, work_center, qualification, special_process, final_inspection)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    e.item.rawValue, op.seq, op.name, op.workCenter, op.qualification?.rawValue, op.specialProcess?.rawValue, op.finalInspection,
                ])
        case let e as RoutingOperationRemoved:
            try db.run(sql: "DELETE FROM routing_operations WHERE item = ? AND seq = ?", arguments: [e.item.rawValue, e.seq])
        case let e as ToolDefined:
            try db.run(
                sql: "INSERT INTO tools (code, name, calibrated_until) VALUES (?, ?, ?)",
                arguments: [e.tool.code.rawValue, e.tool.name, e.tool.calibratedUntil?.description])
        case let e as ToolCalibrated:
            try db.run(
                sql: "UPDATE tools SET calibrated_until = ?, certificate = ? WHERE code = ?",
                arguments: [e.until.description, e.certificate, e.tool.rawValue])
        case let e as OperatorDefined:
            try db.run(sql: "INSERT INTO operators (code, name) VALUES (?, ?)", arguments: [e.code.rawValue, e.name])
        case let e as OperatorQualified:
            try db.run(
                sql: "INSERT OR REPLACE INTO qualifications (operator, code, until) VALUES (?, ?, ?)",
                arguments: [e.operatorCode.rawValue, e.qualification.code.rawValue, e.qualification.until.description])
        case let e as SupplierAccredited:
            let a = e.accreditation
            try db.run(
                sql: "INSERT OR REPLACE INTO accreditations (supplier, process, certificate, until) VALUES (?, ?, ?, ?)",
                arguments: [a.supplier.rawValue, a.process.rawValue, a.certificate, a.until.description])
        case let e as WorkOrderCreated: try WorkOrderProjection.created(e, event: event, db: db)
        case let e as WorkOrderStatusChanged:
            try db.run(
                sql: """
                    UPDATE work_orders SET status = ?1,
                        released_at = CASE WHEN ?1 = 'released' THEN coalesce(released_at, ?2) ELSE released_at END
                    WHERE number = ?3
                    """,
                arguments: [e.to.rawValue, event.businessTime, e.number.rawValue])
        case let e as MaterialIssued: try WorkOrderProjection.issued(e, event: event, db: db)
        case let e as MaterialReturned: try WorkOrderProjection.returned(e, db: db)
        case let e as OperationStarted: try WorkOrderProjection.started(e, event: event, db: db)
        case let e as MaterialConsumed: try WorkOrderProjection.consumed(e, event: event, db: db)
        case let e as OperationRecorded: try WorkOrderProjection.recorded(e, event: event, db: db)
        case let e as OperationCompleted: try WorkOrderProjection.completed(e, event: event, db: db)
        case let e as OutputProduced: try WorkOrderProjection.produced(e, event: event, db: db)
        case let e as LotsShipped: try ShipmentProjection.shipped(e, event: event, db: db)
        case let e as ShipmentReturned: try ShipmentProjection.returned(e, event: event, db: db)
        case let e as RecallStarted: try RecallProjection.started(e, event: event, db: db)
        case let e as RecallDrilled: try RecallProjection.drilled(e, event: event, db: db)
        case let e as RecallLotDispositioned: try RecallProjection.dispositioned(e, event: event, db: db)
        case let e as RecallClosed:
            try db.run(sql: "UPDATE recalls SET closed_at = ? WHERE id = ?", arguments: [event.businessTime, e.recall])
            try db.run(sql: "DELETE FROM work_order_holds WHERE recall = ?", arguments: [e.recall])
        default: return false
        }
        return true
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

    /// Adds (or with a negative amount, takes) stock; a lot left with no stock and nothing at a work order takes `emptyStatus`.
    static func change(_ lot: LotNumber, by amount: Decimal, emptyStatus: LotStatus, db: Database) throws {
        let current = try quantity(of: lot, db: db)
        try LotProjection.setQuantity(lot, Quantity(current.amount + amount, current.unit), emptyStatus: emptyStatus, db: db)
    }

    /// Gives a lot with nothing left anywhere its final status; a lot with material still at a work order keeps its own.
    /// `stock` is the lot's quantity when the caller has just set it.
    static func markEmpty(_ lot: LotNumber, as status: LotStatus, stock: Quantity? = nil, db: Database) throws {
        guard try (stock ?? quantity(of: lot, db: db)).isZero else { return }
        let atWorkOrders = try db.fetchRows(sql: "SELECT * FROM wip WHERE lot = ?", arguments: [lot.rawValue]).map(Rows.wip)
        guard atWorkOrders.allSatisfy({ $0.remaining.isZero }) else { return }
        try db.run(
            sql: "UPDATE lots SET status = ?, held_from = NULL WHERE number = ? AND status IN ('quarantine', 'released', 'on_hold', 'rejected')",
            arguments: [status.rawValue, lot.rawValue])
    }
}
