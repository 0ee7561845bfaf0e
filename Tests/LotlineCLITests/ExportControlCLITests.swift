import Foundation
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// Export control from the command line: every read a user who is not a US person can run (lists, show, history,
/// traces and their exports, trace where, recall reports in every format, drills, work orders, signatures) names no
/// lot or serial of an export-controlled item; asking for one by number is "not found"; touching one is refused.
@Suite struct ExportControlCLITests {
    @Test func aUserWhoIsNotAUSPersonCannotLearnAControlledNumberFromTheCLI() throws {
        let cli = try CLIHarness()
        try cli.ok("demo")
        try cli.ok("item", "change", "PUMP-P100", "--export-controlled", "true")
        let store = try LotlineStore(path: cli.db)
        let controlled = try store.lots(LotFilter(item: PartNumber(rawValue: "PUMP-P100")), today: CLIHarness.today).map(\.number.rawValue)
        try #require(controlled.count >= 3)
        let orders = try store.workOrders().map(\.number.rawValue)
        for (name, roles, us) in [("ann", "admin", true), ("nina", "quality,production,auditor", false)] {
            var words = ["user", "add", name, "--role", roles, "--full-name", name.capitalized, "--new-password-stdin"]
            if us { words.append("--us-person") }
            let added = cli.run(
                name == "ann" ? words : words + ["--password-stdin"], as: name == "ann" ? "root" : "ann",
                input: name == "ann" ? ["\(name) password 1"] : ["ann password 1", "secret phrase 22"])
            try #require(added.exitCode == 0, "\(added.stderr)")
        }
        let nina = ["LOTLINE_PASSWORD": "secret phrase 22"]
        var reads: [[String]] = [
            ["lot", "list"], ["lot", "list", "--item", "PUMP-P100"], ["trace", "forward", "H-2231"],
            ["trace", "forward", "H-2231", "--format", "csv"],
            ["trace", "forward", "H-2231", "--format", "lots"], ["trace", "forward", "H-2231", "--json"], ["trace", "backward", "H-2231"],
            ["trace", "where", "--equipment", "BENCH-1", "--forward"], ["trace", "where", "--equipment", "TESTRIG-1", "--json"],
            ["recall", "report", "H-2231"], ["recall", "report", "H-2231", "--format", "csv"], ["recall", "report", "H-2231", "--json"],
            ["recall", "drills"], ["audit", "signatures"], ["wo", "list"],
        ]
        reads += orders.map { ["wo", "show", $0] }
        for lot in try store.lots(LotFilter(), today: CLIHarness.today).map(\.number.rawValue) where !controlled.contains(lot) {
            reads += [["lot", "show", lot], ["history", lot], ["trace", "forward", lot], ["trace", "backward", lot, "--json"]]
        }
        for words in reads {
            let result = cli.run(words, as: "nina", environment: nina)
            #expect(result.exitCode == 0, "\(words.joined(separator: " ")): \(result.stderr)")
            let leaked = Self.leaked(result.stdout + result.stderr, controlled)
            #expect(leaked.isEmpty, "lotline \(words.joined(separator: " ")) shows \(leaked)")
        }
        #expect(cli.run(["trace", "forward", "H-2231"], as: "nina", environment: nina).stdout.contains("withheld here: export-controlled"))
        let serial = controlled[0]
        let before = try store.eventCount()
        for words in [
            ["lot", "show", serial], ["history", serial], ["trace", "backward", serial], ["recall", "report", serial],
            ["lot", "hold", serial, "--reason", "QC-HOLD"],
        ] {
            let result = cli.run(words, as: "nina", environment: nina)
            #expect(result.exitCode == 66 && result.stderr.contains("lot-not-found"), "\(words.joined(separator: " ")): \(result.stderr)")
        }
        #expect(try store.eventCount() == before)
        // A US person sees them.
        let ann = cli.run(["lot", "list", "--item", "PUMP-P100"], as: "ann", environment: ["LOTLINE_PASSWORD": "ann password 1"])
        #expect(Self.leaked(ann.stdout, controlled).count == controlled.count)
    }

    static func leaked(_ text: String, _ controlled: [String]) -> [String] {
        controlled.filter { number in
            text.range(of: "(?<![A-Za-z0-9-])\(NSRegularExpression.escapedPattern(for: number))(?![A-Za-z0-9])", options: .regularExpression) != nil
        }
    }

