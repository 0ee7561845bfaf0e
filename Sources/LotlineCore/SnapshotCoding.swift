import Crypto
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
/// to a sink, hashing them (SHA-256) on the way: saving a large index copies nothing.
public struct SnapshotWriter<Sink: SnapshotSink> {
    public private(set) var sink: Sink
    private var digest = SHA256()

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

    /// Ends the snapshot with the SHA-256 of everything before it.
    public mutating func seal() throws {
        try digest.finalize().withUnsafeBytes { try sink.write($0) }
    }

    private mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        digest.update(bufferPointer: bytes)
        try sink.write(bytes)
    }
}

/// Reads what a `SnapshotWriter` wrote; every read is bounds-checked, so a damaged file is refused, never trusted.
public struct SnapshotReader {
    private let data: UnsafeRawBufferPointer
    private var offset = 0

    /// Checks the trailing SHA-256; nil if the file is too short or does not match.
    public init?(sealed data: UnsafeRawBufferPointer) {
        let sealSize = SHA256.byteCount
        guard data.count >= sealSize else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: data[0..<(data.count - sealSize)])
        let seal = UnsafeRawBufferPointer(rebasing: data[(data.count - sealSize)...])
        guard SHA256.hash(data: body).elementsEqual(seal) else { return nil }
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
