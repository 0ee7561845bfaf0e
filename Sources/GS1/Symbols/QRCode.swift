/// QR Code symbols (ISO/IEC 18004, Model 2): plain text or GS1 element strings (FNC1 in first position), in the smallest
/// of versions 1–40 that holds the data at the chosen error-correction level.
///
/// The pieces live in `QRCode+…` files: the data modes and their segmentation, the bit stream, the version tables,
/// Reed–Solomon blocks, the module grid and its function patterns, and the data masks.
public enum QRCode {
    /// How much of a symbol may be lost and still read: about 7 %, 15 %, 25 % and 30 % of its codewords.
    public enum ErrorCorrection: String, Sendable, CaseIterable {
        case low = "L", medium = "M", quartile = "Q", high = "H"
    }

    /// `gs1`: a GS1 QR Code (FNC1 in first position); `data` is then an element string with GS (U+001D) where FNC1 separators go.
    public static func encode(_ data: String, gs1: Bool, errorCorrection: ErrorCorrection = .medium) throws -> ModuleMatrix {
        try encode(data, gs1: gs1, errorCorrection: errorCorrection, mask: nil)
    }

    /// The encoder with the data mask either chosen by the penalty rules (`nil`) or fixed (0–7), the latter so a symbol
    /// can be compared module for module with another encoder's symbol under the same mask.
    static func encode(_ data: String, gs1: Bool, errorCorrection level: ErrorCorrection, mask: Int?) throws -> ModuleMatrix {
        let units = DataUnit.units(of: data, gs1: gs1)
        // The best segmentation depends on the count indicator widths, which change only at versions 10 and 27.
        var segmentations: [Int: [Segment]] = [:]
        var bitCount = 0
        for version in 1...40 {
            let capacity = dataCodewordCount(version: version, level: level)
            // No character takes less than numeric's 10 bits per 3 digits: skip what cannot fit without segmenting.
            guard (10 * units.count + 2) / 3 <= capacity * 8 || version == 40 else { continue }
            let widthClass = Mode.countWidthClass(version: version)
            let segments = segmentations[widthClass] ?? segment(units, version: version)
            segmentations[widthClass] = segments
            bitCount = streamBitCount(segments, gs1: gs1, version: version)
            guard bitCount <= capacity * 8 else { continue }
            let dataCodewords = codewords(segments, gs1: gs1, version: version, capacity: capacity)
            let symbolCodewords = interleavedCodewords(dataCodewords, version: version, level: level)
            return symbol(version: version, level: level, codewords: symbolCodewords, mask: mask)
        }
        let needed = (bitCount + 7) / 8
        let capacity = dataCodewordCount(version: 40, level: level)
        throw SymbolError(
            symbology: "QR",
            "\(data.utf8.count) bytes of data need \(needed) data codewords, more than the \(capacity) of version 40 at level "
                + "\(level.rawValue)")
    }

    /// Draws the symbol: function patterns, the codewords, and the mask with the lowest penalty (or the one asked for).
    static func symbol(version: Int, level: ErrorCorrection, codewords: [UInt8], mask: Int?) -> ModuleMatrix {
        var unmasked = Grid(version: version)
        unmasked.place(codewords)
        var best = unmasked
        var bestPenalty = Int.max
        for candidate in mask.map({ [$0] }) ?? Array(0..<8) {
            var masked = unmasked
            masked.applyMask(candidate)
            masked.drawFormatInformation(level: level, mask: candidate)
            // Scored with the format information in place: it is part of what a reader sees.
            let penalty = masked.penalty()
            if penalty < bestPenalty {
                best = masked
                bestPenalty = penalty
            }
        }
        var matrix = ModuleMatrix(width: best.size, height: best.size)
        for y in 0..<best.size {
            for x in 0..<best.size where best[x, y] { matrix[x, y] = true }
        }
        return matrix
    }
}
