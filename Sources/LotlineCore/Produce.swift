import Foundation

/// Produce a finished or intermediate lot, or serial numbers, on a work order.
public struct Produce: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, serials, shift, location
        case workOrder = "wo", quantity = "qty", serialCount = "serial_count"
    }

    public var workOrder: String
    public var quantity: String
    public var lot: String?
    public var serials: [String]
    public var serialCount: Int?
    public var shift: String?
    public var location: String?

    public init(workOrder: String, quantity: String, lot: String? = nil, serials: [String] = [], serialCount: Int? = nil) {
        self.workOrder = workOrder
        self.quantity = quantity
        self.lot = lot
        self.serials = serials
        self.serialCount = serialCount
    }

    public var permission: Permission { .produce }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<OutputProduced> {
        let order = try state.requireWorkOrder(workOrder)
        guard let item = try state.item(order.item) else { throw LotlineError.notFound("item-not-found", "no item \(order.item)") }
        let quantity = try Quantity.parse(quantity, unit: item.unit)
        let shift = try TextInput.optional(shift, field: "shift", limit: 20)
        let location = try location.map { try state.require($0, LocationKind.self).code }
        guard order.status == .released else {
            throw LotlineError.refused(
                "work-order-not-released", "work order \(order.number) is \(order.status.rawValue); only a released order produces",
                value: order.number.rawValue)
        }
        guard order.produced.amount + quantity.amount <= order.quantity.amount else {
            throw LotlineError.refused(
                "produce-exceeds-order",
                "work order \(order.number) is for \(order.quantity) and has produced \(order.produced); \(quantity) more would exceed it",
                value: Quantity.format(quantity.amount))
        }
        var numbers = LotNumberAllocator(state: state)
        var outputs: [LotPortion] = []
        var sequences: [SequenceUse] = []
        let inputs = LotNumberScheme.Inputs(day: context.today, item: item.part)
        if item.tracking == .serial {
            guard lot == nil else {
                throw LotlineError.badInput(
                    "item-serial-tracked", "\(item.part) is tracked by serial: it is made as serial numbers, not as a lot",
                    remedy: .give([.serials, .serialCount]))
            }
            guard quantity.isWhole, serials.isEmpty || serials.count == Int(truncating: quantity.amount as NSNumber),
                serialCount == nil || serialCount == serials.count || (serials.isEmpty && Decimal(serialCount!) == quantity.amount)
            else {
                throw LotlineError.badInput(
                    "serial-count-mismatch", "producing \(quantity) of \(item.part) needs exactly that many serial numbers",
                    value: serials.joined(separator: ","))
            }
            let count = NSDecimalNumber(decimal: quantity.amount).intValue
            for index in 0..<count {
                let number: LotNumber
                if index < serials.count {
                    number = try numbers.accept(serials[index], .serial, item: item.part)
                } else {
                    let (generated, sequence) = try numbers.generate(.serial, inputs)
                    number = generated
                    sequences.append(sequence)
                }
                outputs.append(LotPortion(lot: number, quantity: Quantity(1, item.unit)))
            }
        } else {
            guard serials.isEmpty && serialCount == nil else {
                throw LotlineError.badInput(
                    "item-lot-tracked", "\(item.part) is tracked by lot: it is made as a lot (numbered by its scheme unless given), not as serials",
                    remedy: .give([.lot]))
            }
            if let lot {
                outputs.append(LotPortion(lot: try numbers.accept(lot, .production, item: item.part), quantity: quantity))
            } else {
                let (number, sequence) = try numbers.generate(.production, inputs)
                outputs.append(LotPortion(lot: number, quantity: quantity))
                sequences.append(sequence)
            }
        }
        // What needs acceptance waits in quarantine until a passed final inspection of each lot or serial releases it.
        let needsAcceptance = item.inspectionRequired || item.finalInspection || order.operations.contains { $0.routing.finalInspection }
        let accepted: LotStatus = needsAcceptance ? .quarantine : .released
        let holds = try state.outputHolds(of: order.number)
        let expiry = try Self.expiry(of: item, order: order, state: state, today: context.today)
        var event = OutputProduced(
            workOrder: order.number, item: item.part, outputs: outputs, serial: item.tracking == .serial,
            status: holds.isEmpty ? accepted : .onHold, shift: shift, location: location,
            expiresOn: expiry?.on, expiryFrom: expiry?.from, sequences: sequences)
        if !holds.isEmpty {
            // Made from material a recall or a hold has stopped: born on hold, whatever the item's acceptance says.
            event.heldFrom = accepted
            let recalls = Array(Set(holds.compactMap(\.recall))).sorted()
            event.recalls = recalls.isEmpty ? nil : recalls
        }
        return Decision(event)
    }

    /// An item with a shelf life expires that long after production, or when the first of the lots that went into the
    /// order expires, whichever is sooner: every lot issued to the order and not wholly returned counts, since any of
    /// them may be in the output. An item without a shelf life does not expire, whatever went into it.
    static func expiry(of item: Item, order: WorkOrder, state: any LedgerState, today: CalendarDate) throws -> (on: CalendarDate, from: LotNumber?)? {
        guard let days = item.shelfLifeDays else { return nil }
        let own = today.adding(days: days)
        var earliest: (on: CalendarDate, from: LotNumber)?
        for input in try state.workInProcess(order.number) where input.consumed.amount > 0 || input.remaining.amount > 0 {
            guard let expires = try state.lot(input.lot)?.expiresOn, expires < own else { continue }
            if earliest.map({ expires < $0.on || expires == $0.on && input.lot.rawValue < $0.from.rawValue }) ?? true {
                earliest = (expires, input.lot)
            }
        }
        return earliest.map { ($0.on, $0.from) } ?? (own, nil)
    }
}
