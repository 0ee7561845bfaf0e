import Foundation
import LotlineCore
import Testing

@Suite struct CanonicalJSONTests {
    @Test(arguments: ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "bell \u{07} nul \u{0}", "ünïcødé – dash", ""])
    func quotedStringsRoundTripThroughAJSONParser(text: String) throws {
        let quoted = CanonicalJSON.quote(text)
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func theHashedFormIsFixed() {
        #expect(CanonicalJSON.quote("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
        let event = LedgerEvent(
            seq: 1, id: "i", type: "t", payload: #"{"a":1}"#, actor: "x", businessTime: "b", recordedAt: "r", reason: nil, corrects: 3,
            prevHash: "p", hash: "")
        #expect(event.hashedContent == #"["p","i","t","x","b","r",null,"3","{\"a\":1}"]"#)
    }
}

@Suite struct CanonicalEncoderTests {
    struct Sample: Codable {
        struct Inner: Codable {
            var zeta: [Int]
            var alpha: Bool
        }
        var name: String
        var count: Int
        var big: Int64
        var ratio: Double
        var whole: Double
        var missing: String?
        var note: String?
        var inner: Inner
        var list: [Inner]
        var quantity: Quantity
        var day: CalendarDate
        var small: UInt8
    }

    let sample = Sample(
        name: "quote \" back \\ slash / tab \t line \n bell \u{07} ünï", count: -42, big: 9_007_199_254_740_993, ratio: 0.125, whole: 3,
        missing: nil, note: "", inner: .init(zeta: [3, 1, 2], alpha: true), list: [.init(zeta: [], alpha: false)],
        quantity: Quantity(Decimal(string: "12.5")!, "kg"), day: CalendarDate(year: 2026, month: 11, day: 27), small: 7)

    @Test func itMeansWhatJSONEncoderMeans() throws {
        let ours = CanonicalJSON.encode(sample)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let theirs = try encoder.encode(sample)
        let a = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: theirs) as? NSDictionary
        #expect(a != nil && a == b)
        let back = try JSONDecoder().decode(Sample.self, from: Data(ours.utf8))
        #expect(CanonicalJSON.encode(back) == ours)
    }

    @Test func keysAreSortedAndNothingIsPadded() {
        let text = CanonicalJSON.encode(sample)
        #expect(text.hasPrefix(#"{"big":9007199254740993,"count":-42,"day":"2026-11-27","inner":{"alpha":true,"zeta":[3,1,2]},"#))
        #expect(text.contains(#""list":[{"alpha":false,"zeta":[]}],"name":"quote \" back \\ slash / tab \t line \n bell \u0007 ünï","note":"","#))
        #expect(text.hasSuffix(#""quantity":{"amount":"12.5","unit":"kg"},"ratio":0.125,"small":7,"whole":3}"#))
        #expect(!text.contains("missing"))
    }

    @Test func payloadsWriteBackspaceAndFormFeedShortTheHashedFormDoesNot() {
        #expect(CanonicalJSON.encode(["a\u{8}\u{c}"]) == #"["a\b\f"]"#)
        #expect(CanonicalJSON.quote("a\u{8}\u{c}") == #""a\u0008\u000c""#)
    }
}
