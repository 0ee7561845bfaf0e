import Foundation
import GRDB
import LotlineCLI
import LotlineStore
import Testing

/// Composite lots keep a place and every heat they mix; outside jobs keep the processor's certificate; suppliers show
/// what they are accredited for.
@Suite struct CompositeAndOutsideJobTests {
    /// Given two receipts of steel from different heats in different places.
    func twoHeats() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        try cli.ok("inspect", "R26331-0001", "--pass")
        try cli.ok(
            "receive", "ST-4140", "300kg", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-90001", "--heat", "H-3100", "--location", "RACK-A1")
        try cli.ok("inspect", "R26331-0003", "--pass")
        return cli
    }

    @Test func lotsInDifferentPlacesNeedALocationAndNothingIsWrittenWithout() throws {
        let cli = try twoHeats()
        let before = try cli.eventCount()
        let missing = cli.run("lot", "merge", "R26331-0001", "R26331-0003")
        #expect(missing.exitCode == 65)
        #expect(missing.stderr.hasPrefix("error[merge-location-missing]"))
        #expect(missing.stderr.contains("R26331-0001 @RCV, R26331-0003 @RACK-A1"))
        let unknown = cli.run("lot", "merge", "R26331-0001", "R26331-0003", "--location", "RACK-Z9")
        #expect(unknown.exitCode == 66)
        #expect(unknown.stderr.hasPrefix("error[location-not-found]"))
        #expect(try cli.eventCount() == before)
        #expect(field("Quantity", of: try cli.ok("lot", "show", "R26331-0001")) == "1200 kg")
    }

    @Test func aCompositeLotKeepsItsPlaceAndEveryHeat() throws {
        let cli = try twoHeats()
        let merged = try cli.ok("lot", "merge", "R26331-0001", "R26331-0003", "--location", "RACK-A1")
        #expect(merged == "Merged R26331-0001 (1200 kg) + R26331-0003 (300 kg) into M26331-0001: 1500 kg released @RACK-A1, heats H-2231, H-3100\n")
        let show = try cli.ok("lot", "show", "M26331-0001")
        #expect(field("Location", of: show) == "RACK-A1")
        #expect(field("Heat", of: show) == "H-2231, H-3100")
        // A split of the composite is still both heats; a trace from either heat reaches it and says so.
        try cli.ok("lot", "split", "M26331-0001", "--qty", "100")
        #expect(field("Heat", of: try cli.ok("lot", "show", "M26331-0001-01")) == "H-2231, H-3100")
        let forward = try cli.ok("trace", "forward", "H-3100")
        #expect(forward.contains("M26331-0001-01"))
        #expect(forward.contains("composite of heats H-2231, H-3100"))
        let backward = try cli.ok("trace", "backward", "M26331-0001-01", "--format", "csv")
        #expect(backward.contains("H-2231|H-3100"))
        // Heats are kept in the projection from the ledger: a rebuild gives them back exactly.
        let live = try LotlineStore(path: cli.db).projectionDump()
        try cli.ok("admin", "rebuild")
        #expect(try LotlineStore(path: cli.db).projectionDump() == live)
    }

    @Test func aDatabaseFromBeforeHeatsWereKeptGetsThemWhenOpened() throws {
        let cli = try twoHeats()
        try cli.ok("lot", "merge", "R26331-0001", "R26331-0003", "--location", "RACK-A1")
        try cli.ok("lot", "split", "M26331-0001", "--qty", "100")
        let live = try LotlineStore(path: cli.db).projectionDump()
        // Make the file what a v3 database was: no heats column, the v4 migration not yet run.
        try DatabaseQueue(path: cli.db).write { db in
            try db.execute(
                sql: """
                    ALTER TABLE lots DROP COLUMN heats;
                    ALTER TABLE work_order_operations DROP COLUMN job_certificate;
                    DROP TABLE imports;
                    ALTER TABLE work_orders DROP COLUMN created_at;
                    ALTER TABLE work_orders DROP COLUMN released_at;
                    ALTER TABLE wip DROP COLUMN first_issued_at;
                    ALTER TABLE wip DROP COLUMN deviation;
                    ALTER TABLE work_order_operations DROP COLUMN not_recorded;
                    ALTER TABLE work_order_operations DROP COLUMN unchecked;
                    DROP INDEX events_ref;
                    ALTER TABLE events DROP COLUMN ref;
                    DELETE FROM grdb_migrations WHERE identifier = 'v4-job-certificates-and-mixed-heats';
                    """)
        }
        #expect(try LotlineStore(path: cli.db).projectionDump() == live)
        #expect(field("Heat", of: try cli.ok("lot", "show", "M26331-0001-01")) == "H-2231, H-3100")
    }

    /// The value of one `Label  value` line of a `show`.
    func field(_ label: String, of text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(label + " ") }.map { $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
    }

    @Test func lotsInOnePlaceMergeThere() throws {
        let cli = try twoHeats()
        try cli.ok("lot", "move", "R26331-0003", "--to", "RCV")
        #expect(try cli.ok("lot", "merge", "R26331-0001", "R26331-0003").contains("released @RCV, heats H-2231, H-3100"))
    }

