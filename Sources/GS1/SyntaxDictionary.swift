/// The GS1 Barcode Syntax Dictionary, parsed: one definition per Application Identifier, with its data components, the
/// checks (linters) each component gets, and its association rules. Every rule the GS1 module applies comes from here.
public struct SyntaxDictionary: Sendable {
    /// Definitions by AI (ranges such as `3100-3105` are expanded, one entry per AI).
    public let definitions: [String: AIDefinition]

    /// The dictionary shipped with the module (`scripts/gs1-syntax-dictionary.sh` embeds the published file).
    public static let standard: SyntaxDictionary = {
        do { return try SyntaxDictionary(parsing: text) } catch { fatalError("the embedded GS1 syntax dictionary does not parse: \(error)") }
    }()

    /// Parses the dictionary's text format (see its header: `AIs [Flags] Specification [Attributes...] [# Title]`).
    public init(parsing text: String) throws(SyntaxDictionaryError) {
        var definitions: [String: AIDefinition] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop { $0 == " " }
            guard !line.isEmpty, line.first != "#" else { continue }
            for definition in try Self.definitions(in: Substring(line), lineNumber: index + 1) {
                guard definitions.updateValue(definition, forKey: definition.ai) == nil else {
                    throw SyntaxDictionaryError(line: index + 1, "AI \(definition.ai) is defined twice")
                }
            }
        }
        self.definitions = definitions
    }

    /// The definition for an AI, or nil when the dictionary has none.
    public func definition(_ ai: String) -> AIDefinition? { definitions[ai] }

    /// The defined AI that `data` starts with (AIs are 2 to 4 digits and none is a prefix of another).
    public func ai(prefixing data: Substring) -> AIDefinition? {
        // `prefix` stops at four characters: counting the whole rest of the data for every element made reading quadratic.
        let head = data.prefix(4)
        for length in 2...4 where head.count >= length {
            if let definition = definitions[String(head.prefix(length))] { return definition }
        }
        return nil
    }

    private static func definitions(in line: Substring, lineNumber: Int) throws(SyntaxDictionaryError) -> [AIDefinition] {
        let hash = line.firstIndex(of: "#")
        let title = hash.map { line[line.index(after: $0)...].trimmingSpaces } ?? ""
        var tokens = line[..<(hash ?? line.endIndex)].split(separator: " ")
        guard !tokens.isEmpty else { throw SyntaxDictionaryError(line: lineNumber, "no AI") }
        let ais = try expand(tokens.removeFirst(), lineNumber: lineNumber)
        var flags = Substring("")
        if let first = tokens.first, first.allSatisfy({ !$0.isLetter && !$0.isNumber && $0 != "[" }) { flags = tokens.removeFirst() }
        var components: [AIComponent] = []
        while let token = tokens.first, token.first == "[" || "NXYZ".contains(token.first ?? " ") {
            components.append(try AIComponent(parsing: tokens.removeFirst(), lineNumber: lineNumber))
        }
        guard !components.isEmpty else { throw SyntaxDictionaryError(line: lineNumber, "AI \(ais[0]) has no data components") }
        var requires: [[[String]]] = []
        var excludes: [String] = []
        var digitalLinkKey: [[String]]? = nil
        for token in tokens {
            let parts = token.split(separator: "=", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "req" where parts.count == 2:
                requires.append(parts[1].split(separator: ",").map { $0.split(separator: "+").map(String.init) })
            case "ex" where parts.count == 2: excludes += parts[1].split(separator: ",").map(String.init)
            case "dlpkey":
                digitalLinkKey = parts.count == 2 ? parts[1].split(separator: "|").map { $0.split(separator: ",").map(String.init) } : [[]]
            default: break  // attributes this module does not use are skipped, as the format allows
            }
        }
        return ais.map {
            AIDefinition(
                ai: $0, predefinedLength: flags.contains("*"), digitalLinkAttribute: flags.contains("?"), components: components,
                requires: requires, excludes: excludes, digitalLinkKey: digitalLinkKey, title: title)
        }
    }

    /// `3100-3105` is six AIs; `91-99` nine.
    private static func expand(_ token: Substring, lineNumber: Int) throws(SyntaxDictionaryError) -> [String] {
        let ends = token.split(separator: "-")
        guard ends.count <= 2, ends.allSatisfy({ (2...4).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
            let first = Int(ends[0]), let last = Int(ends[ends.count - 1]), first <= last, ends[0].count == ends[ends.count - 1].count
        else { throw SyntaxDictionaryError(line: lineNumber, "\(token) is not an AI or a range of AIs") }
        let width = ends[0].count
        return (first...last).map { String(repeating: "0", count: width - String($0).count) + String($0) }
    }
}

/// One Application Identifier as the dictionary defines it.
public struct AIDefinition: Sendable, Hashable {
    public let ai: String
    /// Flag `*`: a length fixed by the GS1 General Specifications, so no FNC1 separator follows it in a barcode.
    public let predefinedLength: Bool
    /// Flag `?`: may be a GS1 Digital Link data attribute (a query parameter).
    public let digitalLinkAttribute: Bool
    public let components: [AIComponent]
    /// Each `req=` attribute: the message must hold one of its alternatives, each a set of AIs (or patterns like `31nn`).
    public let requires: [[[String]]]
    /// `ex=`: AIs (or patterns) that may not appear in the same message.
    public let excludes: [String]
    /// `dlpkey`: a Digital Link primary key, with its alternative sequences of qualifier AIs (`[[]]` for none).
    public let digitalLinkKey: [[String]]?
    public let title: String

    /// The shortest and longest value the components allow.
    public var lengthRange: ClosedRange<Int> {
        let minimum = components.reduce(0) { $0 + ($1.optional ? 0 : $1.minLength) }
        return minimum...components.reduce(0) { $0 + $1.maxLength }
    }

    /// The value has one length only (fixed-length, whether or not the specifications predefine it).
    public var isFixedLength: Bool { lengthRange.lowerBound == lengthRange.upperBound }
}

/// One part of an AI's data field: its character set, length and the checks it gets.
public struct AIComponent: Sendable, Hashable {
    /// `N` digits, `X` GS1 AI encodable character set 82, `Y` set 39, `Z` base64url.
    public enum CharacterKind: Character, Sendable, Hashable {
        case numeric = "N", cset82 = "X", cset39 = "Y", base64url = "Z"
    }

    public let kind: CharacterKind
    public let minLength: Int
    public let maxLength: Int
    /// In `[...]`: may be left out once the data is exhausted.
    public let optional: Bool
    /// The names of the content checks, in order (`csum`, `yymmd0`, `iso3166`...).
    public let linters: [String]

    init(parsing token: Substring, lineNumber: Int) throws(SyntaxDictionaryError) {
        var parts = token.split(separator: ",")
        var type = parts.removeFirst()
        optional = type.first == "["
        if optional {
            guard type.last == "]" else { throw SyntaxDictionaryError(line: lineNumber, "\(token): an unclosed [") }
            type = type.dropFirst().dropLast()
        }
        guard let letter = type.first, let kind = CharacterKind(rawValue: letter) else {
            throw SyntaxDictionaryError(line: lineNumber, "\(token): the type is not N, X, Y or Z")
        }
        let length = type.dropFirst()
        if length.hasPrefix(".."), let maximum = Int(length.dropFirst(2)), maximum > 0 {
            (minLength, maxLength) = (1, maximum)
        } else if let fixed = Int(length), fixed > 0 {
            (minLength, maxLength) = (fixed, fixed)
        } else {
            throw SyntaxDictionaryError(line: lineNumber, "\(token): the length is not N or ..N")
        }
        self.kind = kind
        self.linters = parts.map(String.init)
        // A check this module does not know would pass everything unseen: refuse the dictionary instead.
        if let unknown = linters.first(where: { Linters.checks[$0] == nil && Linters.unchecked[$0] == nil }) {
            throw SyntaxDictionaryError(line: lineNumber, "\(token): the check \(unknown) is not one this module makes or knows it leaves out")
        }
    }
}

/// The dictionary text does not follow its own format (which line, and what is wrong).
public struct SyntaxDictionaryError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "GS1 syntax dictionary line \(line): \(message)" }
}

extension Character {
    /// 0 to 9 only (not other scripts' digits, which `isNumber` accepts).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    /// Without white space at either end.
    var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
