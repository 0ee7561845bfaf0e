import BarcodeDecoding
import GS1
import Testing

/// QR Code symbols read back by an independent decoder (zxing-cpp), the version choice against the capacities of
/// ISO/IEC 18004 table 7, the capacity limit, and two symbols module for module against a reference encoder.
@Suite struct QRCodeTests {
    /// Byte-mode capacities (ISO/IEC 18004 table 7) of some versions, at L, M, Q, H: both ends of each count indicator
    /// width (1–9, 10–26, 27–40) and the first version with version information (7).
    static let byteCapacities: [(version: Int, bytes: [Int])] = [
        (1, [17, 14, 11, 7]), (2, [32, 26, 20, 14]), (6, [134, 106, 74, 58]), (7, [154, 122, 86, 64]),
        (9, [230, 180, 130, 98]), (10, [271, 213, 151, 119]), (26, [1367, 1059, 751, 593]), (27, [1465, 1125, 805, 625]),
        (40, [2953, 2331, 1663, 1273]),
    ]

    /// `count` lowercase letters, which only byte mode carries, in a scrambled order so neighbouring codewords differ.
    static func letters(_ count: Int) -> String {
        let bytes = (0..<count).map { (index: Int) -> UInt8 in UInt8(ascii: "a") + UInt8((index * 7 + index / 26) % 26) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count` digits in a scrambled order.
    static func digits(_ count: Int) -> String {
        let bytes = (0..<count).map { (index: Int) -> UInt8 in UInt8(ascii: "0") + UInt8((index * 7 + index / 10) % 10) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What the decoder script reports for `text`: its UTF-8 bytes, each shown as one Latin-1 character.
    static func asDecoded(_ text: String) -> String {
        String(String.UnicodeScalarView(text.utf8.map { Unicode.Scalar($0) }))
    }

    /// A matrix as rows of `#` (dark) and `.` (light).
    static func rows(_ matrix: ModuleMatrix) -> [String] {
        (0..<matrix.height).map { y in String((0..<matrix.width).map { x in matrix[x, y] ? "#" : "." }) }
    }

    /// The version a matrix's width says: 17 + 4 × version modules.
    static func version(_ matrix: ModuleMatrix) -> Int { (matrix.width - 17) / 4 }

    /// Encodes every case, decodes all the images in one decoder run, and checks format, identifier and text.
    @discardableResult
    func expectRoundTrip(
        _ cases: [(data: String, gs1: Bool, level: QRCode.ErrorCorrection)], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [ModuleMatrix] {
        let matrices = try cases.map { try QRCode.encode($0.data, gs1: $0.gs1, errorCorrection: $0.level) }
        let decoded = try BarcodeDecoder.decode(matrices.map { Raster.pgm($0) })
        #expect(decoded.count == cases.count, sourceLocation: sourceLocation)
        for (index, result) in decoded.enumerated() where index < cases.count {
            let symbol = "version \(Self.version(matrices[index]))-\(cases[index].level.rawValue)"
            #expect(matrices[index].width == matrices[index].height, sourceLocation: sourceLocation)
            #expect(result?.format == "QRCode", "\(symbol) did not decode", sourceLocation: sourceLocation)
            #expect(result?.symbologyIdentifier == (cases[index].gs1 ? "]Q3" : "]Q1"), "\(symbol)", sourceLocation: sourceLocation)
            #expect(result?.text == Self.asDecoded(cases[index].data), "\(symbol)", sourceLocation: sourceLocation)
        }
        return matrices
    }

    /// Numeric, alphanumeric, mixed and UTF-8 text, a GS1 Digital Link URI as plain data, and symbols big enough for
    /// version information (7+) and for the widest count indicators (27+).
    @Test func plainDataRoundTrips() throws {
        let matrices = try expectRoundTrip([
            ("01234567", false, .medium),
            ("HELLO WORLD $%*+-./:", false, .quartile),
            ("Lot R26034-0007: 250 kg, best before 2026-12-31", false, .medium),
            ("Müller & Söhne, Zürich – 12 €", false, .medium),
            ("https://id.gs1.org/01/09521234543213/10/ABC123?17=261231", false, .medium),
            (Self.digits(300) + "LOTLINE" + Self.letters(40), false, .high),
            (String(repeating: "Lot 4711-B, Müller & Söhne GmbH; exp. 2026-12-31 / qty 250 kg\n", count: 20), false, .medium),
        ])
        #expect(Self.version(matrices[0]) == 1)
        #expect(Self.version(matrices[5]) >= 7)
        #expect(Self.version(matrices[6]) >= 27)
    }

    /// The same data at each level: each reads back, and more error correction never needs a smaller symbol.
    @Test func everyErrorCorrectionLevel() throws {
        let levels = QRCode.ErrorCorrection.allCases
        let uri = "https://id.gs1.org/01/09521234543213/10/ABC123?17=261231"
        let element = "0109521234543213" + "10ABC123" + "\u{1D}" + "17261231"
        let matrices = try expectRoundTrip(levels.map { (uri, false, $0) } + levels.map { (element, true, $0) })
        let versions = matrices.map(Self.version)
        for offset in [0, 4] {
            #expect(versions[offset] < versions[offset + 3])
            #expect(zip(versions[offset..<offset + 3], versions[offset + 1..<offset + 4]).allSatisfy { $0 <= $1 })
        }
    }

    /// GS1 element strings: FNC1 in first position (`]Q3`), a GS after a variable-length field and none after fixed
    /// ones, a literal `%` (written `%%` in alphanumeric mode), lowercase data (byte mode, FNC1 as 0x1D), one long
    /// enough for version information, and separators next to `%`.
    @Test func gs1ElementStringsRoundTrip() throws {
        let gs = "\u{1D}"
        let fields = ["0109521234543213", "10" + Self.digits(20), gs, "21SERIAL-" + Self.digits(13), gs, "400PO-2026-0001/ABC", gs]
        let long = fields.joined() + "17261231" + "3103000250" + "91" + Self.letters(60)
        let matrices = try expectRoundTrip([
            ("0109521234543213" + "10ABC123" + gs + "17261231", true, .medium),
            ("0109521234543213" + "17261231" + "10ABC123", true, .medium),
            ("010952123454321317261231", true, .low),
            ("0109521234543213" + "10AB%C12" + gs + "2112345", true, .medium),
            ("0109521234543213" + "10abc123" + gs + "21x%y", true, .quartile),
            ("0109521234543213" + "21%%" + gs + "10%", true, .high),
            (long, true, .quartile),
            // Not valid element strings, but the escaping must still read back: FNC1 before `%` or another FNC1.
            ("10AB" + gs + "%" + gs + gs + "21C", true, .medium),
            ("10%" + gs + gs + "%%", true, .low),
        ])
        #expect(Self.version(matrices[2]) == 1)
        #expect(Self.version(matrices[6]) >= 7)
    }

    /// The smallest version that holds the data: at each capacity of table 7 the symbol has that version, one byte more
    /// needs the next; and the densest mode per run (the standard's numeric and alphanumeric capacities, digit runs
    /// in numeric mode inside other text).
    @Test func choosesTheSmallestVersion() throws {
        let levels = QRCode.ErrorCorrection.allCases
        var full: [(data: String, gs1: Bool, level: QRCode.ErrorCorrection)] = []
        for (version, capacities) in Self.byteCapacities {
            for (level, bytes) in zip(levels, capacities) {
                full.append((Self.letters(bytes), false, level))
                if version < 40 {
                    let over = try QRCode.encode(Self.letters(bytes + 1), gs1: false, errorCorrection: level)
                    #expect(Self.version(over) == version + 1, "\(bytes + 1) bytes at \(level.rawValue)")
                }
            }
        }
        let matrices = try expectRoundTrip(full)
        let expected = Self.byteCapacities.flatMap { entry in levels.map { _ in entry.version } }
        #expect(matrices.map(Self.version) == expected)

        func version(_ data: String, _ level: QRCode.ErrorCorrection) throws -> Int {
            Self.version(try QRCode.encode(data, gs1: false, errorCorrection: level))
        }
        #expect(try QRCode.encode("01234567", gs1: false, errorCorrection: .medium).width == 21)
        #expect(try version(Self.digits(34), .medium) == 1)
        #expect(try version(Self.digits(35), .medium) == 2)
        #expect(try version(String(repeating: "AB1:", count: 5), .medium) == 1)
        #expect(try version(String(repeating: "AB1:", count: 5) + "Z", .medium) == 2)
        #expect(try version(Self.digits(7089), .low) == 40)
        #expect(try version(String(repeating: "GS1 QR-CODE/", count: 154) + "1234", .high) == 40)
        // 3 bytes then 60 digits: 250 bits fit version 3-M (352); all bytes (63) would need version 5.
        #expect(try version("abc" + Self.digits(60), .medium) == 3)
        // "LOT" and 60 digits: 244 bits fit version 3-M; all alphanumeric would take 360 bits, version 4.
        #expect(try version("LOT" + Self.digits(60), .medium) == 3)
    }

    /// More than version 40 holds at the level is refused, naming the byte count and the capacity.
    @Test func refusesDataBeyondVersion40() throws {
        let error = #expect(throws: SymbolError.self) { try QRCode.encode(Self.letters(2954), gs1: false, errorCorrection: .low) }
        #expect(error?.symbology == "QR")
        #expect(error?.message.contains("2954") == true)
        #expect(error?.message.contains("2956") == true)
        #expect(throws: SymbolError.self) { try QRCode.encode(Self.digits(7090), gs1: false, errorCorrection: .low) }
        #expect(throws: SymbolError.self) { try QRCode.encode(Self.letters(1274), gs1: false, errorCorrection: .high) }
        #expect(throws: SymbolError.self) { try QRCode.encode(Self.letters(2400), gs1: true, errorCorrection: .medium) }
    }

    /// ISO/IEC 18004's example data "01234567" at 1-M (mask 010), as zint (through zxing-cpp's writer) draws it.
    static let exampleSymbol = [
        "#######..#.##.#######",
        "#.....#..####.#.....#",
        "#.###.#.#.....#.###.#",
        "#.###.#.##....#.###.#",
        "#.###.#.#.###.#.###.#",
        "#.....#.#...#.#.....#",
        "#######.#.#.#.#######",
        "........#..##........",
        "#.#####..#..#.#####..",
        "...#.#.##.#.#..#.##..",
        "..#...##.#.#.#..#####",
        "....#....#.....####..",
        "...######..#.#..#....",
        "........#.#####..##..",
        "#######..##.#.##.....",
        "#.....#.#.#####...#.#",
        "#.###.#.#...#..#.##..",
        "#.###.#.##..#..#.....",
        "#.###.#.#.##.#..#.#..",
        "#.....#........##.##.",
        "#######.####.#..#.#..",
    ]

    /// 01 09521234543213, 10 ABC123, FNC1, 17 261231 at M, as zint draws `[01]09521234543213[10]ABC123[17]261231`.
    static let gs1Symbol = [
        "#######....##..##.#######",
        "#.....#.##........#.....#",
        "#.###.#..###..###.#.###.#",
        "#.###.#...###.##..#.###.#",
        "#.###.#.#..#..#.#.#.###.#",
        "#.....#..#..###...#.....#",
        "#######.#.#.#.#.#.#######",
        ".............#.#.........",
        "#.#.#.#..#.#.##.#...#..#.",
        "#.###..##.#...####.#..###",
        "#.##..#..#...#..##..#..#.",
        "#..#....#....#.#.#####.##",
        "...##.######..##.##.#.#..",
        ".##....#..##...#..###..#.",
        "#..#..#..#...#.#..####..#",
        ".##....###.#...##.#.####.",
        "#..####..##.#..#######...",
        "........#.####..#...#..#.",
        "#######..#.##.#.#.#.##.##",
        "#.....#..##.###.#...##.#.",
        "#.###.#.##.#..#.#######.#",
        "#.###.#..###..##...#.##..",
        "#.###.#.#....#...######.#",
        "#.....#...##...###.......",
        "#######.#.#.#..#..#.#.###",
    ]

    /// Two symbols module for module as zint (libzint, through zxing-cpp's writer) draws them, mask choice included.
    @Test func matchesReferenceSymbols() throws {
        let example = try QRCode.encode("01234567", gs1: false, errorCorrection: .medium)
        #expect(Self.rows(example) == Self.exampleSymbol)
        let gs1 = try QRCode.encode("0109521234543213" + "10ABC123" + "\u{1D}" + "17261231", gs1: true, errorCorrection: .medium)
        #expect(Self.rows(gs1) == Self.gs1Symbol)
    }
}
