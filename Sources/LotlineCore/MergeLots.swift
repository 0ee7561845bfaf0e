import Foundation

/// Combine whole lots of one item into a composite lot whose parents are every input with its quantity,
/// so that mixing remnants in a bin never breaks the trace.
public struct MergeLots: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lots, location
        case number = "into"
    }

    public var lots: [String]
    /// A hand-entered number for the composite lot.
    public var number: String?
    /// Where the composite lot is put: required when the inputs are not all in one place.
    public var location: String?

    public init(lots: [String], number: String? = nil, location: String? = nil) {
        self.lots = lots
        self.number = number
        self.location = location
    }

    public var permission: Permission { .moveStock }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotsMerged> {
        let inputs = try lots.map { try state.requireLot($0) }
        guard Set(inputs.map(\.number)).count == inputs.count, inputs.count >= 2 else {
            throw LotlineError.badInput(
                "merge-needs-two-lots", "merge needs at least two different lots, got \(lots.joined(separator: " "))",
                value: lots.joined(separator: " "))
        }
        let first = inputs[0]
        for lot in inputs {
            guard lot.item == first.item else {
                throw LotlineError.refused(
                    "merge-mixed-items",
                    "cannot merge lot \(lot.number) (\(lot.item)) with lot \(first.number) (\(first.item)): a composite lot holds one item",
                    value: lot.number.rawValue)
            }
            try UsableLot.require(lot, for: .merge, today: context.today)
        }
        let location = try self.location.map { try state.require($0, LocationKind.self).code } ?? commonLocation(of: inputs)
        var numbers = LotNumberAllocator(state: state)
        var sequence: SequenceUse?
        let output: LotNumber
        if let number {
            output = try numbers.accept(number, .merge, item: first.item)
        } else {
            (output, sequence) = try numbers.generate(.merge, .init(day: context.today, item: first.item))
        }
        let heats = Lot.heats(of: inputs)
        var event = LotsMerged(
            output: output, item: first.item, inputs: inputs.map { LotPortion(lot: $0.number, quantity: $0.quantity) },
            quantity: Quantity(inputs.reduce(Decimal(0)) { $0 + $1.quantity.amount }, first.quantity.unit),
            status: inputs.contains { $0.storedStatus == .quarantine } ? .quarantine : .released,
            expiresOn: inputs.compactMap(\.expiresOn).min(), location: location, sequence: sequence, heats: heats.isEmpty ? nil : heats)
        event.emptied = try state.lotsEmptied(by: event)
        return Decision(event)
    }

    /// The one place every input is in; lots in different places need a location given for the composite.
    private func commonLocation(of inputs: [Lot]) throws -> LocationCode? {
        let locations = Set(inputs.map(\.location))
        guard locations.count == 1 else {
            let found = inputs.map { "\($0.number) @\($0.location?.rawValue ?? "nowhere")" }.joined(separator: ", ")
            throw LotlineError.badInput(
                "merge-location-missing", "the lots are in different places (\(found)); say where the composite lot goes",
                value: lots.joined(separator: " "), remedy: .give([.location]))
        }
        return inputs[0].location
    }
}
