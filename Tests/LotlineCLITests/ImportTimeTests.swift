import Foundation
import LotlineCLI
import Testing

/// An import line's `at` is history, so rules are judged at it; it must still be consistent: never in the future, never
/// before what the event depends on.
@Suite struct ImportTimeTests {
    let setUp = """
        {"command":"item add","part":"RAW","description":"raw bar","uom":"kg"}
        {"command":"item add","part":"FGX","description":"finished","uom":"ea"}
        {"command":"supplier add","code":"S","name":"Steel Co","approved":true}
        {"command":"bom add","item":"FGX","component":"RAW","qty":"1"}
        {"command":"routing add","item":"FGX","seq":10,"name":"Make","work_center":"W"}
        {"command":"equipment add","code":"M1","name":"Mill 1"}
        {"command":"operator add","code":"OP","name":"Op"}
        {"command":"reason add","code":"QC","name":"Quality"}
        {"command":"receive","item":"RAW","qty":"10","supplier":"S","supplier_lot":"A","heat":"HA","at":"2026-11-02T07:00Z"}
        {"command":"wo create","item":"FGX","qty":"2","at":"2026-11-02T07:30Z"}
        {"command":"wo release","number":"WO26-0001","at":"2026-11-02T07:31Z"}
        {"command":"issue","lot":"R26306-0001","qty":"2","wo":"WO26-0001","at":"2026-11-02T07:40Z"}
        {"command":"op start","wo":"WO26-0001","seq":10,"equipment":"M1","operator":"OP","at":"2026-11-02T07:35Z"}
        """

    func importing(_ lines: String) throws -> (CLIHarness, CLIResult) {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("history.jsonl").path
        try (setUp + "\n" + lines + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return (cli, cli.run("import", file))
    }

    @Test(arguments: [
        (#"{"command":"lot split","lot":"R26306-0001","qty":["1"],"at":"2026-11-01T12:00Z"}"#, "time-before-lot"),
        (#"{"command":"lot hold","lot":"R26306-0001","reason":"QC","at":"2026-11-02T06:59Z"}"#, "time-before-lot"),
        (#"{"command":"op record","wo":"WO26-0001","seq":10,"param":["rpm=900"],"at":"2026-11-02T07:29Z"}"#, "time-before-work-order"),
        (#"{"command":"op record","wo":"WO26-0001","seq":10,"param":["rpm=900"],"at":"2026-11-02T07:34Z"}"#, "time-before-operation-start"),
        (#"{"command":"op consume","wo":"WO26-0001","seq":10,"lot":"R26306-0001","qty":"1","at":"2026-11-02T07:38Z"}"#, "time-before-issue"),
        (#"{"command":"produce","wo":"WO26-0001","qty":"1","at":"2026-11-02T07:30Z"}"#, "time-before-release"),
        (#"{"command":"receive","item":"RAW","qty":"1","supplier":"S","supplier_lot":"Z","at":"2999-01-01T00:00Z"}"#, "time-in-future"),
    ])
    func aLineDatedBeforeWhatItDependsOnIsRefusedByName(line: String, code: String) throws {
        let (cli, result) = try importing(line)
        #expect(result.exitCode == 65)
        #expect(result.stdout.contains("line 14: error[\(code)]"), "\(result.stdout)")
        #expect(result.stdout.contains("imported 13 "), "every line before it was applied")
        // The refused line left nothing: one event per applied line, and the import's own progress.
        #expect(try cli.eventCount() == 13 + 1)
    }

    @Test func linesDatedInTheSameSecondAsWhatTheyDependOnAreHistoryAsUsual() throws {
        let (_, result) = try importing(
            """
            {"command":"op consume","wo":"WO26-0001","seq":10,"lot":"R26306-0001","qty":"1","at":"2026-11-02T07:40Z"}
            {"command":"produce","wo":"WO26-0001","qty":"1","at":"2026-11-02T07:40Z"}
            """)
        #expect(result.exitCode == 0, "\(result.stdout)")
    }

    @Test func aCommandTypedNowIsNeverRefusedForTime() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("lot", "split", "R26331-0001", "--qty", "5")
        try cli.ok("receive", "BOLT-M8", "5", "--supplier", "NORTHSTAR", "--supplier-lot", "F-3", "--received-at", "2026-11-20T08:00")
        // A lot received in the past can be moved now; the receipt itself is history.
        try cli.ok("lot", "move", "R26324-0001", "--to", "RACK-A1")
    }
}
