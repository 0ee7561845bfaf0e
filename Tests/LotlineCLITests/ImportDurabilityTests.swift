import Foundation
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// Nothing acknowledged is lost and nothing is applied twice: an import killed with SIGKILL at random moments keeps every
/// transaction it reported committed, and running the same file again finishes it without duplicating a line.
@Suite(.serialized) struct ImportDurabilityTests {
    /// The `lotline` executable `swift test` built beside the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lotline")
    }

    /// Given a generated plant's history exported as an import file.
    func history(_ cli: CLIHarness, rawLots: Int = 150) throws -> String {
        let file = cli.directory.appendingPathComponent("history.jsonl").path
        let generated = CLIRunner.run(
            ["generate", "--raw-lots", String(rawLots), "--export", file, "--db", cli.directory.appendingPathComponent("gen.sqlite").path],
            environment: [:], now: CLIHarness.now, timeZone: CLIHarness.utc)
        try #require(generated.exitCode == 0, "\(generated.stderr)")
        return file
    }

    /// What a plant holds, by key: every lot with its quantity and status, and every work order with its status.
    func contents(_ path: String) throws -> [String] {
        let store = try LotlineStore(path: path)
        let lots = try store.lots(LotFilter(), today: CalendarDate(year: 2026, month: 11, day: 27)).map {
            "\($0.number) \($0.quantity) \($0.storedStatus.rawValue)"
        }
        let orders = try store.workOrders().map { "\($0.number) \($0.item) \($0.status.rawValue)" }
        return lots.sorted() + orders.sorted()
    }

    @Test func theWritingConnectionCommitsToDiskBeforeAnswering() throws {
        let cli = try CLIHarness()
        // On a new file, and again on an existing one: GRDB's WAL set-up must not leave it at NORMAL.
        #expect(try LotlineStore(path: cli.db).writerSynchronousLevel() == 2)
        #expect(try LotlineStore(path: cli.db).writerSynchronousLevel() == 2)
    }

    @Test func killedImportsKeepEveryReportedCommitAndFinishWithoutDuplicates() throws {
        let cli = try CLIHarness()
        let file = try history(cli)
        let reference = cli.directory.appendingPathComponent("reference.sqlite").path
        let clean = CLIRunner.run(
            ["import", file, "--db", reference, "--as", "importer"], environment: [:], now: CLIHarness.now, timeZone: CLIHarness.utc)
        try #require(clean.exitCode == 0, "\(clean.stderr)")
        let digest = try #require(ImportSource.file(file)).digest

        var random = SeededRandom(seed: 11)
        var kills = 0
        for _ in 0..<4 {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["import", file, "--db", cli.db, "--as", "importer", "--report-commits"]
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var reported = 0
            var seen = 0
            var pending = ""
            func take(_ data: Data) {
                pending += String(decoding: data, as: UTF8.self)
                while let end = pending.firstIndex(of: "\n") {
                    let line = pending[..<end]
                    pending = String(pending[pending.index(after: end)...])
                    if let number = line.split(separator: " ").last.flatMap({ Int($0) }), line.hasPrefix("committed through line") {
                        reported = max(reported, number)
                        seen += 1
                    }
                }
            }
            let wanted = Int.random(in: 1...3, using: &random)
            while seen < wanted {
                let data = pipe.fileHandleForReading.availableData
                if data.isEmpty { break }
                take(data)
            }
            usleep(UInt32.random(in: 0..<150_000, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            // Commits it reported after our last read were acknowledged too.
            take(pipe.fileHandleForReading.readDataToEndOfFile())

            let verify = cli.run("audit", "verify")
            #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
            let position = try LotlineStore(path: cli.db).importPosition(digest)
            #expect((position?.line ?? 0) >= reported, "the child reported line \(reported) committed; the ledger has \(position?.line ?? 0)")
        }
        #expect(kills > 0, "no run was killed mid-import: the test proved nothing")

        let finish = cli.run("import", file)
        #expect(finish.exitCode == 0, "\(finish.stderr)")
        #expect(try contents(cli.db) == contents(reference))
        let again = try cli.ok("import", file)
        #expect(again.contains("was imported to its end"))
    }

    @Test func aSecondRunAppliesNothingAndRestartIsRefused() throws {
        let cli = try CLIHarness()
        let file = try history(cli, rawLots: 40)
        let first = try cli.ok("import", file)
        #expect(first.hasPrefix("Read "))
        let events = try cli.eventCount()
        #expect(try cli.ok("import", file).hasSuffix("already: nothing applied\n"))
        let restart = cli.run("import", file, "--restart")
        #expect(restart.exitCode == 67)
        #expect(restart.stderr.hasPrefix("error[import-already-applied]"))
        #expect(try cli.eventCount() == events)
        // The same bytes under another name are the same file.
        let copy = cli.directory.appendingPathComponent("copy.jsonl").path
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        #expect(try cli.ok("import", copy).contains("already: nothing applied"))
        #expect(try cli.eventCount() == events)
    }

    @Test func anImportStoppedPartWayResumesAfterItsLastCommittedLine() throws {
        let cli = try CLIHarness()
        let file = try history(cli, rawLots: 40)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let digest = try #require(ImportSource.file(file))
        // What a run killed after line 100 leaves: those lines applied, and the ledger saying so.
        let store = try LotlineStore(path: cli.db)
        _ = try store.importLines(Array(lines.prefix(100)), atomic: false, actor: "importer")
        try store.execute(
            RecordImportProgress(ImportProgressed(source: digest.name, digest: digest.digest, line: 100, finished: false)), actor: "importer")
        #expect(try store.importPosition(digest.digest)?.line == 100)
        let resumed = try cli.ok("import", file)
        #expect(resumed.hasPrefix("Resumed history.jsonl after line 100, committed by an earlier run.\n"))
        let reference = cli.directory.appendingPathComponent("reference.sqlite").path
        _ = CLIRunner.run(["import", file, "--db", reference, "--as", "clerk"], environment: [:], now: CLIHarness.now, timeZone: CLIHarness.utc)
        #expect(try contents(cli.db) == contents(reference))
    }
}
