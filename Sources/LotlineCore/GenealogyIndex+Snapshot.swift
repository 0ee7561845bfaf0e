import Foundation

/// The index as bytes, so a process can start from a saved copy instead of reading every link from the database. The
/// file names the ledger position it includes (sequence number and that event's hash) and ends with the SHA-256 of
/// everything before it, that position included, so the seal is bound to the ledger head the index was built at;
/// whoever loads it checks the seal, then that position against the ledger, and catches up from there.
extension GenealogyIndex {
    static let snapshotMagic: UInt64 = 0x3130_5844_4954_4C4C  // "LLTIDX01"
    /// Bumped whenever the layout or the meaning of any stored array changes; other versions are not read.
    static let snapshotVersion: UInt32 = 5

    /// The ledger position a snapshot includes.
    public struct SnapshotPosition: Equatable, Sendable {
        public var seq: Int64
        public var hash: String

        public init(seq: Int64, hash: String) {
            self.seq = seq
            self.hash = hash
        }
    }

    /// The whole index, compacted first, after a header naming the ledger position it includes.
    public mutating func writeSnapshot<Sink: SnapshotSink>(at position: SnapshotPosition, to sink: Sink) throws -> Sink {
        if extraCount > 0 || removedCount > 0 { compact() }
        var out = SnapshotWriter(sink)
        try out.append(Self.snapshotMagic)
        try out.append(Self.snapshotVersion)
        try out.append(position.seq)
        try out.append(Array(position.hash.utf8))
        try out.append(lots.records)
        try out.append(lots.long)
        try out.append(lots.slots)
        for array in [from, to, outStart, inStart, inEdges] { try out.append(array) }
        try out.append(inAdjacent)
        try out.append(flags)
        try out.append(micros)
        try out.append(refs)
        let precise = preciseQuantities.sorted { $0.key < $1.key }
        try out.append(precise.map(\.key))
        try out.append(Array(precise.map { Quantity.format($0.value) }.joined(separator: "\n").utf8))
        let large = largeRefs.sorted { $0.key < $1.key }
        try out.append(large.map(\.key))
        try out.append(large.map(\.value))
        try out.seal()
        return out.sink
    }

    /// The snapshot in memory.
    public mutating func snapshot(at position: SnapshotPosition) -> [UInt8] {
        // Collecting bytes in memory cannot fail.
        (try? writeSnapshot(at: position, to: SnapshotBytes()).bytes) ?? []
    }

    /// Reads a snapshot; throws if it is damaged, of another version, or not consistent in itself.
    public static func fromSnapshot(_ data: UnsafeRawBufferPointer) throws -> (index: GenealogyIndex, position: SnapshotPosition) {
        guard var input = SnapshotReader(sealed: data), try input.read(UInt64.self) == snapshotMagic,
            try input.read(UInt32.self) == snapshotVersion
        else { throw SnapshotError() }
        let seq = try input.read(Int64.self)
        let hash = String(decoding: try input.array(UInt8.self), as: UTF8.self)
        var index = GenealogyIndex()
        index.lots = try InternTable(records: input.array(UInt8.self), long: input.array(UInt8.self), slots: input.array(UInt64.self))
        index.from = try input.array(Int32.self)
        index.to = try input.array(Int32.self)
        index.outStart = try input.array(Int32.self)
        index.inStart = try input.array(Int32.self)
        index.inEdges = try input.array(Int32.self)
        index.inAdjacent = try input.array(UInt32.self)
        index.flags = try input.array(UInt8.self)
        index.micros = try input.array(Int64.self)
        index.refs = try input.array(UInt32.self)
        let preciseKeys = try input.array(Int32.self)
        let preciseValues = String(decoding: try input.array(UInt8.self), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let largeKeys = try input.array(Int32.self)
        let largeValues = try input.array(Int64.self)
        guard input.isAtEnd, preciseKeys.count == preciseValues.count || (preciseKeys.isEmpty && preciseValues == [""]),
            largeKeys.count == largeValues.count
        else { throw SnapshotError() }
        for (key, text) in zip(preciseKeys, preciseValues) {
            guard let value = Decimal(string: String(text), locale: Quantity.posix) else { throw SnapshotError() }
            index.preciseQuantities[key] = value
        }
        index.largeRefs = Dictionary(uniqueKeysWithValues: zip(largeKeys, largeValues))
        try index.checkShape()
        return (index, SnapshotPosition(seq: seq, hash: hash))
    }

    /// Every id in range and every adjacency run well formed, so a wrong file cannot make a trace read out of bounds
    /// (checked in order, without random reads).
    private func checkShape() throws {
        let edges = from.count
        let lotCount = lots.count
        guard to.count == edges, flags.count == edges, micros.count == edges, refs.count == edges,
            outStart.count == lotCount + 1, inStart.count == lotCount + 1, inEdges.count == edges, inAdjacent.count == edges
        else { throw SnapshotError() }
        for starts in [outStart, inStart] {
            guard starts.first == 0, starts.last == Int32(edges), zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw SnapshotError()
            }
        }
        // Edges run in order of the lot they leave, as `outStart` says.
        for lot in 0..<lotCount where from[Int(outStart[lot])..<Int(outStart[lot + 1])].contains(where: { $0 != Int32(lot) }) {
            throw SnapshotError()
        }
        guard to.allSatisfy({ $0 >= 0 && Int($0) < lotCount }), inEdges.allSatisfy({ $0 >= 0 && Int($0) < edges }),
            inAdjacent.allSatisfy({ Int($0 >> 2) < lotCount && $0 & 0x03 != 0x03 }), flags.allSatisfy({ $0 & 0x80 == 0 }),
            preciseQuantities.keys.allSatisfy({ $0 >= 0 && Int($0) < edges }),
            largeRefs.keys.allSatisfy({ $0 >= 0 && Int($0) < edges })
        else { throw SnapshotError() }
    }
}

extension InternTable {
    /// A table from its stored arrays, checked to be consistent.
    init(records: [UInt8], long: [UInt8], slots: [UInt64]) throws {
        guard records.count % Self.recordSize == 0, slots.count >= 16, slots.count & (slots.count - 1) == 0 else { throw SnapshotError() }
        let count = records.count / Self.recordSize
        guard count * 10 <= slots.count * 7, slots.allSatisfy({ $0 & 0xFFFF_FFFF <= UInt64(count) }) else { throw SnapshotError() }
        try records.withUnsafeBufferPointer { records in
            for base in stride(from: 0, to: records.count, by: Self.recordSize) {
                let length = records[base]
                if length == Self.longMarker {
                    let (start, length) = Self.longPlace(records, base)
                    guard start <= long.count, length <= long.count - start else { throw SnapshotError() }
                } else if length >= Self.recordSize {
                    throw SnapshotError()
                }
            }
        }
        self.init()
        (self.records, self.long, self.slots) = (records, long, slots)
    }
}
