import GS1
import Testing

@Suite struct SGTINTests {
    /// Hex of fields laid out high bit first, then zero bits to `total` bits: tags built by hand, independently of the
    /// encoder, to feed the decoder fields it must refuse.
    private func hex(_ fields: [(value: UInt64, width: Int)], bits total: Int) -> String {
        var bits: [Bool] = []
        for (value, width) in fields {
            for shift in stride(from: width - 1, through: 0, by: -1) { bits.append(value >> UInt64(shift) & 1 == 1) }
        }
        bits += Array(repeating: false, count: total - bits.count)
        var text = ""
        for start in stride(from: 0, to: bits.count, by: 4) {
            text += String(bits[start..<start + 4].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }, radix: 16, uppercase: true)
        }
        return text
    }

    /// Expects `body` to throw an `EPCError` for `rule`.
    private func expectRefusal(_ rule: EPCError.Rule, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("not refused, expected \(rule)", sourceLocation: sourceLocation)
        } catch let error as EPCError {
            #expect(error.rule == rule, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not an EPCError: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The SGTIN part of a tag's first 14 bits: the partition value.
    private func partition(_ hex: String) -> Int { Int(UInt16(hex.prefix(4), radix: 16)! >> 2 & 7) }

    // MARK: Published vectors

    /// The EPC Tag Data Standard's worked SGTIN-96 example (GTIN 80614141123458, serial 6789, filter 3, 7-digit company
    /// prefix), recomputed field by field here: header 0x30, filter 3, partition 5, 0614141 in 24 bits, 812345 in 20,
    /// 6789 in 38.
    @Test func tagDataStandardSGTIN96Example() throws {
        let vector = "3074257BF7194E4000001A85"
        #expect(hex([(0x30, 8), (3, 3), (5, 3), (614_141, 24), (812_345, 20), (6789, 38)], bits: 96) == vector)
        let (scheme, sgtin) = try SGTIN.decode(hex: vector)
        #expect(scheme == .sgtin96)
        #expect(sgtin.filter == 3)
        #expect(sgtin.companyPrefix == "0614141")
        #expect(sgtin.indicatorAndItemReference == "812345")
        #expect(sgtin.serial == "6789")
        #expect(sgtin.gtin == "80614141123458")
        #expect(try sgtin.tagURI(.sgtin96) == "urn:epc:tag:sgtin-96:3.0614141.812345.6789")
        #expect(sgtin.pureIdentityURI == "urn:epc:id:sgtin:0614141.812345.6789")
        let built = try SGTIN(gtin: "80614141123458", companyPrefixLength: 7, serial: "6789", filter: 3)
        #expect(built == sgtin)
        #expect(try built.encode(.sgtin96) == vector)
    }

    /// TDS 2.3 Appendix E examples (GTIN 09506000134352, 11-digit company prefix, filter 3), as the bidirectional tests
    /// of dannyhaak/TagDataTranslation (TagDataTranslation-C#/TagDataTranslationUnitTest/TDS23Tests.cs) carry them.
    @Test func tagDataStandard23Examples() throws {
        let sgtin96 = "3066C4409047E140075BCD15"
        let (scheme96, decoded96) = try SGTIN.decode(hex: sgtin96)
        #expect(scheme96 == .sgtin96)
        #expect(decoded96.gtin == "09506000134352")
        #expect(decoded96.pureIdentityURI == "urn:epc:id:sgtin:95060001343.05.123456789")
        #expect(try decoded96.tagURI(.sgtin96) == "urn:epc:tag:sgtin-96:3.95060001343.05.123456789")
        let built96 = try SGTIN(gtin: "09506000134352", companyPrefixLength: 11, serial: "123456789", filter: 3)
        #expect(try built96.encode(.sgtin96) == sgtin96)

        // The standard's hex fills 16-bit words (52 digits); ours stops at the first whole digit after bit 198 (50).
        let sgtin198 = "3666C4409047E159B2C2BF100000000000000000000000000000"
        let (scheme198, decoded198) = try SGTIN.decode(hex: sgtin198)
        #expect(scheme198 == .sgtin198)
        #expect(decoded198.serial == "32a/b")
        #expect(decoded198.gtin == "09506000134352")
        #expect(decoded198.pureIdentityURI == "urn:epc:id:sgtin:95060001343.05.32a%2Fb")
        #expect(try decoded198.tagURI(.sgtin198) == "urn:epc:tag:sgtin-198:3.95060001343.05.32a%2Fb")
        let built198 = try SGTIN(gtin: "09506000134352", companyPrefixLength: 11, serial: "32a/b", filter: 3)
        #expect(try built198.encode(.sgtin198) == String(sgtin198.prefix(50)))
        #expect(try SGTIN.decode(hex: String(sgtin198.prefix(50))).sgtin == built198)
    }

    /// nedap/retail-epcpy (README.md and tests): GTIN-8 95010939 with an 8-digit company prefix, serial "Serial", filter 1.
    @Test func epcpySGTIN198Vector() throws {
        let vector = "36300001DB011169E5E5A70EC000000000000000000000000000"
        let (scheme, sgtin) = try SGTIN.decode(hex: vector)
        #expect(scheme == .sgtin198)
        #expect(try sgtin.tagURI(.sgtin198) == "urn:epc:tag:sgtin-198:1.00000950.01093.Serial")
        #expect(sgtin.gtin == "00000095010939")
        let built = try SGTIN(gtin: "95010939", companyPrefixLength: 8, serial: "Serial", filter: 1)
        #expect(built == sgtin)
        #expect(try built.encode(.sgtin198) == String(vector.prefix(50)))
    }

    /// awelxtr/epcGS1coder (src/test/java/org/java/epcGS1coder/sgtin/Sgtin96Test.java and Sgtin198Test.java): company
    /// prefix 0008000, item reference 001137, filter 1; "&" escaped as %26 in the tag URI.
    @Test func epcGS1coderVectors() throws {
        let (scheme96, sgtin96) = try SGTIN.decode(hex: "3034007d00011c400000000b")
        #expect(scheme96 == .sgtin96)
        #expect(try sgtin96.tagURI(.sgtin96) == "urn:epc:tag:sgtin-96:1.0008000.001137.11")
        #expect(try sgtin96.encode(.sgtin96) == "3034007D00011C400000000B")

        let vector198 = "3634007D00011C7A68D3CE4F383532F3E8000000000000000000"
        let (scheme198, sgtin198) = try SGTIN.decode(hex: vector198)
        #expect(scheme198 == .sgtin198)
        #expect(try sgtin198.tagURI(.sgtin198) == "urn:epc:tag:sgtin-198:1.0008000.001137.thisIsATest")
        #expect(try sgtin198.encode(.sgtin198) == String(vector198.prefix(50)))

        let ampersand = try SGTIN(companyPrefix: "0008000", indicatorAndItemReference: "001137", serial: "thisIs&Test", filter: 1)
        #expect(try ampersand.tagURI(.sgtin198) == "urn:epc:tag:sgtin-198:1.0008000.001137.thisIs%26Test")
    }

    // MARK: Round trips

    @Test(arguments: 6...12) func roundTripsInEveryPartition(companyPrefixLength: Int) throws {
        let referenceLength = 13 - companyPrefixLength
        let candidates = [
            try SGTIN(gtin: "09521234543213", companyPrefixLength: companyPrefixLength, serial: "1", filter: companyPrefixLength % 8),
            // The largest and smallest values each field can hold in this partition.
            try SGTIN(
                companyPrefix: String(repeating: "9", count: companyPrefixLength),
                indicatorAndItemReference: String(repeating: "9", count: referenceLength), serial: "274877906943", filter: 7),
            try SGTIN(
                companyPrefix: String(repeating: "0", count: companyPrefixLength),
                indicatorAndItemReference: String(repeating: "0", count: referenceLength), serial: "0", filter: 0),
        ]
        for sgtin in candidates {
            let hex96 = try sgtin.encode(.sgtin96)
            #expect(hex96.count == 24)
            #expect(partition(hex96) == 12 - companyPrefixLength)
            let decoded96 = try SGTIN.decode(hex: hex96)
            #expect(decoded96.scheme == .sgtin96)
            #expect(decoded96.sgtin == sgtin)

            let hex198 = try sgtin.encode(.sgtin198)
            #expect(hex198.count == 50)
            #expect(partition(hex198) == 12 - companyPrefixLength)
            let decoded198 = try SGTIN.decode(hex: hex198)
            #expect(decoded198.scheme == .sgtin198)
            #expect(decoded198.sgtin == sgtin)
            // Lower-case hex and the two padding digits of a 16-bit word decode the same.
            #expect(try SGTIN.decode(hex: hex198.lowercased() + "00").sgtin == sgtin)
        }
    }

    @Test func sgtin198CarriesEveryCharacterOfSet82() throws {
        let set82 = #"!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"#
        #expect(set82.count == 82)
        var characters = Array(set82)
        while !characters.isEmpty {
            let serial = String(characters.prefix(20))
            characters.removeFirst(min(20, characters.count))
            let sgtin = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: serial, filter: 1)
            #expect(try SGTIN.decode(hex: sgtin.encode(.sgtin198)).sgtin.serial == serial)
        }
    }

    @Test func serialsAreEscapedInURIs() throws {
        let sgtin = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: #"a"%&/<>?b"#, filter: 1)
        #expect(sgtin.pureIdentityURI == "urn:epc:id:sgtin:9521234.054321.a%22%25%26%2F%3C%3E%3Fb")
        #expect(try sgtin.tagURI(.sgtin198) == "urn:epc:tag:sgtin-198:1.9521234.054321.a%22%25%26%2F%3C%3E%3Fb")
        // The rest of set 82 is safe in a URI as it is.
        let plain = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "!'()*+,-.:;=_Zz9", filter: 1)
        #expect(plain.pureIdentityURI == "urn:epc:id:sgtin:9521234.054321.!'()*+,-.:;=_Zz9")
    }

    // MARK: GTIN

    @Test func gtinCheckDigitIsRecomputed() throws {
        #expect(try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "1", filter: 0).gtin == "09521234543213")
        // GTIN-13, -12 and -8 are padded to 14 digits with leading zeros.
        let gtin13 = try SGTIN(gtin: "9521234543213", companyPrefixLength: 7, serial: "1", filter: 0)
        #expect(gtin13.gtin == "09521234543213")
        #expect(gtin13.companyPrefix == "9521234")
        #expect(gtin13.indicatorAndItemReference == "054321")
        #expect(try SGTIN(gtin: "036000291452", companyPrefixLength: 7, serial: "1", filter: 0).gtin == "00036000291452")
        #expect(try SGTIN(gtin: "95010939", companyPrefixLength: 8, serial: "1", filter: 0).gtin == "00000095010939")
        // Built from fields, the check digit comes from the digits alone.
        let fields = try SGTIN(companyPrefix: "0614141", indicatorAndItemReference: "812345", serial: "1", filter: 0)
        #expect(fields.gtin == "80614141123458")
        for wrong in ["80614141123457", "09521234543210", "036000291453", "95010938"] {
            expectRefusal(.gtin) { _ = try SGTIN(gtin: wrong, companyPrefixLength: 7, serial: "1", filter: 0) }
        }
    }

    // MARK: Refusals

    @Test func refusesBadFields() {
        expectRefusal(.gtin) { _ = try SGTIN(gtin: "0952123454321", companyPrefixLength: 7, serial: "1", filter: 0) }
        expectRefusal(.gtin) { _ = try SGTIN(gtin: "095212345432", companyPrefixLength: 7, serial: "1", filter: 0) }
        expectRefusal(.gtin) { _ = try SGTIN(gtin: "0952123454321X", companyPrefixLength: 7, serial: "1", filter: 0) }
        expectRefusal(.companyPrefix) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 5, serial: "1", filter: 0) }
        expectRefusal(.companyPrefix) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 13, serial: "1", filter: 0) }
        expectRefusal(.filter) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "1", filter: 8) }
        expectRefusal(.filter) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "1", filter: -1) }
        expectRefusal(.serial) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "", filter: 0) }
        expectRefusal(.serial) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "123456789012345678901", filter: 0) }
        expectRefusal(.serial) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "A#1", filter: 0) }
        expectRefusal(.serial) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "caf\u{E9}", filter: 0) }
        expectRefusal(.serial) { _ = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "a b", filter: 0) }
        expectRefusal(.itemReference) {
            _ = try SGTIN(companyPrefix: "0614141", indicatorAndItemReference: "81234", serial: "1", filter: 0)
        }
        expectRefusal(.companyPrefix) {
            _ = try SGTIN(companyPrefix: "06141A1", indicatorAndItemReference: "812345", serial: "1", filter: 0)
        }
    }

    @Test func refusesSerialsSGTIN96CannotCarry() throws {
        func sgtin(_ serial: String) throws -> SGTIN {
            try SGTIN(gtin: "80614141123458", companyPrefixLength: 7, serial: serial, filter: 3)
        }
        for serial in ["0123", "00", "12a", "32a/b", "274877906944", "99999999999999999999"] {
            expectRefusal(.serial) { _ = try sgtin(serial).encode(.sgtin96) }
            expectRefusal(.serial) { _ = try sgtin(serial).tagURI(.sgtin96) }
            // SGTIN-198 takes them all as text.
            #expect(try SGTIN.decode(hex: sgtin(serial).encode(.sgtin198)).sgtin.serial == serial)
        }
        #expect(try sgtin("274877906943").encode(.sgtin96) == "3074257BF7194E7FFFFFFFFF")
        #expect(try sgtin("0").encode(.sgtin96) == "3074257BF7194E4000000000")
    }

    @Test func refusesMalformedHex() {
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "") }
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "3") }
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "3074257BF7194E4000001A8G") }
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "3074257BF7194E4000001A85 ") }
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "3074257BF7194E4000001A8") }
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "3074257BF7194E4000001A8500") }
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "3674257BF7194E4000001A85") }
        expectRefusal(.hex) { _ = try SGTIN.decode(hex: "3666C4409047E159B2C2BF10000000000000000000000000000") }
        expectRefusal(.header) { _ = try SGTIN.decode(hex: "3174257BF7194E4000001A85") }
        expectRefusal(.header) { _ = try SGTIN.decode(hex: "F73795211411234538566CB0AFC4") }
        do {
            _ = try SGTIN.decode(hex: "3174257BF7194E4000001A85")
        } catch let error as EPCError {
            #expect(error.description == "header 0x31 is not SGTIN-96 (0x30) or SGTIN-198 (0x36)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func refusesFieldsThePartitionCannotHold() throws {
        expectRefusal(.partition) { _ = try SGTIN.decode(hex: hex([(0x30, 8), (3, 3), (7, 3), (1, 44), (1, 38)], bits: 96)) }
        expectRefusal(.partition) { _ = try SGTIN.decode(hex: hex([(0x36, 8), (3, 3), (7, 3), (1, 44), (0x31, 7)], bits: 200)) }
        // Partition 6: a 6-digit company prefix in 20 bits, which can hold 1,000,000.
        expectRefusal(.companyPrefix) {
            _ = try SGTIN.decode(hex: hex([(0x30, 8), (0, 3), (6, 3), (1_000_000, 20), (1, 24), (1, 38)], bits: 96))
        }
        // Partition 0: a 12-digit company prefix in 40 bits, and one digit in 4 bits, which can hold 10.
        expectRefusal(.companyPrefix) {
            _ = try SGTIN.decode(hex: hex([(0x30, 8), (0, 3), (0, 3), (1_000_000_000_000, 40), (1, 4), (1, 38)], bits: 96))
        }
        expectRefusal(.itemReference) {
            _ = try SGTIN.decode(hex: hex([(0x30, 8), (0, 3), (0, 3), (1, 40), (10, 4), (1, 38)], bits: 96))
        }
        // Partition 5: six digits of item reference in 20 bits.
        expectRefusal(.itemReference) {
            _ = try SGTIN.decode(hex: hex([(0x36, 8), (1, 3), (5, 3), (614_141, 24), (1_000_000, 20), (0x31, 7)], bits: 200))
        }
        // The largest values that fit still decode.
        let largest = hex([(0x30, 8), (0, 3), (6, 3), (999_999, 20), (9_999_999, 24), (1, 38)], bits: 96)
        #expect(try SGTIN.decode(hex: largest).sgtin.gtin == "99999999999997")
    }

    @Test func refusesBadSGTIN198Serials() throws {
        let head: [(value: UInt64, width: Int)] = [(0x36, 8), (1, 3), (5, 3), (614_141, 24), (812_345, 20)]
        // "a", zero, "b": characters after the serial's end must be zero.
        expectRefusal(.serial) { _ = try SGTIN.decode(hex: hex(head + [(0x61, 7), (0, 7), (0x62, 7)], bits: 200)) }
        // "#" is ASCII but not in set 82, nor is DEL.
        expectRefusal(.serial) { _ = try SGTIN.decode(hex: hex(head + [(0x61, 7), (0x23, 7)], bits: 200)) }
        expectRefusal(.serial) { _ = try SGTIN.decode(hex: hex(head + [(0x7F, 7)], bits: 200)) }
        // An all-zero serial is empty, which AI 21 does not allow.
        expectRefusal(.serial) { _ = try SGTIN.decode(hex: hex(head, bits: 200)) }
        // Bits after the 198th, to the hex digit or the 16-bit word, are zero.
        expectRefusal(.padding) { _ = try SGTIN.decode(hex: hex(head + [(0x61, 7), (0, 133), (1, 2)], bits: 200)) }
        expectRefusal(.padding) { _ = try SGTIN.decode(hex: hex(head + [(0x61, 7), (0, 133), (1, 10)], bits: 208)) }
        #expect(try SGTIN.decode(hex: hex(head + [(0x61, 7)], bits: 208)).sgtin.serial == "a")
    }
}
