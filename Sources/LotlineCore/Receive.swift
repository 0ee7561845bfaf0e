import Foundation

/// Receive material from a supplier against the supplier's lot; the result is a new internal lot.
public struct Receive: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case item, supplier, heat, expires, location, lot, scan
        case quantity = "qty", supplierLot = "supplier_lot", certificate = "cert", purchaseOrder = "po", receivedAt = "received_at"
    }

    /// Item, quantity and supplier lot: typed, or read from the supplier's label (`scan`); typed and scanned must agree.
    public var item: String?
    public var quantity: String?
    public var supplier: String
    public var supplierLot: String?
    public var heat: String?
    public var certificate: String?
    public var purchaseOrder: String?
    public var expires: String?
    public var location: String?
    public var receivedAt: String?
    /// A hand-entered internal lot number; generated from the scheme when absent.
    public var lot: String?
    /// The barcodes of the supplier's label (GS1: (01) GTIN finds the item, (10) is the supplier lot, (17) the expiry,
    /// (30)/(37) or a net measure such as (3103) the quantity).
    public var scan: [String]?

    public init(item: String?, quantity: String?, supplier: String, supplierLot: String?) {
        self.item = item
        self.quantity = quantity
        self.supplier = supplier
        self.supplierLot = supplierLot
    }

    public var permission: Permission { .receive }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotReceived> {
        let label = try scan.map { try ReceiptLabel(ScanFacts.read($0), state: state, today: context.now.day) }
        let item = try label?.item(agreeingWith: item, state: state) ?? state.requireItem(try ReceiptLabel.required(item, "item", "a GTIN (01)"))
        let quantity =
            try label?.quantity(agreeingWith: quantity, item: item)
            ?? Quantity.parse(try ReceiptLabel.required(quantity, "quantity", "a count (30, 37) or a net measure (310n...)"), unit: item.unit)
        let supplier = try state.requireSupplier(supplier)
        guard supplier.approved else {
            throw LotlineError.refused(
                "supplier-unapproved",
                "supplier '\(supplier.code)' is not approved; receiving is refused until quality approves it",
                value: supplier.code.rawValue, remedy: .approveSupplier(supplier.code.rawValue))
        }
        let supplierLot = try TextInput.required(
            try label?.supplierLot(agreeingWith: supplierLot) ?? ReceiptLabel.required(supplierLot, "supplier lot", "a batch (10)"),
            field: "supplier-lot", limit: 80)
        try label?.requireNotReceived(supplierLot: supplierLot, state: state)
        let heat = try TextInput.optional(heat, field: "heat", limit: 80)
        if let heat, let recorded = try state.recordedHeat(supplier: supplier.code, supplierLotKey: LotNumberLookup.searchKey(supplierLot)),
            LotNumberLookup.searchKey(recorded) != LotNumberLookup.searchKey(heat)
        {
            throw LotlineError.refused(
                "heat-conflict",
                "supplier lot '\(supplierLot)' was received before as heat '\(recorded)', not '\(heat)'; check the certificate",
                value: heat)
        }
        let receivedAt = try receivedAt.map { try BusinessTime.parse($0, timeZone: context.timeZone, field: "received-at") } ?? context.now
        if receivedAt.date.timeIntervalSince(context.now.date) > 300 {
            throw LotlineError.badInput(
                "time-in-future", "received-at \(receivedAt) is in the future; give the time the material arrived", value: receivedAt.text)
        }
        let typedExpiry = try expires.map { try CalendarDate.parse($0, field: "expires") }
        let expiresOn = try label?.expiry(agreeingWith: typedExpiry) ?? typedExpiry ?? item.shelfLifeDays.map { receivedAt.day.adding(days: $0) }
        if let expiresOn, expiresOn < receivedAt.day {
            throw LotlineError.refused(
                "expired-on-receipt", "the material expired on \(expiresOn), before it was received; do not receive expired material",
                value: expiresOn.description)
        }
        let location = try location.map { try state.require($0, LocationKind.self).code }
        var numbers = LotNumberAllocator(state: state)
        var sequence: SequenceUse?
        let number: LotNumber
        if let lot {
            number = try numbers.accept(lot, .receipt, item: item.part)
        } else {
            (number, sequence) = try numbers.generate(.receipt, .init(day: receivedAt.day, item: item.part))
        }
        let event = LotReceived(
            lot: number, item: item.part, quantity: quantity, supplier: supplier.code, supplierLot: supplierLot, heat: heat,
            certificate: try TextInput.optional(certificate, field: "cert", limit: 120),
            purchaseOrder: try TextInput.optional(purchaseOrder, field: "po", limit: 80), expiresOn: expiresOn, location: location,
            status: item.inspectionRequired ? .quarantine : .released, receivedAt: receivedAt, sequence: sequence,
            scan: label?.facts.bracketed, sscc: label?.facts.sscc)
        return Decision(event, businessTime: receivedAt)
    }
}

/// Record an incoming inspection; passing releases the lot, failing rejects it.
public struct Inspect: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, note
        case passed = "pass", results = "result"
    }

    public var lot: String
    public var passed: Bool
    /// `NAME=VALUE` pairs, e.g. `hardness=32HRC`.
    public var results: [String]
    public var note: String?

    public init(lot: String, passed: Bool, results: [String] = [], note: String? = nil) {
        self.lot = lot
        self.passed = passed
        self.results = results
        self.note = note
    }

    public var permission: Permission { .inspect }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotInspected> {
        let lot = try state.requireLot(lot)
        let results = try results.map(Inspect.parseResult)
        let note = try TextInput.optional(note, field: "note")
        guard lot.storedStatus == .quarantine else {
            throw LotlineError.refused(
                "lot-not-in-quarantine",
                "lot \(lot.number) is \(lot.storedStatus.rawValue); only a lot in quarantine awaits inspection", value: lot.number.rawValue)
        }
        let event = LotInspected(
            lot: lot.number, passed: passed, results: results, note: note, from: lot.storedStatus, to: passed ? .released : .rejected)
        return Decision(event, reason: note)
    }

    static func parseResult(_ text: String) throws -> InspectionResult {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw LotlineError.badInput("result-invalid", "inspection result '\(text)' is not NAME=VALUE, e.g. hardness=32HRC", value: text)
        }
        return InspectionResult(name: parts[0], value: parts[1])
    }
}
