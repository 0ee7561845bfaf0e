import Foundation
import GRDB
import LotlineCLI
import Testing

/// Clear answers when the environment fails: a busy database, a read-only evidence copy, a damaged file.
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
}
