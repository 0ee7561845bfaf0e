import Foundation
import LotlineCLI
import Testing

/// Issuing a younger lot ahead of an older usable one: warned by default, refused for an item set to refuse, and
/// recorded with its reason when one is given; lots that may not be used (held, expired) do not count.
@Suite struct IssueOrderCLITests {
    static func plant() throws -> (cli: CLIHarness, old: String, new: String) {
        let cli = try CLIHarness.plant()
        try cli.ok("item", "add", "RESIN", "--description", "Resin", "--uom", "kg", "--shelf-life", "365")
        try cli.ok("item", "add", "COATED", "--description", "Coated part", "--uom", "ea")
        try cli.ok("bom", "add", "COATED", "RESIN", "1")
        try cli.ok("routing", "add", "COATED", "10", "--name", "Coat", "--work-center", "COATING")
        try cli.ok("reason", "add", "OPENED", "--description", "Container already open at the line")
        var lots: [String] = []
        for (supplierLot, expires) in [("NS-NEW", "2027-06-01"), ("NS-OLD", "2027-01-01")] {
            let received = try cli.ok(
                "receive", "RESIN", "10", "--supplier", "NORTHSTAR", "--supplier-lot", supplierLot, "--expires", expires, "--location", "RCV",
                "--json")
            lots.append(
                try #require(
                    (try JSONSerialization.jsonObject(with: Data(received.utf8)) as? [String: Any]).flatMap {
                        ($0["lots"] as? [[String: Any]])?.first?["number"] as? String
                    }))
        }
        try cli.ok("wo", "create", "COATED", "5")
        try cli.ok("wo", "release", "WO26-0001")
        // Received first but expiring later: the other lot is the older one by first-expiring-first.
        return (cli, lots[1], lots[0])
    }

    @Test func aYoungerLotIsIssuedWithAWarningNamingTheOlderOne() throws {
        let (cli, old, new) = try Self.plant()
        let output = try cli.ok("issue", new, "2", "--wo", "WO26-0001")
        #expect(
            output == "Issued 2 kg of \(new) to WO26-0001\nwarning: issued ahead of older usable lot \(old) (first expiring first, else first "
                + "received); give --out-of-order REASON to record why\n")
        let history = try cli.ok("history", new, "--json")
        #expect(history.contains("\"olderLots\""), "the warning is on the record")
        #expect(try cli.ok("issue", old, "2", "--wo", "WO26-0001") == "Issued 2 kg of \(old) to WO26-0001\n")
    }

    @Test func anItemSetToRefuseRefusesUnlessAReasonIsGiven() throws {
        let (cli, old, new) = try Self.plant()
        try cli.ok("item", "change", "RESIN", "--issue-order", "refuse")
        let before = try cli.eventCount()
        let refused = cli.run("issue", new, "2", "--wo", "WO26-0001")
        #expect(refused.exitCode == 67)
        #expect(
            refused.stderr.contains("error[younger-lot-issued]: lot \(new) would be issued ahead of older usable RESIN lot \(old)"),
            "\(refused.stderr)")
        #expect(try cli.eventCount() == before)
        #expect(
            try cli.ok("issue", new, "2", "--wo", "WO26-0001", "--out-of-order", "OPENED")
                == "Issued 2 kg of \(new) to WO26-0001 (ahead of older \(old): OPENED)\n")
    }

    @Test func aHeldOlderLotDoesNotCount() throws {
        let (cli, old, new) = try Self.plant()
        try cli.ok("lot", "hold", old, "--reason", "QC-HOLD")
        #expect(try cli.ok("issue", new, "2", "--wo", "WO26-0001") == "Issued 2 kg of \(new) to WO26-0001\n")
    }
}
