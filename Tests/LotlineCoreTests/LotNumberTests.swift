import LotlineCore
import Testing

@Suite struct LotNumberSchemeTests {
    let day = CalendarDate(year: 2026, month: 2, day: 3)
    let steel = PartNumber(rawValue: "ST-4140")

    @Test func rendersDatePartsAndSequence() throws {
        let scheme = try LotNumberScheme("R{YY}{DDD}-{SEQ:4}")
        #expect(scheme.number(.init(day: day, item: steel), sequence: 7).rawValue == "R26034-0007")
        let full = try LotNumberScheme("{ITEM}/{YYYY}{MM}{DD}.{SEQ:2}")
        #expect(full.number(.init(day: day, item: steel), sequence: 123).rawValue == "ST-4140/20260203.123")
    }

    @Test func sequenceKeyRestartsWithTheDay() throws {
        let scheme = try LotNumberScheme("R{YY}{DDD}-{SEQ:4}")
        let next = CalendarDate(year: 2026, month: 2, day: 4)
        #expect(scheme.sequenceKey(.init(day: day, item: steel)) != scheme.sequenceKey(.init(day: next, item: steel)))
    }

    @Test(arguments: [
        ("R26034-0007", true), ("r26034-0007", false), ("R26034-07", false), ("R26034-12345", true), ("R2603-0007", false),
        ("R26400-0001", false), ("X26034-0007", false), ("R26034-0007X", false),
    ])
    func matchesHandEnteredNumbers(number: String, matches: Bool) throws {
        let scheme = try LotNumberScheme("R{YY}{DDD}-{SEQ:4}")
        #expect(scheme.matches(LotNumber(rawValue: number), item: steel) == matches)
    }

    @Test func parentToken() throws {
        let scheme = try LotNumberScheme("{PARENT}-{SEQ:2}")
        let parent = LotNumber(rawValue: "R26034-0007")
        #expect(scheme.number(.init(day: day, item: steel, parent: parent), sequence: 1).rawValue == "R26034-0007-01")
        #expect(scheme.matches(LotNumber(rawValue: "R26034-0007-03"), item: steel, parent: parent))
        #expect(!scheme.matches(LotNumber(rawValue: "R26034-0008-03"), item: steel, parent: parent))
    }

    @Test(arguments: ["R{YY}", "R{SEQ:4}{SEQ:2}", "R{FOO}{SEQ:2}", "R {SEQ:2}", "R{SEQ:4", "R{SEQ:0}"])
    func refusesBadPatterns(pattern: String) {
        #expect { try LotNumberScheme(pattern) } throws: { ($0 as? LotlineError)?.code == "lot-scheme-invalid" }
    }
}

@Suite struct LotNumberLookupTests {
    @Test(arguments: [
        ("  r26034-0007 ", "R26034-0007"), ("R26034\u{2013}0007", "R26034-0007"), ("R26034\u{2212}0007", "R26034-0007"),
        ("LOT-2024-0847", "LOT-2024-0847"), ("\tr1\n", "R1"),
        // Scanner data is the GS1 module's to read: normalizing keeps it whole (a part code 10-200 keeps its 10).
        ("]c1r26034-0007", "]C1R26034-0007"), ("(10)R26034-0007", "(10)R26034-0007"), ("10-200", "10-200"), ("lot:r1", "LOT:R1"),
    ])
    func normalizesCaseDashesAndSpacesOnly(raw: String, normalized: String) {
        #expect(LotNumberLookup.normalize(raw) == normalized)
    }

    @Test func searchKeyIgnoresCaseDashesAndSpaces() {
        #expect(LotNumberLookup.searchKey("H-2231") == LotNumberLookup.searchKey(" h 2231"))
        #expect(LotNumberLookup.searchKey("H-2231") != LotNumberLookup.searchKey("H-2232"))
    }

    @Test func suggestsNearestNumbers() {
        let existing = ["R26034-0007", "R26034-0008", "R26100-0001", "M26034-0001"]
        let suggestions = LotNumberLookup.suggestions(for: "R26034-007", among: existing)
        #expect(suggestions.first == "R26034-0007")
        #expect(!suggestions.contains("R26100-0001"))
        #expect(LotNumberLookup.suggestions(for: "ZZZZZZZZ", among: existing).isEmpty)
    }
}
