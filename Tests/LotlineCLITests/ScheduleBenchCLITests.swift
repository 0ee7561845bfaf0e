import Foundation
import LotlineCLI
import Scheduling
import Testing

/// `lotline schedule bench` as a user runs it: the table, the JSON anyone can check, and refusals of broken input.
@Suite struct ScheduleBenchCLITests {
    static let instances = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SchedulingTests/Instances")

    static func path(_ family: String, _ name: String) -> String {
        instances.appendingPathComponent(family).appendingPathComponent("\(name).txt").path
    }

    @Test func theTablePrintsMakespanBestKnownAndGapPerInstanceThenTheMeanAndWorst() throws {
        let cli = try CLIHarness()
        let text = try cli.ok("schedule", "bench", Self.path("jobshop", "ft06"), Self.path("flexible-jobshop", "mk01"), "--iterations", "60000")
        let lines = text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines[0] == ["INSTANCE", "SIZE", "MAKESPAN", "BEST", "KNOWN", "GAP", "SECONDS", "ITERATIONS", "STOP"])
        // Best known read from the best-known.tsv above the files' folders.
        #expect(Array(lines[1].prefix(6)) == ["ft06", "6", "x", "6", "55", "55"])
        #expect(Array(lines[2].prefix(6)) == ["mk01", "10", "x", "6", "40", "40"])
        #expect(lines[3].prefix(4) == ["mean", "of", "2", "0.00%"])
        #expect(lines[4].prefix(2) == ["worst", "0.00%"])
    }

    /// The JSON names jobs and operations from 0 and machines as the file does; the schedule read back from it passes
    /// the validity checker against the instance read from the same file.
    @Test(arguments: [("jobshop", "la02"), ("flexible-jobshop", "mk03")])
    func theJSONScheduleIsCompleteAndValid(family: String, name: String) throws {
        let cli = try CLIHarness()
        let output = try cli.ok("schedule", "bench", Self.path(family, name), "--iterations", "2000", "--json")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        let result = try #require(array.first)
        #expect(array.count == 1)
        #expect(result["instance"] as? String == name)
        let operations = try #require(result["operations"] as? [[String: Int]])
        let instance = try ShopInstance(text: try String(contentsOfFile: Self.path(family, name), encoding: .utf8), name: name)
        let schedule = ShopSchedule(
            entries: operations.map {
                .init(
                    job: $0["job"]!, operation: $0["op"]!, machine: $0["machine"]! - instance.machineNumberBase, start: $0["start"]!, end: $0["end"]!)
            })
        #expect(schedule.violations(of: instance).isEmpty)
        #expect(result["makespan"] as? Int == schedule.makespan)
        #expect(result["seconds"] is Double)
        if family == "flexible-jobshop" { #expect(operations.allSatisfy { $0["machine"]! >= 1 }) }
    }

    @Test func anInstanceWithNoBestKnownShowsADash() throws {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("mine.txt")
        try "2 2\n0 3 1 2\n1 4 0 1\n".write(to: file, atomically: true, encoding: .utf8)
        let text = try cli.ok("schedule", "bench", file.path, "--iterations", "100")
        let row = text.split(separator: "\n")[1].split(separator: " ").map(String.init)
        #expect(Array(row.prefix(7)) == ["mine", "2", "x", "2", "6", "-", "-"])
        #expect(!text.contains("mean"))
    }

    @Test func aBrokenFileIsRefusedWithItsLineAndRule() throws {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("broken.txt")
        try "2 2\n0 3 1 2\n1 4 0\n".write(to: file, atomically: true, encoding: .utf8)
        let result = cli.run("schedule", "bench", file.path)
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("the file ends early: expected a duration"))
        let missing = cli.run("schedule", "bench", cli.directory.appendingPathComponent("none.txt").path)
        #expect(missing.exitCode == 66)
        let zero = cli.run("schedule", "bench", Self.path("jobshop", "ft06"), "--seconds", "0")
        #expect(zero.exitCode == 65)
    }
}
