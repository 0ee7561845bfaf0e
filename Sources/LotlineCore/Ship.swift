import Foundation

/// Ship lots (whole, or a quantity) and serials to a customer against a sales order.
public struct Ship: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case customer, order, lots, number
        case serials = "serial"
    }

    public var customer: String
    public var order: String
    /// `LOT` or `LOT:QTY`.
    public var lots: [String]
    public var serials: [String]
    /// The shipment's own number (an ERP's delivery number); else the next in `SH{YY}{DDD}-{SEQ:3}`.
    public var number: String?

    public init(customer: String, order: String, lots: [String] = [], serials: [String] = [], number: String? = nil) {
        self.customer = customer
        self.order = order
        self.lots = lots
        self.serials = serials
        self.number = number
    }

    public static let scheme = try! LotNumberScheme("SH{YY}{DDD}-{SEQ:3}")

    public var permission: Permission { .ship }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotsShipped> {
        let customer = try state.require(customer, CustomerKind.self)
        let order = try TextInput.required(order, field: "order", limit: 60)
        var lines: [LotPortion] = []
        for text in lots + serials {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            let lot = try state.requireLot(parts[0])
            let quantity = try parts.count > 1 ? Quantity.parse(parts[1], unit: lot.quantity.unit) : lot.quantity
            try UsableLot.require(lot, for: .ship, today: context.today)
            guard !lines.contains(where: { $0.lot == lot.number }) else {
                throw LotlineError.badInput("lot-listed-twice", "lot \(lot.number) is listed twice on the shipment", value: lot.number.rawValue)
            }
            try InventoryRules.requireAvailable(quantity, in: lot, rule: "ship-exceeds-quantity", action: "ship")
            lines.append(LotPortion(lot: lot.number, quantity: quantity))
        }
        guard !lines.isEmpty else {
            throw LotlineError.badInput(
                "shipment-empty", "nothing to ship: name at least one lot or serial", value: order, remedy: .give([.lots, .serial]))
        }
        let (number, sequence) = try DocumentNumber.allocate(
            number, ShipmentKind.self, scheme: Self.scheme, inputs: LotNumberScheme.Inputs(day: context.today, item: PartNumber(rawValue: "")),
            state: state
        ) { try state.shipment($0) != nil }
        var event = LotsShipped(shipment: number, customer: customer.code, order: order, lines: lines, sequence: sequence)
        event.emptied = try state.lotsEmptied(by: event)
        return Decision(event)
    }
}

/// Take goods back from a customer into quarantine, linked to the shipment they left on.
public struct ReturnShipment: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case shipment, lot, reason
        case quantity = "qty"
    }

    public var shipment: String
    public var lot: String
    public var quantity: String
    public var reason: String

    public init(shipment: String, lot: String, quantity: String, reason: String) {
        self.shipment = shipment
        self.lot = lot
        self.quantity = quantity
        self.reason = reason
    }

    public var permission: Permission { .returns }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<ShipmentReturned> {
        let shipment = try state.requireShipment(shipment)
        let lot = try state.requireLot(lot)
        let quantity = try Quantity.parse(quantity, unit: lot.quantity.unit)
        let reason = try state.require(reason, ReasonKind.self).code
        guard let line = shipment.lines.first(where: { $0.lot == lot.number }) else {
            throw LotlineError.refused(
                "lot-not-on-shipment", "lot \(lot.number) did not leave on shipment \(shipment.number)", value: lot.number.rawValue)
        }
        let returned = try state.returnedQuantity(shipment: shipment.number, lot: lot.number)
        guard quantity.amount + returned <= line.quantity.amount else {
            throw LotlineError.refused(
                "return-exceeds-shipped",
                "shipment \(shipment.number) carried \(line.quantity) of lot \(lot.number), of which \(Quantity.format(returned)) came back already",
                value: Quantity.format(quantity.amount))
        }
        guard let item = try state.item(lot.item) else { throw LotlineError.notFound("item-not-found", "no item \(lot.item)") }
        if item.tracking == .serial {
            return Decision(
                ShipmentReturned(
                    shipment: shipment.number, lot: lot.number, returnLot: lot.number, quantity: quantity, reason: reason, sequence: nil),
                reason: reason.rawValue)
        }
        var numbers = LotNumberAllocator(state: state)
        let (number, sequence) = try numbers.generate(.return, .init(day: context.today, item: lot.item, parent: lot.number))
        let event = ShipmentReturned(
            shipment: shipment.number, lot: lot.number, returnLot: number, quantity: quantity, reason: reason, sequence: sequence)
        return Decision(event, reason: reason.rawValue)
    }
}
