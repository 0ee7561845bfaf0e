import Foundation

/// Writes arrays of plain values as raw bytes, each preceded by its count: the body of a snapshot file.
public struct SnapshotWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func append<T: BitwiseCopyable>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    public mutating func append<T: BitwiseCopyable>(_ values: [T]) {
        append(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Ends the snapshot with a checksum of everything before it.
    public mutating func seal() {
        append(Self.checksum(bytes.withUnsafeBytes { $0 }))
    }

    /// A 64-bit checksum, eight bytes at a time: catches a truncated or damaged file, not a forged one.
    static func checksum(_ data: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(data.count)
        let words = data.count / 8
        for i in 0..<words {
            let word = data.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
        }
        for i in (words * 8)..<data.count {
            hash = (hash ^ UInt64(data[i])) &* 0xC4CE_B9FE_1A85_EC53
        }
        return hash ^ (hash >> 29)
    }
}

/// Reads what a `SnapshotWriter` wrote; every read is bounds-checked, so a damaged file is refused, never trusted.
public struct SnapshotReader {
    private let data: UnsafeRawBufferPointer
    private var offset = 0

    /// Checks the trailing checksum; nil if the file is too short or does not match.
    public init?(sealed data: UnsafeRawBufferPointer) {
        guard data.count >= 8 else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: data[0..<(data.count - 8)])
        guard data.loadUnaligned(fromByteOffset: data.count - 8, as: UInt64.self) == SnapshotWriter.checksum(body) else { return nil }
        self.data = body
    }

    public var isAtEnd: Bool { offset == data.count }

    public mutating func read<T: BitwiseCopyable>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard data.count - offset >= size else { throw SnapshotError() }
        defer { offset += size }
        return data.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    public mutating func array<T: BitwiseCopyable>(_: T.Type) throws -> [T] {
        let count = try read(UInt64.self)
        let stride = MemoryLayout<T>.stride
        guard count <= UInt64(data.count - offset) / UInt64(max(stride, 1)) else { throw SnapshotError() }
        let bytes = Int(count) * stride
        let values = [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: data[offset..<(offset + bytes)]))
            initialized = Int(count)
        }
        offset += bytes
        return values
    }
}

/// A snapshot that is damaged or does not fit what reads it.
public struct SnapshotError: Error {}
