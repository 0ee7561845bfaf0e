import Foundation
import GRDB
import LotlineCore

/// Brings the projection tables up to date with one event. The same code runs for live commands and for a rebuild,
/// so a rebuilt database equals the live one.
enum Projector {
    static func apply(_ body: any EventBody, of event: LedgerEvent, db: Database) throws {
        for lot in Set(body.lots) {
            try db.run(sql: "INSERT INTO lot_events (lot, seq) VALUES (?, ?)", arguments: [lot.rawValue, event.seq])
        }
        try project(body, of: event, db: db)
        try Movements.record(body, seq: event.seq, db: db)
    }

    private static func project(_ body: any EventBody, of event: LedgerEvent, db: Database) throws {
        switch body {
        case let e as ItemDefined: try saveItem(e.item, db: db)
        case let e as ItemChanged: try saveItem(e.item, db: db)
        case let e as SupplierDefined: try saveSupplier(e.supplier, db: db)
        case let e as SupplierChanged: try saveSupplier(e.supplier, db: db)
        case let e as any NamedRecordEvent:
            try db.run(
                sql: "INSERT INTO \(e.table) (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name",
                arguments: [e.code, e.name])
        case let e as LotSchemeSet:
            try db.run(
                sql: "INSERT OR REPLACE INTO lot_schemes (origin, item, pattern) VALUES (?, ?, ?)",
                arguments: [e.origin.rawValue, e.item?.rawValue ?? "", e.scheme.pattern])
        case let e as LotReceived: try LotProjection.received(e, event: event, db: db)
        case let e as LotInspected: try LotProjection.inspected(e, event: event, db: db)
        case let e as LotStatusChanged: try RecallProjection.statusChanged(e, event: event, db: db)
        case let e as LotSplit: try LotProjection.split(e, event: event, db: db)
        case let e as LotsMerged: try LotProjection.merged(e, event: event, db: db)
        case let e as LotMoved: try LotProjection.update(e.lot, set: "location = ?", [e.to.rawValue], db: db)
        case let e as LotAdjusted: try LotProjection.setQuantity(e.lot, e.to, emptyStatus: .consumed, db: db)
        case let e as LotScrapped: try LotProjection.setQuantity(e.lot, e.remaining, emptyStatus: .scrapped, db: db)
        case let e as LotReceiptCorrected: try LotProjection.receiptCorrected(e, db: db)
        case let e as ImportProgressed:
            try db.run(
                sql: "INSERT OR REPLACE INTO imports (digest, source, last_line, finished, seq) VALUES (?, ?, ?, ?, ?)",
                arguments: [e.digest, e.source, e.line, e.finished, event.seq])
        default:
            if try ProductionProjection.apply(body, of: event, db: db) { return }
            throw LotlineError(.integrity, "event-not-projected", "no projection for event type '\(body.type)'", value: body.type)
        }
    }

    private static func saveItem(_ item: Item, db: Database) throws {
        try db.run(
            sql: """
                INSERT OR REPLACE INTO items (part, description, unit, tracking, shelf_life_days, inspection_required, export_controlled, final_inspection)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                item.part.rawValue, item.description, item.unit, item.tracking.rawValue, item.shelfLifeDays, item.inspectionRequired,
                item.exportControlled, item.finalInspection,
            ])
    }

    private static func saveSupplier(_ supplier: Supplier, db: Database) throws {
        try db.run(
            sql:
                "INSERT INTO suppliers (code, name, approved) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, approved = excluded.approved",
            arguments: [supplier.code.rawValue, supplier.name, supplier.approved])
    }
}
