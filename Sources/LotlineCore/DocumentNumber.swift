import Foundation

/// Numbers of work orders and shipments: the next in the scheme, or one given by hand (an ERP's own number carried into
/// Lotline with its history, so later lines name the object they mean and never the next one the scheme would make).
enum DocumentNumber {
    /// The number for a new document: `given` (any code not taken), else the scheme's next free number and its use.
    static func allocate<Kind: CodeKind>(
        _ given: String?, _: Kind.Type, scheme: LotNumberScheme, inputs: LotNumberScheme.Inputs, state: any LedgerState,
        exists: (Code<Kind>) throws -> Bool
    ) throws -> (Code<Kind>, SequenceUse?) {
        if let given {
            let number = try Code<Kind>.parse(given)
            guard try !exists(number) else {
                throw LotlineError.refused(
                    "\(Kind.noun)-exists", "\(Kind.noun.replacingOccurrences(of: "-", with: " ")) \(number) exists already; numbers are never reused",
                    value: number.rawValue)
            }
            return (number, nil)
        }
        let key = scheme.sequenceKey(inputs)
        var value = try state.lastSequence(key) + 1
        while try exists(Code(rawValue: scheme.number(inputs, sequence: value).rawValue)) { value += 1 }
        return (Code(rawValue: scheme.number(inputs, sequence: value).rawValue), SequenceUse(key: key, value: value))
    }
}

/// A command that numbers what it creates with the next number of a scheme unless it is given one. When such a command
/// is refused in an import, the numbers after it are not the ones the file expects, so later lines of the same kind
/// are refused too rather than create objects that other lines would mistake for theirs.
public protocol DrawsSchemeNumbers {
    /// The numbering this command draws on, nil when it was given its numbers.
    var numbering: String? { get }
}

extension CreateWorkOrder: DrawsSchemeNumbers {
    public var numbering: String? { number == nil ? "work orders" : nil }
}

extension Ship: DrawsSchemeNumbers {
    public var numbering: String? { number == nil ? "shipments" : nil }
}

extension Receive: DrawsSchemeNumbers {
    public var numbering: String? { lot == nil ? "receipts" : nil }
}

extension Produce: DrawsSchemeNumbers {
    public var numbering: String? { lot == nil && serials.isEmpty ? "production lots and serials" : nil }
}

extension MergeLots: DrawsSchemeNumbers {
    public var numbering: String? { number == nil ? "merges" : nil }
}

extension SplitLot: DrawsSchemeNumbers {
    public var numbering: String? { "splits of \(LotNumberLookup.normalize(lot))" }
}
