import Foundation
import GRDB
import LotlineCore

/// Shipments and returns.
enum ShipmentProjection {
    static func shipped(_ e: LotsShipped, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: "INSERT INTO shipments (number, customer, sales_order, shipped_at, seq) VALUES (?, ?, ?, ?, ?)",
            arguments: [e.shipment.rawValue, e.customer.rawValue, e.order, event.businessTime, event.seq])
        for line in e.lines {
            try db.run(
                sql: "INSERT INTO shipment_lines (shipment, lot, quantity, unit, returned) VALUES (?, ?, ?, ?, '0')",
                arguments: [e.shipment.rawValue, line.lot.rawValue, Quantity.format(line.quantity.amount), line.quantity.unit])
            try Stock.change(line.lot, by: -line.quantity.amount, db: db)
        }
        if let sequence = e.sequence { try LotProjection.useSequence(sequence, db: db) }
    }

    static func returned(_ e: ShipmentReturned, event: LedgerEvent, db: Database) throws {
        let returned = try db.fetchOne(
            String.self, sql: "SELECT returned FROM shipment_lines WHERE shipment = ? AND lot = ?", arguments: [e.shipment.rawValue, e.lot.rawValue])
        try db.run(
            sql: "UPDATE shipment_lines SET returned = ? WHERE shipment = ? AND lot = ?",
            arguments: [Quantity.format((returned.flatMap { Decimal(string: $0) } ?? 0) + e.quantity.amount), e.shipment.rawValue, e.lot.rawValue])
        if e.returnLot == e.lot {
            try Stock.change(e.lot, by: e.quantity.amount, db: db)
            try LotProjection.update(e.lot, set: "status = 'quarantine', held_from = NULL", [], db: db)
        } else {
            guard let parent = try SQLiteLedgerState(db: db).lot(e.lot) else {
                throw LotlineError(.integrity, "projection-missing-lot", "no lot \(e.lot); run `lotline admin rebuild`", value: e.lot.rawValue)
            }
            try LotProjection.insertLot(
                number: e.returnLot, item: parent.item, quantity: e.quantity, status: .quarantine, location: nil, origin: .return,
                expiresOn: parent.expiresOn, createdAt: event.businessTime, seq: event.seq, db: db)
            try LotProjection.link(child: e.returnLot, parent: e.lot, quantity: e.quantity, seq: event.seq, db: db)
            if let sequence = e.sequence { try LotProjection.useSequence(sequence, db: db) }
        }
        try db.run(
            sql: "INSERT INTO returns (seq, shipment, lot, return_lot, quantity, reason) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [event.seq, e.shipment.rawValue, e.lot.rawValue, e.returnLot.rawValue, Quantity.format(e.quantity.amount), e.reason.rawValue])
    }
}
