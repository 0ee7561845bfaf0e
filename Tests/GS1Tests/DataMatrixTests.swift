import BarcodeDecoding
import GS1
import Testing

/// Data Matrix symbols read back by an independent decoder (zxing-cpp), and the size choice, capacity limit and
/// fixed patterns the decoder does not pin down on its own.
@Suite struct DataMatrixTests {
    /// The square sizes and their data capacities in codewords (ISO/IEC 16022 Table 7), smallest first.
    static let squareCapacities: [(size: Int, codewords: Int)] = [
        (10, 3), (12, 5), (14, 8), (16, 12), (18, 18), (20, 22), (22, 30), (24, 36), (26, 44),
        (32, 62), (36, 86), (40, 114), (44, 144), (48, 174), (52, 204),
        (64, 280), (72, 368), (80, 456), (88, 576), (96, 696), (104, 816),
        (120, 1050), (132, 1304), (144, 1558),
    ]

    /// `count` digits in a scrambled order, so neighbouring codewords differ; ASCII packs two per codeword.
    static func digits(_ count: Int) -> String {
        let bytes = (0..<count).map { (index: Int) -> UInt8 in
            let digit: Int = (index * 7 + index / 10) % 10
            return UInt8(ascii: "0") + UInt8(digit)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What the decoder script reports for `text`: its UTF-8 bytes, each shown as one Latin-1 character.
    static func asDecoded(_ text: String) -> String {
        String(String.UnicodeScalarView(text.utf8.map { Unicode.Scalar($0) }))
    }

    /// Encodes every case, decodes all the images in one decoder run, and checks format, identifier and text.
    @discardableResult
    func expectRoundTrip(
        _ cases: [(data: String, gs1: Bool)], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [ModuleMatrix] {
        let matrices = try cases.map { try DataMatrix.encode($0.data, gs1: $0.gs1) }
        let decoded = try BarcodeDecoder.decode(matrices.map { Raster.pgm($0) })
        #expect(decoded.count == cases.count, sourceLocation: sourceLocation)
        for (index, result) in decoded.enumerated() where index < cases.count {
            let size = "\(matrices[index].width)x\(matrices[index].height)"
            #expect(result?.format == "DataMatrix", "\(size) did not decode", sourceLocation: sourceLocation)
            #expect(result?.symbologyIdentifier == (cases[index].gs1 ? "]d2" : "]d1"), "\(size)", sourceLocation: sourceLocation)
            #expect(result?.text == Self.asDecoded(cases[index].data), "\(size)", sourceLocation: sourceLocation)
        }
        return matrices
    }

    @Test func singleRegionSymbolsRoundTrip() throws {
        let matrices = try expectRoundTrip([
            ("123456", false),
            ("ABCDEF", false),
            ("Hello, World!", false),
            ("lot a-17 (best before 2026-12-31)", false),
            ("LOT-2024/07 Batch #42", false),
            (Self.digits(40), false),
        ])
        // "ABCDEF" fits 12x12 only in C40 (latch + two triplets = 5 codewords, ASCII needs 6); 40 digits are 20 pairs.
        #expect(matrices[0].width == 10 && matrices[1].width == 12 && matrices[5].width == 20)
        #expect(matrices.allSatisfy { $0.width == $0.height && $0.width <= 26 })
    }

    /// Every square size filled to its last data codeword with digit pairs, so each size and its Reed–Solomon block
    /// structure (up to 144x144's ten uneven blocks) is read back by the decoder.
    @Test func everySquareSizeRoundTripsWhenFull() throws {
        let matrices = try expectRoundTrip(Self.squareCapacities.map { (Self.digits(2 * $0.codewords), false) })
        #expect(matrices.map(\.width) == Self.squareCapacities.map(\.size))
        #expect(matrices.map(\.height) == Self.squareCapacities.map(\.size))
    }

    /// Text across several data regions: mixed case, punctuation, line breaks and UTF-8, long enough for 4x4 regions.
    @Test func multiRegionTextRoundTrips() throws {
        let line = "Lot 4711-B, Müller & Söhne GmbH; exp. 2026-12-31 / qty 250 kg\n"
        let matrices = try expectRoundTrip([
            (String(repeating: line, count: 2), false),
            (String(repeating: line, count: 6), false),
            (String(repeating: "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789", count: 20), false),
            (String(repeating: "the quick brown fox jumps over the lazy dog ", count: 30), false),
        ])
        #expect(matrices.allSatisfy { $0.width >= 32 })
        #expect(matrices[1].width >= 64)
        #expect(matrices[3].width >= 88)
    }

    /// Bytes 128–255 go through Upper Shift; non-ASCII text is carried as its UTF-8 bytes.
    @Test func bytesAboveASCIIRoundTrip() throws {
        try expectRoundTrip([("Müller", false), ("Ærø Straße 5", false), ("€ 12,50", false), ("ÿ", false)])
    }

    @Test func gs1ElementStringsRoundTripWithSeparators() throws {
        let matrices = try expectRoundTrip([
            ("0109521234543213" + "10ABC123" + "\u{1D}" + "17261231", true),
            ("0109521234543213" + "17261231" + "10LOT-42/a" + "\u{1D}" + "21SER0001", true),
            ("01095212345432133103000150" + "10ABCDEFGHIJKLMNOPQRST" + "\u{1D}" + "21" + "XYZ0123456789ABCDEFG" + "\u{1D}" + "400PO-77", true),
            ("00095212345678901234", true),
        ])
        // The SSCC is FNC1 and ten digit pairs: 11 codewords, 16x16.
        #expect(matrices[3].width == 16)
    }

    /// The smallest square is chosen: one codeword more than a size holds (a lone trailing digit) moves to the next.
    @Test func smallestSquareHoldingTheDataIsChosen() throws {
        for (index, entry) in Self.squareCapacities.enumerated() {
            let full = try DataMatrix.encode(Self.digits(2 * entry.codewords), gs1: false)
            #expect(full.width == entry.size && full.height == entry.size)
            guard index + 1 < Self.squareCapacities.count else { continue }
            let over = try DataMatrix.encode(Self.digits(2 * entry.codewords + 1), gs1: false)
            #expect(over.width == Self.squareCapacities[index + 1].size, "\(entry.size)x\(entry.size) + 1 codeword")
        }
        #expect(try DataMatrix.encode("", gs1: false).width == 10)
        #expect(try DataMatrix.encode("ABC", gs1: false).width == 10)
        #expect(try DataMatrix.encode("ABCD", gs1: false).width == 12)
        // 232 for FNC1 takes one of the three codewords of 10x10.
        #expect(try DataMatrix.encode("1726", gs1: true).width == 10)
        #expect(try DataMatrix.encode("172612", gs1: true).width == 12)
    }

    @Test func dataBeyondTheLargestSymbolThrows() throws {
        #expect(try DataMatrix.encode(Self.digits(3116), gs1: false).width == 144)
        let message = "the data needs 1559 codewords, more than the 1558 of the largest symbol (144x144)"
        #expect(throws: SymbolError(symbology: "DataMatrix", message)) { try DataMatrix.encode(Self.digits(3117), gs1: false) }
        #expect(throws: SymbolError.self) { try DataMatrix.encode(String(repeating: "Ü", count: 1000), gs1: false) }
    }

    /// Solid left and bottom edges and alternating top and right edges around every data region, starting at the
    /// matrix's own edge (the quiet zone is Raster's); full symbols, so a data bit placed on a frame would show.
    @Test(arguments: [(10, 8), (32, 14), (88, 20), (144, 22)])
    func finderAndAlignmentPatterns(size: Int, region: Int) throws {
        let capacity = try #require(Self.squareCapacities.first { $0.size == size }).codewords
        let matrix = try DataMatrix.encode(Self.digits(2 * capacity), gs1: false)
        #expect(matrix.width == size && matrix.height == size)
        let block = region + 2
        var wrong: [String] = []
        for y in 0..<size {
            for x in 0..<size {
                if let expected = Self.patternModule(x % block, y % block, block: block), matrix[x, y] != expected {
                    wrong.append("(\(x), \(y))")
                }
            }
        }
        #expect(wrong.isEmpty, "pattern modules wrong at \(wrong.prefix(10))")
    }

    /// Whether a module at this position inside its region's frame is dark, or nil inside the data region.
    static func patternModule(_ x: Int, _ y: Int, block: Int) -> Bool? {
        if x == 0 || y == block - 1 { return true }
        if y == 0 { return x % 2 == 0 }
        if x == block - 1 { return y % 2 == 1 }
        return nil
    }
}
