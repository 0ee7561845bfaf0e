import Foundation
import GRDB
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// Clear answers when the environment fails: a busy database, a read-only evidence copy, a damaged file, a full disk.
@Suite(.serialized) struct EnvironmentFailureTests {
    func run(_ cli: CLIHarness, _ arguments: [String], environment: [String: String] = [:]) -> CLIResult {
        CLIRunner.run(arguments + ["--db", cli.db, "--as", "clerk"], environment: environment, now: CLIHarness.now, timeZone: CLIHarness.utc)
    }

    @Test func anotherWriterHoldingTheLockMakesWritesWaitThenFailWithTheirOwnCodeWhileReadsGoOn() throws {
        let cli = try CLIHarness.plant()
        let holder = try DatabaseQueue(path: cli.db)
        let before = try cli.eventCount()
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let quick = ["LOTLINE_BUSY_TIMEOUT": "0.3"]
            let write = run(cli, ["lot", "move", "R26331-0001", "--to", "RACK-A1"], environment: quick)
            #expect(write.exitCode == 75)
            #expect(write.stderr.hasPrefix("error[database-busy]: another process is writing to"), "\(write.stderr)")
            #expect(run(cli, ["lot", "list"], environment: quick).exitCode == 0)
            #expect(run(cli, ["trace", "forward", "H-2231"], environment: quick).exitCode == 0)
            let verify = run(cli, ["audit", "verify"], environment: quick)
            #expect(verify.exitCode == 0, "\(verify.stderr)")
        }
        #expect(try cli.eventCount() == before)
        #expect(run(cli, ["lot", "move", "R26331-0001", "--to", "RACK-A1"]).exitCode == 0, "once the lock is gone, writes go through")
    }

    @Test func openingTakesNoWriteLockSoAStoreOpenedDuringAnotherWriteCanWriteOnceItEnds() throws {
        let cli = try CLIHarness.plant()
        let before = try cli.eventCount()
        let holder = try DatabaseQueue(path: cli.db)
        let store = try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let store = try LotlineStore(path: cli.db, busyTimeout: 0.2)
            #expect(try store.eventCount() == before)
            return store
        }
        // Opened as a writer, not as a read-only fallback: the lock is free now, so the write goes through.
        try store.execute(MoveLot(lot: "R26331-0001", to: "RACK-A1"), actor: "clerk")
        #expect(try cli.eventCount() == before + 1)
    }

    @Test func aReadOnlyEvidenceCopyIsReadTracedAndVerifiedWithoutLeavingFilesBehind() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("lot", "split", "R26331-0001", "--qty", "100")
        // The copy an auditor gets: a closed database file in a directory they cannot write to.
        let evidence = URL(fileURLWithPath: "/tmp").appendingPathComponent("lotline-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: evidence) }
        let copy = evidence.appendingPathComponent("plant.sqlite").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: copy)
        chmod(copy, 0o444)
        chmod(evidence.path, 0o755)
        let binary = ImportDurabilityTests.binary.path
        // As root every file is writable, so the auditor is played by `nobody`.
        func lotline(_ arguments: String...) throws -> (status: Int32, output: String) {
            let process = Process()
            let asNobody = geteuid() == 0
            process.executableURL = URL(fileURLWithPath: asNobody ? "/usr/sbin/runuser" : binary)
            process.arguments = (asNobody ? ["-u", "nobody", "--", binary] : []) + arguments + ["--db", copy, "--as", "auditor"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        #expect(try lotline("lot", "list").output.contains("R26331-0001-01"))
        #expect(try lotline("trace", "forward", "H-2231").output.contains("R26331-0001-01"))
        let verify = try lotline("audit", "verify", "--projections")
        #expect(verify.status == 0, "\(verify.output)")
        let write = try lotline("lot", "move", "R26331-0001", "--to", "RACK-A1")
        #expect(write.status == 74)
        #expect(write.output.hasPrefix("error[database-read-only]"), "\(write.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: evidence.path) == ["plant.sqlite"])
    }

    @Test func aDamagedFileIsNamedWithItsOwnCodeNeverAnInternalError() throws {
        let cli = try CLIHarness.plant()
        _ = try cli.ok("lot", "list")
        // Every page after the header page overwritten, as a failing disk or a bad copy leaves a file.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: cli.db)[.size] as? Int)
        let handle = try #require(FileHandle(forUpdatingAtPath: cli.db))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: size - 4096))
        try handle.close()
        let result = cli.run("lot", "list")
        #expect(result.exitCode == 74, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error[database-damaged]"), "\(result.stderr)")

        let notADatabase = try CLIHarness()
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: notADatabase.db))
        let other = notADatabase.run("lot", "list")
        #expect(other.exitCode == 74)
        #expect(other.stderr.hasPrefix("error[database-damaged]"), "\(other.stderr)")
    }

    /// Runs the `lotline` binary as on a disk with `bytes` left: any file write past that size fails (RLIMIT_FSIZE, with
    /// SIGXFSZ ignored so the write returns an error, as a full disk does, instead of killing the process).
    func lotlineOnAFullDisk(bytes: Int, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            ["-c", "trap '' XFSZ; ulimit -f \(max(1, bytes / 512)); exec \"$0\" \"$@\"", ImportDurabilityTests.binary.path] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func aFullDiskRefusesTheCommandNamesTheLastCommittedEventAndLosesNothing() throws {
        let cli = try CLIHarness.plant()
        let before = try cli.eventCount()
        // Another process has the database open (as the server or a station would), so the write fails in the log,
        // not while setting it up.
        let other = try DatabasePool(path: cli.db)
        try withExtendedLifetime(other) {
            _ = try other.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") }
            let full = try lotlineOnAFullDisk(bytes: 512, ["lot", "move", "R26331-0001", "--to", "RACK-A1", "--db", cli.db, "--as", "clerk"])
            #expect(full.status == 74, "\(full.stderr)")
            #expect(full.stderr.hasPrefix("error[io-error]") || full.stderr.hasPrefix("error[disk-full]"), "\(full.stderr)")
            #expect(full.stderr.contains("the command was not committed, earlier ones are"))
            #expect(full.stderr.contains("the last committed event is #\(before) ("), "\(full.stderr)")
            #expect(try cli.eventCount() == before)
            #expect(cli.run("audit", "verify", "--projections").exitCode == 0)
        }
        let lot = try cli.ok("lot", "show", "R26331-0001")
        #expect(!lot.contains("RACK-A1"), "the refused move left the lot where it was")
        #expect(cli.run("lot", "move", "R26331-0001", "--to", "RACK-A1").exitCode == 0, "with room again, the same command goes through")
    }

    @Test func anImportThatFillsTheDiskSaysWhichLineWasLastCommittedAndResumesThere() throws {
        let cli = try CLIHarness()
        let file = try ImportDurabilityTests().history(cli)
        let reference = cli.directory.appendingPathComponent("reference.sqlite").path
        let clean = CLIRunner.run(["import", file, "--db", reference, "--as", "importer"], now: CLIHarness.now, timeZone: CLIHarness.utc)
        try #require(clean.exitCode == 0, "\(clean.stderr)")
        _ = try LotlineStore(path: cli.db)  // the database exists, empty
        let other = try DatabasePool(path: cli.db)
        let stopped = try withExtendedLifetime(other) {
            _ = try other.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") }
            return try lotlineOnAFullDisk(bytes: 1_500_000, ["import", file, "--db", cli.db, "--as", "importer"])
        }
        #expect(stopped.status == 74, "\(stopped.stdout)\(stopped.stderr)")
        let match = try #require(
            stopped.stderr.firstMatch(of: /lines up to (\d+) are committed; run the same import again to resume/), "\(stopped.stderr)")
        let committed = try #require(Int(match.1))
        let digest = try #require(ImportSource.file(file)).digest
        #expect(committed > 0, "the disk filled after some transactions, not before the first")
        #expect(try LotlineStore(path: cli.db).importPosition(digest)?.line == committed)
        #expect(cli.run("audit", "verify").exitCode == 0)

        let resumed = try cli.ok("import", file)
        #expect(resumed.hasPrefix("Resumed history.jsonl after line \(committed), committed by an earlier run.\n"), "\(resumed)")
        #expect(try ImportDurabilityTests().contents(cli.db) == ImportDurabilityTests().contents(reference))
    }
}
