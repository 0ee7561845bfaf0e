import Foundation

/// Gives new lots their numbers within one command: generated from the scheme, or hand-entered and checked against it.
public struct LotNumberAllocator {
    let state: any LedgerState
    private var taken: Set<LotNumber> = []
    private var nextValues: [String: Int] = [:]

    public init(state: any LedgerState) { self.state = state }

    /// The scheme that applies to lots of this kind of this item.
    public func scheme(_ origin: LotOrigin, item: PartNumber) throws -> LotNumberScheme {
        try state.scheme(for: origin, item: item) ?? origin.defaultScheme
    }

    /// The next free number, skipping any a user already entered by hand.
    public mutating func generate(_ origin: LotOrigin, _ inputs: LotNumberScheme.Inputs) throws -> (LotNumber, SequenceUse) {
        let scheme = try scheme(origin, item: inputs.item)
        let key = scheme.sequenceKey(inputs)
        var value = try nextValues[key] ?? (state.lastSequence(key) + 1)
        var number = scheme.number(inputs, sequence: value)
        while try taken.contains(number) || state.lot(number) != nil {
            value += 1
            number = scheme.number(inputs, sequence: value)
        }
        nextValues[key] = value + 1
        taken.insert(number)
        return (number, SequenceUse(key: key, value: value))
    }

    /// A hand-entered number: normalized, on the scheme, and not used before.
    public mutating func accept(_ text: String, _ origin: LotOrigin, item: PartNumber, parent: LotNumber? = nil) throws -> LotNumber {
        let number = LotNumber(rawValue: LotNumberLookup.normalize(text))
        let scheme = try scheme(origin, item: item)
        guard scheme.matches(number, item: item, parent: parent) else {
            throw LotlineError.badInput(
                "lot-number-off-scheme",
                "lot number '\(text)' does not match the \(origin.rawValue) scheme \(scheme.pattern) for \(item); leave it out to have one generated",
                value: text)
        }
        guard !taken.contains(number), try !state.lotNumberTaken(number) else {
            throw LotlineError.refused("lot-number-taken", "lot number '\(number)' is already in use; lot numbers are unique", value: text)
        }
        taken.insert(number)
        return number
    }
}
