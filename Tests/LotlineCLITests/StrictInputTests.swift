import Foundation
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// What is typed is what is stored: input that cannot be kept exactly, or that could forge what others read, is refused
/// by name and writes nothing.
@Suite struct StrictInputTests {
    @Test(arguments: [
        ("0.0000000000001", "quantity-too-precise"), ("1.0000000000001", "quantity-too-precise"),
        ("10000000000000000000000000000000000000000", "quantity-too-large"), ("1000000000000000", "quantity-too-large"),
        ("1e40", "unit-mismatch"),
    ])
    func quantitiesThatCannotBeKeptExactlyAreRefused(quantity: String, code: String) throws {
        let cli = try CLIHarness.plant()
        let before = try cli.eventCount()
        let result = cli.run("receive", "BOLT-M8", quantity, "--supplier", "NORTHSTAR", "--supplier-lot", "F-9")
        #expect(result.exitCode == 65)
        #expect(result.stderr.hasPrefix("error[\(code)]"), "\(result.stderr)")
        #expect(try cli.eventCount() == before)
    }

    @Test func theLimitsThemselvesAreKeptExactlyLiveAndRebuilt() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("receive", "ST-4140", "0.000000000001", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-9")
        try cli.ok("receive", "ST-4140", "999999999999999.999999999999", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-10")
        let list = try cli.ok("lot", "list", "--item", "ST-4140")
        #expect(list.contains("0.000000000001 kg"))
        #expect(list.contains("999999999999999.999999999999 kg"))
        try cli.ok("lot", "split", "R26331-0004", "--qty", "0.000000000001")
        #expect(try cli.ok("lot", "show", "R26331-0004").contains("999999999999999.999999999998 kg"))
        let live = try LotlineStore(path: cli.db).projectionDump()
        try cli.ok("admin", "rebuild")
        #expect(try LotlineStore(path: cli.db).projectionDump() == live)
    }

    @Test(arguments: [
        (["--received-at", "0001-01-01"], "date-out-of-range"), (["--received-at", "1899-12-31T23:00"], "date-out-of-range"),
        (["--expires", "10000-01-01"], "date-invalid"), (["--expires", "0999-01-01"], "date-out-of-range"),
    ])
    func datesOutsideTheRecordedYearsAreRefused(option: [String], code: String) throws {
        let cli = try CLIHarness.plant()
        let before = try cli.eventCount()
        let result = cli.run(["receive", "BOLT-M8", "5", "--supplier", "NORTHSTAR", "--supplier-lot", "F-9"] + option)
        #expect(result.exitCode == 65)
        #expect(result.stderr.hasPrefix("error[\(code)]"), "\(result.stderr)")
        #expect(try cli.eventCount() == before)
    }

    @Test(arguments: [
        ["lot", "hold", "R26331-0002", "--reason", "QC-HOLD", "--note", "line one\nFORGED ROW"],
        ["receive", "BOLT-M8", "5", "--supplier", "NORTHSTAR", "--supplier-lot", "F-9", "--heat", "H-1\u{7}"],
        ["receive", "BOLT-M8", "5", "--supplier", "NORTHSTAR", "--supplier-lot", "F\t9"],
        ["supplier", "add", "ACME", "--name", "Acme\u{1B}[31m"],
    ])
    func controlCharactersInAnyTextAreRefused(arguments: [String]) throws {
        let cli = try CLIHarness.plant()
        let before = try cli.eventCount()
        let result = cli.run(arguments)
        #expect(result.exitCode == 65)
        #expect(result.stderr.hasPrefix("error[control-character]"), "\(result.stderr)")
        #expect(try cli.eventCount() == before)
    }

    @Test func theActingUserCannotForgeARowAndIsNeverMadeUp() throws {
        let cli = try CLIHarness.plant()
        let before = try cli.eventCount()
        let forged = CLIRunner.run(
            ["lot", "hold", "R26331-0002", "--reason", "QC-HOLD", "--db", cli.db, "--as", "clerk\n99  2026-11-27  lot.released  boss"],
            environment: [:], now: CLIHarness.now, timeZone: CLIHarness.utc)
        #expect(forged.exitCode == 65)
        #expect(forged.stderr.hasPrefix("error[control-character]"))
        #expect(try cli.eventCount() == before)

        let fromEnvironment = CLIRunner.run(
            ["lot", "hold", "R26331-0002", "--reason", "QC-HOLD", "--db", cli.db], environment: ["LOTLINE_USER": "qe.smith", "USER": "x"],
            now: CLIHarness.now, timeZone: CLIHarness.utc)
        #expect(fromEnvironment.exitCode == 0)
        let login = CLIRunner.run(
            ["lot", "release", "R26331-0002", "--reason", "QC-HOLD", "--db", cli.db], environment: ["USER": "someone-else"], now: CLIHarness.now,
            timeZone: CLIHarness.utc)
        #expect(login.exitCode == 0)
        let events = try cli.ok("history", "R26331-0002", "--json")
        let json = try JSONSerialization.jsonObject(with: Data(events.utf8)) as! [String: Any]
        let actors = (json["events"] as! [[String: Any]]).map { $0["actor"] as! String }
        let loginName = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        #expect(actors.suffix(2) == ["qe.smith", loginName])
        #expect(!actors.contains("unknown"))
    }

    @Test func anImportLineWithAControlCharacterIsRefusedByNumber() throws {
        let cli = try CLIHarness.plant()
        let file = cli.directory.appendingPathComponent("bad.jsonl").path
        try #"{"command":"receive","item":"BOLT-M8","qty":"5","supplier":"NORTHSTAR","supplier_lot":"F\n9"}"#.write(
            toFile: file, atomically: true, encoding: .utf8)
        let result = cli.run("import", file)
        #expect(result.exitCode == 65)
        #expect(result.stdout.contains("line 1: error[control-character]: supplierLot holds a control character (U+000A)"), "\(result.stdout)")
    }

    @Test func anUnknownFieldIsRefusedWithTheNearestKnownNameNeverDropped() throws {
        let cli = try CLIHarness.plant()
        let file = cli.directory.appendingPathComponent("typo.jsonl").path
        try #"{"command":"receive","item":"ST-4140","qty":"5","supplier":"NORTHSTAR","supplier_lot":"NS-7","haet":"H-9"}"#.write(
            toFile: file, atomically: true, encoding: .utf8)
        let result = cli.run("import", file)
        #expect(result.exitCode == 65)
        #expect(result.stdout.contains(#"line 1: error[field-unknown]: receive: unknown field "haet"; did you mean "heat"?"#), "\(result.stdout)")
        #expect(try cli.ok("lot", "list", "--item", "ST-4140").split(separator: "\n").count == 2, "the receipt was not made without its heat")
    }

    @Test func everyFieldTheGeneratorWritesIsAKnownName() throws {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("plant.jsonl").path
        let generated = CLIRunner.run(
            ["generate", "--raw-lots", "40", "--export", file, "--db", cli.db], environment: [:], now: CLIHarness.now, timeZone: CLIHarness.utc)
        try #require(generated.exitCode == 0)
        var names = Set<String>()
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            names.formUnion(object.keys)
        }
        #expect(names.subtracting(["command", "at", "ref"]).subtracting(ImportFormat.fieldNames).isEmpty)
    }
}
