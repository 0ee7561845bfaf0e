/// Reed–Solomon check codewords over GF(256), α = 2, as the 2D symbologies use them: the field's polynomial and the
/// generator's first root are what differ (DataMatrix ECC 200: 0x12D, roots α¹…αⁿ; QR Code: 0x11D, roots α⁰…αⁿ⁻¹).
struct ReedSolomon: Sendable {
    /// ISO/IEC 16022: x⁸+x⁵+x³+x²+1, generator (x − α¹)…(x − αⁿ).
    static let dataMatrix = ReedSolomon(polynomial: 0x12D, firstRoot: 1)
    /// ISO/IEC 18004 7.5.2: x⁸+x⁴+x³+x²+1, generator (x − α⁰)…(x − αⁿ⁻¹).
    static let qrCode = ReedSolomon(polynomial: 0x11D, firstRoot: 0)

    /// αⁱ for i in 0..<510: the cycle of 255 written twice, so a sum of two logarithms needs no modulo.
    private let powers: [UInt8]
    /// The logarithm to base α of each non-zero element (index 0 unused).
    private let logarithms: [Int]
    private let firstRoot: Int

    init(polynomial: Int, firstRoot: Int) {
        var powers = [UInt8](repeating: 0, count: 510)
        var logarithms = [Int](repeating: 0, count: 256)
        var value = 1
        for exponent in 0..<255 {
            powers[exponent] = UInt8(value)
            powers[exponent + 255] = UInt8(value)
            logarithms[value] = exponent
            value <<= 1
            if value & 0x100 != 0 { value ^= polynomial }
        }
        self.powers = powers
        self.logarithms = logarithms
        self.firstRoot = firstRoot
    }

    /// The field's product.
    func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return powers[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// The generator of degree `degree`, coefficients from the highest power down, the leading 1 included.
    func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for exponent in firstRoot..<(firstRoot + degree) {
            // Multiply by (x + αᵉ): shift up one power, then add αᵉ times the old coefficients one place lower.
            var product = polynomial + [0]
            for (index, coefficient) in polynomial.enumerated() { product[index + 1] ^= multiply(coefficient, powers[exponent]) }
            polynomial = product
        }
        return polynomial
    }

    /// The check codewords: the remainder of data · xᵈ divided by the generator of degree d.
    func remainder(of data: some Collection<UInt8>, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count - 1
        var remainder = [UInt8](repeating: 0, count: degree)
        for codeword in data {
            let factor = codeword ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            if factor != 0 {
                for index in 0..<degree { remainder[index] ^= multiply(generator[index + 1], factor) }
            }
        }
        return remainder
    }
}
