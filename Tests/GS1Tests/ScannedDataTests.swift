import GS1
import Testing

@Suite struct ScannedDataTests {
    static let gs = "\u{1D}"

    @Test func everyFormOfTheSameDataGivesTheSameElements() throws {
        let expected = [
            GS1Element(ai: "01", value: "09521234543213"), GS1Element(ai: "10", value: "ABC123"), GS1Element(ai: "17", value: "261231"),
        ]
        let forms = [
            "(01)09521234543213(10)ABC123(17)261231",
            "]C1010952123454321310ABC123\(Self.gs)17261231",
            "]d2010952123454321310ABC123\(Self.gs)17261231",
            "]Q3010952123454321310ABC123\(Self.gs)17261231",
            "]e0010952123454321310ABC123\(Self.gs)17261231",
            "\(Self.gs)010952123454321310ABC123\(Self.gs)17261231",
            "010952123454321310ABC123\(Self.gs)17261231",
            "https://id.gs1.org/01/09521234543213/10/ABC123?17=261231",
            "HTTPS://example.com/some/path/01/9521234543213/10/ABC123?linkType=gs1:pip&17=261231#top",
            "]Q1https://id.gs1.org/01/09521234543213/10/ABC123?17=261231",
        ]
        for form in forms {
            let scanned = try ScannedData.read(form)
            #expect(scanned.message?.elements == expected, "\(form)")
        }
    }

    @Test func theIdentifierNamesTheSymbologyAndTheForm() throws {
        let scan = try ScannedData.read("]C1010952123454321310ABC123\(Self.gs)17261231")
        #expect(scan.symbologyIdentifier == "]C1")
        #expect(scan.symbology == "GS1-128")
        #expect(scan.form == .elementString)
        #expect(try ScannedData.read("(01)09521234543213").form == .bracketed)
        #expect(try ScannedData.read("https://id.gs1.org/01/09521234543213").form == .digitalLink)
    }

    @Test func everythingAfterAGroupSeparatorIsRead() throws {
        // Fixed-length fields need no separator; variable ones do, and the data goes on after it.
        let scan = try ScannedData.read("]C10109521234543213" + "10LOT-7" + Self.gs + "21SN001" + Self.gs + "3103000500")
        #expect(scan.message?.bracketed == "(01)09521234543213(10)LOT-7(21)SN001(3103)000500")
        // A separator after a fixed-length field is tolerated.
        #expect(try ScannedData.read("]C10109521234543213" + Self.gs + "17261231").message?["17"] == "261231")
    }

    @Test func dataThatIsNotGS1IsText() throws {
        for (input, text, identifier) in [
            ("]C0LOT-42", "LOT-42", "]C0"), ("R2201-0007", "R2201-0007", nil), ("1012345", "1012345", nil),
            ("9000001", "9000001", nil),  // a lot number of digits, not (90) 00001
            ("https://example.com/hello", "https://example.com/hello", nil), ("]Q1hello", "hello", "]Q1"),
        ] as [(String, String, String?)] {
            let scan = try ScannedData.read(input)
            #expect(scan.form == .text)
            #expect(scan.message == nil)
            #expect(scan.text == text)
            #expect(scan.symbologyIdentifier == identifier)
        }
    }

    @Test func dataWithoutAnIdentifierIsGS1OnlyWhenItStartsWithAValidKeyAndPassesEveryRule() throws {
        #expect(try ScannedData.read("0109521234543213").message?["01"] == "09521234543213")
        #expect(try ScannedData.read("0109521234543214").form == .text)  // a wrong check digit: a number, not a GTIN
        // A GS1-128 whose scanner sends no identifier: the element string, a variable field last.
        #expect(try ScannedData.read("0109521234543213" + "10ABC-1").message?.bracketed == "(01)09521234543213(10)ABC-1")
    }

    @Test func moreDataThanAnyBarcodeHoldsIsRefused() throws {
        let huge = "]C10109521234543213" + String(repeating: "11260101", count: 1_100)
        let error = #expect(throws: GS1Error.self) { try ScannedData.read(huge) }
        #expect(error?.rule == .syntax)
        // Just under the limit, 2,001 elements are read (the same batch repeated is kept once).
        let long = "]C10109521234543213" + String(repeating: "10A" + Self.gs, count: 2_000)
        #expect(try ScannedData.read(long).message?.elements.count == 2)
    }

    @Test func gs1DataThatBreaksARuleIsRefusedNotPassedOnAsText() {
        for input in [
            "]C10109521234543214", "]d2" + "10ABC", "(01)09521234543213(17)261301", "https://id.gs1.org/01/09521234543214",
            "]C1" + "2312", "0109521234543213" + Self.gs + "17261331",
            "https://id.gs1.org/01/09521234543213/21/S1/10/ABC",  // meant as a Digital Link (a key in its path), but out of order
        ] {
            #expect(throws: GS1Error.self, "\(input)") { try ScannedData.read(input) }
        }
    }
}
