import Foundation
import LotlineCLI
import Testing

/// What happened, not what was planned: material off the bill of material is used with a recorded deviation, and a lot
/// of an item can be reworked into a new lot of the same item; the planning BOM stays acyclic.
@Suite struct DeviationTests {
    /// Given shafts made of steel, a released order for two, and reason codes for substitutions and rework.
    func plant() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        for step in [
            ["item", "add", "SHAFT", "--description", "Shaft", "--uom", "ea"], ["bom", "add", "SHAFT", "ST-4140", "2"],
            ["routing", "add", "SHAFT", "10", "--name", "Turn", "--work-center", "LATHES"],
            ["equipment", "add", "LATHE-3", "--name", "Lathe"], ["operator", "add", "JDOE", "--name", "Jane Doe"],
            ["reason", "add", "SUBST", "--description", "Approved substitution"], ["reason", "add", "REWORK", "--description", "Rework"],
            ["inspect", "R26331-0001", "--pass"], ["wo", "create", "SHAFT", "2"], ["wo", "release", "WO26-0001"],
        ] { try cli.ok(step) }
        return cli
    }

    @Test func materialOffTheBillNeedsADeviationAndEveryOtherMistakeWritesNothing() throws {
        let cli = try plant()
        let before = try cli.eventCount()
        let plain = cli.run("issue", "R26331-0002", "4", "--wo", "WO26-0001")
        #expect(plain.exitCode == 67)
        #expect(plain.stderr.hasPrefix("error[item-not-on-bom]"))
        #expect(plain.stderr.contains("record it as a deviation with its reason; give the deviation reason (--deviation REASON)\n"))
        let unknown = cli.run("issue", "R26331-0002", "4", "--wo", "WO26-0001", "--deviation", "SUBTS")
        #expect(unknown.exitCode == 66)
        let needless = cli.run("issue", "R26331-0001", "4", "--wo", "WO26-0001", "--deviation", "SUBST")
        #expect(needless.exitCode == 65)
        #expect(needless.stderr.hasPrefix("error[deviation-not-needed]"))
        #expect(try cli.eventCount() == before)

        #expect(
            try cli.ok("issue", "R26331-0002", "4", "--wo", "WO26-0001", "--deviation", "SUBST").hasPrefix(
                "Issued 4 ea of R26331-0002 to WO26-0001 (off the BOM: SUBST)"))
        let show = try cli.ok("wo", "show", "WO26-0001")
        #expect(show.contains("OFF THE BOM"))
        #expect(show.split(separator: "\n").contains { $0.hasPrefix("R26331-0002") && $0.hasSuffix("SUBST") })
        try cli.ok("op", "start", "WO26-0001", "10", "--equipment", "LATHE-3", "--operator", "JDOE")
        try cli.ok("op", "consume", "WO26-0001", "10", "R26331-0002", "4")
        try cli.ok("produce", "WO26-0001", "2")
        #expect(try cli.ok("trace", "backward", "P26331-0001").contains("WO26-0001 op 10 Turn (LATHE-3, JDOE) off the BOM: SUBST <- R26331-0002"))
    }

    @Test func aLotIsReworkedIntoANewLotOfItsOwnItemAndTheTraceFollows() throws {
        let cli = try plant()
        try cli.ok("issue", "R26331-0001", "4", "--wo", "WO26-0001")
        #expect(
            try cli.ok("op", "start", "WO26-0001", "10", "--equipment", "LATHE-3", "--operator", "JDOE")
                == "Started WO26-0001 operation 10 on LATHE-3 by JDOE\n")
        try cli.ok("op", "consume", "WO26-0001", "10", "R26331-0001", "4")
        try cli.ok("produce", "WO26-0001", "2")
        // The shafts fail a check and are reworked on an order for shafts.
        try cli.ok("wo", "create", "SHAFT", "2")
        try cli.ok("wo", "release", "WO26-0002")
        try cli.ok("issue", "P26331-0001", "2", "--wo", "WO26-0002", "--deviation", "REWORK")
        try cli.ok("op", "start", "WO26-0002", "10", "--equipment", "LATHE-3", "--operator", "JDOE")
        try cli.ok("op", "consume", "WO26-0002", "10", "P26331-0001", "2")
        try cli.ok("produce", "WO26-0002", "2")
        let forward = try cli.ok("trace", "forward", "H-2231", "--format", "lots")
        #expect(forward.contains("P26331-0001"))
        #expect(forward.contains("P26331-0002"))
        #expect(try cli.ok("trace", "backward", "P26331-0002").contains("off the BOM: REWORK <- P26331-0001  SHAFT"))
        // Planning stays acyclic: a shaft is never on its own bill of material.
        let cycle = cli.run("bom", "add", "SHAFT", "SHAFT", "1")
        #expect(cycle.exitCode != 0)
    }
}
