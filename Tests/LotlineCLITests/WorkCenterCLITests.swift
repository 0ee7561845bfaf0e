import Foundation
import LotlineCLI
import Testing

/// Work centers, shifts, downtime and routing planning times, as a planner sets them up from the terminal.
@Suite struct WorkCenterCLITests {
    static func plant() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        try cli.ok("equipment", "add", "LATHE-1", "--name", "Lathe 1")
        try cli.ok("equipment", "add", "LATHE-2", "--name", "Lathe 2")
        try cli.ok("equipment", "add", "MILL-1", "--name", "Mill 1")
        try cli.ok("reason", "add", "MAINT", "--name", "Maintenance")
        return cli
    }

    @Test func aPlannerSetsUpCentersShiftsDowntimeAndRoutingTimes() throws {
        let cli = try Self.plant()
        #expect(
            try cli.ok("workcenter", "set", "lathes", "--name", "Turning", "--machine", "LATHE-1", "--machine", "lathe-2")
                == "Work center LATHES: Turning, machines LATHE-1, LATHE-2\n")
        try cli.ok("workcenter", "set", "MILLS", "--name", "Milling", "--machine", "MILL-1")
        #expect(
            try cli.ok("workcenter", "shifts", "LATHES", "--shift", "Mon-Fri 06:00-14:00", "--shift", "sun-thu 22:00-06:00")
                == "Work center LATHES works mon-fri 06:00-14:00; mon,tue,wed,thu,sun 22:00-06:00\n")
        #expect(
            try cli.ok(
                "workcenter", "downtime", "LATHES", "--machine", "LATHE-2", "--from", "2026-11-30T06:00", "--to", "2026-11-30T10:00", "--reason",
                "MAINT")
                == "Downtime: LATHE-2 of LATHES from 2026-11-30T06:00:00+00:00 to 2026-11-30T10:00:00+00:00 (MAINT)\n")
        #expect(
            try cli.ok(
                "routing", "add", "BOLT-M8", "10", "--name", "Turn", "--work-center", "LATHES", "--setup", "30", "--run", "1.5", "--alt", "MILLS")
                == "BOLT-M8 operation 10: Turn at LATHES (or MILLS), setup 30 min, run 1.5 min per unit\n")
        let list = try cli.ok("workcenter", "list")
        #expect(list.contains("LATHES  Turning  LATHE-1, LATHE-2  mon-fri 06:00-14:00; mon,tue,wed,thu,sun 22:00-06:00"), "\(list)")
        #expect(list.contains("MILLS   Milling  MILL-1            around the clock"), "\(list)")
        // Every table rebuilt from the ledger equals the live one.
        try cli.ok("audit", "verify", "--projections")
    }

    @Test(
        arguments: [
            (["workcenter", "set", "X", "--name", "X"], 65, "work-center-without-machines"),
            (["workcenter", "set", "X", "--name", "X", "--machine", "NOPE"], 66, "equipment-not-found"),
            (["workcenter", "set", "X", "--name", "X", "--machine", "MILL-1", "--machine", "mill-1"], 65, "machine-repeated"),
            (["workcenter", "shifts", "NOPE", "--shift", "mon 06:00-14:00"], 66, "work-center-not-found"),
            (["workcenter", "shifts", "MILLS", "--shift", "monday 06:00-14:00"], 65, "shift-invalid"),
            (["workcenter", "shifts", "MILLS", "--shift", "mon 06:00-25:00"], 65, "shift-invalid"),
            (["workcenter", "shifts", "MILLS", "--shift", "mon 06:00-06:00"], 65, "shift-invalid"),
            (
                ["workcenter", "downtime", "MILLS", "--from", "2026-11-30T10:00", "--to", "2026-11-30T06:00", "--reason", "MAINT"], 65,
                "downtime-inverted"
            ),
            (
                [
                    "workcenter", "downtime", "MILLS", "--machine", "LATHE-1", "--from", "2026-11-30T06:00", "--to", "2026-11-30T08:00", "--reason",
                    "MAINT",
                ], 65,
                "machine-not-in-work-center"
            ),
            (
                ["workcenter", "downtime", "MILLS", "--from", "2026-11-30T06:00", "--to", "2026-11-30T08:00", "--reason", "NOPE"], 66,
                "reason-not-found"
            ),
            (["routing", "add", "BOLT-M8", "10", "--name", "Turn", "--work-center", "MILLS", "--alt", "NOPE"], 66, "work-center-not-found"),
            (["routing", "add", "BOLT-M8", "10", "--name", "Turn", "--work-center", "MILLS", "--alt", "mills"], 65, "alternative-repeated"),
            (["routing", "add", "BOLT-M8", "10", "--name", "Turn", "--work-center", "MILLS", "--setup", "-5"], 65, "quantity-not-positive"),
            (["routing", "add", "BOLT-M8", "10", "--name", "Turn", "--work-center", "MILLS", "--run", "fast"], 65, "quantity-invalid"),
        ] as [([String], Int32, String)])
    func badInputIsRefusedNamingTheRuleAndWritesNothing(arguments: [String], exitCode: Int32, code: String) throws {
        let cli = try Self.plant()
        try cli.ok("workcenter", "set", "MILLS", "--name", "Milling", "--machine", "MILL-1")
        let before = try cli.eventCount()
        let result = cli.run(arguments + ["--json"])
        #expect(result.exitCode == exitCode, "\(result.stdout)")
        #expect(result.stdout.contains("\"code\" : \"\(code)\""), "\(result.stdout)")
        #expect(try cli.eventCount() == before)
    }
}
