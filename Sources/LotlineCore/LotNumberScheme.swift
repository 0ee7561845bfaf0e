import Foundation

/// A pattern internal lot numbers are generated from and checked against, e.g. `R{YY}{DDD}-{SEQ:4}`.
///
/// Tokens: `{YYYY}`, `{YY}`, `{MM}`, `{DD}`, `{DDD}` (day of year), `{SEQ:n}` (sequence, at least n digits, required),
/// `{ITEM}` (part number), `{PARENT}` (the lot split from). Everything else is literal.
public struct LotNumberScheme: Sendable, Hashable, Codable, CustomStringConvertible {
    enum Part: Hashable, Sendable {
        case literal(String)
        case year4, year2, month, day, dayOfYear, item, parent
        case sequence(width: Int)
    }

    public let pattern: String
    let parts: [Part]

    public var description: String { pattern }

    public init(_ pattern: String) throws {
        let invalid = { (why: String) in
            LotlineError.badInput("lot-scheme-invalid", "lot number scheme '\(pattern)' \(why)", value: pattern)
        }
        var parts: [Part] = []
        var rest = Substring(pattern.trimmingCharacters(in: .whitespaces))
        while let first = rest.first {
            if first == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw invalid("has a '{' without its '}'") }
                let token = rest[rest.index(after: rest.startIndex)..<close].uppercased()
                rest = rest[rest.index(after: close)...]
                switch token {
                case "YYYY": parts.append(.year4)
                case "YY": parts.append(.year2)
                case "MM": parts.append(.month)
                case "DD": parts.append(.day)
                case "DDD": parts.append(.dayOfYear)
                case "ITEM": parts.append(.item)
                case "PARENT": parts.append(.parent)
                default:
                    guard token.hasPrefix("SEQ:"), let width = Int(token.dropFirst(4)), (1...9).contains(width) else {
                        throw invalid("has an unknown token {\(token)}; use YYYY, YY, MM, DD, DDD, ITEM, PARENT or SEQ:n")
                    }
                    parts.append(.sequence(width: width))
                }
            } else {
                let literal = rest.prefix { $0 != "{" }
                guard literal.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-_./".contains($0) }) else {
                    throw invalid("may only contain letters, digits, '-', '_', '.', '/' outside its tokens")
                }
                parts.append(.literal(literal.uppercased()))
                rest = rest.dropFirst(literal.count)
            }
        }
        guard parts.filter({ if case .sequence = $0 { true } else { false } }).count == 1 else {
            throw invalid("needs exactly one {SEQ:n} so that every number is unique")
        }
        self.pattern = pattern.trimmingCharacters(in: .whitespaces)
        self.parts = parts
    }

    /// What a number is generated from besides its sequence.
    public struct Inputs: Sendable, Hashable {
        public var day: CalendarDate
        public var item: PartNumber
        public var parent: LotNumber?

        public init(day: CalendarDate, item: PartNumber, parent: LotNumber? = nil) {
            self.day = day
            self.item = item
            self.parent = parent
        }
    }

    /// The key the sequence counts under: the number with its sequence left out, so the count restarts when a date part changes.
    public func sequenceKey(_ inputs: Inputs) -> String {
        pattern + "|" + render(inputs, sequence: nil)
    }

    /// The lot number for a given sequence value.
    public func number(_ inputs: Inputs, sequence: Int) -> LotNumber {
        LotNumber(rawValue: render(inputs, sequence: sequence))
    }

    private func render(_ inputs: Inputs, sequence: Int?) -> String {
        parts.map { part -> String in
            switch part {
            case .literal(let text): text
            case .year4: String(format: "%04d", inputs.day.year)
            case .year2: String(format: "%02d", inputs.day.year % 100)
            case .month: String(format: "%02d", inputs.day.month)
            case .day: String(format: "%02d", inputs.day.day)
            case .dayOfYear: String(format: "%03d", inputs.day.ordinal)
            case .item: inputs.item.rawValue
            case .parent: inputs.parent?.rawValue ?? ""
            case .sequence(let width): sequence.map { String(format: "%0\(width)d", $0) } ?? "#"
            }
        }.joined()
    }

    /// Whether a hand-entered number has the scheme's shape (dates are checked for their digits, not their value).
    public func matches(_ number: LotNumber, item: PartNumber, parent: LotNumber? = nil) -> Bool {
        match(Array(number.rawValue), from: 0, parts: parts[...], item: item.rawValue, parent: parent?.rawValue)
    }

    private func match(_ text: [Character], from index: Int, parts: ArraySlice<Part>, item: String, parent: String?) -> Bool {
        guard let part = parts.first else { return index == text.count }
        let rest = parts.dropFirst()
        func fixed(_ expected: String) -> Bool {
            let end = index + expected.count
            return end <= text.count && String(text[index..<end]) == expected
                && match(text, from: end, parts: rest, item: item, parent: parent)
        }
        func digits(_ count: Int, range: ClosedRange<Int>? = nil) -> Bool {
            let end = index + count
            guard end <= text.count, text[index..<end].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            if let range, !range.contains(Int(String(text[index..<end]))!) { return false }
            return match(text, from: end, parts: rest, item: item, parent: parent)
        }
        switch part {
        case .literal(let literal): return fixed(literal)
        case .item: return fixed(item)
        case .parent: return fixed(parent ?? "")
        case .year4: return digits(4)
        case .year2: return digits(2)
        case .month: return digits(2, range: 1...12)
        case .day: return digits(2, range: 1...31)
        case .dayOfYear: return digits(3, range: 1...366)
        case .sequence(let width):
            var end = index
            while end < text.count, text[end].isASCII, text[end].isNumber {
                end += 1
                if end - index >= width && match(text, from: end, parts: rest, item: item, parent: parent) { return true }
            }
            return false
        }
    }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pattern)
    }
}

/// Which kind of lot a number is for; each kind has its own default scheme, which an item may override.
public enum LotOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    case receipt, split, merge, production, serial
    case `return`

    public var defaultScheme: LotNumberScheme {
        switch self {
        case .receipt: try! LotNumberScheme("R{YY}{DDD}-{SEQ:4}")
        case .split: try! LotNumberScheme("{PARENT}-{SEQ:2}")
        case .merge: try! LotNumberScheme("M{YY}{DDD}-{SEQ:4}")
        case .production: try! LotNumberScheme("P{YY}{DDD}-{SEQ:4}")
        case .serial: try! LotNumberScheme("SN-{SEQ:6}")
        case .return: try! LotNumberScheme("{PARENT}-R{SEQ:2}")
        }
    }
}
