/// A serialised GTIN as an EPC (GS1 EPC Tag Data Standard 2.x): company prefix, indicator and item reference, serial,
/// and the filter value a tag carries with it.
public struct SGTIN: Sendable, Hashable {
    /// The two binary encodings of an SGTIN on a tag.
    public enum Scheme: String, Sendable, CaseIterable {
        /// 96 bits; the serial is an integer below 2^38.
        case sgtin96 = "sgtin-96"
        /// 198 bits; the serial is up to 20 characters of GS1 character set 82.
        case sgtin198 = "sgtin-198"
    }

    /// The GS1 Company Prefix, 6–12 digits.
    public let companyPrefix: String
    /// The indicator digit then the item reference, 13 − `companyPrefix.count` digits.
    public let indicatorAndItemReference: String
    /// The serial (AI 21): 1–20 characters of GS1 character set 82, unescaped.
    public let serial: String
    /// The filter value, 0–7 (1 is a point-of-sale item, 2 a full case...).
    public let filter: Int

    /// An SGTIN from its EPC fields, as a pure identity or tag URI spells them (serial unescaped).
    public init(companyPrefix: String, indicatorAndItemReference: String, serial: String, filter: Int) throws {
        guard (6...12).contains(companyPrefix.utf8.count), Self.isDigits(companyPrefix) else {
            throw EPCError(.companyPrefix, "company prefix \(companyPrefix) is not 6–12 digits")
        }
        let referenceDigits = 13 - companyPrefix.utf8.count
        guard indicatorAndItemReference.utf8.count == referenceDigits, Self.isDigits(indicatorAndItemReference) else {
            throw EPCError(
                .itemReference,
                "indicator and item reference \(indicatorAndItemReference) is not \(referenceDigits) digits "
                    + "(13 less the \(companyPrefix.utf8.count)-digit company prefix)")
        }
        guard (1...20).contains(serial.unicodeScalars.count) else {
            throw EPCError(.serial, "serial \"\(serial)\" has \(serial.unicodeScalars.count) characters, AI 21 allows 1–20")
        }
        if let bad = serial.unicodeScalars.first(where: { !Self.isCharacterSet82($0) }) {
            throw EPCError(.serial, "serial \"\(serial)\" has \"\(bad)\", which is not in GS1 character set 82")
        }
        guard (0...7).contains(filter) else { throw EPCError(.filter, "filter \(filter) is not 0–7") }
        self.companyPrefix = companyPrefix
        self.indicatorAndItemReference = indicatorAndItemReference
        self.serial = serial
        self.filter = filter
    }

    /// An SGTIN from a GTIN-8, -12, -13 or -14 (padded to 14 with leading zeros), whose check digit must be right, and
    /// the length of the company prefix in it, which the GTIN itself does not tell.
    public init(gtin: String, companyPrefixLength: Int, serial: String, filter: Int) throws {
        guard [8, 12, 13, 14].contains(gtin.utf8.count), Self.isDigits(gtin) else {
            throw EPCError(.gtin, "GTIN \(gtin) is not 8, 12, 13 or 14 digits")
        }
        let digits = Array(repeating: UInt8(ascii: "0"), count: 14 - gtin.utf8.count) + Array(gtin.utf8)
        let expected = Self.checkDigit(digits.dropLast())
        guard digits[13] == expected else {
            throw EPCError(
                .gtin,
                "GTIN \(gtin) ends in check digit \(Character(Unicode.Scalar(digits[13]))), "
                    + "the digits before it give \(Character(Unicode.Scalar(expected)))")
        }
        guard (6...12).contains(companyPrefixLength) else {
            throw EPCError(.companyPrefix, "company prefix length \(companyPrefixLength) is not 6–12")
        }
        let prefix = digits[1...companyPrefixLength]
        let reference = [digits[0]] + digits[(companyPrefixLength + 1)..<13]
        try self.init(
            companyPrefix: String(decoding: prefix, as: UTF8.self),
            indicatorAndItemReference: String(decoding: reference, as: UTF8.self), serial: serial, filter: filter)
    }

    /// The GTIN-14: indicator, company prefix, item reference, check digit.
    public var gtin: String {
        let reference = Array(indicatorAndItemReference.utf8)
        let digits = [reference[0]] + Array(companyPrefix.utf8) + reference.dropFirst()
        return String(decoding: digits + [Self.checkDigit(digits)], as: UTF8.self)
    }

    /// `urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial`, the serial escaped as the TDS asks.
    public var pureIdentityURI: String {
        "urn:epc:id:sgtin:\(companyPrefix).\(indicatorAndItemReference).\(Self.uriEscaped(serial))"
    }

    /// `urn:epc:tag:sgtin-96:F.CompanyPrefix.IndicatorItemRef.Serial`; refuses a serial the scheme cannot carry.
    public func tagURI(_ scheme: Scheme) throws -> String {
        _ = try serialBits(scheme)
        return "urn:epc:tag:\(scheme.rawValue):\(filter).\(companyPrefix).\(indicatorAndItemReference).\(Self.uriEscaped(serial))"
    }

    /// The mod-10 check digit of GS1 keys (weights 3, 1, 3... from the rightmost digit), as an ASCII digit.
    static func checkDigit(_ digits: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() { sum += Int(digit - UInt8(ascii: "0")) * (offset % 2 == 0 ? 3 : 1) }
        return UInt8(ascii: "0") + UInt8((10 - sum % 10) % 10)
    }

    static func isDigits(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// GS1 AI encodable character set 82 (GS1 General Specifications §7.11, TDS Appendix A).
    static func isCharacterSet82(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21, 0x22, 0x25...0x3F, 0x41...0x5A, 0x5F, 0x61...0x7A: true
        default: false
        }
    }

    /// The serial with the characters of set 82 a URI cannot carry as they are written `%HH` (TDS Appendix A).
    static func uriEscaped(_ serial: String) -> String {
        var escaped = ""
        for scalar in serial.unicodeScalars {
            switch scalar {
            case "\"": escaped += "%22"
            case "%": escaped += "%25"
            case "&": escaped += "%26"
            case "/": escaped += "%2F"
            case "<": escaped += "%3C"
            case ">": escaped += "%3E"
            case "?": escaped += "%3F"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// Why an SGTIN or its EPC binary encoding was refused: which rule, and what about the value broke it.
public struct EPCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rules, as stable codes a program can test for.
    public enum Rule: String, Sendable, Hashable {
        /// Not hexadecimal, or not as many hex digits as the scheme's bits take.
        case hex
        /// A header that is not SGTIN-96 (0x30) or SGTIN-198 (0x36).
        case header
        /// A filter value outside 0–7.
        case filter
        /// Partition 7, which is reserved.
        case partition
        /// A company prefix that is not 6–12 digits, or a field whose value needs more digits than the partition gives.
        case companyPrefix = "company-prefix"
        /// Indicator and item reference of the wrong length, or a field whose value needs more digits than allowed.
        case itemReference = "item-reference"
        /// A GTIN of the wrong length, or whose check digit is wrong.
        case gtin
        /// A serial the scheme cannot carry, or a serial field that does not decode.
        case serial
        /// Bits after the encoding's last one (to a whole hex digit or 16-bit word) that are not zero.
        case padding
    }

    public let rule: Rule
    public let message: String

    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { message }
}
