import Foundation
import LotlineCLI
import Testing

/// The import example in the README is a file a user can copy: it must import cleanly and trace end to end.
@Suite struct ReadmeImportTests {
    @Test func readmeExampleImportsAndTraces() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("example.jsonl").path
        try block.write(toFile: file, atomically: true, encoding: .utf8)
        let result = cli.run("import", file)
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("Read 18 lines: imported 18 (18 events), refused 0"))
        #expect(FileManager.default.fileExists(atPath: cli.db + "-index"), "the import saves the trace index")
        let trace = try cli.ok("trace", "forward", "H-2231")
        #expect(trace.contains("P24064-0001"))
        #expect(trace.contains("shipped 6 ea to ACME-AERO"))
        #expect(try cli.ok("import", file) == "example.jsonl was imported to its end (line 18) already: nothing applied\n")
        // Another file repeating those lines is a different file: each repeated line is refused by its own rule.
        let other = cli.directory.appendingPathComponent("again.jsonl").path
        try (block + "\n").write(toFile: other, atomically: true, encoding: .utf8)
        let bad = cli.run("import", other)
        #expect(bad.exitCode == 65)
        #expect(bad.stdout.contains("line 1: error[item-exists]"))
    }
}

extension ReadmeImportTests {
    @Test func readmeERPHistoryImportsWithItsOwnNumbersADeviationAndARework() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```json\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        let block = try #require(blocks.first { $0.contains("\"number\":\"MO/00042\"") }, "the README shows an ERP history import")
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("erp.jsonl").path
        try block.write(toFile: file, atomically: true, encoding: .utf8)
        let lines = block.split(separator: "\n").count
        let result = cli.run("import", file)
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("Read \(lines) lines: imported \(lines) "))
        let forward = try cli.ok("trace", "forward", "H-3340")
        #expect(forward.contains("MO/00042 op 10 Turn (LATHE-3, JDOE) off the BOM: SUBST -> P24064-0042"))
        #expect(forward.contains("shipped 8 ea to ACME-AERO on DN-5501"))
        #expect(forward.contains("P24065-0043"))
        #expect(try cli.ok("trace", "backward", "P24065-0043").contains("MO/00043 op 10 Turn (LATHE-3, JDOE) off the BOM: REWORK <- P24064-0042"))
        #expect(try cli.ok("wo", "show", "MO/00042").contains("SUBST"))
        #expect(try cli.ok("import", file).hasSuffix("already: nothing applied\n"))
    }
}
