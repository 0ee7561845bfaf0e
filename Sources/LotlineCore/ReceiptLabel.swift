import Foundation

/// A supplier's GS1 label read for a receipt: the item its GTIN names, its batch, expiry and quantity, each checked
/// against what was typed. A typed value the label contradicts is refused, never silently replaced: one of the two is a
/// mistake, and a receipt under the wrong supplier lot or expiry is one a recall would miss.
struct ReceiptLabel {
    let facts: ScanFacts
    let today: CalendarDate

    /// Units that count pieces: a label's count (30, 37) is a quantity only in one of them.
    static let countUnits: Set<String> = ["ea", "each", "pc", "pcs", "piece", "pieces", "unit", "units", "ct", "count"]

    init(_ facts: ScanFacts, state: any LedgerState, today: CalendarDate) throws {
        guard facts.message != nil else {
            throw LotlineError.badInput(
                "scan-not-gs1", "receiving reads a supplier's GS1 label; '\(facts.text ?? "")' is plain text, not GS1 data",
                value: facts.text)
        }
        self.facts = facts
        self.today = today
    }

    /// The item the label's (01) names; nil when it has no GTIN (the item is then typed).
    func item(agreeingWith typed: String?, state: any LedgerState) throws -> Item? {
        guard let gtin = facts.gtin else { return nil }
        guard let found = try state.item(gtin: gtin) else {
            throw LotlineError.refused(
                "gtin-unknown", "no item has GTIN \(gtin); give the item its GTIN first", value: gtin)
        }
        if let typed, try state.requireItem(typed).part != found.part {
            throw disagreement("item", typed: typed, scanned: "\(found.part) (GTIN \(gtin))")
        }
        return found
    }

    /// The label's quantity in the item's unit; nil when it states none.
    func quantity(agreeingWith typed: String?, item: Item) throws -> Quantity? {
        guard let stated = facts.quantity else { return nil }
        // A count of trade items (30, 37) is a quantity only for an item counted in pieces; a measure only in its own
        // unit. Otherwise the label says nothing this item's stock can be checked against: the typed quantity stands
        // (the label's data is kept with the receipt), and without one the receipt is refused.
        let comparable = stated.unit.map { $0.lowercased() == item.unit.lowercased() } ?? Self.countUnits.contains(item.unit.lowercased())
        guard comparable else {
            if let typed { return try Quantity.parse(typed, unit: item.unit) }
            let said = stated.unit.map { "states \(stated.amount) \($0)" } ?? "counts \(stated.amount) trade items"
            throw LotlineError.refused(
                "scan-quantity-unit", "the label \(said) (\(stated.ai)), but \(item.part) is kept in \(item.unit); type the quantity in \(item.unit)",
                value: "\(stated.amount)")
        }
        let scanned = try Quantity.parse("\(stated.amount)", unit: item.unit, field: "the scanned quantity (\(stated.ai))")
        if let typed, try Quantity.parse(typed, unit: item.unit) != scanned {
            throw disagreement("quantity", typed: typed, scanned: "\(scanned.amount) \(scanned.unit)")
        }
        return scanned
    }

    /// The label's (10) batch as the supplier lot; nil when it has none.
    func supplierLot(agreeingWith typed: String?) throws -> String? {
        guard let batch = facts.batch else { return nil }
        if let typed, LotNumberLookup.searchKey(typed) != LotNumberLookup.searchKey(batch) {
            throw disagreement("supplier lot", typed: typed, scanned: batch)
        }
        return batch
    }

    /// The label's (17) expiry; nil when it has none.
    func expiry(agreeingWith typed: CalendarDate?) throws -> CalendarDate? {
        guard let scanned = facts.expiry(today: today) else { return nil }
        if let typed, typed != scanned { throw disagreement("expiry", typed: typed.description, scanned: scanned.description) }
        return scanned
    }

    /// A pallet (its SSCC) holds each supplier lot once: the same pallet and batch scanned again is the same material
    /// received twice, the mistake that doubles stock and sends a recall looking for goods that never existed.
    func requireNotReceived(supplierLot: String, state: any LedgerState) throws {
        guard let sscc = facts.sscc else { return }
        let key = LotNumberLookup.searchKey(supplierLot)
        if let earlier = try state.lots(sscc: sscc).first(where: { $0.supplierLot.map(LotNumberLookup.searchKey) == key }) {
            throw LotlineError.refused(
                "sscc-received", "supplier lot \(supplierLot) on pallet SSCC \(sscc) was received already, as lot \(earlier.number)",
                value: sscc)
        }
    }

    /// A value the receipt needs that was neither typed nor on the label.
    static func required(_ value: String?, _ what: String, _ source: String) throws -> String {
        guard let value else { throw LotlineError.badInput("field-missing", "receive needs the \(what): type it, or scan a label with \(source)") }
        return value
    }

    private func disagreement(_ field: String, typed: String, scanned: String) -> LotlineError {
        LotlineError.refused(
            "scan-disagrees", "the label's \(field) is \(scanned), but \(typed) was typed; check the label and what was typed", value: typed)
    }
}
