/// A bit string for EPC binary encodings, most significant bit first as the EPC Tag Data Standard lays them out.
struct EPCBits {
    private(set) var bits: [Bool] = []

    init() {}

    /// The bits of a hexadecimal string (either case), four to a digit; refuses anything else.
    init(hex: String) throws {
        guard !hex.isEmpty else { throw EPCError(.hex, "the EPC hex is empty") }
        bits.reserveCapacity(hex.utf8.count * 4)
        for (offset, byte) in hex.utf8.enumerated() {
            guard let digit = Self.hexValue(byte) else {
                let character = hex.unicodeScalars.dropFirst(offset).first.map { String($0) } ?? "?"
                throw EPCError(.hex, "EPC hex has \"\(character)\" at position \(offset + 1), which is not a hexadecimal digit")
            }
            for shift in stride(from: 3, through: 0, by: -1) { bits.append(digit >> shift & 1 == 1) }
        }
    }

    var count: Int { bits.count }

    /// Appends the `width` low bits of `value`, high bit first.
    mutating func append(_ value: UInt64, width: Int) {
        precondition(width <= 64 && (width == 64 || value >> width == 0), "\(value) does not fit \(width) bits")
        for shift in stride(from: width - 1, through: 0, by: -1) { bits.append(value >> UInt64(shift) & 1 == 1) }
    }

    /// The unsigned integer in `width` bits from `offset`.
    func value(at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<offset + width { value = value << 1 | (bits[index] ? 1 : 0) }
        return value
    }

    /// Whether every bit from `offset` to the end is zero.
    func isZero(from offset: Int) -> Bool { !bits[offset...].contains(true) }

    /// Upper-case hex, zero bits added at the end to a whole number of digits.
    var hex: String {
        var padded = bits
        while padded.count % 4 != 0 { padded.append(false) }
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(padded.count / 4)
        for start in stride(from: 0, to: padded.count, by: 4) {
            let nibble = padded[start..<start + 4].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
            text.append(digits[nibble])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
