import Foundation
import GRDB
import LotlineCLI
import Testing

@Suite struct CLIScenarioTests {
    @Test func receivingPrintsTheNewLotAndListShowsAlignedColumns() throws {
        let cli = try CLIHarness.plant()
        let received = try cli.ok(
            "receive", "ST-4140", "800", "--supplier", "northstar", "--supplier-lot", "ns-88412", "--heat", "H-2231", "--expires", "2027-06-30")
        #expect(received == "Received R26331-0003: 800 kg ST-4140 from NORTHSTAR lot ns-88412 heat H-2231 -> quarantine, expires 2027-06-30\n")
        let list = try cli.ok("lot", "list", "--supplier-lot", "NS 88412")
        #expect(
            list == """
                LOT          ITEM     QTY      STATUS      LOCATION  SUPPLIER LOT  HEAT    EXPIRES
                R26331-0001  ST-4140  1200 kg  quarantine  RCV       NS-88412      H-2231  -
                R26331-0003  ST-4140  800 kg   quarantine  -         NS-88412      H-2231  2027-06-30

                """)
    }

    @Test func receiveInJSONHasStableFieldNames() throws {
        let cli = try CLIHarness.plant()
        let json = try cli.ok("receive", "BOLT-M8", "10", "--supplier", "NORTHSTAR", "--supplier-lot", "F-9", "--json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let lot = try #require((document["lots"] as? [[String: Any]])?.first)
        #expect(lot["number"] as? String == "R26331-0003")
        #expect(lot["supplier_lot"] as? String == "F-9")
        #expect(lot["quantity"] as? String == "10")
        #expect(lot["status"] as? String == "released")
        let event = try #require((document["events"] as? [[String: Any]])?.first)
        #expect(event["type"] as? String == "lot.received")
        #expect(event["actor"] as? String == "clerk")
        #expect((event["hash"] as? String)?.count == 64)
    }

    @Test func inspectSplitHoldAndHistory() throws {
        let cli = try CLIHarness.plant()
        #expect(try cli.ok("inspect", "r26331-0001", "--pass", "--result", "hardness=32HRC") == "Inspected R26331-0001: pass -> released\n")
        #expect(
            try cli.ok("lot", "split", "R26331-0001", "--qty", "200", "--qty", "100.5")
                == "Split R26331-0001 into R26331-0001-01 (200 kg), R26331-0001-02 (100.5 kg); 899.5 kg left\n")
        #expect(
            try cli.ok("lot", "hold", "R26331-0001-01", "--reason", "QC-HOLD", "--note", "surface cracks")
                == "Hold R26331-0001-01: released -> on_hold (QC-HOLD)\n")
        let history = try cli.ok("history", "R26331-0001")
        #expect(
            history == """
                History of lot R26331-0001
                SEQ  TIME                       EVENT          ACTOR  REASON
                8    2026-11-27T10:00:00+00:00  lot.received   clerk
                10   2026-11-27T10:00:00+00:00  lot.inspected  clerk
                11   2026-11-27T10:00:00+00:00  lot.split      clerk

                """)
        let show = try cli.ok("lot", "show", "R26331-0001-01")
        #expect(show.contains("Status        on_hold"))
        #expect(show.contains("Parents\nLOT          QTY\nR26331-0001  200 kg"))
    }

    @Test func mergeWithHandEnteredNumber() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("receive", "BOLT-M8", "20", "--supplier", "NORTHSTAR", "--supplier-lot", "F-2", "--location", "RCV")
        let offScheme = cli.run("lot", "merge", "R26331-0002", "R26331-0003", "--into", "BIN-7")
        #expect(offScheme.exitCode == 65)
        #expect(offScheme.stderr.hasPrefix("error[lot-number-off-scheme]: lot number 'BIN-7' does not match the merge scheme M{YY}{DDD}-{SEQ:4}"))
        let merged = try cli.ok("lot", "merge", "R26331-0002", "R26331-0003", "--into", "m26331-0042")
        #expect(merged == "Merged R26331-0002 (500 ea) + R26331-0003 (20 ea) into M26331-0042: 520 ea released @RCV\n")
    }

    /// Given receipts, an inspection, a split, a merge, a hold and a release, all through the CLI.
    static func scenario() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        try cli.ok("inspect", "R26331-0001", "--pass")
        try cli.ok("lot", "split", "R26331-0001", "--qty", "200", "--qty", "100")
        try cli.ok("lot", "merge", "R26331-0001-01", "R26331-0001-02")
        try cli.ok("lot", "hold", "M26331-0001", "--reason", "QC-HOLD")
        try cli.ok("lot", "release", "M26331-0001", "--reason", "QC-HOLD")
        #expect(try cli.ok("audit", "verify").hasPrefix("OK: 14 events, head "))
        return cli
    }

    @Test(arguments: [
        ("UPDATE events SET payload = replace(payload, '1200', '1300') WHERE seq = 8", "FAILED: event 8 (lot.received", "was edited"),
        ("DELETE FROM events WHERE seq = 11", "FAILED: event 11 is missing", "(deleted)"),
        (
            "UPDATE events SET seq = -1 WHERE seq = 12; UPDATE events SET seq = 12 WHERE seq = 13; UPDATE events SET seq = 13 WHERE seq = -1",
            "FAILED: event 12 (lot.status_changed", "is out of order"
        ),
    ])
    func auditVerifyNamesTamperedEventsAndExitsNonZero(sql: String, start: String, breach: String) throws {
        let cli = try Self.scenario()
        let queue = try DatabaseQueue(path: cli.db)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete")
            try db.execute(sql: sql)
        }
        let result = cli.run("audit", "verify")
        #expect(result.exitCode == 70)
        #expect(result.stdout.hasPrefix(start), "got: \(result.stdout)")
        #expect(result.stdout.contains(breach))
    }

    @Test func rebuildReplaysTheLedger() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("lot", "split", "R26331-0002", "--qty", "100")
        let before = try cli.ok("lot", "list", "--json")
        #expect(try cli.ok("admin", "rebuild") == "Rebuilt all projections from 10 events\n")
        #expect(try cli.ok("lot", "list", "--json") == before)
    }

    @Test func readingAMissingDatabaseDoesNotCreateIt() throws {
        let cli = try CLIHarness()
        let result = cli.run("lot", "list")
        #expect(result.exitCode == 66)
        #expect(result.stderr.hasPrefix("error[database-not-found]"))
        #expect(!FileManager.default.fileExists(atPath: cli.db))
    }

    @Test func demoBuildsAVerifiedPlantAndIsSafeToRunTwice() throws {
        let cli = try CLIHarness()
        let first = try cli.ok("demo")
        #expect(first.contains("error[supplier-unapproved]"))
        // A refusal in the transcript says what to do as the command to type, as on the terminal.
        #expect(first.contains("quality approves supplier GREYMARKET: `lotline supplier change GREYMARKET --approved`"), "\(first)")
        #expect(first.contains("error[tool-out-of-calibration]"))
        #expect(first.contains("$ lotline lot hold R26328-0001 --note 'Northstar NCR-1043 on heat H-2231' --reason SUPPLIER-NCR"))
        #expect(first.contains("Try next:"))
        let events = try cli.eventCount()
        #expect(first.contains("OK: \(events) events"))
        let second = try cli.ok("demo")
        #expect(second.contains("already holds \(events) events"))
        #expect(!second.contains("Try next:") && !second.contains("lot show steel1") && !second.contains("H-2231 --reason"))
        #expect(try cli.eventCount() == events)
        #expect(try cli.ok("lot", "list", "--status", "on_hold").contains("R26328-0001"))
    }

    @Test func helpListsTheCommands() throws {
        let help = CLIRunner.run(["--help"])
        #expect(help.exitCode == 0)
        for command in ["demo", "receive", "inspect", "lot", "history", "audit", "admin"] {
            #expect(help.stdout.contains("  \(command)"))
        }
        #expect(CLIRunner.run(["lot", "split", "--help"]).stdout.contains("--qty"))
        #expect(CLIRunner.run(["frobnicate"]).exitCode == 64)
    }
}

