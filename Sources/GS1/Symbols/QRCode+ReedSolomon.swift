extension QRCode {
    /// Reed–Solomon error correction as QR Code uses it: GF(256) built on x⁸ + x⁴ + x³ + x² + 1 (0x11D), α = 2, and
    /// generator polynomials with the roots α⁰ … αⁿ⁻¹ (ISO/IEC 18004 7.5.2, annex A).
    enum ReedSolomon {
        /// αⁱ for i in 0..<510, the cycle of 255 written twice so a sum of two logarithms needs no modulo.
        static let powers: [UInt8] = {
            var powers = [UInt8](repeating: 0, count: 510)
            var value = 1
            for exponent in 0..<255 {
                powers[exponent] = UInt8(value)
                powers[exponent + 255] = UInt8(value)
                value <<= 1
                if value & 0x100 != 0 { value ^= 0x11D }
            }
            return powers
        }()

        /// The logarithm to base α of each non-zero element (index 0 unused).
        static let logarithms: [Int] = {
            var logarithms = [Int](repeating: 0, count: 256)
            for exponent in 0..<255 { logarithms[Int(powers[exponent])] = exponent }
            return logarithms
        }()

        /// The field's product.
        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            guard a != 0, b != 0 else { return 0 }
            return powers[logarithms[Int(a)] + logarithms[Int(b)]]
        }

        /// (x − α⁰)(x − α¹) … (x − αᵈ⁻¹), coefficients from the highest power down, the leading 1 included.
        static func generator(degree: Int) -> [UInt8] {
            var polynomial: [UInt8] = [1]
            for exponent in 0..<degree {
                // Multiply by (x + αᵉ): shift up one power, then add αᵉ times the old coefficients one place lower.
                var product = polynomial + [0]
                for (index, coefficient) in polynomial.enumerated() {
                    product[index + 1] ^= multiply(coefficient, powers[exponent])
                }
                polynomial = product
            }
            return polynomial
        }

        /// The error-correction codewords: the remainder of data · xᵈ divided by the generator of degree d.
        static func remainder(of data: some Collection<UInt8>, generator: [UInt8]) -> [UInt8] {
            let degree = generator.count - 1
            var remainder = [UInt8](repeating: 0, count: degree)
            for codeword in data {
                let factor = codeword ^ remainder[0]
                remainder.removeFirst()
                remainder.append(0)
                for index in 0..<degree { remainder[index] ^= multiply(generator[index + 1], factor) }
            }
            return remainder
        }
    }

    /// The codewords as the symbol carries them (ISO/IEC 18004 7.6): the data split into the version's blocks, each
    /// block's error-correction codewords added, and both interleaved codeword by codeword across the blocks.
    static func interleavedCodewords(_ data: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let blockCount = ecBlockCounts[level.tableIndex][version - 1]
        let ecCount = ecCodewordsPerBlock[level.tableIndex][version - 1]
        // The shorter blocks (table 9's first group) come first; the rest hold one data codeword more.
        let shortLength = data.count / blockCount
        let longCount = data.count % blockCount
        var blocks: [ArraySlice<UInt8>] = []
        var start = data.startIndex
        for index in 0..<blockCount {
            let length = shortLength + (index >= blockCount - longCount ? 1 : 0)
            blocks.append(data[start..<start + length])
            start += length
        }
        let generator = ReedSolomon.generator(degree: ecCount)
        let ecBlocks = blocks.map { ReedSolomon.remainder(of: $0, generator: generator) }
        var result: [UInt8] = []
        result.reserveCapacity(data.count + blockCount * ecCount)
        for offset in 0...shortLength {
            for block in blocks where offset < block.count { result.append(block[block.startIndex + offset]) }
        }
        for offset in 0..<ecCount {
            for block in ecBlocks { result.append(block[offset]) }
        }
        return result
    }
}
