import Foundation
import LotlineCore
import LotlineFixtures
import Testing

@testable import LotlineStore

@Suite struct ImportTests {
    /// A generated plant and the import lines of every command that built it.
    func plantAndLines(rawLots: Int = 20, seed: UInt64 = 3) throws -> (LotlineStore, [String]) {
        let store = try LotlineStore.inMemory()
        var lines: [String] = []
        var generator = PlantGenerator(rawLots: rawLots, seed: seed)
        generator.recorder = { lines.append($0()) }
        try generator.run(in: store)
        return (store, lines)
    }

    @Test func importedFileEqualsThePlantBuiltByCommands() throws {
        let (built, lines) = try plantAndLines()
        let imported = try LotlineStore.inMemory()
        let report = try imported.importLines(lines, atomic: false, actor: "generator", timeZone: TimeZone(secondsFromGMT: 0)!, batchSize: 97)
        #expect(report.failures.isEmpty, "\(report.failures.prefix(3))")
        #expect(report.imported == lines.count)
        #expect(report.events == (try built.eventCount()))
        #expect(try imported.projectionDump() == built.projectionDump())
        #expect(try imported.verify().ok)
    }

    /// Every payload, read back and encoded again, is the same text: the canonical form is a fixed point.
    @Test func everyPayloadOfAPlantReEncodesToItself() throws {
        let (store, _) = try plantAndLines()
        let events = try store.read { db in try Ledger.events(db) }
        #expect(Set(events.map(\.type)).count > 15)
        for event in events {
            #expect(CanonicalJSON.encode(try event.body()) == event.payload, "\(event.type) \(event.seq)")
        }
    }

    @Test func badLinesAreReportedByNumberAndSkipped() throws {
        let (_, lines) = try plantAndLines(rawLots: 5)
        var file = Array(lines.prefix(60))
        file.insert("not json", at: 10)
        file.insert(#"{"command":"teleport","lot":"X"}"#, at: 20)
        // Given its own number, a refused receipt takes no number the lines after it expect (see ImportHistoryNumbersTests).
        file.insert(#"{"command":"receive","item":"RAW-0001","qty":"-5","supplier":"SUP-0001","supplier_lot":"X","lot":"R26001-0999"}"#, at: 30)
        file.insert(#"{"command":"lot split","lot":"NOPE-1","qty":["1"]}"#, at: 40)
        let store = try LotlineStore.inMemory()
        let report = try store.importLines(file, atomic: false, actor: "clerk", batchSize: 16)
        #expect(report.failures.map(\.line) == [11, 21, 31, 41])
        #expect(report.failures.map(\.code) == ["line-not-json", "command-unknown", "quantity-not-positive", "lot-not-found"])
        #expect(report.imported == 60)
        #expect(report.committed)
        #expect(try store.verify().ok)
    }

    @Test func atomicImportKeepsNothingWhenOneLineFails() throws {
        let (_, lines) = try plantAndLines(rawLots: 5)
        var file = Array(lines.prefix(40))
        file.append(#"{"command":"lot move","lot":"NOPE-1","to":"STORES"}"#)
        let store = try LotlineStore.inMemory()
        let report = try store.importLines(file, atomic: true, actor: "clerk")
        #expect(!report.committed)
        #expect(report.failures.map(\.line) == [41])
        #expect(try store.eventCount() == 0)
        let good = try store.importLines(Array(lines.prefix(40)), atomic: true, actor: "clerk")
        #expect(good.committed && good.imported == 40)
    }

    @Test func linesUseTheCLINamesAndDefaults() throws {
        let line = try ImportFormat.decode(
            #"{"command":"receive","item":"ST-4140","qty":"100kg","supplier":"NORTHSTAR","supplier_lot":"NS-1","heat":"H-1","at":"2024-03-01T08:00Z","ref":"R-1"}"#
        )
        let receive = try #require(line.command as? Receive)
        let at = line.at
        #expect(line.ref == "R-1")
        #expect(receive.quantity == "100kg")
        #expect(receive.supplierLot == "NS-1")
        #expect(at == "2024-03-01T08:00Z")
        let item = try #require(try ImportFormat.decode(#"{"command":"item add","part":"X","description":"x","uom":"ea"}"#).command as? AddItem)
        #expect(item.tracking == .lot && !item.inspectionRequired)
        let hold = try #require(try ImportFormat.decode(#"{"command":"lot hold","lot":"R1","reason":"QC"}"#).command as? ChangeLotStatus)
        #expect(hold.action == .hold)
        #expect(ImportFormat.encode(hold) == #"{"command":"lot hold","lot":"R1","reason":"QC"}"#)
        #expect { try ImportFormat.decode(#"{"command":"receive","item":"X"}"#) } throws: { ($0 as? LotlineError)?.code == "field-invalid" }
    }
}
