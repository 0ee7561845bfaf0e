import BarcodeDecoding
import GS1
import Testing

@Suite struct Code128Tests {
    /// Modules as a string of 1 (bar) and 0 (space), to compare with patterns written by hand.
    private func bits(_ symbol: LinearSymbol) -> String { String(symbol.modules.map { $0 ? "1" : "0" }) }

    /// Symbol characters in a symbol: start, data, check (11 modules each) and the 13-module stop.
    private func characters(_ symbol: LinearSymbol) -> Int { (symbol.modules.count - 13) / 11 }

    @Test func plainTextRoundTripsThroughZXing() throws {
        let allASCII = String(String.UnicodeScalarView((0..<128).map { Unicode.Scalar(UInt8($0)) }))
        let allPairs = (0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
        let texts = [
            "a", "A", "1", "12", "123", "1234", "12345", "123456", "0000000000000", "AB1234", "1234567a", "a1234567", "12a3456b",
            "Hello, World!", "abcdefghijklmnopqrstuvwxyz", "ABC\tDEF\r\n", "\u{01}a\u{02}b\u{7F}", "x\u{00}y", "abc\u{1D}def",
            // Every value of sets A and B, then every value of set C.
            allASCII, allPairs,
        ]
        let symbols = try texts.map { try Code128.encode($0, gs1: false) }
        let decoded = try BarcodeDecoder.decode(symbols.map { Raster.pgm($0) })
        for (text, result) in zip(texts, decoded) {
            #expect(result?.format == "Code128", "\(text.debugDescription)")
            #expect(result?.symbologyIdentifier == "]C0", "\(text.debugDescription)")
            #expect(result.map { Array($0.text.unicodeScalars) } == Array(text.unicodeScalars), "\(text.debugDescription)")
        }
    }

    @Test func gs1ElementStringsRoundTripThroughZXing() throws {
        let strings = [
            "0109521234543213" + "10ABC123" + "\u{1D}" + "17261231",
            "00" + "095201234567891235",
            "01095212345432131012345",
            "10A1\u{1D}21B",
            "8004abc",
            "0",
            "0109521234543213" + "21" + "12345678901234567890",
        ]
        let symbols = try strings.map { try Code128.encode($0, gs1: true) }
        let decoded = try BarcodeDecoder.decode(symbols.map { Raster.pgm($0) })
        for (string, result) in zip(strings, decoded) {
            #expect(result?.format == "Code128", "\(string.debugDescription)")
            #expect(result?.symbologyIdentifier == "]C1", "\(string.debugDescription)")
            #expect(result.map { Array($0.text.unicodeScalars) } == Array(string.unicodeScalars), "\(string.debugDescription)")
        }
    }

    /// "a" by hand from ISO/IEC 15417 Table 1: start B (104) 211214, "a" in set B (65) 121124, check (104 + 65 × 1) mod 103
    /// = 66 121421, stop 2331112.
    @Test func knownPatternOfLowerCaseA() throws {
        let symbol = try Code128.encode("a", gs1: false)
        #expect(bits(symbol) == "11010010000" + "10010110000" + "10010000110" + "1100011101011")
    }

    /// "12" by hand: start C (105) 211232, 12 (12) 112232, check (105 + 12) mod 103 = 14 122231, stop.
    @Test func knownPatternOfADigitPair() throws {
        let symbol = try Code128.encode("12", gs1: false)
        #expect(bits(symbol) == "11010011100" + "10110011100" + "10011001110" + "1100011101011")
    }

    /// GS1-128 "0": start B, FNC1 (102) 411131, "0" in set B (16) 123122, check (104 + 102 + 16 × 2) mod 103 = 32 232121.
    @Test func knownPatternOfGS1() throws {
        let symbol = try Code128.encode("0", gs1: true)
        #expect(bits(symbol) == "11010010000" + "11110101110" + "10011101100" + "11000110110" + "1100011101011")
    }

    @Test func choosesTheFewestSymbolCharacters() throws {
        // Start C, 12 34 56, check: 11 × 5 + 13 modules.
        #expect(try Code128.encode("123456", gs1: false).modules.count == 11 * 5 + 13)
        #expect(try characters(Code128.encode("1234", gs1: false)) == 4)
        // Odd digit count: one digit in B, the other four in C (or the reverse), not five in B.
        #expect(try characters(Code128.encode("12345", gs1: false)) == 6)
        // Start B, A, B, Code C, 12, 34, check.
        #expect(try characters(Code128.encode("AB1234", gs1: false)) == 7)
        // Three digits do not pay for a latch to C and back.
        #expect(try characters(Code128.encode("a123b", gs1: false)) == 7)
        // A control character among lower case is one shift, not two latches.
        #expect(try characters(Code128.encode("ab\tcd", gs1: false)) == 8)
        // Start C, FNC1, 00 + 9 pairs of the SSCC, check.
        #expect(try characters(Code128.encode("00" + "095201234567891235", gs1: true)) == 13)
        // Start C, FNC1, 01 09 52 12 34 54 32 13, 10, Code B, A B C, 1, Code C, 23, FNC1, 17 26 12 31, check: the odd
        // "123" splits so its last two digits join the digits after the separator in set C.
        let lot = try Code128.encode("0109521234543213" + "10ABC123" + "\u{1D}" + "17261231", gs1: true)
        #expect(characters(lot) == 1 + 1 + 8 + 1 + 1 + 3 + 1 + 1 + 1 + 1 + 4 + 1)
    }

    @Test func refusesWhatCode128CannotCarry() throws {
        #expect(throws: SymbolError.self) { try Code128.encode("é", gs1: false) }
        do {
            _ = try Code128.encode("caf\u{E9}", gs1: false)
            Issue.record("é was encoded")
        } catch let error as SymbolError {
            #expect(error.symbology == "Code128")
            #expect(error.message.contains("é") && error.message.contains("position 4"), "\(error.message)")
        }
        #expect(throws: SymbolError.self) { try Code128.encode("€", gs1: true) }
        #expect(throws: SymbolError.self) { try Code128.encode("", gs1: false) }
    }

    @Test func gs1DataIsAtMost48Characters() throws {
        let longest = "01095212345432131012345678901234567890\u{1D}211234567"
        #expect(longest.unicodeScalars.count == 48)
        _ = try Code128.encode(longest, gs1: true)
        #expect(throws: SymbolError.self) { try Code128.encode(longest + "7", gs1: true) }
        // The limit is GS1's: plain Code 128 text may be longer.
        _ = try Code128.encode(longest + "7", gs1: false)
    }

    @Test func gs1SeparatorsOnlyBetweenFields() throws {
        #expect(throws: SymbolError.self) { try Code128.encode("\u{1D}0109521234543213", gs1: true) }
        #expect(throws: SymbolError.self) { try Code128.encode("10ABC\u{1D}", gs1: true) }
    }
}
