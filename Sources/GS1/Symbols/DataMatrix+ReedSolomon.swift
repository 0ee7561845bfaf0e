extension DataMatrix {
    /// Reed–Solomon check codewords over GF(256) with the field polynomial x⁸+x⁵+x³+x²+1 (0x12D) that ECC 200 uses.
    enum ReedSolomon {
        /// `exponents[i]` is αⁱ (α = 2), doubled in length so products index it without a modulo.
        private static let exponents: [UInt8] = {
            var table = [UInt8](repeating: 0, count: 510)
            var value = 1
            for power in 0..<255 {
                table[power] = UInt8(value)
                table[power + 255] = UInt8(value)
                value <<= 1
                if value & 0x100 != 0 { value ^= 0x12D }
            }
            return table
        }()

        /// `logarithms[x]` is i with αⁱ = x; `logarithms[0]` is unused.
        private static let logarithms: [Int] = {
            var table = [Int](repeating: 0, count: 256)
            for power in 0..<255 { table[Int(exponents[power])] = power }
            return table
        }()

        static func multiply(_ left: UInt8, _ right: UInt8) -> UInt8 {
            if left == 0 || right == 0 { return 0 }
            return exponents[logarithms[Int(left)] + logarithms[Int(right)]]
        }

        /// The generator (x − α¹)(x − α²)…(x − αⁿ), coefficients highest power first, leading 1 included.
        static func generator(degree: Int) -> [UInt8] {
            var polynomial: [UInt8] = [1]
            for power in 1...degree {
                var next = polynomial + [0]
                for index in 1..<next.count { next[index] ^= multiply(polynomial[index - 1], exponents[power]) }
                polynomial = next
            }
            return polynomial
        }

        /// The `count` check codewords of one block: the remainder of data·xⁿ divided by the generator.
        static func checkCodewords(for data: [UInt8], count: Int) -> [UInt8] {
            let generator = generator(degree: count)
            var remainder = [UInt8](repeating: 0, count: count)
            for codeword in data {
                let feedback = codeword ^ remainder[0]
                remainder.removeFirst()
                remainder.append(0)
                if feedback != 0 {
                    for index in 0..<count { remainder[index] ^= multiply(generator[index + 1], feedback) }
                }
            }
            return remainder
        }
    }

    /// The data codewords followed by their check codewords, interleaved the way ISO/IEC 16022 §5.8 lays out blocks.
    ///
    /// The whole stream is one interleave: position `p` belongs to block `p % blocks`, and each block is its data then
    /// its checks. When every block is equally long that is the familiar "data round-robin, then checks round-robin";
    /// for 144x144, whose last two blocks hold one data codeword less, it makes the check region start with block 8.
    static func interleave(_ data: [UInt8], size: SymbolSize) -> [UInt8] {
        let blockCount = size.blocks
        let checksPerBlock = size.errorCodewords / blockCount
        var stream = [UInt8](repeating: 0, count: size.dataCodewords + size.errorCodewords)
        for block in 0..<blockCount {
            let blockData = Array(stride(from: block, to: data.count, by: blockCount).map { data[$0] })
            let blockCodewords = blockData + ReedSolomon.checkCodewords(for: blockData, count: checksPerBlock)
            for (index, codeword) in blockCodewords.enumerated() { stream[block + index * blockCount] = codeword }
        }
        return stream
    }
}
