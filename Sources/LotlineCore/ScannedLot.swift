import Foundation

/// The lot a scanned label names, for the commands that take a lot (issue, consume): our own label (plain text, or GS1
/// with our lot number in (10) or a serial in (21)), or a supplier's GS1 label whose (01) and (10) name a receipt.
public enum ScannedLot {
    /// The lot a command acts on: typed, scanned, or both (then they must be the same lot). `held`: for work at an order
    /// (consume, return), the lots the order holds material of; a supplier's label then names one of those.
    public static func resolve(typed: String?, scan: String?, in state: any LedgerState, held: Set<LotNumber>? = nil) throws -> Lot {
        guard let scan else {
            guard let typed else { throw LotlineError.badInput("field-missing", "the lot is missing: type its number or scan its label") }
            return try state.requireLot(typed)
        }
        let facts = try ScanFacts.read([scan])
        guard let typed else { return try lot(scanned: facts, in: state, held: held) }
        // Typed and scanned: the typed lot must be one the label can name (a supplier lot received twice names both).
        let lot = try state.requireLot(typed)
        guard try label(facts, names: lot, in: state) else {
            throw LotlineError.refused(
                "scan-disagrees",
                "the label (\(facts.bracketed ?? facts.text ?? "")) does not name lot \(lot.number), which was typed; check the label and what was typed",
                value: typed)
        }
        return lot
    }

    /// The label could name this lot: its number, its serial, or its supplier lot (of the GTIN's item).
    static func label(_ facts: ScanFacts, names lot: Lot, in state: any LedgerState) throws -> Bool {
        if let text = facts.text { return LotNumberLookup.normalize(text) == lot.number.rawValue }
        if let gtin = facts.gtin, try state.item(gtin: gtin)?.part != lot.item { return false }
        if facts.batch.map(LotNumberLookup.normalize) == lot.number.rawValue { return true }
        if let serial = facts.serial, try serialUnit(serial, of: nil, in: state)?.number == lot.number { return true }
        if facts.batch == nil, facts.serial == nil, let sscc = facts.sscc { return try state.lots(sscc: sscc).contains { $0.number == lot.number } }
        guard let batch = facts.batch, let supplierLot = lot.supplierLot else { return false }
        return LotNumberLookup.searchKey(batch) == LotNumberLookup.searchKey(supplierLot)
    }

    /// The unit a GS1 or EPC serial names: numbered by exactly that serial (serials are case-sensitive), of the item when
    /// one is given, and made as a serial unit (a lot of a serial-tracked item bought in bulk is no one unit).
    public static func serialUnit(_ serial: String, of item: Item?, in state: any LedgerState) throws -> Lot? {
        guard let lot = try state.lot(LotNumber(rawValue: serial)), item == nil || lot.item == item?.part,
            let owner = try item ?? state.item(lot.item), lot.isSerialUnit(of: owner)
        else { return nil }
        return lot
    }

    /// The lot a label names, or a refusal that says what the label holds and why no one lot matches it.
    public static func lot(scanned facts: ScanFacts, in state: any LedgerState, held: Set<LotNumber>? = nil) throws -> Lot {
        if let text = facts.text { return try state.requireLot(text) }
        let item = try facts.gtin.map { gtin -> Item in
            guard let item = try state.item(gtin: gtin) else {
                throw LotlineError.refused("gtin-unknown", "no item has GTIN \(gtin), so the label names no lot here", value: gtin)
            }
            return item
        }
        if let serial = facts.serial, let lot = try serialUnit(serial, of: item, in: state) { return lot }
        if facts.batch == nil, facts.serial == nil, let sscc = facts.sscc {
            return try one(of: try state.lots(sscc: sscc), "received from pallet SSCC \(sscc)", value: sscc, held: held)
        }
        guard let batch = facts.batch else {
            throw LotlineError.badInput(
                "scan-no-lot", "the label \(facts.bracketed ?? "") names no batch (10) or known serial (21); scan the lot's own label",
                value: facts.bracketed)
        }
        if let lot = try state.lot(LotNumber(rawValue: LotNumberLookup.normalize(batch))), item == nil || lot.item == item?.part {
            return lot
        }
        // A supplier's label: the receipts of that supplier lot (of the GTIN's item).
        let receipts = try state.lots(supplierLotKey: LotNumberLookup.searchKey(batch), item: item?.part)
        return try one(of: receipts, "received as supplier lot \(batch)\(item.map { " of \($0.part)" } ?? "")", value: batch, held: held)
    }

    /// The one lot a label names among `lots`: those with stock first, or for work at an order only those it holds;
    /// none, or several, is refused.
    private static func one(of lots: [Lot], _ what: String, value: String, held: Set<LotNumber>?) throws -> Lot {
        let candidates: [Lot]
        if let held {
            candidates = lots.filter { held.contains($0.number) }
            guard !candidates.isEmpty || lots.isEmpty else {
                throw LotlineError.refused(
                    "scan-not-at-order", "the \(lots.count) lot(s) \(what) are not at this work order; issue one first", value: value)
            }
        } else {
            let stocked = lots.filter { $0.quantity.amount > 0 }
            candidates = stocked.isEmpty ? lots : stocked
        }
        guard let first = candidates.first else {
            throw LotlineError.notFound("lot-not-found", "no lot is numbered \(value) or was \(what)", value: value)
        }
        guard candidates.count == 1 else {
            let numbers = candidates.prefix(10).map(\.number.rawValue).joined(separator: ", ")
            throw LotlineError.refused(
                "scan-ambiguous", "\(candidates.count) lots \(held == nil ? "with stock" : "at the order") were \(what) (\(numbers)); type which one",
                value: value)
        }
        return first
    }
}
