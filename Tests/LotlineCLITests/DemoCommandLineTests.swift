import Foundation
import GRDB
import GS1
import LotlineCLI
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

/// The demo plant is built from command values; the CLI prints each as the line a user would type. Those lines, read by
/// a shell and typed into the CLI, must give the very same ledger: the same events with the same payloads, in order.
@Suite struct DemoCommandLineTests {
    /// A command given straight to the store, and whether the rules refused it.
    struct Given {
        var command: any LotlineCommand
        var refused: Bool
    }

    /// The demo plant, then one of every other command the import format (and so the CLI) has, with the awkward values
    /// a line must carry: a note that starts with `-`, a `#`, quotes, a flag turned off, yes-or-no options.
    static func buildDirectly(into store: LotlineStore) throws -> (plant: DemoPlant, given: [Given]) {
        var given: [Given] = []
        let plant = try DemoPlant.build(on: store, actor: "clerk", now: CLIHarness.now, timeZone: CLIHarness.utc) { step in
            switch step {
            case .recorded(let command, _): given.append(Given(command: command, refused: false))
            case .refused(let command, _): given.append(Given(command: command, refused: true))
            case .section, .note: break
            }
        }
        let lot = { (role: String) in plant.role(role) ?? role }
        var epoxy = ChangeItem(part: "EPOXY-A")
        epoxy.description = "Structural epoxy, part \"A\" (2-part)"
        epoxy.inspectionRequired = true
        epoxy.exportControlled = false
        var correction = CorrectReceipt(lot: lot("bearings"), note: "CoC #7 was mistyped; it's 7/1")
        correction.certificate = "COC 7/1"
        let extra: [any LotlineCommand] = [
            epoxy, ChangeSupplier(code: "HEATCO", approved: false, note: "-audit overdue"),
            SetLotScheme(origin: .receipt, pattern: "ST{YY}{MM}-{SEQ:3}", item: "ST-4140"),
            CalibrateTool(code: "GAUGE-OLD", until: CLIHarness.today.adding(days: 90).description, certificate: "CAL #3"),
            RemoveBomLine(item: "VALVE-V20", component: "EPOXY-A"), RemoveRoutingOperation(item: "PUMP-P100", seq: 20),
            ChangeLotStatus(lot: lot("steel2"), action: .release, reason: "SUPPLIER-NCR", note: "NCR-1043 closed: heat within spec"),
            ChangeLotStatus(lot: lot("steel3"), action: .reject, reason: "QC-HOLD", note: nil),
            Receive(item: "BRG-6204", quantity: "20", supplier: "BEARCO", supplierLot: "SKF-24-119"),
            ScrapLot(lot: lot("bolts"), quantity: "5", reason: "DAMAGE", note: "dropped; 5 bent"),
            correction, IssueMaterial(lot: lot("steel1-b"), quantity: "2", workOrder: lot("WO-SHAFT-3")),
            IssueMaterial(lot: lot("steel1-b"), quantity: "1", workOrder: lot("WO-SHAFT-3"), isReturn: true),
            // A scanned lot label: the CLI line is `issue 1 --scan ... --wo ...`.
            IssueMaterial(lot: nil, quantity: "1", workOrder: lot("WO-SHAFT-3"), scan: "]C0" + lot("steel1-b")),
            PinOperation(workOrder: lot("WO-PUMP-4"), seq: 10, machine: "BENCH-2", start: "\(CLIHarness.today.adding(days: 3))T08:00"),
            PinOperation(workOrder: lot("WO-PUMP-4"), seq: 10, unpin: true),
            ChooseLots(workOrder: lot("WO-SHAFT-3"), item: "ST-4140", lots: [lot("steel1-b")], reason: "DAMAGE", note: "-cut bar first"),
            RecordRFIDReads(
                reads: [try SGTIN(gtin: "09521234540021", companyPrefixLength: 7, serial: "SN-000003", filter: 1).encode(.sgtin198)],
                reader: "PORTAL-1", location: "FG"),
        ]
        for command in extra {
            try record(command, in: store)
            given.append(Given(command: command, refused: false))
        }
        let bearings = try store.lots(LotFilter(item: PartNumber(rawValue: "BRG-6204")), today: CLIHarness.today).map(\.number.rawValue)
        let merge = MergeLots(lots: bearings, location: "RACK-A1")
        try record(merge, in: store)
        given.append(Given(command: merge, refused: false))
        return (plant, given)
    }

