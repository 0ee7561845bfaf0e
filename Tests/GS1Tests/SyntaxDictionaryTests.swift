import Crypto
import Testing

@testable import GS1

@Suite struct SyntaxDictionaryTests {
    @Test func theEmbeddedDictionaryIsThePublishedFileByteForByte() {
        // The git blob hash ../shared/conformance/gs1/SOURCES.md records for the published file.
        let bytes = Array(SyntaxDictionary.text.utf8)
        let blob = Array("blob \(bytes.count)\0".utf8) + bytes
        let hash = Insecure.SHA1.hash(data: blob).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        #expect(hash.joined() == "3729d2cfca86bdb069032aecde230cf1693d6887")
        #expect(SyntaxDictionary.text.contains("Licensed under the Apache License, Version 2.0"))
    }

    @Test func everyAIOfTheDictionaryIsRead() {
        let dictionary = SyntaxDictionary.standard
        // 00 ... 91-99: ranges are expanded (3100-3105 is six AIs), titles and flags kept.
        #expect(dictionary.definitions.count > 400)
        let gtin = dictionary.definition("01")
        #expect(gtin?.title == "GTIN")
        #expect(gtin?.predefinedLength == true)
        #expect(gtin?.digitalLinkKey == [["22", "10", "21"], ["235"]])
        #expect(gtin?.excludes == ["255", "37"])
        #expect(dictionary.definition("3103")?.requires == [[["01"], ["02"]]])
        #expect(dictionary.definition("3106") == nil)
        #expect(dictionary.definition("95")?.lengthRange == 1...90)
        #expect(dictionary.definition("250")?.requires == [[["01", "21"], ["03", "21"], ["8006", "21"]]])
        let temperature = dictionary.definition("4330")
        #expect(temperature?.components.map(\.optional) == [false, true])
        #expect(temperature?.lengthRange == 6...7)
        #expect(dictionary.definition("10")?.predefinedLength == false)
    }

    @Test func noAIIsThePrefixOfAnother() {
        // Reading an element string relies on it: the AI is the one defined prefix of the data.
        let ais = SyntaxDictionary.standard.definitions.keys
        for ai in ais {
            #expect(!ais.contains { $0 != ai && $0.hasPrefix(ai) }, "\(ai) is a prefix of another AI")
        }
    }

    @Test func everyCheckTheDictionaryNamesIsMadeOrSaysWhyNot() {
        let named = Set(SyntaxDictionary.standard.definitions.values.flatMap { $0.components.flatMap(\.linters) })
        let known = Set(Linters.checks.keys).union(Linters.unchecked.keys)
        #expect(named.subtracting(known).isEmpty, "unknown checks: \(named.subtracting(known).sorted())")
        #expect(Set(Linters.checks.keys).isDisjoint(with: Linters.unchecked.keys))
    }

    @Test func aMalformedDictionaryLineIsRefusedWithItsLineNumber() {
        for (text, line) in [
            ("01 *? Q14 # GTIN", 1), ("# comment\n01 *? N14\n0x *? N14", 3), ("01 N14\n01 N14", 2), ("01 *? N..0", 1), ("01 *?", 1),
            ("01 *? N14,csum\n02 *? N14,nosuchcheck", 2),  // a check nobody makes would pass everything unseen
        ] {
            #expect {
                try SyntaxDictionary(parsing: text)
            } throws: { error in
                (error as? SyntaxDictionaryError)?.line == line
            }
        }
    }

    @Test func alphanumericCheckPairFollowsTheGeneralSpecificationsExample() {
        // GS1 General Specifications §7.9.5: a GMN with its check character pair.
        #expect(Linters.alphanumericCheckPair("1987654Ad4X4bL5ttr2310c2K") == nil)
        #expect(Linters.alphanumericCheckPair("1987654Ad4X4bL5ttr2310c2L") != nil)
    }
}
