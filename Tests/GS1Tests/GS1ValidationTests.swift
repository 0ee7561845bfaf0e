import GS1
import Testing

/// A table of element strings, valid and invalid, one rule each, written from the GS1 General Specifications (§3 AI
/// definitions, §7.9 check digits, §7.12 dates) and the syntax dictionary's attributes.
@Suite struct GS1ValidationTests {
    static let valid: [String] = [
        "(01)09521234543213(10)ABC123(17)261231",
        "(00)106141412345678908",
        "(01)09521234543213(3103)000500",
        "(01)09521234543213(17)261200",  // day 00 of an expiry date: the end of the month
        "(01)09521234543213(17)280229",  // 2028 is a leap year
        #"(01)09521234543213(21)!"%&'\()*+,-./:;<=>(10)?_z"#,  // every punctuation character of set 82
        "(01)09521234543213(422)276",
        "(00)106141412345678908(4330)001234-",  // optional trailing hyphen: minus
        "(00)106141412345678908(4330)001234",
        "(8006)095212345432130102",  // piece 1 of 2
        "(8013)1987654Ad4X4bL5ttr2310c2K",  // GMN with its check character pair
        "(01)09521234543213(10)ABC(30)12",
        "(02)09521234543213(37)12(00)106141412345678908",
        "(414)0614141000012(254)ABC",
        "(91)ANYTHING-90(92)X",
        "(8004)0614141ABC123",
        "(7003)2612312359(01)09521234543213",
        "(01)09521234543213(21)S1(8030)QUJD", "(01)09521234543213(21)S1(8030)QUI=", "(01)09521234543213(21)S1(8030)QQ==",
    ]

    static let invalid: [(String, GS1Error.Rule, String?)] = [
        ("(01)09521234543214", .content, "01"),  // check digit
        ("(00)106141412345678907", .content, "00"),
        ("(01)0952123454321", .length, "01"),  // 13 digits
        ("(01)095212345432130", .length, "01"),
        ("(01)09521234543213(10)AB#1", .characterSet, "10"),  // '#' is not in set 82
        ("(01)09521234543213(10)ABÇ", .characterSet, "10"),
        ("(01)09521234543213(10)123456789012345678901", .length, "10"),  // 21 characters, 20 allowed
        ("(01)09521234543213(17)26123A", .characterSet, "17"),
        ("(01)09521234543213(17)261301", .content, "17"),  // month 13
        ("(01)09521234543213(17)270229", .content, "17"),  // 2027 is not a leap year
        ("(01)09521234543213(17)260431", .content, "17"),
        ("(01)09521234543213(7006)261200", .content, "7006"),  // yymmdd: no day 00
        ("(01)09521234543213(7003)2612312460", .content, "7003"),  // hour 24
        ("(01)09521234543213(422)999", .content, "422"),  // not a country
        ("(00)106141412345678908(4330)001234+", .content, "4330"),
        ("(8006)095212345432130302", .content, "8006"),  // piece 3 of 2
        ("(8013)1987654Ad4X4bL5ttr2310c2L", .content, "8013"),
        ("(23)123", .unknownAI, "23"),
        ("(10)ABC123", .requires, "10"),  // a batch needs a GTIN (or 02, 03, 8006, 8026)
        ("(21)12345", .requires, "21"),
        ("(01)09521234543213(250)X", .requires, "250"),  // secondary serial needs (01) with (21)
        ("(01)09521234543213(37)10", .excludes, "01"),  // a count goes with (02), not (01)
        ("(01)09521234543213(3100)000100(3101)000010", .excludes, "3100"),  // one net weight only
        ("(01)09521234543213(10)A(10)B", .duplicate, "10"),
        ("(01)09521234543213(21)S1(8030)====", .characterSet, "8030"),  // base64 padding: at most two, ending a multiple of 4
        ("(01)09521234543213(21)S1(8030)QQ===", .characterSet, "8030"),
        ("(01)09521234543213(21)S1(8030)QUJD=", .characterSet, "8030"),
        ("(1)23", .syntax, nil),
        ("01)09521234543213", .syntax, nil),
    ]

    @Test(arguments: valid) func validDataIsAccepted(_ text: String) throws {
        let message = try GS1Message(bracketed: text)
        #expect(message.bracketed == text)
    }

    @Test(arguments: invalid.indices) func eachRuleRefusesAndNamesTheAI(_ index: Int) {
        let (text, rule, ai) = Self.invalid[index]
        let error = #expect(throws: GS1Error.self) { try GS1Message(bracketed: text) }
        #expect(error?.rule == rule)
        #expect(error?.ai == ai)
    }

    @Test func aRefusalSaysWhatIsWrongWithWhichValue() throws {
        let error = try #require(throws: GS1Error.self) { try GS1Message(bracketed: "(01)09521234543213(17)261301") }
        #expect(error.description == "(17) USE BY or EXPIRY: 261301: month 13 does not exist")
        let checkDigit = try #require(throws: GS1Error.self) { try GS1Message(bracketed: "(01)09521234543214") }
        #expect(checkDigit.description == "(01) GTIN: check digit 4 should be 3")
        let pairing = try #require(throws: GS1Error.self) { try GS1Message(bracketed: "(10)ABC") }
        #expect(pairing.description == "(10) BATCH/LOT needs (01) or (02) or (03) or (8006) or (8026) in the same data")
    }

    @Test func pairingRulesCanWaitForTheOtherBarcodesOfALabel() throws {
        // A label may split its data over several barcodes; the rules hold over all of them together.
        let second = try GS1Message(bracketed: "(10)ABC123(17)261231", associations: false)
        #expect(second["10"] == "ABC123")
        #expect(throws: GS1Error.self) { try GS1Message(bracketed: "(17)261331", associations: false) }
        let label = try GS1Message(try GS1Message(bracketed: "(01)09521234543213").elements + second.elements)
        #expect(label.bracketed == "(01)09521234543213(10)ABC123(17)261231")
    }

    @Test func aParenthesisInAValueIsEscapedInTheBracketedForm() throws {
        let message = try GS1Message(bracketed: #"(01)09521234543213(10)AB\(1)"#)
        #expect(message["10"] == "AB(1)")
        #expect(message.bracketed == #"(01)09521234543213(10)AB\(1)"#)
        #expect(try GS1Message(bracketed: " (01) 09521234543213 (10) ABC ")["10"] == "ABC")
    }
}
