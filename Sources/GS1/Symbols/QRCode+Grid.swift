extension QRCode {
    /// A symbol being drawn: each module's colour and whether it belongs to a function pattern, which holds no data and
    /// which masking leaves alone. `x` is the column, `y` the row, (0, 0) the top-left module.
    struct Grid {
        let version: Int
        let size: Int
        private(set) var dark: [Bool]
        private(set) var isFunction: [Bool]

        /// The function patterns of `version`: finders with their separators, timing, alignment, the dark module, the
        /// version information, and the format information areas reserved (drawn once the mask is known).
        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
            for index in 0..<size {
                setFunction(x: 6, y: index, dark: index % 2 == 0)
                setFunction(x: index, y: 6, dark: index % 2 == 0)
            }
            // The finders and their separators go over the timing patterns' ends.
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinder(centerX: x, centerY: y) }
            let centers = QRCode.alignmentCenters[version - 1]
            for (row, y) in centers.enumerated() {
                for (column, x) in centers.enumerated() {
                    // The three corners where a finder pattern sits get none.
                    let last = centers.count - 1
                    if (row == 0 && column == 0) || (row == 0 && column == last) || (row == last && column == 0) { continue }
                    drawAlignment(centerX: x, centerY: y)
                }
            }
            drawFormatInformation(level: .medium, mask: 0)
            drawVersionInformation()
        }

        subscript(x: Int, y: Int) -> Bool { dark[y * size + x] }

        private mutating func setFunction(x: Int, y: Int, dark isDark: Bool) {
            dark[y * size + x] = isDark
            isFunction[y * size + x] = true
        }

        /// The 7 × 7 finder pattern and the light separator around it, clipped at the symbol's edge.
        private mutating func drawFinder(centerX: Int, centerY: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = centerX + dx
                    let y = centerY + dy
                    guard x >= 0, x < size, y >= 0, y < size else { continue }
                    let ring = max(abs(dx), abs(dy))
                    setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
                }
            }
        }

        /// The 5 × 5 alignment pattern: a dark centre, a light ring, a dark ring.
        private mutating func drawAlignment(centerX: Int, centerY: Int) {
            for dy in -2...2 {
                for dx in -2...2 { setFunction(x: centerX + dx, y: centerY + dy, dark: max(abs(dx), abs(dy)) != 1) }
            }
        }

        /// The 15 format bits (level and mask, BCH-protected) in both copies, plus the dark module beside the lower copy.
        mutating func drawFormatInformation(level: ErrorCorrection, mask: Int) {
            let bits = QRCode.formatInformation(level: level, mask: mask)
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            // Around the top-left finder: bits 0–7 down column 8 (skipping the timing row), 8–14 leftwards along row 8.
            for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
            setFunction(x: 8, y: 7, dark: bit(6))
            setFunction(x: 8, y: 8, dark: bit(7))
            setFunction(x: 7, y: 8, dark: bit(8))
            for index in 9...14 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }
            // The copy: bits 0–7 along row 8 from the right edge leftwards, 8–14 down column 8 to the bottom edge.
            for index in 0...7 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
            for index in 8...14 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
            setFunction(x: 8, y: size - 8, dark: true)
        }

        /// From version 7 on, the 18 version bits in two 6 × 3 blocks beside the top-right and bottom-left finders.
        private mutating func drawVersionInformation() {
            guard version >= 7 else { return }
            let bits = QRCode.versionInformation(version: version)
            for index in 0..<18 {
                let isDark = (bits >> index) & 1 == 1
                let near = index / 3
                let far = size - 11 + index % 3
                setFunction(x: far, y: near, dark: isDark)
                setFunction(x: near, y: far, dark: isDark)
            }
        }

        /// Places the codewords' bits, most significant first, in two-module columns zig-zagging up and down from the
        /// bottom-right corner, skipping function modules (ISO/IEC 18004 7.7.3). Remainder modules stay light.
        mutating func place(_ codewords: [UInt8]) {
            let bitCount = codewords.count * 8
            var bitIndex = 0
            var upward = true
            var right = size - 1
            while right >= 1 {
                // The vertical timing pattern fills column 6, so the pairs left of it shift one column over.
                if right == 6 { right = 5 }
                for step in 0..<size {
                    let y = upward ? size - 1 - step : step
                    for x in [right, right - 1] where !isFunction[y * size + x] && bitIndex < bitCount {
                        dark[y * size + x] = (codewords[bitIndex / 8] >> (7 - bitIndex % 8)) & 1 == 1
                        bitIndex += 1
                    }
                }
                upward.toggle()
                right -= 2
            }
        }

        /// Inverts every data module where `mask` (0–7) says so.
        mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] && QRCode.maskInverts(mask, x: x, y: y) {
                    dark[y * size + x].toggle()
                }
            }
        }
    }

    /// The format information: level and mask, a BCH(15, 5) remainder (generator 0x537), XORed with 0x5412 so it is
    /// never all light (ISO/IEC 18004 7.9).
    static func formatInformation(level: ErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0x537, degree: 10)) ^ 0x5412
    }

    /// The version information: the version and a BCH(18, 6) remainder (generator 0x1F25) (ISO/IEC 18004 7.10).
    static func versionInformation(version: Int) -> Int {
        version << 12 | bchRemainder(version << 12, generator: 0x1F25, degree: 12)
    }

    /// The remainder of a binary polynomial divided by `generator` of the given degree.
    private static func bchRemainder(_ value: Int, generator: Int, degree: Int) -> Int {
        var remainder = value
        var bit = Int.bitWidth - 1 - remainder.leadingZeroBitCount
        while bit >= degree {
            if (remainder >> bit) & 1 == 1 { remainder ^= generator << (bit - degree) }
            bit -= 1
        }
        return remainder
    }
}
