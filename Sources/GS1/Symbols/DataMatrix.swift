/// Data Matrix ECC 200 (ISO/IEC 16022), the 2D symbol GS1 uses on small items and healthcare packs.
///
/// The encoder picks the fewest data codewords it can (ASCII with digit pairs, C40 or Text runs where they pay),
/// the smallest square symbol that holds them, pads, adds Reed–Solomon check codewords per block and places the
/// bits with the standard's diagonal algorithm inside the finder and timing patterns.
public enum DataMatrix {
    /// `gs1`: GS1 DataMatrix (FNC1, codeword 232, first); `data` is then an element string with GS (U+001D) where FNC1 separators go.
    public static func encode(_ data: String, gs1: Bool) throws -> ModuleMatrix {
        try encode(data, gs1: gs1, shape: .square)
    }

    /// Which family of sizes to choose from: squares are what GS1 and most printers expect, rectangles fit narrow labels.
    enum Shape {
        case square, rectangle
    }

    /// `encode(_:gs1:)` with a choice of symbol shape; characters outside ASCII go in as their UTF-8 bytes.
    static func encode(_ data: String, gs1: Bool, shape: Shape) throws -> ModuleMatrix {
        let input = data.utf8.map { gs1 && $0 == 0x1D ? Encodation.fnc1 : Int($0) }
        let encoded = Encodation.encode(input)
        let prefix: [UInt8] = gs1 ? [232] : []
        let endingInASCII = prefix + encoded.endingInASCII
        let endingInTriplets = encoded.endingInTriplets.map { prefix + $0 }
        let sizes = symbolSizes.filter { $0.isSquare == (shape == .square) }
        for size in sizes {
            let capacity = size.dataCodewords
            if endingInASCII.count <= capacity {
                return symbol(pad(endingInASCII, to: capacity), size: size)
            }
            if let endingInTriplets, endingInTriplets.count == capacity {
                return symbol(endingInTriplets, size: size)
            }
        }
        let needed = min(endingInASCII.count, endingInTriplets?.count ?? .max)
        let largest = sizes[sizes.count - 1]
        throw SymbolError(
            symbology: "DataMatrix",
            "the data needs \(needed) codewords, more than the \(largest.dataCodewords) of the largest symbol (\(largest.name))"
        )
    }

    /// Check codewords, interleaving and placement for data codewords that already fill `size`.
    static func symbol(_ data: [UInt8], size: SymbolSize) -> ModuleMatrix {
        draw(interleave(data, size: size), size: size)
    }

    /// Fills the rest of the symbol: 129 once (the end of data), then the 253-state pads, which are scrambled with
    /// their 1-based position so long runs of padding do not print as a flat pattern.
    static func pad(_ codewords: [UInt8], to capacity: Int) -> [UInt8] {
        var padded = codewords
        if padded.count < capacity { padded.append(129) }
        while padded.count < capacity {
            let position = padded.count + 1
            let value = 129 + (149 * position) % 253 + 1
            padded.append(UInt8(value <= 254 ? value : value - 254))
        }
        return padded
    }
}