@Suite struct MasterDataCLITests {
    @Test func namedRecordsAreAddedListedShownAndRenamed() throws {
        let cli = try CLIHarness.plant()
        #expect(try cli.ok("customer", "add", "acme-aero", "--name", "Acme Aero") == "Added customer ACME-AERO: Acme Aero\n")
        #expect(try cli.ok("customer", "change", "ACME-AERO", "--name", "Acme Aerospace Inc.") == "Changed customer ACME-AERO: Acme Aerospace Inc.\n")
        #expect(try cli.ok("customer", "show", "Acme-Aero") == "Code  ACME-AERO\nName  Acme Aerospace Inc.\n")
        #expect(try cli.ok("location", "list") == "CODE     NAME\nRACK-A1  Rack A1\nRCV      Receiving dock\n")
        #expect(try cli.ok("reason", "change", "QC-HOLD", "--description", "Quality hold (MRB)").hasSuffix("QC-HOLD: Quality hold (MRB)\n"))
        let duplicate = cli.run("location", "add", "RCV", "--description", "again")
        #expect(duplicate.exitCode == 67)
        #expect(duplicate.stderr.hasPrefix("error[location-exists]"))
    }

    @Test func itemAndSupplierChangesAreEvents() throws {
        let cli = try CLIHarness.plant()
        #expect(
            try cli.ok("item", "change", "BOLT-M8", "--shelf-life", "365", "--export-controlled", "true")
                == "Changed item BOLT-M8: shelf_life_days, export_controlled\n")
        let refused = cli.run("item", "change", "BOLT-M8", "--uom", "box")
        #expect(refused.exitCode == 67)
        #expect(refused.stderr.hasPrefix("error[item-has-lots]"))
        #expect(
            try cli.ok("supplier", "change", "NORTHSTAR", "--no-approved", "--note", "audit finding 12")
                == "Changed supplier NORTHSTAR: Northstar Steel (not approved)\n")
        let receive = cli.run("receive", "BOLT-M8", "1", "--supplier", "NORTHSTAR", "--supplier-lot", "X")
        #expect(receive.stderr.hasPrefix("error[supplier-unapproved]"))
        #expect(try cli.ok("item", "show", "BOLT-M8").contains("Shelf life         365 days"))
    }
}
