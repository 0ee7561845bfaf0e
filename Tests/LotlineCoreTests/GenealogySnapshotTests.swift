import Crypto
import Foundation
import Testing

@testable import LotlineCore

@Suite struct GenealogySnapshotTests {
    /// A small random graph with a replaced order, a quantity beyond six decimals and a sequence number beyond 32 bits.
    func sampleIndex(seed: UInt64) -> GenealogyIndex {
        var random = SeededRandom(seed: seed)
        var links: [GenealogyIndex.Link] = []
        for i in 0..<300 {
            let input = "L-\(Int.random(in: 0..<120, using: &random))"
            let output = "L-\(Int.random(in: 0..<120, using: &random))-\(i % 7)"
            let certainty = [Certainty.exact, .window, .order][i % 3]
            links.append(
                GenealogyIndex.Link(
                    input: input, output: output, quantity: Decimal(i) / 4, certainty: certainty, relation: i % 2 == 0 ? .lot : .consumed,
                    ref: Int64(i + 1), workOrder: nil))
        }
        links.append(
            GenealogyIndex.Link(
                input: "L-3", output: "SUPPLIER-LOT-WITH-A-LONG-NUMBER-0001", quantity: 1, certainty: .exact, relation: .lot, ref: 2,
                workOrder: nil))
        links.append(
            GenealogyIndex.Link(
                input: "L-1", output: "P-1", quantity: Decimal(string: "0.123456789")!, certainty: .exact, relation: .consumed,
                ref: 5_000_000_000, workOrder: nil))
        var index = GenealogyIndex(links: links)
        index.replaceConsumptionLinks(
            into: ["P-1"],
            with: [
                GenealogyIndex.Link(
                    input: "L-2", output: "P-1", quantity: Decimal(string: "7.0000001")!, certainty: .window, relation: .consumed,
                    ref: 6_000_000_000, workOrder: nil)
            ])
        return index
    }

    func links(_ index: GenealogyIndex, lots: [String]) -> [String] {
        lots.flatMap { lot in index.edges(of: lot, .forward).map { index.link($0) } }
            .map { "\($0.input)>\($0.output) \($0.quantity) \($0.certainty.rawValue) \($0.relation.rawValue) \($0.ref)" }.sorted()
    }

    @Test func aSnapshotReadsBackAsTheSameIndex() throws {
        var index = sampleIndex(seed: 3)
        let lots =
            (0..<120).map { "L-\($0)" } + (0..<120).flatMap { n in (0..<7).map { "L-\(n)-\($0)" } } + ["P-1", "SUPPLIER-LOT-WITH-A-LONG-NUMBER-0001"]
        #expect(Set(index.reach(from: ["L-3"], .forward).map(\.lot)).contains("SUPPLIER-LOT-WITH-A-LONG-NUMBER-0001"))
        let bytes = index.snapshot(at: GenealogyIndex.SnapshotPosition(seq: 42, hash: "abc"))
        let (loaded, position) = try bytes.withUnsafeBytes { try GenealogyIndex.fromSnapshot($0) }
        #expect(position == GenealogyIndex.SnapshotPosition(seq: 42, hash: "abc"))
        #expect(loaded.edgeCount == index.edgeCount)
        #expect(loaded.lotCount == index.lotCount)
        #expect(links(loaded, lots: lots) == links(index, lots: lots))
        #expect(links(loaded, lots: ["L-2"]).contains("L-2>P-1 7.0000001 window 1 6000000000"))
        for lot in lots {
            for direction in TraceDirection.allCases {
                #expect(Set(loaded.reach(from: [lot], direction)) == Set(index.reach(from: [lot], direction)), "\(direction) \(lot)")
            }
        }
        // A loaded index takes new links like any other.
        var grown = loaded
        grown.append(
            GenealogyIndex.Link(input: "P-1", output: "NEW", quantity: 1, certainty: .exact, relation: .lot, ref: 9, workOrder: nil))
        #expect(grown.reach(from: ["L-2"], .forward).contains(GenealogyIndex.Step(lot: "NEW", certainty: .window)))
    }

    @Test func aDamagedOrTruncatedSnapshotIsRefused() {
        var index = sampleIndex(seed: 4)
        let bytes = index.snapshot(at: GenealogyIndex.SnapshotPosition(seq: 1, hash: "h"))
        for position in [0, 9, bytes.count / 2, bytes.count - 1] {
            var damaged = bytes
            damaged[position] ^= 0x40
            #expect(throws: SnapshotError.self) { try damaged.withUnsafeBytes { try GenealogyIndex.fromSnapshot($0) } }
        }
        for length in [0, 7, 8, 32, bytes.count / 3, bytes.count - 32, bytes.count - 1] {
            let truncated = Array(bytes.prefix(length))
            #expect(throws: SnapshotError.self) { try truncated.withUnsafeBytes { try GenealogyIndex.fromSnapshot($0) } }
        }
    }

    @Test func aSnapshotOfAnotherVersionIsRefused() {
        var writer = SnapshotWriter(SnapshotBytes())
        #expect(throws: Never.self) {
            try writer.append(UInt64(0x3130_5844_4954_4C4C))
            try writer.append(UInt32(999))
            try writer.seal()
        }
        #expect(throws: SnapshotError.self) { try writer.sink.bytes.withUnsafeBytes { try GenealogyIndex.fromSnapshot($0) } }
    }

    @Test func theSealIsTheSHA256OfEverythingBeforeItHeadIncluded() throws {
        var index = sampleIndex(seed: 9)
        let head = GenealogyIndex.SnapshotPosition(seq: 7, hash: "5d41402abc4b2a76b9719d911017c592")
        let bytes = index.snapshot(at: head)
        let body = bytes.dropLast(SHA256.byteCount)
        #expect(Array(SHA256.hash(data: Array(body))) == Array(bytes.suffix(SHA256.byteCount)))
        // The head it names is under the seal: another head with the old seal is refused.
        var moved = bytes
        let at = try #require(moved.firstRange(of: Array(head.hash.utf8))).lowerBound
        moved[at] = UInt8(ascii: "6")
        #expect(throws: SnapshotError.self) { try moved.withUnsafeBytes { try GenealogyIndex.fromSnapshot($0) } }
    }
}
