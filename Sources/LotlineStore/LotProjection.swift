import Foundation
import GRDB
import LotlineCore

/// How lot events change the `lots`, `supplier_lots`, `lot_parents` and `inspections` tables.
enum LotProjection {
    static func received(_ e: LotReceived, event: LedgerEvent, db: Database) throws {
        let supplierLotID = try supplierLot(supplier: e.supplier, lot: e.supplierLot, heat: e.heat, db: db)
        try insertLot(
            number: e.lot, item: e.item, quantity: e.quantity, status: e.status, location: e.location, origin: .receipt,
            supplierLotID: supplierLotID, certificate: e.certificate, purchaseOrder: e.purchaseOrder, expiresOn: e.expiresOn,
            createdAt: e.receivedAt.text, seq: event.seq, db: db)
        if let sscc = e.sscc { try update(e.lot, set: "sscc = ?", [sscc], db: db) }
        if let sequence = e.sequence { try useSequence(sequence, db: db) }
    }

    static func inspected(_ e: LotInspected, event: LedgerEvent, db: Database) throws {
        try update(e.lot, set: "status = ?", [e.to.rawValue], db: db)
        try db.run(
            sql: "INSERT INTO inspections (seq, lot, passed, results, note, inspector, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [event.seq, e.lot.rawValue, e.passed, CanonicalJSON.encode(e.results), e.note, event.actor, event.businessTime])
    }

    static func split(_ e: LotSplit, event: LedgerEvent, db: Database) throws {
        guard let parent = try db.fetchRow(sql: "SELECT * FROM lots WHERE number = ?", arguments: [e.parent.rawValue]) else {
            throw missing(e.parent)
        }
        for child in e.children {
            try insertLot(
                number: child.lot, item: PartNumber(rawValue: parent["item"]), quantity: child.quantity,
                status: LotStatus(rawValue: parent["status"])!, heldFrom: parent["held_from"],
                location: (parent["location"] as String?).map(LocationCode.init),
                origin: .split, supplierLotID: parent["supplier_lot_id"], certificate: parent["certificate"],
                purchaseOrder: parent["purchase_order"], expiresOn: (parent["expires_on"] as String?).flatMap { try? CalendarDate.parse($0) },
                createdAt: event.businessTime, seq: event.seq, heats: parent["heats"], db: db)
            try link(child: child.lot, parent: e.parent, quantity: child.quantity, seq: event.seq, db: db)
            // A recall's hold goes with the material: a child of a held lot is held by the same recalls.
            try db.run(
                sql: """
                    INSERT INTO recall_holds (recall, lot, held_from, seq)
                    SELECT recall, ?, held_from, ? FROM recall_holds WHERE lot = ? AND disposition IS NULL
                    """,
                arguments: [child.lot.rawValue, event.seq, e.parent.rawValue])
        }
        try setQuantity(e.parent, e.remaining, db: db)
        for sequence in e.sequences { try useSequence(sequence, db: db) }
    }

    static func merged(_ e: LotsMerged, event: LedgerEvent, db: Database) throws {
        try insertLot(
            number: e.output, item: e.item, quantity: e.quantity, status: e.status, location: e.location, origin: .merge,
            expiresOn: e.expiresOn, createdAt: event.businessTime, seq: event.seq,
            heats: try mixedHeats(e.heats ?? heats(of: e.inputs.map(\.lot), db: db)), db: db)
        for input in e.inputs {
            try link(child: e.output, parent: input.lot, quantity: input.quantity, seq: event.seq, db: db)
            try setQuantity(input.lot, Quantity(0, input.quantity.unit), db: db)
        }
        if let sequence = e.sequence { try useSequence(sequence, db: db) }
    }

    static func receiptCorrected(_ e: LotReceiptCorrected, db: Database) throws {
        guard
            let row = try db.fetchRow(
                sql: "SELECT * FROM lots l JOIN supplier_lots s ON s.id = l.supplier_lot_id WHERE l.number = ?", arguments: [e.lot.rawValue])
        else { throw missing(e.lot) }
        if e.supplierLot != nil || e.heat != nil {
            let supplier = SupplierCode(rawValue: row["supplier"])
            let id = try supplierLot(
                supplier: supplier, lot: e.supplierLot ?? row["lot"], heat: e.heat ?? row["heat"], replacingHeat: e.heat != nil, db: db)
            try update(e.lot, set: "supplier_lot_id = ?", [id], db: db)
        }
        // Composites keep the heats they mix: a corrected heat is corrected in them too.
        if e.heat != nil { try refreshMixedHeats(try SQLiteLedgerState(db: db).lotsSharingHeat(with: e.lot).map(\.rawValue), db: db) }
        if let certificate = e.certificate { try update(e.lot, set: "certificate = ?", [certificate], db: db) }
        if let po = e.purchaseOrder { try update(e.lot, set: "purchase_order = ?", [po], db: db) }
        if let expires = e.expiresOn { try update(e.lot, set: "expires_on = ?", [expires.description], db: db) }
    }

    /// Sets a lot's stock (the status it ends in, if this used it up, is the event's: `Stock.applyEmptying`).
    static func setQuantity(_ lot: LotNumber, _ quantity: Quantity, db: Database) throws {
        try update(lot, set: "quantity = ?", [Quantity.format(quantity.amount)], db: db)
    }

    static func update(_ lot: LotNumber, set assignments: String, _ values: [(any DatabaseValueConvertible)?], db: Database) throws {
        try db.run(sql: "UPDATE lots SET \(assignments) WHERE number = ?", arguments: StatementArguments(values + [lot.rawValue]))
        guard db.changesCount == 1 else { throw missing(lot) }
    }

    /// The supplier lot row for this supplier's lot, created on first receipt; later receipts point to the same row.
    private static func supplierLot(
        supplier: SupplierCode, lot: String, heat: String?, replacingHeat: Bool = false, db: Database
    ) throws -> Int64 {
        let key = LotNumberLookup.searchKey(lot)
        if let id = try db.fetchOne(
            Int64.self, sql: "SELECT id FROM supplier_lots WHERE supplier = ? AND lot_key = ?", arguments: [supplier.rawValue, key])
        {
            if let heat {
                let condition = replacingHeat ? "" : " AND heat IS NULL"
                try db.run(
                    sql: "UPDATE supplier_lots SET heat = ?, heat_key = ? WHERE id = ?\(condition)",
                    arguments: [heat, LotNumberLookup.searchKey(heat), id])
            }
            return id
        }
        try db.run(
            sql: "INSERT INTO supplier_lots (supplier, lot, lot_key, heat, heat_key) VALUES (?, ?, ?, ?, ?)",
            arguments: [supplier.rawValue, lot, key, heat, heat.map(LotNumberLookup.searchKey)])
        return db.lastInsertedRowID
    }

    static func insertLot(
        number: LotNumber, item: PartNumber, quantity: Quantity, status: LotStatus, heldFrom: String? = nil, location: LocationCode?,
        origin: LotOrigin, supplierLotID: Int64? = nil, certificate: String? = nil, purchaseOrder: String? = nil,
        expiresOn: CalendarDate?, createdAt: String, seq: Int64, heats: String? = nil, db: Database
    ) throws {
        try db.run(
            sql: """
                INSERT INTO lots (number, item, quantity, unit, status, held_from, location, origin, supplier_lot_id, certificate,
                                  purchase_order, expires_on, created_at, created_seq, heats)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                number.rawValue, item.rawValue, Quantity.format(quantity.amount), quantity.unit, status.rawValue, heldFrom,
                location?.rawValue, origin.rawValue, supplierLotID, certificate, purchaseOrder, expiresOn?.description, createdAt, seq, heats,
            ])
    }

    /// Every heat the lots come from, in order, each once: a composite's mixed heats, or a lot's own supplier heat.
    /// Merges recorded before the ledger kept heats get theirs this way, so a rebuild and the v4 migration agree.
    static func heats(of lots: [LotNumber], db: Database) throws -> [String] {
        let state = SQLiteLedgerState(db: db)
        return Lot.heats(of: try lots.compactMap { try state.lot($0) })
    }

    /// Sets the mixed heats of the merged and split lots among `lots` again from their parents, oldest first, so each
    /// reads what its parents hold now.
    static func refreshMixedHeats(_ lots: [String], db: Database) throws {
        guard !lots.isEmpty else { return }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT number, origin FROM lots WHERE origin IN ('merge', 'split') AND number IN (SELECT value FROM json_each(?))
                ORDER BY created_seq, number
                """, arguments: [CanonicalJSON.encode(lots)])
        for row in rows {
            let number: String = row["number"]
            let parents = try String.fetchAll(db, sql: "SELECT parent FROM lot_parents WHERE child = ? ORDER BY rowid", arguments: [number])
            let heats: String? =
                if (row["origin"] as String) == "merge" {
                    try mixedHeats(heats(of: parents.map(LotNumber.init(rawValue:)), db: db))
                } else {
                    try String.fetchOne(db, sql: "SELECT heats FROM lots WHERE number = ?", arguments: [parents.first])
                }
            try db.execute(sql: "UPDATE lots SET heats = ? WHERE number = ?", arguments: [heats, number])
        }
    }

    /// The `heats` column of a composite lot: null when its inputs carry no heat.
    static func mixedHeats(_ heats: [String]) -> String? {
        heats.isEmpty ? nil : CanonicalJSON.encode(heats)
    }

    static func link(child: LotNumber, parent: LotNumber, quantity: Quantity, seq: Int64, db: Database) throws {
        try db.run(
            sql: "INSERT INTO lot_parents (child, parent, quantity, seq) VALUES (?, ?, ?, ?)",
            arguments: [child.rawValue, parent.rawValue, Quantity.format(quantity.amount), seq])
    }

    static func useSequence(_ sequence: SequenceUse, db: Database) throws {
        try db.run(
            sql: "INSERT INTO lot_sequences (key, last) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET last = max(last, excluded.last)",
            arguments: [sequence.key, sequence.value])
    }

    private static func missing(_ lot: LotNumber) -> LotlineError {
        LotlineError(
            .integrity, "projection-missing-lot", "the projection has no lot \(lot) for this event; run `lotline admin rebuild`", value: lot.rawValue)
    }
}
