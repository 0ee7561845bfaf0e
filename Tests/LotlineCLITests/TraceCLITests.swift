import Foundation
import LotlineCLI
import Testing

@Suite struct TraceCLITests {
    /// Given steel turned into two shafts by serial on one work order, one shipped.
    func shafts() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        for step in [
            ["item", "add", "SHAFT", "--description", "Shaft", "--uom", "ea", "--tracking", "serial", "--inspect"],
            ["bom", "add", "SHAFT", "ST-4140", "2"], ["routing", "add", "SHAFT", "10", "--name", "Turn", "--work-center", "LATHES"],
            ["equipment", "add", "LATHE-3", "--name", "Lathe"], ["operator", "add", "JDOE", "--name", "Jane Doe"],
            ["customer", "add", "ACME", "--name", "Acme"], ["inspect", "R26331-0001", "--pass"], ["wo", "create", "SHAFT", "2"],
            ["wo", "release", "WO26-0001"], ["issue", "R26331-0001", "4", "--wo", "WO26-0001"],
            ["op", "start", "WO26-0001", "10", "--equipment", "LATHE-3", "--operator", "JDOE"],
            ["produce", "WO26-0001", "2", "--serials", "SN-000001,SN-000002"],
            ["op", "consume", "WO26-0001", "10", "R26331-0001", "2", "--into", "SN-000001"],
            ["op", "consume", "WO26-0001", "10", "R26331-0001", "2", "--into", "SN-000002"],
            ["op", "record", "WO26-0001", "10", "--param", "spindle=1800rpm"], ["inspect", "SN-000001", "--pass"],
            ["ship", "--customer", "ACME", "--order", "SO-1", "--serial", "SN-000001"],
        ] { try cli.ok(step) }
        return cli
    }

    @Test func producedSerialsWaitForFinalInspection() throws {
        let cli = try shafts()
        #expect(try cli.ok("lot", "show", "SN-000002").contains("Status    quarantine"))
        #expect(try cli.ok("inspect", "SN-000002", "--pass") == "Inspected SN-000002: pass -> released\n")
    }

    @Test func backwardTreeAsText() throws {
        let cli = try shafts()
        #expect(
            try cli.ok("trace", "backward", "SN-000001") == """
                SN-000001  SHAFT  0 ea  shipped
                    made on WO26-0001 at 2026-11-27T10:00:00+00:00
                    op 10 Turn: LATHE-3 JDOE
                    final inspection: pass
                    shipped 1 ea to ACME on SH26331-001 (order SO-1, 2026-11-27T10:00:00+00:00)
                └─ consumed 2 kg [exact] WO26-0001 op 10 Turn (LATHE-3, JDOE) <- R26331-0001  ST-4140  1196 kg  released  @RCV
                       received 2026-11-27T10:00:00+00:00 from NORTHSTAR lot NS-88412 heat H-2231
                       incoming inspection: pass

                """)
    }

    @Test func forwardAsCSVWithDepth() throws {
        let cli = try shafts()
        let csv = try cli.ok("trace", "forward", "h-2231", "--format", "csv").split(separator: "\n").map(String.init)
        #expect(csv.count == 4)
        #expect(csv[0].hasPrefix("depth,lot,item,quantity,unit,status,location,relation"))
        #expect(csv[1].hasPrefix("0,R26331-0001,ST-4140,1196,kg,released,RCV,,"))
        #expect(csv[2].hasPrefix("1,SN-000001,SHAFT,0,ea,shipped,,consumed,2,exact,exact,WO26-0001,10,LATHE-3,,JDOE,"))
        #expect(csv[2].hasSuffix(",ACME,SH26331-001,SO-1,1"))
        let shallow = try cli.ok("trace", "forward", "H-2231", "--depth", "0")
        #expect(!shallow.contains("SN-000001"))
    }

    @Test func whereFiltersByTime() throws {
        let cli = try shafts()
        #expect(try cli.ok("trace", "where", "--operator", "jdoe").contains("SN-000002"))
        #expect(
            try cli.ok("trace", "where", "--equipment", "LATHE-3", "--to", "2026-11-26") == "Nothing was produced with all of that in that range.\n")
        let none = cli.run("trace", "where", "--from", "2026-11-01")
        #expect(none.exitCode == 65)
        #expect(none.stderr.hasPrefix("error[resource-missing]"))
    }
}
