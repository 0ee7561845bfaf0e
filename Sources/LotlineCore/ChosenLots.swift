import Foundation

/// Lots a planner chose by hand for one component of a work order, and why: allocation takes them first while they are
/// usable, then the rule for the rest.
public struct ChosenLots: Sendable, Hashable, Codable {
    public var item: PartNumber
    public var lots: [LotNumber]
    public var reason: ReasonCode
    public var note: String?

    public init(item: PartNumber, lots: [LotNumber], reason: ReasonCode, note: String? = nil) {
        self.item = item
        self.lots = lots
        self.reason = reason
        self.note = note
    }
}

/// A planner overrode the allocation rule for one component of an order with lots of their choosing, or gave the
/// component back to the rule (`chosen` empty).
public struct LotsChosen: EventBody, Hashable {
    public static let type = "allocation.lots_chosen"
    public var workOrder: WorkOrderNumber
    public var item: PartNumber
    public var chosen: [LotNumber]
    public var reason: ReasonCode
    public var note: String?
    public var lots: [LotNumber] { chosen }
}

extension LotsChosen {
    public var recorded: RecordedEvent { .lotsChosen(self) }
}

/// Override allocation for one component of an open order: these lots first, in this order, with a reason code. Each
/// lot must be of the component, released and not expired today; `clear` gives the component back to the rule.
public struct ChooseLots: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case item, reason, note, clear
        case workOrder = "wo", lots = "lot"
    }

    public var workOrder: String
    public var item: String
    public var lots: [String]
    public var reason: String
    public var note: String?
    public var clear: Bool

    public init(workOrder: String, item: String, lots: [String], reason: String, note: String? = nil, clear: Bool = false) {
        self.workOrder = workOrder
        self.item = item
        self.lots = lots
        self.reason = reason
        self.note = note
        self.clear = clear
    }

    public var permission: Permission { .planWork }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotsChosen> {
        let order = try state.requireWorkOrder(workOrder)
        try OperationRules.requireOpen(order)
        let item = try state.requireItem(item)
        guard order.components.contains(where: { $0.component == item.part }) else {
            throw LotlineError.badInput(
                "item-not-a-component",
                "\(item.part) is not a component of \(order.number) (its components: "
                    + order.components.map(\.component.rawValue).joined(separator: ", ") + ")", value: item.part.rawValue)
        }
        let reason = try state.require(reason, ReasonKind.self).code
        let note = try TextInput.optional(note, field: "note")
        guard clear == lots.isEmpty else {
            throw LotlineError.badInput(
                clear ? "clear-with-lots" : "lots-missing",
                clear ? "clearing the choice takes no lots" : "name at least one lot, or clear the choice",
                value: lots.first)
        }
        if clear {
            guard order.chosenLots?.contains(where: { $0.item == item.part }) == true else {
                throw LotlineError.refused(
                    "no-lots-chosen", "no lots were chosen for \(item.part) at \(order.number)", value: item.part.rawValue)
            }
        }
        var chosen: [LotNumber] = []
        for text in lots {
            let lot = try state.requireLot(text)
            guard lot.item == item.part else {
                throw LotlineError.badInput("lot-item-mismatch", "lot \(lot.number) is \(lot.item), not \(item.part)", value: text)
            }
            guard !chosen.contains(lot.number) else {
                throw LotlineError.badInput("lot-repeated", "lot \(lot.number) is named twice", value: text)
            }
            let allocatable = AllocatableLot(
                number: lot.number, item: lot.item, quantity: lot.quantity, status: lot.status(on: context.today), expiresOn: lot.expiresOn,
                receiptSeq: 0)
            if let why = LotAllocator.unusable(allocatable, on: context.today, minShelfLifeDays: item.minShelfLifeDays) {
                throw LotlineError.refused("lot-not-allocatable", "lot \(lot.number) cannot be allocated: \(why)", value: text)
            }
            chosen.append(lot.number)
        }
        return Decision(
            LotsChosen(workOrder: order.number, item: item.part, chosen: chosen, reason: reason, note: note),
            reason: TextInput.reason(reason, note: note))
    }
}
