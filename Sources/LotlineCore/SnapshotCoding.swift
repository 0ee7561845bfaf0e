import Foundation

/// Where a snapshot's bytes go: a file as they are written, or memory.
public protocol SnapshotSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Collects a snapshot in memory.
public struct SnapshotBytes: SnapshotSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// Writes plain values and arrays of them as raw bytes (each array preceded by its count) straight from their storage
/// to a sink, checksumming on the way: saving a large index copies nothing.
public struct SnapshotWriter<Sink: SnapshotSink> {
    public private(set) var sink: Sink
    private var checksum = SnapshotChecksum()

    public init(_ sink: Sink) {
        self.sink = sink
    }

    public mutating func append<T: BitwiseCopyable>(_ value: T) throws {
        try withUnsafeBytes(of: value) { try write($0) }
    }

    public mutating func append<T: BitwiseCopyable>(_ values: [T]) throws {
        try append(UInt64(values.count))
        try values.withUnsafeBytes { try write($0) }
    }

    /// Ends the snapshot with a checksum of everything before it.
    public mutating func seal() throws {
        let sum = checksum.value
        try withUnsafeBytes(of: sum) { try sink.write($0) }
    }

    private mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        checksum.add(bytes)
        try sink.write(bytes)
    }
}

/// A 64-bit checksum over a byte stream, eight bytes at a time however the stream is cut: catches a truncated or
/// damaged file, not a forged one.
struct SnapshotChecksum {
    private var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var count = 0
    /// Bytes of an unfinished word (the low `count % 8` bytes).
    private var carry: UInt64 = 0

    mutating func add(_ data: UnsafeRawBufferPointer) {
        var i = 0
        // Finish a word started by an earlier piece, byte by byte.
        while count % 8 != 0 && i < data.count {
            carry |= UInt64(data[i]) << (UInt64(count % 8) * 8)
            count += 1
            i += 1
            if count % 8 == 0 { mix(carry) }
        }
        while data.count - i >= 8 {
            mix(data.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
            count += 8
        }
        while i < data.count {
            if count % 8 == 0 { carry = 0 }
            carry |= UInt64(data[i]) << (UInt64(count % 8) * 8)
            count += 1
            i += 1
        }
    }

    var value: UInt64 {
        var copy = self
        if count % 8 != 0 { copy.mix(carry) }
        copy.hash ^= UInt64(count)
        copy.mix(0)
        return copy.hash ^ (copy.hash >> 29)
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 32
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
        var checksum = SnapshotChecksum()
        checksum.add(body)
        guard data.loadUnaligned(fromByteOffset: data.count - 8, as: UInt64.self) == checksum.value else { return nil }
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
public struct SnapshotError: Error {
    public init() {}
}
