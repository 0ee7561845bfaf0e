extension SGTIN {
    /// How a partition value splits the 44 bits after it between company prefix and indicator/item reference
    /// (the TDS's SGTIN partition table, the same for both schemes).
    struct Partition {
        let companyPrefixBits: Int
        let companyPrefixDigits: Int
        let referenceBits: Int
        let referenceDigits: Int
    }

    /// Partition values 0…6; 7 is reserved.
    static let partitions: [Partition] = [
        Partition(companyPrefixBits: 40, companyPrefixDigits: 12, referenceBits: 4, referenceDigits: 1),
        Partition(companyPrefixBits: 37, companyPrefixDigits: 11, referenceBits: 7, referenceDigits: 2),
        Partition(companyPrefixBits: 34, companyPrefixDigits: 10, referenceBits: 10, referenceDigits: 3),
        Partition(companyPrefixBits: 30, companyPrefixDigits: 9, referenceBits: 14, referenceDigits: 4),
        Partition(companyPrefixBits: 27, companyPrefixDigits: 8, referenceBits: 17, referenceDigits: 5),
        Partition(companyPrefixBits: 24, companyPrefixDigits: 7, referenceBits: 20, referenceDigits: 6),
        Partition(companyPrefixBits: 20, companyPrefixDigits: 6, referenceBits: 24, referenceDigits: 7),
    ]

    /// The largest SGTIN-96 serial, 2^38 − 1.
    public static let maximumSGTIN96Serial: UInt64 = (1 << 38) - 1

    /// The tag's EPC as upper-case hex: 24 digits for SGTIN-96, 50 for SGTIN-198 (its 198 bits and two zero bits).
    public func encode(_ scheme: Scheme) throws -> String {
        var bits = EPCBits()
        bits.append(scheme == .sgtin96 ? 0x30 : 0x36, width: 8)
        bits.append(UInt64(filter), width: 3)
        let partitionValue = 12 - companyPrefix.utf8.count
        let partition = Self.partitions[partitionValue]
        bits.append(UInt64(partitionValue), width: 3)
        // Each partition's bits hold any value of its digits (the table is built so), and init checked the digits.
        bits.append(UInt64(companyPrefix)!, width: partition.companyPrefixBits)
        bits.append(UInt64(indicatorAndItemReference)!, width: partition.referenceBits)
        for (value, width) in try serialBits(scheme) { bits.append(value, width: width) }
        return bits.hex
    }

    /// The scheme and SGTIN of a tag's EPC in hex: header 0x30 for SGTIN-96, 0x36 for SGTIN-198 (as 50 hex digits, or
    /// 52 as a Gen 2 tag's 16-bit words hold it); bits past the encoding's end must be zero.
    public static func decode(hex: String) throws -> (scheme: Scheme, sgtin: SGTIN) {
        let bits = try EPCBits(hex: hex)
        guard bits.count >= 8 else { throw EPCError(.hex, "EPC hex \(hex) is too short for a header") }
        let header = bits.value(at: 0, width: 8)
        let scheme: Scheme
        let lengths: [Int]
        switch header {
        case 0x30: (scheme, lengths) = (.sgtin96, [24])
        case 0x36: (scheme, lengths) = (.sgtin198, [50, 52])
        default:
            let spelled = String(header, radix: 16, uppercase: true)
            throw EPCError(.header, "header 0x\(spelled.count < 2 ? "0" : "")\(spelled) is not SGTIN-96 (0x30) or SGTIN-198 (0x36)")
        }
        let digits = bits.count / 4
        guard lengths.contains(digits) else {
            let expected = scheme == .sgtin96 ? "24 hex digits" : "50 hex digits (52 as 16-bit words)"
            throw EPCError(.hex, "\(scheme.rawValue) is \(expected), this EPC has \(digits)")
        }
        let filter = Int(bits.value(at: 8, width: 3))
        let partitionValue = Int(bits.value(at: 11, width: 3))
        guard partitionValue < partitions.count else { throw EPCError(.partition, "partition \(partitionValue) is reserved") }
        let partition = partitions[partitionValue]
        let companyPrefix = try field(
            bits.value(at: 14, width: partition.companyPrefixBits), digits: partition.companyPrefixDigits, name: "company prefix",
            rule: .companyPrefix, partition: partitionValue)
        let reference = try field(
            bits.value(at: 14 + partition.companyPrefixBits, width: partition.referenceBits), digits: partition.referenceDigits,
            name: "indicator and item reference", rule: .itemReference, partition: partitionValue)
        let serial: String
        let end: Int
        switch scheme {
        case .sgtin96:
            serial = String(bits.value(at: 58, width: 38))
            end = 96
        case .sgtin198:
            serial = try characterSerial(bits, at: 58)
            end = 198
        }
        guard bits.isZero(from: end) else {
            throw EPCError(.padding, "the bits after bit \(end) of \(scheme.rawValue) are not all zero")
        }
        let sgtin = try SGTIN(companyPrefix: companyPrefix, indicatorAndItemReference: reference, serial: serial, filter: filter)
        return (scheme, sgtin)
    }

    /// The serial as (value, bit width) pieces for `scheme`, or why the scheme cannot carry it.
    func serialBits(_ scheme: Scheme) throws -> [(UInt64, Int)] {
        switch scheme {
        case .sgtin96:
            guard Self.isDigits(serial) else {
                throw EPCError(.serial, "serial \(serial) is not all digits: SGTIN-96 serials are integers (SGTIN-198 takes text)")
            }
            guard serial == "0" || !serial.hasPrefix("0") else {
                throw EPCError(.serial, "serial \(serial) has a leading zero: SGTIN-96 serials are integers")
            }
            // Twenty digits can overflow UInt64, which is as much over the limit as any other value above it.
            guard let value = UInt64(serial), value <= Self.maximumSGTIN96Serial else {
                throw EPCError(.serial, "serial \(serial) is over \(Self.maximumSGTIN96Serial), the largest 38-bit SGTIN-96 serial")
            }
            return [(value, 38)]
        case .sgtin198:
            // Seven bits a character, zero characters after the last to fill 140 bits (the TDS "String" encoding method).
            let characters = serial.unicodeScalars.map { (UInt64($0.value), 7) }
            return characters + Array(repeating: (0, 7), count: 20 - characters.count)
        }
    }

    /// A numeric field as `digits` digits with leading zeros; refuses a value that needs more (the TDS "Partition Table"
    /// decoding method).
    private static func field(_ value: UInt64, digits: Int, name: String, rule: EPCError.Rule, partition: Int) throws -> String {
        let text = String(value)
        guard text.utf8.count <= digits else {
            throw EPCError(rule, "\(name) field \(text) needs more than the \(digits) digits partition \(partition) gives it")
        }
        return String(repeating: "0", count: digits - text.utf8.count) + text
    }

    /// The SGTIN-198 serial: 20 seven-bit characters, ended by the first zero one, after which all must be zero
    /// (the TDS "String" decoding method), and each of the rest in character set 82.
    private static func characterSerial(_ bits: EPCBits, at offset: Int) throws -> String {
        var scalars = String.UnicodeScalarView()
        var ended = false
        for index in 0..<20 {
            let value = UInt8(bits.value(at: offset + index * 7, width: 7))
            if value == 0 {
                ended = true
                continue
            }
            guard !ended else {
                throw EPCError(
                    .serial,
                    "serial character \(index + 1) is 0x\(String(value, radix: 16, uppercase: true)) after a zero character: "
                        + "the serial ends at its first zero character and the rest must be zero")
            }
            let scalar = Unicode.Scalar(value)
            guard isCharacterSet82(scalar) else {
                throw EPCError(
                    .serial,
                    "serial character \(index + 1) is 0x\(String(value, radix: 16, uppercase: true)), "
                        + "which is not in GS1 character set 82")
            }
            scalars.append(scalar)
        }
        guard !scalars.isEmpty else { throw EPCError(.serial, "the serial field is empty (all zero): AI 21 needs a character") }
        return String(scalars)
    }
}
