import Foundation

/// Strings numbered densely in the order first seen, stored as one UTF-8 byte buffer with offsets and found through an
/// open-addressing hash table of ids: about 10 bytes per string beyond its text, where `[String: Int32]` plus
/// `[String]` spend about 60.
public struct InternTable: Sendable {
    private var bytes: [UInt8] = []
    /// Where each string starts in `bytes`; one more entry than strings, so string `i` ends where `i + 1` starts.
    private var offsets: [UInt32] = [0]
    /// Ids by hash, `-1` where empty; the capacity is a power of two, at most 70% full.
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    public init() {}

    public var count: Int { offsets.count - 1 }

    /// Bytes held, including spare capacity in the table.
    public var byteSize: Int { bytes.count + offsets.count * 4 + slots.count * 4 }

    public func id(of text: String) -> Int32? {
        var text = text
        return text.withUTF8 { id(of: $0) }
    }

    public func id(of text: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(text)) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if equals(id, text) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of a string, adding it if new.
    public mutating func intern(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { intern($0) }
    }

    public mutating func intern(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(text)) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if equals(id, text) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        bytes.append(contentsOf: text)
        offsets.append(UInt32(bytes.count))
        slots[slot] = id
        if count * 10 > slots.count * 7 { grow() }
        return id
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
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        bytes.withUnsafeBufferPointer { all in
            for id in 0..<count {
                let text = UnsafeBufferPointer(rebasing: all[Int(offsets[id])..<Int(offsets[id + 1])])
                var slot = Int(truncatingIfNeeded: Self.hash(text)) & mask
                while larger[slot] >= 0 { slot = (slot + 1) & mask }
                larger[slot] = Int32(id)
            }
        }
        slots = larger
    }

    /// FNV-1a, 64 bits: lot numbers are short and mostly differ in their last digits, which it spreads well.
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}
