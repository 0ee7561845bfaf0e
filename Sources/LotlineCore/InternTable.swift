import Foundation

/// Strings numbered densely in the order first seen, each in a 16-byte record (text inline up to 15 UTF-8 bytes, as
/// lot numbers are; longer ones kept aside), found through an open-addressing hash table: about 27 bytes per string,
/// where `[String: Int32]` plus `[String]` spend about 60, and reading a string back touches one cache line. Each slot
/// holds the id and 32 bits of the string's hash, so a probe compares text only when hashes match.
public struct InternTable: Sendable {
    // Stored state is internal (not private) for the snapshot extension in GenealogyIndex+Snapshot.swift.
    /// Per string, 16 bytes: byte 0 its length, then its text, when it is at most 15 bytes; else byte 0 is 0xFF and
    /// bytes 4-7 and 8-11 hold where it starts in `long` and its length.
    var records: [UInt8] = []
    /// The text of strings longer than 15 bytes.
    var long: [UInt8] = []
    /// By hash: high 32 bits the hash's top half, low 32 bits the id plus one; 0 where empty. The capacity is a power
    /// of two, at most 70% full.
    var slots: [UInt64] = Array(repeating: 0, count: 16)

    public init() {}

    static let recordSize = 16
    static let longMarker: UInt8 = 0xFF

    public var count: Int { records.count / Self.recordSize }

    /// Bytes held, including spare capacity in the table.
    public var byteSize: Int { records.count + long.count + slots.count * 8 }

    /// Makes room for `count` strings without growing on the way.
    public mutating func reserve(_ count: Int) {
        records.reserveCapacity(count * Self.recordSize)
        while count * 10 > slots.count * 7 { grow() }
    }

    public func id(of text: String) -> Int32? {
        var text = text
        return text.withUTF8 { id(of: $0) }
    }

    public func id(of text: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(text)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while let id = probe(&slot, hash, text) {
            if id >= 0 { return id }
        }
        return nil
    }

    /// The id of a string, adding it if new.
    public mutating func intern(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { intern($0) }
    }

    public mutating func intern(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(text)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while let id = probe(&slot, hash, text) {
            if id >= 0 { return id }
        }
        let id = Int32(count)
        appendRecord(text)
        slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(id) + 1)
        if count * 10 > slots.count * 7 { grow() }
        return id
    }

    /// Looks at one slot: nil when it is empty (the string is absent and `slot` is where it goes), the id when it holds
    /// the string, -1 (having moved `slot` on) when it holds another.
    @inline(__always)
    private func probe(_ slot: inout Int, _ hash: UInt64, _ text: UnsafeBufferPointer<UInt8>) -> Int32? {
        let entry = slots[slot]
        if entry == 0 { return nil }
        if entry >> 32 == hash >> 32, equals(Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1, text) {
            return Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        }
        slot = (slot + 1) & (slots.count - 1)
        return -1
    }

    public func string(_ id: Int32) -> String {
        withText(id) { String(decoding: $0, as: UTF8.self) }
    }

    private func equals(_ id: Int32, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        withText(id) { stored in stored.count == text.count && (text.isEmpty || memcmp(stored.baseAddress!, text.baseAddress!, text.count) == 0) }
    }

    /// The stored text of a string, in place.
    @inline(__always)
    private func withText<T>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let base = Int(id) * Self.recordSize
        return records.withUnsafeBufferPointer { records in
            let length = records[base]
            guard length == Self.longMarker else {
                return body(UnsafeBufferPointer(rebasing: records[(base + 1)..<(base + 1 + Int(length))]))
            }
            let (start, count) = Self.longPlace(records, base)
            return long.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
        }
    }

    /// Where a long string's text is in `long`, from its record.
    static func longPlace(_ records: UnsafeBufferPointer<UInt8>, _ base: Int) -> (start: Int, count: Int) {
        let raw = UnsafeRawBufferPointer(records)
        return (
            Int(raw.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self)), Int(raw.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self))
        )
    }

    private mutating func appendRecord(_ text: UnsafeBufferPointer<UInt8>) {
        let base = records.count
        records.append(contentsOf: repeatElement(0, count: Self.recordSize))
        let longStart = long.count
        if text.count >= Self.recordSize { long.append(contentsOf: text) }
        records.withUnsafeMutableBytes { record in
            if text.count < Self.recordSize {
                record[base] = UInt8(text.count)
                if !text.isEmpty { (record.baseAddress! + base + 1).copyMemory(from: text.baseAddress!, byteCount: text.count) }
            } else {
                record[base] = Self.longMarker
                record.storeBytes(of: UInt32(longStart), toByteOffset: base + 4, as: UInt32.self)
                record.storeBytes(of: UInt32(text.count), toByteOffset: base + 8, as: UInt32.self)
            }
        }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            // The stored top half of the hash places the entry again without rereading its text.
            var slot = Int(truncatingIfNeeded: Self.spread(entry >> 32)) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }

    /// FNV-1a over the bytes; its top 32 bits are kept in the slot, and the slot index comes from them alone (see
    /// `spread`), so the table can grow without rehashing text.
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let top = (hash ^ (hash >> 29) ^ (hash << 17)) >> 32
        return (top << 32) | (spread(top) & 0xFFFF_FFFF)
    }

    /// Slot bits from the top half of a hash: multiplied out so the low bits depend on all of it.
    @inline(__always)
    private static func spread(_ top: UInt64) -> UInt64 {
        (top &* 0x9E37_79B9_7F4A_7C15) >> 16
    }
}
