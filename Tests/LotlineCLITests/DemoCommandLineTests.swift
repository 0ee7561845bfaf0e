import Foundation
import GRDB
import LotlineCLI
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

/// The demo plant is built from command values; the CLI prints each as the line a user would type. Those lines, typed
/// into the CLI, must give the very same ledger: the same events with the same payloads, in the same order.
@Suite struct DemoCommandLineTests {
    @Test func everyLineTheDemoPrintsRebuildsTheSameLedgerThroughTheCLI() throws {
        let direct = try CLIHarness()
        let store = try LotlineStore(path: direct.db)
        var lines: [(words: [String], refused: Bool)] = []
        let plant = try DemoPlant.build(on: store, actor: "clerk", now: CLIHarness.now, timeZone: CLIHarness.utc) { step in
            switch step {
            case .recorded(let command, _): lines.append((CommandLineForm.words(for: command), false))
            case .refused(let command, _): lines.append((CommandLineForm.words(for: command), true))
            case .section, .note: break
            }
        }
        #expect(lines.count > 250 && lines.filter(\.refused).count == 3)
        #expect(plant.role("steel2") == "R26328-0001" && plant.role("WO-PUMP-4") == "WO26-0012")

        let typed = try CLIHarness()
        for line in lines {
            let result = typed.run(line.words)
            if line.refused {
                #expect(result.exitCode == 67, "\(line.words.joined(separator: " ")) was not refused: \(result.stdout)")
            } else {
                try #require(result.exitCode == 0, "lotline \(line.words.joined(separator: " ")) failed: \(result.stderr)")
            }
        }
        let expected = try store.verify()
        let got = try LotlineStore(path: typed.db).verify()
        #expect(got.ok && expected.ok)
        #expect(got.eventCount == expected.eventCount)
        // Every event alike but its random id (and so its hash).
        let rows =
            "SELECT seq || ' ' || type || ' ' || payload || ' ' || actor || ' ' || business_time || ' ' || recorded_at || ' ' || ifnull(reason, '') FROM events ORDER BY seq"
        let typedEvents = try LotlineStore(path: typed.db).inspect { try String.fetchAll($0, sql: rows) }
        let directEvents = try store.inspect { try String.fetchAll($0, sql: rows) }
        let differing = zip(directEvents, typedEvents).first { $0 != $1 }
        #expect(differing == nil, "first differing event, built vs typed: \(String(describing: differing))")
    }

    @Test func aLineQuotesWhatTheShellWouldSplit() {
        var hold = ChangeLotStatus(lot: "R1", action: .hold, reason: "SUPPLIER-NCR", note: "NCR-1043: it's bad")
        #expect(CommandLineForm.line(for: hold) == "lotline lot hold R1 --note 'NCR-1043: it'\\''s bad' --reason SUPPLIER-NCR")
        hold.note = nil
        #expect(CommandLineForm.words(for: hold) == ["lot", "hold", "R1", "--reason", "SUPPLIER-NCR"])
        let produce = Produce(workOrder: "WO1", quantity: "2", serials: ["SN-1", "SN-2"], serialCount: nil)
        #expect(CommandLineForm.words(for: produce) == ["produce", "WO1", "2", "--serials", "SN-1,SN-2"])
        var record = RecordOperation(workOrder: "WO1", seq: 10, inspections: ["OD=1mm"], passed: false)
        record.units = ["SN-1"]
        #expect(CommandLineForm.words(for: record) == ["op", "record", "WO1", "10", "--inspect", "OD=1mm", "--fail", "--unit", "SN-1"])
    }
}
