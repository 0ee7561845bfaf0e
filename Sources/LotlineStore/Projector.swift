import Foundation
import GRDB
import LotlineCore

/// Brings the projection tables up to date with one event. The same code runs for live commands and for a rebuild,
/// so a rebuilt database equals the live one.
enum Projector {
    static func apply(_ recorded: RecordedEvent, of event: LedgerEvent, db: Database) throws {
        for lot in Set(recorded.body.lots) {
            try db.run(sql: "INSERT INTO lot_events (lot, seq) VALUES (?, ?)", arguments: [lot.rawValue, event.seq])
        }
        try project(recorded, of: event, db: db)
        if let emptying = recorded.emptying { try Stock.applyEmptying(emptying, db: db) }
        try Movements.record(recorded, seq: event.seq, db: db)
    }

    /// One case per event, no default: a new event does not compile until it says which tables it changes.
    private static func project(_ recorded: RecordedEvent, of event: LedgerEvent, db: Database) throws {
        switch recorded {
        case .itemDefined(let e): try saveItem(e.item, db: db)
        case .itemChanged(let e): try saveItem(e.item, db: db)
        case .supplierDefined(let e): try saveSupplier(e.supplier, db: db)
        case .supplierChanged(let e): try saveSupplier(e.supplier, db: db)
        case .namedRecord(let e):
            try db.run(
                sql: "INSERT INTO \(e.table) (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name",
                arguments: [e.code, e.name])
        case .lotSchemeSet(let e):
            try db.run(
                sql: "INSERT OR REPLACE INTO lot_schemes (origin, item, pattern) VALUES (?, ?, ?)",
                arguments: [e.origin.rawValue, e.item?.rawValue ?? "", e.scheme.pattern])
        case .lotReceived(let e): try LotProjection.received(e, event: event, db: db)
        case .lotInspected(let e): try LotProjection.inspected(e, event: event, db: db)
        case .lotStatusChanged(let e): try RecallProjection.statusChanged(e, event: event, db: db)
        case .lotSplit(let e): try LotProjection.split(e, event: event, db: db)
        case .lotsMerged(let e): try LotProjection.merged(e, event: event, db: db)
        case .lotMoved(let e): try LotProjection.update(e.lot, set: "location = ?", [e.to.rawValue], db: db)
        case .lotAdjusted(let e): try LotProjection.setQuantity(e.lot, e.to, db: db)
        case .lotScrapped(let e): try LotProjection.setQuantity(e.lot, e.remaining, db: db)
        case .lotReceiptCorrected(let e): try LotProjection.receiptCorrected(e, db: db)
        case .bomLineSet(let e): try ProductionProjection.bomLineSet(e, db: db)
        case .bomLineRemoved(let e): try ProductionProjection.bomLineRemoved(e, db: db)
        case .routingOperationSet(let e): try ProductionProjection.routingOperationSet(e, db: db)
        case .routingOperationRemoved(let e): try ProductionProjection.routingOperationRemoved(e, db: db)
        case .workCenterSet(let e): try WorkCenterProjection.set(e, db: db)
        case .workCenterShiftsSet(let e): try WorkCenterProjection.shiftsSet(e, db: db)
        case .downtimeRecorded(let e): try WorkCenterProjection.downtimeRecorded(e, event: event, db: db)
        case .schedulePublished(let e): try ScheduleProjection.published(e, event: event, db: db)
        case .operationPinSet(let e): try ScheduleProjection.pinSet(e, db: db)
        case .lotsChosen(let e): try ScheduleProjection.lotsChosen(e, event: event, db: db)
        case .toolDefined(let e): try ProductionProjection.toolDefined(e, db: db)
        case .toolCalibrated(let e): try ProductionProjection.toolCalibrated(e, db: db)
        case .operatorDefined(let e): try ProductionProjection.operatorDefined(e, db: db)
        case .operatorQualified(let e): try ProductionProjection.operatorQualified(e, db: db)
        case .supplierAccredited(let e): try ProductionProjection.supplierAccredited(e, db: db)
        case .workOrderCreated(let e): try WorkOrderProjection.created(e, event: event, db: db)
        case .workOrderStatusChanged(let e): try ProductionProjection.workOrderStatusChanged(e, event: event, db: db)
        case .materialIssued(let e): try WorkOrderProjection.issued(e, event: event, db: db)
        case .materialReturned(let e): try WorkOrderProjection.returned(e, db: db)
        case .operationStarted(let e): try WorkOrderProjection.started(e, event: event, db: db)
        case .materialConsumed(let e): try WorkOrderProjection.consumed(e, event: event, db: db)
        case .operationRecorded(let e): try WorkOrderProjection.recorded(e, event: event, db: db)
        case .operationCompleted(let e): try WorkOrderProjection.completed(e, event: event, db: db)
        case .outputProduced(let e): try WorkOrderProjection.produced(e, event: event, db: db)
        case .lotsShipped(let e): try ShipmentProjection.shipped(e, event: event, db: db)
        case .shipmentReturned(let e): try ShipmentProjection.returned(e, event: event, db: db)
        case .recallStarted(let e): try RecallProjection.started(e, event: event, db: db)
        case .recallDrilled(let e): try RecallProjection.drilled(e, event: event, db: db)
        case .recallLotDispositioned(let e): try RecallProjection.dispositioned(e, event: event, db: db)
        case .recallClosed(let e): try ProductionProjection.recallClosed(e, event: event, db: db)
        case .userAdded(let e): try UserProjection.save(e.user, db: db)
        case .userChanged(let e):
            try UserProjection.save(e.user, db: db)
            if !e.user.active { try UserProjection.invalidateKeys(of: e.user.name, event: event, db: db) }
        case .userPasswordSet(let e): try UserProjection.invalidateKeys(of: e.user, event: event, db: db)
        // The credential itself is written beside the ledger with the event (`CredentialChange`), never projected from it.
        case .userTokenIssued, .userTokenRevoked, .userSignInFailed: break
        // A signature is read from the ledger itself (history, the manifest), where `audit verify` checks its binding.
        case .recordSigned: break
        // An observation: the units' history holds it (lot_events, above); nothing else changes.
        case .lotsObserved: break
        case .importProgressed(let e):
            try db.run(
                sql: "INSERT OR REPLACE INTO imports (digest, source, last_line, finished, seq) VALUES (?, ?, ?, ?, ?)",
                arguments: [e.digest, e.source, e.line, e.finished, event.seq])
        }
    }

    private static func saveItem(_ item: Item, db: Database) throws {
        try db.run(
            sql: """
                INSERT OR REPLACE INTO items (
                    part, description, unit, tracking, shelf_life_days, inspection_required, export_controlled, final_inspection, gtin,
                    min_shelf_life_days, issue_order)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                item.part.rawValue, item.description, item.unit, item.tracking.rawValue, item.shelfLifeDays, item.inspectionRequired,
                item.exportControlled, item.finalInspection, item.gtin, item.minShelfLifeDays, item.issueOrder?.rawValue,
            ])
    }

    private static func saveSupplier(_ supplier: Supplier, db: Database) throws {
        try db.run(
            sql:
                "INSERT INTO suppliers (code, name, approved) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, approved = excluded.approved",
            arguments: [supplier.code.rawValue, supplier.name, supplier.approved])
    }
}
