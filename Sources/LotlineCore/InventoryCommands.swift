import Foundation

/// Move a lot to another location.
public struct MoveLot: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, to
    }

    public var lot: String
    public var to: String

    public init(lot: String, to: String) {
        self.lot = lot
        self.to = to
    }

    public var permission: Permission { .moveStock }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotMoved> {
        let lot = try state.requireLot(lot)
        let location = try state.require(to, LocationKind.self).code
        try InventoryRules.requireInStock(lot, for: "move")
        guard lot.location != location else {
            throw LotlineError.refused("lot-already-there", "lot \(lot.number) is already at \(location)", value: location.rawValue)
        }
        return Decision(LotMoved(lot: lot.number, from: lot.location, to: location))
    }
}

/// Set a lot's quantity to what was counted, with a reason.
public struct AdjustLot: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, reason, note
        case quantity = "qty"
    }

    public var lot: String
    /// The counted quantity, which may be zero.
    public var quantity: String
    public var reason: String
    public var note: String?

    public init(lot: String, quantity: String, reason: String, note: String? = nil) {
        self.lot = lot
        self.quantity = quantity
        self.reason = reason
        self.note = note
    }

    public var permission: Permission { .adjust }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotAdjusted> {
        let lot = try state.requireLot(lot)
        let counted = try Quantity.parseCount(quantity, unit: lot.quantity.unit)
        let reason = try state.require(reason, ReasonKind.self).code
        let note = try TextInput.optional(note, field: "note")
        try InventoryRules.requireInStock(lot, for: "adjust")
        guard counted != lot.quantity else {
            throw LotlineError.badInput(
                "nothing-to-change", "lot \(lot.number) already holds \(lot.quantity); give the counted quantity", value: quantity)
        }
        var event = LotAdjusted(lot: lot.number, from: lot.quantity, to: counted, reason: reason, note: note)
        event.emptied = try state.lotsEmptied(by: event)
        return Decision(event, reason: TextInput.reason(reason, note: note))
    }
}

/// Scrap part of a lot, or all of it when no quantity is given.
public struct ScrapLot: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, reason, note
        case quantity = "qty"
    }

    public var lot: String
    public var quantity: String?
    public var reason: String
    public var note: String?

    public init(lot: String, quantity: String? = nil, reason: String, note: String? = nil) {
        self.lot = lot
        self.quantity = quantity
        self.reason = reason
        self.note = note
    }

    public var permission: Permission { .scrap }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotScrapped> {
        let lot = try state.requireLot(lot)
        let scrapped = try quantity.map { try Quantity.parse($0, unit: lot.quantity.unit) } ?? lot.quantity
        let reason = try state.require(reason, ReasonKind.self).code
        let note = try TextInput.optional(note, field: "note")
        try InventoryRules.requireInStock(lot, for: "scrap")
        try InventoryRules.requireAvailable(scrapped, in: lot, rule: "scrap-exceeds-quantity", action: "scrap")
        let remaining = Quantity(lot.quantity.amount - scrapped.amount, lot.quantity.unit)
        var event = LotScrapped(lot: lot.number, quantity: scrapped, remaining: remaining, reason: reason, note: note)
        event.emptied = try state.lotsEmptied(by: event)
        return Decision(event, reason: TextInput.reason(reason, note: note))
    }
}
