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
