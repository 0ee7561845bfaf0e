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
