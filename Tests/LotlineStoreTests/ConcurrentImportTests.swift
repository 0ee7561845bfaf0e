import Foundation
import LotlineCore
import LotlineFixtures
import Synchronization
import Testing

@testable import LotlineStore

/// The same file imported by several processes at once (four connections to one database file, as four `lotline
/// import` runs or four uploads would be) is applied once: each batch checks, inside the write lock, that no other run
/// committed lines of the file since it looked; one that did stops the others, which then apply nothing.
@Suite struct ConcurrentImportTests {
    @Test func fourRunsOfOneFileAtOnceApplyItOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lotline-concurrent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plant.sqlite").path
        let utc = TimeZone(secondsFromGMT: 0)!
        let now = try BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: utc).date
        _ = try DemoPlant.build(on: try LotlineStore(path: path), actor: "clerk", now: now, timeZone: utc)
        let lines = (0..<120).map {
            #"{"command":"receive","item":"BOLT-M8","qty":"1","supplier":"FASTCO","supplier_lot":"CC-\#($0)","at":"2026-11-20T08:00:00Z"}"#
        }
        let source = ImportSource(name: "receipts.jsonl", digest: HexDigest.sha256(Data(lines.joined(separator: "\n").utf8)))
        let stores = try (0..<4).map { _ in try LotlineStore(path: path, busyTimeout: 30) }
        let imported = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: stores.count) { index in
            let report = try? stores[index].importLines(lines, source: source, atomic: false, actor: "clerk", batchSize: 10)
            imported.withLock { $0.append(report?.imported ?? 0) }
        }
        let receipts = try LotlineStore(path: path).lots(
            LotFilter(item: PartNumber(rawValue: "BOLT-M8")), today: BusinessTime(date: now, timeZone: utc).day
        )
        .filter { $0.supplierLot?.hasPrefix("CC-") == true }
        #expect(receipts.count == lines.count, "\(receipts.count) lots from \(lines.count) lines; runs imported \(imported.withLock { $0 })")
        // A run stopped by another (`import-running`) after committing some batches reports nothing (its error is the
        // answer), so the finished runs' counts add up to at most the file: never more, which would be a line twice.
        #expect(imported.withLock { $0.reduce(0, +) } <= lines.count)
        #expect(try LotlineStore(path: path).verify().ok)
    }
}
