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
            let added = cli.run(name == "ann" ? words : words + ["--password-stdin"], as: name == "ann" ? "root" : "ann",
                input: name == "ann" ? ["\(name) password 1"] : ["ann password 1", "secret phrase 22"])
            try #require(added.exitCode == 0, "\(added.stderr)")
        }
        let nina = ["LOTLINE_PASSWORD": "secret phrase 22"]
        var reads: [[String]] = [
            ["lot", "list"], ["lot", "list", "--item", "PUMP-P100"], ["trace", "forward", "H-2231"], ["trace", "forward", "H-2231", "--format", "csv"],
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
        for words in [["lot", "show", serial], ["history", serial], ["trace", "backward", serial], ["recall", "report", serial], ["lot", "hold", serial, "--reason", "QC-HOLD"]] {
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
}