    /// The demo plant with its pumps controlled, and Nina (not a US person) beside Ann (admin, US person).
    static func plant() throws -> (cli: CLIHarness, controlled: [String], nina: [String: String]) {
        let cli = try CLIHarness()
        try cli.ok("demo")
        try cli.ok("item", "change", "PUMP-P100", "--export-controlled", "true")
        let controlled = try LotlineStore(path: cli.db).lots(LotFilter(item: PartNumber(rawValue: "PUMP-P100")), today: CLIHarness.today)
            .map(\.number.rawValue)
        let first = cli.run(
            ["user", "add", "ann", "--role", "admin", "--full-name", "Ann", "--us-person", "--new-password-stdin"], as: "root",
            input: ["ann password 1"])
        try #require(first.exitCode == 0, "\(first.stderr)")
        let nina = cli.run(
            [
                "user", "add", "nina", "--role", "quality,production,receiving,shipping,planner", "--full-name", "Nina", "--password-stdin",
                "--new-password-stdin",
            ], as: "ann", input: ["ann password 1", "secret phrase 22"])
        try #require(nina.exitCode == 0, "\(nina.stderr)")
        return (cli, controlled, ["LOTLINE_PASSWORD": "secret phrase 22"])
    }

    /// A controlled number and one never made get the same answer from every rule, in the same order: a refusal never
    /// tells one exists; a recall that would hold one is refused without naming it.
    @Test func aControlledNumberAndANumberNeverMadeAreRefusedAlike() throws {
        let (cli, controlled, nina) = try Self.plant()
        let orders = try LotlineStore(path: cli.db).workOrders().map(\.number.rawValue)
        let unmade = "SN-000777"
        for template in [
            ["lot", "hold", "#", "--reason", "NOPE"], ["receive", "BOLT-M8", "0", "--supplier", "FASTCO", "--supplier-lot", "#"],
            ["lot", "show", "#"], ["history", "#"], ["trace", "forward", "#"], ["op", "record", orders.last!, "20", "--param", "x=1", "--unit", "#"],
            ["lot", "split", "#", "--qty", "1"],
        ] {
            let answers = [controlled[0], unmade].map { number in
                let result = cli.run(template.map { $0 == "#" ? number : $0 }, as: "nina", environment: nina)
                return "\(result.exitCode) " + (result.stderr.split(separator: "]").first.map(String.init) ?? "")
            }
            #expect(answers[0] == answers[1], "\(template.joined(separator: " ")): \(answers)")
        }
        let recall = cli.run(
            ["recall", "start", "H-2231", "--reason", "bad heat", "--sign", "approved", "--password-stdin"], as: "nina",
            input: ["secret phrase 22", "secret phrase 22"])
        // The pumps have left the building: the recall covers them (for a US person's report) but holds none, so Nina may
        // start it; what she is shown withholds them, counted. Had it to hold one, it would be refused without a number.
        #expect(recall.exitCode == 0 && recall.stdout.contains("Withheld"), "\(recall.stderr)")
        #expect(Self.leaked(recall.stdout + recall.stderr, controlled).isEmpty)
    }

    /// Wrong passwords given to sign count toward the lockout on the command line too, though each run signs in first.
    @Test func wrongSignaturePasswordsLockTheUserOutOnTheCommandLine() throws {
        let (cli, _, _) = try Self.plant()
        let held = try LotlineStore(path: cli.db).lots(LotFilter(status: .onHold), today: CLIHarness.today).map(\.number.rawValue)
        let lot = try #require(held.first)
        var codes: [String] = []
        for attempt in 1...6 {
            let result = cli.run(
                ["lot", "release", lot, "--reason", "QC-HOLD", "--sign", "approved", "--password-stdin"], as: "nina",
                input: ["secret phrase 22", "wrong guess \(attempt)"])
            codes.append(result.stderr.split(separator: "]").first.map { String($0.dropFirst("error[".count)) } ?? "")
        }
        #expect(codes.prefix(4).allSatisfy { $0 == "signature-failed" } && codes[4] == "user-locked" && codes[5] == "user-locked", "\(codes)")
    }
}
