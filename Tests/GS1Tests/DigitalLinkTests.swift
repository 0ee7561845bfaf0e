import GS1
import Testing

@Suite struct DigitalLinkTests {
    @Test func qualifiersFollowTheKeyInTheDictionaryOrder() throws {
        let uri = "https://id.gs1.org/01/09521234543213/22/2A/10/ABC/21/XYZ"
        #expect(try GS1Message(digitalLink: uri).bracketed == "(01)09521234543213(22)2A(10)ABC(21)XYZ")
        #expect(try GS1Message(digitalLink: "https://id.gs1.org/01/09521234543213/21/XYZ")["21"] == "XYZ")
        #expect(try GS1Message(digitalLink: "https://id.gs1.org/01/09521234543213/235/TPX1")["235"] == "TPX1")
        for wrong in [
            "https://id.gs1.org/01/09521234543213/21/XYZ/10/ABC",  // bad order
            "https://id.gs1.org/01/09521234543213/22/2A/235/TPX1",  // two alternatives mixed
            "https://id.gs1.org/00/106141412345678908/10/ABC",  // an SSCC takes no qualifier
            "https://id.gs1.org/10/ABC",  // no primary key
            "https://id.gs1.org/01/09521234543213/10",  // a key without its value
        ] {
            let error = #expect(throws: GS1Error.self, "\(wrong)") { try GS1Message(digitalLink: wrong) }
            #expect(error?.rule == .digitalLink)
        }
    }

    @Test func queryAttributesAreAIsAllowedThere() throws {
        let message = try GS1Message(digitalLink: "https://id.gs1.org/01/09521234543213?3103=000500&linkType=gs1:pip&17=261231")
        #expect(message.bracketed == "(01)09521234543213(3103)000500(17)261231")
        let notAllowed = #expect(throws: GS1Error.self) { try GS1Message(digitalLink: "https://id.gs1.org/01/09521234543213?21=1") }
        #expect(notAllowed?.rule == .digitalLink)
        #expect(notAllowed?.ai == "21")
        let unknown = #expect(throws: GS1Error.self) { try GS1Message(digitalLink: "https://id.gs1.org/01/09521234543213?23=1") }
        #expect(unknown?.rule == .unknownAI)
    }

    @Test func valuesArePercentDecodedAndEncoded() throws {
        let message = try GS1Message(digitalLink: "https://id.gs1.org/01/09521234543213/10/AB%2FC%25")
        #expect(message["10"] == "AB/C%")
        #expect(try message.digitalLink() == "https://id.gs1.org/01/09521234543213/10/AB%2FC%25")
        #expect(throws: GS1Error.self) { try GS1Message(digitalLink: "https://id.gs1.org/01/09521234543213/10/AB%2") }
    }

    @Test func shortGTINsArePaddedToFourteenDigits() throws {
        #expect(try GS1Message(digitalLink: "https://id.gs1.org/01/9521234543213")["01"] == "09521234543213")
        #expect(try GS1Message(digitalLink: "https://id.gs1.org/01/95012346")["01"] == "00000095012346")
    }

    @Test func dataIsWrittenAsADigitalLinkWithTheKeyInThePath() throws {
        let message = try GS1Message(bracketed: "(17)261231(10)ABC123(01)09521234543213(3103)000500(21)S1")
        let uri = try message.digitalLink(domain: "https://example.com/")
        #expect(uri == "https://example.com/01/09521234543213/10/ABC123/21/S1?17=261231&3103=000500")
        #expect(Set(try GS1Message(digitalLink: uri).elements) == Set(message.elements))
        #expect(try GS1Message(bracketed: "(00)106141412345678908").digitalLink() == "https://id.gs1.org/00/106141412345678908")
        let noKey = #expect(throws: GS1Error.self) { try GS1Message(bracketed: "(91)X").digitalLink() }
        #expect(noKey?.rule == .digitalLink)
    }

    @Test func elementStringsPutSeparatorsOnlyAfterVariableFields() throws {
        let gs = "\u{1D}"
        #expect(
            try GS1Message(bracketed: "(01)09521234543213(10)ABC123(17)261231").elementString() == "0109521234543213" + "10ABC123" + gs + "17261231")
        #expect(try GS1Message(bracketed: "(01)09521234543213(17)261231(10)ABC123").elementString() == "010952123454321317261231" + "10ABC123")
        // 8006 is fixed-length but not predefined: a separator follows it.
        #expect(try GS1Message(bracketed: "(8006)095212345432130102(10)A").elementString() == "8006095212345432130102" + gs + "10A")
    }
}
