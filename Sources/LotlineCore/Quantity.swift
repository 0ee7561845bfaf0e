import Foundation

/// An exact amount of material in one unit of measure; conserved, so never a floating-point number.
public struct Quantity: Sendable, Hashable, Codable, CustomStringConvertible {
    public var amount: Decimal
    public var unit: String

    public init(_ amount: Decimal, _ unit: String) {
        self.amount = amount
        self.unit = unit
    }

    public var description: String { "\(Quantity.format(amount)) \(unit)" }
    public var isZero: Bool { amount == 0 }

    /// Whether the amount has no fractional part, as serial numbers and `ea` counts need.
    public var isWhole: Bool {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return rounded == amount
    }

    /// Plain decimal text with no exponent and no trailing zeros, the form stored and hashed.
    public static func format(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 12, .plain)
        return "\(rounded)"
    }

    /// Parses `12.5`, `12.5kg` or `12.5 kg` strictly; the unit, when given, must be the item's unit.
    public static func parse(_ text: String, unit expected: String, field: String = "quantity") throws -> Quantity {
        let amount = try parseAmount(text, unit: expected, field: field)
        guard amount > 0 else {
            throw LotlineError.badInput(
                "quantity-not-positive", "\(field) must be greater than zero, got '\(text)'; enter a positive amount such as 10 or 2.5",
                value: text)
        }
        return Quantity(amount, expected)
    }

    /// Like `parse`, but zero is allowed (a counted quantity can be nothing).
    public static func parseCount(_ text: String, unit expected: String, field: String = "quantity") throws -> Quantity {
        Quantity(try parseAmount(text, unit: expected, field: field), expected)
    }

    /// The most decimal places a quantity may have: what is stored and hashed (`format`) keeps exactly this many.
    public static let maximumDecimalPlaces = 12
    /// The most digits before the decimal point: with 12 after it, 27 significant digits, so sums of a plant's quantities
    /// stay exact in `Decimal`'s 38-digit mantissa.
    public static let maximumWholeDigits = 15

    /// Decimal points are always dots; made once, as making a locale costs more than parsing a number.
    static let posix = Locale(identifier: "en_US_POSIX")

    private static func parseAmount(_ text: String, unit expected: String, field: String) throws -> Decimal {
        var trimmed = text.trimmed
        if trimmed.unicodeScalars.contains("\u{2212}") { trimmed = trimmed.replacingOccurrences(of: "\u{2212}", with: "-") }
        if trimmed.hasPrefix("-") {
            throw LotlineError.badInput(
                "quantity-not-positive", "\(field) must not be negative, got '\(trimmed)'; quantities in Lotline never go below zero",
                value: trimmed)
        }
        let numberPart = String(trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") })
        let unitPart = trimmed.dropFirst(numberPart.count).trimmingCharacters(in: .whitespaces)
        let dots = numberPart.filter { $0 == "." }.count
        guard !numberPart.isEmpty, dots <= 1, numberPart != ".", numberPart.last != ".",
            let amount = Decimal(string: numberPart, locale: posix)
        else {
            throw LotlineError.badInput(
                "quantity-invalid", "\(field) '\(text)' is not a number; write it like 12 or 12.5 (optionally followed by the unit \(expected))",
                value: text)
        }
        let digits = numberPart.split(separator: ".", omittingEmptySubsequences: false)
        let whole = digits[0].drop { $0 == "0" }
        let fraction = digits.count > 1 ? digits[1].reversed().drop { $0 == "0" } : []
        guard fraction.count <= maximumDecimalPlaces else {
            throw LotlineError.badInput(
                "quantity-too-precise",
                "\(field) '\(text)' has \(fraction.count) decimal places; Lotline keeps quantities exactly to at most \(maximumDecimalPlaces)",
                value: text)
        }
        guard whole.count <= maximumWholeDigits else {
            throw LotlineError.badInput(
                "quantity-too-large",
                "\(field) '\(text)' has \(whole.count) digits before the decimal point; Lotline keeps quantities exactly up to \(maximumWholeDigits)",
                value: text)
        }
        if !unitPart.isEmpty && unitPart.lowercased() != expected.lowercased() {
            throw LotlineError.badInput(
                "unit-mismatch", "\(field) is in '\(unitPart)' but this item is counted in '\(expected)'; convert it to \(expected)",
                value: text)
        }
        return amount
    }
}

extension Quantity {
    // Stored and hashed as text so no decimal is ever rounded through a Double.
    enum CodingKeys: String, CodingKey { case amount, unit }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .amount)
        guard let amount = Decimal(string: text, locale: Quantity.posix) else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "not a decimal: \(text)")
        }
        self.init(amount, try container.decode(String.self, forKey: .unit))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Quantity.format(amount), forKey: .amount)
        try container.encode(unit, forKey: .unit)
    }
}