    /// Given a bracket whose operation 20 is an outside heat treat at an accredited processor, started.
    func outsideJob() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        for step in [
            ["item", "add", "BRKT", "--description", "Bracket", "--uom", "ea"],
            ["routing", "add", "BRKT", "10", "--name", "Machine", "--work-center", "CELL"],
            ["routing", "add", "BRKT", "20", "--name", "Heat treat", "--work-center", "OUTSIDE", "--special-process", "HEAT-TREAT"],
            ["equipment", "add", "MILL-2", "--name", "Mill"], ["operator", "add", "JDOE", "--name", "Jane Doe"],
            ["supplier", "add", "HEATCO", "--name", "HeatCo", "--approved"],
            ["supplier", "accredit", "HEATCO", "--process", "HEAT-TREAT", "--cert", "NADCAP-1", "--until", "2027-06-01"],
            ["wo", "create", "BRKT", "2"], ["wo", "release", "WO26-0001"],
            ["op", "start", "WO26-0001", "10", "--equipment", "MILL-2", "--operator", "JDOE"],
            ["op", "start", "WO26-0001", "20", "--operator", "JDOE", "--processor", "HEATCO"],
        ] { try cli.ok(step) }
        return cli
    }

    @Test func anOutsideJobIsCompletedOnlyWithTheProcessorsCertificate() throws {
        let cli = try outsideJob()
        let before = try cli.eventCount()
        let missing = cli.run("op", "complete", "WO26-0001", "20", "--good", "2")
        #expect(missing.exitCode == 65)
        #expect(missing.stderr.hasPrefix("error[cert-missing]"))
        let blank = cli.run("op", "complete", "WO26-0001", "20", "--good", "2", "--cert", "  ")
        #expect(blank.exitCode == 65)
        let inside = cli.run("op", "complete", "WO26-0001", "10", "--good", "2", "--cert", "HC-1")
        #expect(inside.exitCode == 65)
        #expect(inside.stderr.hasPrefix("error[cert-not-outside]"))
        #expect(try cli.eventCount() == before)

        #expect(
            try cli.ok("op", "complete", "WO26-0001", "20", "--good", "2", "--cert", "HC-5531")
                == "Completed WO26-0001 operation 20: 2 ea good, job cert HC-5531\n")
        #expect(try cli.ok("wo", "show", "WO26-0001").contains("HEATCO (NADCAP-1) job cert HC-5531"))
        try cli.ok("produce", "WO26-0001", "2")
        #expect(try cli.ok("trace", "backward", "P26331-0001").contains("op 20 Heat treat: at HEATCO (NADCAP-1) job cert HC-5531 JDOE"))
    }

    @Test func supplierShowListsAccreditationsAndWhetherTheyHold() throws {
        let cli = try outsideJob()
        try cli.ok("supplier", "accredit", "HEATCO", "--process", "NDT", "--cert", "NADCAP-NDT-9", "--until", "2026-12-31")
        let show = try cli.ok("supplier", "show", "heatco")
        #expect(show.contains("HEAT-TREAT  NADCAP-1      2027-06-01  current"))
        #expect(show.contains("NDT         NADCAP-NDT-9  2026-12-31  current"))
        let later = CLIRunner.run(
            ["supplier", "show", "HEATCO", "--db", cli.db, "--json"], environment: [:], now: CLIHarness.now.addingTimeInterval(40 * 86_400),
            timeZone: CLIHarness.utc)
        let json = try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as! [String: Any]
        #expect(json["code"] as? String == "HEATCO")
        let statuses = (json["accreditations"] as! [[String: Any]]).map { "\($0["process"]!) \($0["status"]!)" }
        #expect(statuses == ["HEAT-TREAT current", "NDT lapsed"])
        #expect(try cli.ok("supplier", "show", "NORTHSTAR").contains("No special-process accreditations on file."))
    }
}

/// A heat corrected on one receipt is the heat of every lot of that supplier lot: the correction says which, and each
/// one's history shows it.
extension CompositeAndOutsideJobTests {
    @Test func aHeatCorrectionNamesEveryLotItChangesAndEachHistoryShowsIt() throws {
        let cli = try CLIHarness.plant()
        // The same supplier lot received twice with a mistyped heat; one receipt split, the other merged with another heat.
        for step in [
            ["receive", "ST-4140", "100kg", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-5", "--heat", "H-2213", "--location", "RCV"],
            ["receive", "ST-4140", "50kg", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-5", "--location", "RCV"],
            ["inspect", "R26331-0001", "--pass"], ["inspect", "R26331-0003", "--pass"], ["inspect", "R26331-0004", "--pass"],
            ["lot", "split", "R26331-0003", "--qty", "10"], ["lot", "merge", "R26331-0004", "R26331-0001"],
        ] { try cli.ok(step) }
        #expect(field("Heat", of: try cli.ok("lot", "show", "M26331-0001")) == "H-2213, H-2231")

        let corrected = try cli.ok("lot", "correct", "R26331-0003", "--heat", "H-2231", "--note", "digits transposed at receipt")
        #expect(
            corrected.hasPrefix(
                "Corrected receipt of R26331-0003 (corrects event 10); the heat changes on 3 more lots too: M26331-0001, R26331-0003-01, R26331-0004"),
            "\(corrected)")
        for lot in ["R26331-0003-01", "R26331-0004", "M26331-0001"] {
            #expect(try cli.ok("history", lot).contains("lot.receipt_corrected"), "\(lot)")
        }
        #expect(field("Heat", of: try cli.ok("lot", "show", "M26331-0001")) == "H-2231")
        #expect(field("Heat", of: try cli.ok("lot", "show", "R26331-0004")) == "H-2231")
        #expect(try cli.ok("trace", "forward", "H-2231", "--format", "lots").contains("M26331-0001"))
        let live = try LotlineStore(path: cli.db).projectionDump()
        try cli.ok("admin", "rebuild")
        #expect(try LotlineStore(path: cli.db).projectionDump() == live)
    }
}
