import Foundation
import GRDB
import LotlineCore

/// The current state, read from the projections inside the command's own transaction.
struct SQLiteLedgerState: LedgerState {
    let db: Database

    func item(_ part: PartNumber) throws -> Item? {
        try Row.fetchOne(db, sql: "SELECT * FROM items WHERE part = ?", arguments: [part.rawValue]).map(Rows.item)
    }

    func supplier(_ code: SupplierCode) throws -> Supplier? {
        try Row.fetchOne(db, sql: "SELECT * FROM suppliers WHERE code = ?", arguments: [code.rawValue]).map(Rows.supplier)
    }

    func named<Kind: NamedKind>(_ code: Code<Kind>) throws -> NamedRecord<Kind>? {
        try Row.fetchOne(db, sql: "SELECT * FROM \(Kind.table) WHERE code = ?", arguments: [code.rawValue]).map(Rows.named)
    }

    func lot(_ number: LotNumber) throws -> Lot? {
        try Row.fetchOne(db, sql: "\(Rows.lotSelect) WHERE l.number = ?", arguments: [number.rawValue]).map(Rows.lot)
    }

    func allLotNumbers() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT number FROM lots")
    }

    func scheme(for origin: LotOrigin, item: PartNumber) throws -> LotNumberScheme? {
        let pattern = try String.fetchOne(
            db, sql: "SELECT pattern FROM lot_schemes WHERE origin = ? AND item IN (?, '') ORDER BY item DESC LIMIT 1",
            arguments: [origin.rawValue, item.rawValue])
        return try pattern.map { try LotNumberScheme($0) }
    }

    func lastSequence(_ key: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT last FROM lot_sequences WHERE key = ?", arguments: [key]) ?? 0
    }

    func recordedHeat(supplier: SupplierCode, supplierLotKey: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT heat FROM supplier_lots WHERE supplier = ? AND lot_key = ?", arguments: [supplier.rawValue, supplierLotKey])
    }

    func creatingEvent(of lot: LotNumber) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT created_seq FROM lots WHERE number = ?", arguments: [lot.rawValue])
    }

    func hasLots(of item: PartNumber) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM lots WHERE item = ?)", arguments: [item.rawValue]) ?? false
    }
}

/// Turns projection rows into core values.
enum Rows {
    static let lotSelect = """
        SELECT l.*, s.supplier AS supplier, s.lot AS supplier_lot, s.heat AS heat
        FROM lots l LEFT JOIN supplier_lots s ON s.id = l.supplier_lot_id
        """

    static func item(_ row: Row) -> Item {
        Item(
            part: PartNumber(rawValue: row["part"]), description: row["description"], unit: row["unit"],
            tracking: Tracking(rawValue: row["tracking"]) ?? .lot, shelfLifeDays: row["shelf_life_days"],
            inspectionRequired: row["inspection_required"], exportControlled: row["export_controlled"])
    }

    static func named<Kind: NamedKind>(_ row: Row) -> NamedRecord<Kind> {
        NamedRecord(code: Code(rawValue: row["code"]), name: row["name"])
    }

    static func supplier(_ row: Row) -> Supplier {
        Supplier(code: SupplierCode(rawValue: row["code"]), name: row["name"], approved: row["approved"])
    }

    static func lot(_ row: Row) -> Lot {
        let utc = TimeZone(secondsFromGMT: 0)!
        return Lot(
            number: LotNumber(rawValue: row["number"]), item: PartNumber(rawValue: row["item"]),
            quantity: Quantity(Decimal(string: row["quantity"]) ?? 0, row["unit"]), storedStatus: LotStatus(rawValue: row["status"]) ?? .onHold,
            heldFrom: (row["held_from"] as String?).flatMap(LotStatus.init(rawValue:)),
            location: (row["location"] as String?).map(LocationCode.init(rawValue:)), origin: LotOrigin(rawValue: row["origin"]) ?? .receipt,
            supplier: (row["supplier"] as String?).map(SupplierCode.init(rawValue:)), supplierLot: row["supplier_lot"], heat: row["heat"],
            certificate: row["certificate"], purchaseOrder: row["purchase_order"],
            expiresOn: (row["expires_on"] as String?).flatMap { try? CalendarDate.parse($0) },
            createdAt: (try? BusinessTime.parse(row["created_at"], timeZone: utc))
                ?? BusinessTime(date: Date(timeIntervalSince1970: 0), offsetSeconds: 0))
    }
}
