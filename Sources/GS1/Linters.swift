/// The content checks the syntax dictionary names after a component (`N6,yymmd0`), as the GS1 General Specifications
/// define them. Each returns why the value fails, or nil when it passes.
enum Linters {
    /// Checks this module does not make, and why: a value they cover is accepted as long as its characters and length are.
    static let unchecked: [String: String] = [
        "gcppos1": "needs GS1's licensed table of company prefix lengths",
        "gcppos2": "needs GS1's licensed table of company prefix lengths",
        "couponcode": "North American coupon codes are not used in manufacturing",
        "couponposoffer": "North American coupon codes are not used in manufacturing",
        "packagetype": "needs the UN/ECE Recommendation 21 package type list",
    ]

    /// Every check this module makes, by the dictionary's name.
    static let checks: [String: @Sendable (Substring) -> String?] = [
        "csum": { checkDigit($0) },
        "csumalpha": { alphanumericCheckPair($0) },
        "yymmd0": { date($0, centuryDigits: false, dayZero: true) },
        "yymmdd": { date($0, centuryDigits: false, dayZero: false) },
        "yyyymmdd": { date($0, centuryDigits: true, dayZero: false) },
        "hhmi": { number($0.prefix(2), in: 0...23, "an hour") ?? number($0.dropFirst(2), in: 0...59, "a minute") },
        "hh": { number($0, in: 0...23, "an hour") },
        "mi": { number($0, in: 0...59, "a minute") },
        "ss": { number($0, in: 0...59, "a second") },
        "iso3166": { ISOCodes.countryNumeric.contains(String($0)) ? nil : "\($0) is not an ISO 3166 country number" },
        "iso3166999": { $0 == "999" || ISOCodes.countryNumeric.contains(String($0)) ? nil : "\($0) is not an ISO 3166 country number or 999" },
        "iso3166alpha2": { ISOCodes.countryAlpha2.contains(String($0)) ? nil : "\($0) is not an ISO 3166 alpha-2 country code" },
        "iso4217": { ISOCodes.currencyNumeric.contains(String($0)) ? nil : "\($0) is not an ISO 4217 currency number" },
        "iso5218": { ["0", "1", "2", "9"].contains($0) ? nil : "\($0) is not an ISO 5218 sex code (0, 1, 2 or 9)" },
        "yesno": { $0 == "0" || $0 == "1" ? nil : "\($0) is not 0 (no) or 1 (yes)" },
        "zero": { $0 == "0" ? nil : "\($0) must be 0" },
        "nonzero": { $0.allSatisfy { $0 == "0" } ? "\($0) must not be zero" : nil },
        "nozeroprefix": { $0.count > 1 && $0.first == "0" ? "\($0) must not start with 0" : nil },
        "hasnondigit": { $0.allSatisfy(\.isASCIIDigit) ? "\($0) must contain a character that is not a digit" : nil },
        "winding": { ["0", "1", "9"].contains($0) ? nil : "\($0) is not a winding direction (0, 1 or 9)" },
        "hyphen": { $0 == "-" ? nil : "\($0) must be a hyphen" },
        "pcenc": { percentEncoding($0) },
        "pieceoftotal": { pieceOfTotal($0) },
        "posinseqslash": { positionInSequence($0) },
        "latitude": { number($0, in: 0...1_800_000_000, "a latitude (0 to 1800000000, 90° south = 0)") },
        "longitude": { number($0, in: 0...3_600_000_000, "a longitude (0 to 3600000000, 180° west = 0)") },
        "mediatype": {
            number($0, in: 1...10, "") == nil || number($0, in: 80...99, "") == nil ? nil : "\($0) is not an AIDC media type (01-10, 80-99)"
        },
        "importeridx": {
            $0.count == 1 && ($0.first!.isASCIIDigit || $0.first!.isASCIILetter || $0 == "-" || $0 == "_") ? nil : "\($0) is not an importer index"
        },
        "iban": { iban($0) },
    ]

    /// GS1 mod-10: the last digit is the check digit of the others (weights 3 and 1 from the right).
    static func checkDigit(_ digits: Substring) -> String? {
        guard let last = digits.last?.wholeNumberValue else { return "no check digit" }
        let expected = checkDigit(of: digits.dropLast())
        return last == expected ? nil : "check digit \(last) should be \(expected)"
    }

