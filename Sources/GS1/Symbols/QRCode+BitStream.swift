extension QRCode {
    /// Bits appended most significant first, packed into codewords.
    struct BitWriter {
        private(set) var bytes: [UInt8] = []
        private(set) var count = 0

        /// Appends the low `bits` bits of `value`.
        mutating func append(_ value: Int, bits: Int) {
            for shift in stride(from: bits - 1, through: 0, by: -1) {
                if count % 8 == 0 { bytes.append(0) }
                if (value >> shift) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(0x80 >> (count % 8)) }
                count += 1
            }
        }
    }

    /// The length of the whole bit stream before the terminator: the FNC1 indicator of a GS1 symbol and the segments.
    static func streamBitCount(_ segments: [Segment], gs1: Bool, version: Int) -> Int {
        segments.reduce(gs1 ? 4 : 0) { $0 + $1.bitCount(version: version) }
    }

    /// The data codewords: the bit stream, the terminator (up to four 0 bits, fewer when the symbol is full), 0 bits to
    /// the codeword boundary, then the pad codewords 0xEC and 0x11 in turn (ISO/IEC 18004 7.4.9–7.4.10).
    static func codewords(_ segments: [Segment], gs1: Bool, version: Int, capacity: Int) -> [UInt8] {
        var writer = BitWriter()
        if gs1 { writer.append(fnc1FirstPositionIndicator, bits: 4) }
        for segment in segments { write(segment, version: version, into: &writer) }
        writer.append(0, bits: min(4, capacity * 8 - writer.count))
        writer.append(0, bits: (8 - writer.count % 8) % 8)
        var pad = 0xEC
        while writer.bytes.count < capacity {
            writer.append(pad, bits: 8)
            pad ^= 0xEC ^ 0x11
        }
        return writer.bytes
    }

    /// Mode indicator, character count and the data of one segment.
    static func write(_ segment: Segment, version: Int, into writer: inout BitWriter) {
        writer.append(segment.mode.indicator, bits: 4)
        writer.append(segment.values.count, bits: segment.mode.countBits(version: version))
        let values = segment.values.map(Int.init)
        switch segment.mode {
        case .numeric:
            for start in stride(from: 0, to: values.count, by: 3) {
                let group = values[start..<min(start + 3, values.count)]
                writer.append(group.reduce(0) { $0 * 10 + $1 }, bits: [0, 4, 7, 10][group.count])
            }
        case .alphanumeric:
            for start in stride(from: 0, to: values.count, by: 2) {
                let pair = values[start..<min(start + 2, values.count)]
                writer.append(pair.reduce(0) { $0 * 45 + $1 }, bits: pair.count == 2 ? 11 : 6)
            }
        case .byte:
            for value in values { writer.append(value, bits: 8) }
        }
    }
}
