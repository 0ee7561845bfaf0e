import Foundation

/// Strings numbered densely in the order first seen, stored as one UTF-8 byte buffer with offsets and found through an
/// open-addressing hash table: about 15 bytes per string beyond its text, where `[String: Int32]` plus `[String]` spend
/// about 60. Each slot holds the id and 32 bits of the string's hash, so a probe compares text only when hashes match.
public struct InternTable: Sendable {
    // Stored state is internal (not private) for the snapshot extension in GenealogyIndex+Snapshot.swift.
    var bytes: [UInt8] = []
    /// Where each string starts in `bytes`; one more entry than strings, so string `i` ends where `i + 1` starts.
    var offsets: [UInt32] = [0]
    /// By hash: high 32 bits the hash's top half, low 32 bits the id plus one; 0 where empty. The capacity is a power
    /// of two, at most 70% full.
    var slots: [UInt64] = Array(repeating: 0, count: 16)

    public init() {}

    public var count: Int { offsets.count - 1 }

    /// Bytes held, including spare capacity in the table.
    public var byteSize: Int { bytes.count + offsets.count * 4 + slots.count * 8 }

    /// Makes room for `count` strings of about `length` bytes each without growing on the way.
    public mutating func reserve(_ count: Int, averageLength length: Int = 12) {
        bytes.reserveCapacity(count * length)
        offsets.reserveCapacity(count + 1)
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
        bytes.append(contentsOf: text)
        offsets.append(UInt32(bytes.count))
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
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    private func equals(_ id: Int32, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        guard end - start == text.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            text.isEmpty || memcmp(stored.baseAddress! + start, text.baseAddress!, text.count) == 0
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