    /// The GS1 mod-10 check digit of `digits`.
    static func checkDigit(of digits: Substring) -> Int {
        var sum = 0
        for (position, character) in digits.reversed().enumerated() { sum += (character.wholeNumberValue ?? 0) * (position % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10
    }

    private static let cset82 = Array(#"!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"#)
    private static let cset32 = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    private static let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]

    /// The GS1 check character pair (GMN, MUDI): the last two characters encode the sum of the others' positions in
    /// set 82, weighted by primes from the right, modulo 1021.
    static func alphanumericCheckPair(_ value: Substring) -> String? {
        let characters = Array(value)
        guard characters.count >= 3, characters.count - 2 <= primes.count else { return "\(value) is too short for a check character pair" }
        var sum = 0
        for (index, character) in characters.dropLast(2).enumerated() {
            guard let position = cset82.firstIndex(of: character) else { return "\(character) is not in the GS1 character set 82" }
            sum += position * primes[characters.count - 3 - index]
        }
        sum %= 1021
        let expected = String([cset32[sum >> 5], cset32[sum & 31]])
        let given = String(characters.suffix(2))
        return given == expected ? nil : "check characters \(given) should be \(expected)"
    }

    /// YYMMDD (or YYYYMMDD); day 00 means the last day of the month where the dictionary allows it (`yymmd0`).
    private static func date(_ value: Substring, centuryDigits: Bool, dayZero: Bool) -> String? {
        let yearDigits = centuryDigits ? 4 : 2
        guard value.count == yearDigits + 4, let year = Int(value.prefix(yearDigits)), let month = Int(value.dropFirst(yearDigits).prefix(2)),
            let day = Int(value.suffix(2))
        else { return "\(value) is not a date" }
        guard (1...12).contains(month) else { return "\(value): month \(value.dropFirst(yearDigits).prefix(2)) does not exist" }
        if day == 0 { return dayZero ? nil : "\(value): day 00 is not allowed here" }
        // A two-digit year is in the century window of GS1 §7.12 (-49 to +50 years); only leap years matter here.
        let fullYear = centuryDigits ? year : 2000 + year
        let leap = fullYear % 4 == 0 && (fullYear % 100 != 0 || fullYear % 400 == 0) || (!centuryDigits && year % 4 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days ? nil : "\(value): day \(value.suffix(2)) does not exist in month \(value.dropFirst(yearDigits).prefix(2))"
    }

    private static func number(_ value: Substring, in range: ClosedRange<Int>, _ what: String) -> String? {
        guard let number = Int(value), range.contains(number) else { return "\(value) is not \(what)" }
        return nil
    }

    private static func percentEncoding(_ value: Substring) -> String? {
        var rest = value[...]
        while let percent = rest.firstIndex(of: "%") {
            let escape = rest[rest.index(after: percent)...].prefix(2)
            guard escape.count == 2, escape.allSatisfy(\.isHexDigit) else { return "\(value): % must be followed by two hex digits" }
            rest = rest[escape.endIndex...]
        }
        return nil
    }

    /// `pppp`: piece number then total, each two digits, 1 <= piece <= total.
    private static func pieceOfTotal(_ value: Substring) -> String? {
        guard value.count % 2 == 0, let piece = Int(value.prefix(value.count / 2)), let total = Int(value.suffix(value.count / 2)),
            piece >= 1, piece <= total
        else { return "\(value) is not a piece number followed by a total it does not exceed" }
        return nil
    }

    /// `p/t`: a position in a sequence, 1 <= position <= total.
    private static func positionInSequence(_ value: Substring) -> String? {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]), let total = Int(parts[1]), position >= 1, position <= total else {
            return "\(value) is not a position and a total such as 1/2"
        }
        return nil
    }

    /// An IBAN: country code, two check digits, then letters and digits; mod 97 of the rearranged number is 1.
    private static func iban(_ value: Substring) -> String? {
        guard value.count >= 5, value.allSatisfy({ $0.isASCIIDigit || ("A"..."Z").contains($0) }) else {
            return "\(value) is not an IBAN (upper-case letters and digits)"
        }
        guard ISOCodes.countryAlpha2.contains(String(value.prefix(2))) else { return "\(value): \(value.prefix(2)) is not a country code" }
        var remainder = 0
        for character in value.dropFirst(4) + value.prefix(4) {
            let digits = character.isASCIIDigit ? String(character) : String(Int(character.asciiValue! - 55))
            for digit in digits { remainder = (remainder * 10 + digit.wholeNumberValue!) % 97 }
        }
        return remainder == 1 ? nil : "\(value): the IBAN check digits are wrong"
    }
}

extension Character {
    var isASCIILetter: Bool { ("A"..."Z").contains(self) || ("a"..."z").contains(self) }
}