    static func record(_ command: some LotlineCommand, in store: LotlineStore) throws {
        _ = try store.execute(command, actor: "clerk", at: CLIHarness.now, timeZone: CLIHarness.utc)
    }

    /// Each printed line split by a real shell, word by word.
    func shellWords(_ lines: [String]) throws -> [[String]] {
        let script = lines.map { "printf '%s\\0' \($0.dropFirst("lotline ".count)); printf '\\n\\0'" }.joined(separator: "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // Every word ends in a NUL, every line in a newline word: the text after the last NUL is empty.
        let words = String(decoding: output, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        return words.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    @Test func everyLineTheCLIPrintsForACommandRebuildsTheSameLedgerThroughTheCLI() throws {
        let direct = try CLIHarness()
        let store = try LotlineStore(path: direct.db)
        let (plant, given) = try Self.buildDirectly(into: store)
        #expect(given.count > 250 && given.filter(\.refused).count == 3)
        #expect(plant.role("steel2") == "R26328-0001" && plant.role("WO-PUMP-4") == "WO26-0012")
        let covered = Set(given.map { ImportFormat.fields(of: $0.command).name })
        #expect(covered == Set(ImportFormat.commandNames), "not typed: \(Set(ImportFormat.commandNames).subtracting(covered).sorted())")

        let printed = given.map { CommandLineForm.line(for: $0.command) }
        let read = try shellWords(printed)
        try #require(read.count == given.count)
        let typed = try CLIHarness()
        for (words, step) in zip(read, given) {
            #expect(words == CommandLineForm.words(for: step.command), "the shell reads the printed line differently")
            let result = typed.run(words)
            if step.refused {
                #expect(result.exitCode == 67, "\(words.joined(separator: " ")) was not refused: \(result.stdout)")
            } else {
                try #require(result.exitCode == 0, "lotline \(words.joined(separator: " ")) failed: \(result.stderr)")
            }
        }
        #expect(try LotlineStore(path: typed.db).verify().ok)
        // Every event alike but its random id (and so its hash).
        let rows = """
            SELECT seq || ' ' || type || ' ' || payload || ' ' || actor || ' ' || business_time || ' ' || recorded_at || ' ' || ifnull(reason, '')
            FROM events ORDER BY seq
            """
        let typedEvents = try LotlineStore(path: typed.db).inspect { try String.fetchAll($0, sql: rows) }
        let directEvents = try store.inspect { try String.fetchAll($0, sql: rows) }
        #expect(typedEvents.count == directEvents.count)
        let differing = zip(directEvents, typedEvents).first { $0 != $1 }
        #expect(differing == nil, "first differing event, given vs typed: \(String(describing: differing))")
    }

    @Test func aLineQuotesWhatTheShellWouldSplitAndKeepsValuesThatLookLikeOptions() {
        var hold = ChangeLotStatus(lot: "R1", action: .hold, reason: "SUPPLIER-NCR", note: "NCR-1043: it's bad")
        #expect(CommandLineForm.line(for: hold) == #"lotline lot hold R1 --note 'NCR-1043: it'\''s bad' --reason SUPPLIER-NCR"#)
        hold.note = "-2 kg short"
        #expect(CommandLineForm.words(for: hold) == ["lot", "hold", "R1", "--note=-2 kg short", "--reason", "SUPPLIER-NCR"])
        let produce = Produce(workOrder: "WO1", quantity: "2", serials: ["SN-1", "SN-2"], serialCount: nil)
        #expect(CommandLineForm.words(for: produce) == ["produce", "WO1", "2", "--serials", "SN-1,SN-2"])
        var record = RecordOperation(workOrder: "WO1", seq: 10, inspections: ["OD=1mm"], passed: false)
        record.units = ["SN-1"]
        #expect(CommandLineForm.words(for: record) == ["op", "record", "WO1", "10", "--inspect", "OD=1mm", "--fail", "--unit", "SN-1"])
        #expect(CommandLineForm.words(for: ChangeSupplier(code: "ACME", approved: false)) == ["supplier", "change", "ACME", "--no-approved"])
        #expect(CommandLineForm.quoted("") == "''" && CommandLineForm.quoted("#3") == "'#3'" && CommandLineForm.quoted("R1") == "R1")
    }
}
