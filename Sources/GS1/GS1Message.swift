/// One AI and its value, as read from or written to a barcode.
public struct GS1Element: Sendable, Hashable, Codable {
    public let ai: String
    public let value: String

    public init(ai: String, value: String) {
        self.ai = ai
        self.value = value
    }
}

/// GS1 data, validated against the syntax dictionary: its elements in the order they were given, and how to write them
/// back as a bracketed string, an element string for a barcode, or a Digital Link URI.
public struct GS1Message: Sendable, Hashable {
    public let elements: [GS1Element]

    /// Validates each element (known AI, length, character set, content checks) and, with `associations`, the pairing
    /// rules between them (`req=`, `ex=`); an AI given twice with one value is kept once.
    public init(_ elements: [GS1Element], associations: Bool = true, dictionary: SyntaxDictionary = .standard) throws(GS1Error) {
        var kept: [GS1Element] = []
        for element in elements {
            guard let definition = dictionary.definition(element.ai) else {
                throw GS1Error(.unknownAI, ai: element.ai, "is not an Application Identifier in the GS1 syntax dictionary")
            }
            try definition.validate(element.value)
            if let earlier = kept.first(where: { $0.ai == element.ai }) {
                guard earlier.value == element.value else {
                    throw GS1Error(.duplicate, ai: element.ai, "is given twice with different values: \(earlier.value) and \(element.value)")
                }
                continue
            }
            kept.append(element)
        }
        guard !kept.isEmpty else { throw GS1Error(.syntax, "no GS1 data") }
        if associations { try Self.checkAssociations(kept, dictionary: dictionary) }
        self.elements = kept
    }

    /// The dictionary's checks this module does not make on this data, and why (say, a company prefix length, which needs
    /// GS1's licensed table): what a reader of the data should know was not verified.
    public func uncheckedRules(dictionary: SyntaxDictionary = .standard) -> [String] {
        elements.flatMap { element in
            (dictionary.definition(element.ai)?.components.flatMap(\.linters) ?? []).compactMap { name in
                Linters.unchecked[name].map { "(\(element.ai)) \(name) not checked: \($0)" }
            }
        }
    }

    /// The value of an AI, if the data has it.
    public subscript(ai: String) -> String? { elements.first { $0.ai == ai }?.value }

    /// `(01)09521234543213(10)ABC123`: literal parentheses in a value are written `\(`.
    public var bracketed: String {
        elements.map { "(\($0.ai))" + $0.value.flatMap { $0 == "(" ? ["\\", "("] : [$0] } }.joined()
    }

    /// The element string a barcode carries after its leading FNC1: AIs and values in order, with a group separator
    /// (GS, ASCII 29, which the encoders turn into FNC1) after every value whose length is not predefined, except the last.
    public func elementString(dictionary: SyntaxDictionary = .standard) -> String {
        var text = ""
        for (index, element) in elements.enumerated() {
            text += element.ai + element.value
            if index < elements.count - 1, dictionary.definition(element.ai)?.predefinedLength != true { text += GS1Message.groupSeparator }
        }
        return text
    }

    /// The group separator, ASCII 29, that stands for FNC1 between fields in scanned and encoded data.
    public static let groupSeparator = "\u{1D}"

    /// Every AI's `req=` rules hold and no two AIs exclude each other.
    static func checkAssociations(_ elements: [GS1Element], dictionary: SyntaxDictionary) throws(GS1Error) {
        let ais = elements.map(\.ai)
        for ai in ais {
            guard let definition = dictionary.definition(ai) else { continue }
            for alternatives in definition.requires {
                let satisfied = alternatives.contains { group in group.allSatisfy { pattern in ais.contains { matches($0, pattern) } } }
                if !satisfied {
                    let wanted = alternatives.map { $0.map { "(\($0))" }.joined(separator: " with ") }.joined(separator: " or ")
                    throw GS1Error(.requires, ai: ai, "\(definition.title) needs \(wanted) in the same data")
                }
            }
            for pattern in definition.excludes {
                if let other = ais.first(where: { $0 != ai && matches($0, pattern) }) {
                    throw GS1Error(.excludes, ai: ai, "\(definition.title) may not appear with (\(other))")
                }
            }
        }
    }

    /// An AI against a dictionary pattern, where `n` stands for any digit (`310n`, `35nn`).
    static func matches(_ ai: String, _ pattern: String) -> Bool {
        ai.count == pattern.count && zip(ai, pattern).allSatisfy { $1 == "n" ? $0.isASCIIDigit : $0 == $1 }
    }
}

extension AIDefinition {
    /// The value fits the components in turn (character set, length, content checks), with nothing left over.
    func validate(_ value: String) throws(GS1Error) {
        let characters = Array(value)
        guard lengthRange.contains(characters.count) else {
            let wanted = isFixedLength ? "exactly \(lengthRange.lowerBound)" : "\(lengthRange.lowerBound) to \(lengthRange.upperBound)"
            throw GS1Error(.length, ai: ai, "\(title): \(value) has \(characters.count) characters; it takes \(wanted)")
        }
        var position = 0
        for component in components {
            if position == characters.count, component.optional { break }
            let length = min(component.maxLength, characters.count - position)
            guard length >= component.minLength else {
                throw GS1Error(.length, ai: ai, "\(title): \(value) is too short for its parts")
            }
            let part = Substring(String(characters[position..<position + length]))
            if let bad = part.first(where: { !component.kind.allows($0) }) {
                throw GS1Error(.characterSet, ai: ai, "\(title): \(value) has \(Self.describe(bad)), not \(component.kind.name)")
            }
            if component.kind == .base64url, let padding = part.firstIndex(of: "=") {
                // RFC 4648 padding: one or two `=` at the end of a length that is a multiple of four.
                let pad = part[padding...]
                guard !pad.contains(where: { $0 != "=" }), pad.count <= 2, part.count % 4 == 0, pad.count < part.count else {
                    throw GS1Error(.characterSet, ai: ai, "\(title): \(value) is not padded as base64 is (one or two = ending a multiple of 4)")
                }
            }
            for linter in component.linters {
                if let problem = Linters.checks[linter]?(part) { throw GS1Error(.content, ai: ai, "\(title): \(problem)") }
            }
            position += length
        }
        guard position == characters.count else {
            throw GS1Error(.length, ai: ai, "\(title): \(value) is too long for its parts")
        }
    }

    private static func describe(_ character: Character) -> String {
        character.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value < 0x7F }
            ? "'\(character)'"
            : "U+" + character.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " U+")
    }
}

extension AIComponent.CharacterKind {
    private static let set82: Set<Character> = Set(#"!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"#)
    private static let set39: Set<Character> = Set("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    func allows(_ character: Character) -> Bool {
        switch self {
        case .numeric: character.isASCIIDigit
        case .cset82: Self.set82.contains(character)
        case .cset39: Self.set39.contains(character)
        case .base64url: character.isASCIIDigit || character.isASCIILetter || character == "-" || character == "_" || character == "="
        }
    }

    var name: String {
        switch self {
        case .numeric: "a digit"
        case .cset82: "in the GS1 character set 82"
        case .cset39: "in the GS1 character set 39"
        case .base64url: "base64url"
        }
    }
}
