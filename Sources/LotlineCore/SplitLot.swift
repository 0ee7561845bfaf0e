import Foundation

/// Divide part of a lot into child lots; each child keeps the parent link and the parent's status and attributes.
public struct SplitLot: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot
        case quantities = "qty"
    }

    public var lot: String
    public var quantities: [String]

    public init(lot: String, quantities: [String]) {
        self.lot = lot
        self.quantities = quantities
    }

    public var permission: Permission { .moveStock }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotSplit> {
        let parent = try state.requireLot(lot)
        guard !quantities.isEmpty else {
            throw LotlineError.badInput("split-quantity-missing", "no quantity for a child lot", value: lot, remedy: .give([.quantity]))
        }
        let amounts = try quantities.map { try Quantity.parse($0, unit: parent.quantity.unit) }
        try InventoryRules.requireInStock(parent, for: "split")
        let total = Quantity(amounts.reduce(Decimal(0)) { $0 + $1.amount }, parent.quantity.unit)
        try InventoryRules.requireAvailable(total, in: parent, rule: "split-exceeds-quantity", action: "split")
        var numbers = LotNumberAllocator(state: state)
        var children: [LotPortion] = []
        var sequences: [SequenceUse] = []
        for amount in amounts {
            let (number, sequence) = try numbers.generate(.split, .init(day: context.today, item: parent.item, parent: parent.number))
            children.append(LotPortion(lot: number, quantity: amount))
            sequences.append(sequence)
        }
        let remaining = Quantity(parent.quantity.amount - total.amount, parent.quantity.unit)
        var split = LotSplit(parent: parent.number, children: children, remaining: remaining, sequences: sequences)
        split.emptied = try state.lotsEmptied(by: split)
        return Decision(split)
    }
}
