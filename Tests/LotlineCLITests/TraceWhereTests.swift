import Foundation
import LotlineCLI
import Testing

/// `trace where` with several dimensions at once: they must all hold at one operation.
@Suite struct TraceWhereTests {
    /// Given three orders for brackets: WO26-0001 on LATHE-3 with T-17 at 845C, WO26-0002 on LATHE-3 with T-18 at 860C,
    /// WO26-0003 on MILL-2 with T-17 and no temperature; then an outside heat treat at HEATCO on WO26-0003.
    func plant() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        for step in [
            ["item", "add", "BRKT", "--description", "Bracket", "--uom", "ea"], ["bom", "add", "BRKT", "BOLT-M8", "1"],
            ["routing", "add", "BRKT", "10", "--name", "Machine", "--work-center", "CELL"],
            ["routing", "add", "BRKT", "20", "--name", "Heat treat", "--work-center", "OUTSIDE", "--special-process", "HEAT-TREAT"],
            ["equipment", "add", "LATHE-3", "--name", "Lathe"], ["equipment", "add", "MILL-2", "--name", "Mill"],
            ["tool", "add", "T-17", "--name", "Insert", "--calibrated-until", "2027-01-01"],
            ["tool", "add", "T-18", "--name", "Insert", "--calibrated-until", "2027-01-01"],
            ["operator", "add", "JDOE", "--name", "Jane Doe"], ["supplier", "add", "HEATCO", "--name", "HeatCo", "--approved"],
            ["supplier", "accredit", "HEATCO", "--process", "HEAT-TREAT", "--cert", "NADCAP-1", "--until", "2027-06-01"],
        ] { try cli.ok(step) }
        for (order, machine, tool, temperature) in [
            ("WO26-0001", "LATHE-3", "T-17", "845C"), ("WO26-0002", "LATHE-3", "T-18", "860C"), ("WO26-0003", "MILL-2", "T-17", nil),
        ] {
            try cli.ok("wo", "create", "BRKT", "2")
            try cli.ok("wo", "release", order)
            try cli.ok("issue", "R26331-0002", "2", "--wo", order)
            try cli.ok("op", "start", order, "10", "--equipment", machine, "--tool", tool, "--operator", "JDOE")
            try cli.ok("op", "consume", order, "10", "R26331-0002", "2")
            if let temperature { try cli.ok("op", "record", order, "10", "--param", "temperature=\(temperature)") }
            try cli.ok("op", "complete", order, "10", "--good", "2")
        }
        try cli.ok("op", "start", "WO26-0003", "20", "--operator", "JDOE", "--processor", "HEATCO")
        try cli.ok("op", "record", "WO26-0003", "20", "--param", "temperature=900C")
        try cli.ok("op", "complete", "WO26-0003", "20", "--good", "2", "--cert", "HC-5531")
        for order in ["WO26-0001", "WO26-0002", "WO26-0003"] { try cli.ok("produce", order, "2") }
        return cli
    }

    /// The work orders a `trace where` lists, in the order it lists them.
    func orders(_ cli: CLIHarness, _ arguments: String...) throws -> [String] {
        let output = try cli.ok(["trace", "where"] + arguments + ["--json"])
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        return (json["produced"] as! [[String: Any]]).map { $0["work_order"] as! String }
    }

    @Test func dimensionsMustAllHoldAtOneOperation() throws {
        let cli = try plant()
        #expect(try orders(cli, "--tool", "T-17") == ["WO26-0001", "WO26-0003"])
        #expect(try orders(cli, "--equipment", "LATHE-3") == ["WO26-0001", "WO26-0002"])
        #expect(try orders(cli, "--equipment", "LATHE-3", "--tool", "T-17") == ["WO26-0001"])
        #expect(try orders(cli, "--equipment", "MILL-2", "--tool", "T-18") == [])
        #expect(try orders(cli, "--equipment", "lathe-3", "--tool", "t-17", "--operator", "JDOE") == ["WO26-0001"])
        // The outside processor ran operation 20, never operation 10's machine: both at once is no operation at all.
        #expect(try orders(cli, "--processor", "HEATCO") == ["WO26-0003"])
        #expect(try orders(cli, "--processor", "HEATCO", "--equipment", "MILL-2") == [])
    }

    @Test func parametersCompareByNameNumberAndUnit() throws {
        let cli = try plant()
        #expect(try orders(cli, "--param", "temperature") == ["WO26-0001", "WO26-0002", "WO26-0003"])
        #expect(try orders(cli, "--param", "temperature>850") == ["WO26-0002", "WO26-0003"])
        #expect(try orders(cli, "--param", "Temperature=845C") == ["WO26-0001"])
        #expect(try orders(cli, "--param", "temperature=845F") == [])
        #expect(try orders(cli, "--param", "temperature>850", "--equipment", "LATHE-3") == ["WO26-0002"])
        #expect(try orders(cli, "--param", "temperature>850", "--param", "temperature<880") == ["WO26-0002"])
        #expect(try orders(cli, "--processor", "HEATCO", "--param", "temperature>=900C") == ["WO26-0003"])
        let text = try cli.ok("trace", "where", "--param", "temperature>850", "--equipment", "LATHE-3")
        #expect(text.contains("PARAMETERS"))
        #expect(text.contains("temperature=860C"))
    }

    @Test func aParameterRecordedAfterAUnitWasMadeIsNotThatUnits() throws {
        let cli = try plant()
        try cli.ok("wo", "create", "BRKT", "2")
        try cli.ok("wo", "release", "WO26-0004")
        try cli.ok("issue", "R26331-0002", "2", "--wo", "WO26-0004")
        try cli.ok("op", "start", "WO26-0004", "10", "--equipment", "LATHE-3", "--tool", "T-18", "--operator", "JDOE")
        try cli.ok("op", "consume", "WO26-0004", "10", "R26331-0002", "1")
        try cli.ok("produce", "WO26-0004", "1")
        try cli.ok("op", "record", "WO26-0004", "10", "--param", "temperature=990C")
        try cli.ok("op", "consume", "WO26-0004", "10", "R26331-0002", "1")
        try cli.ok("produce", "WO26-0004", "1")
        let output = try cli.ok("trace", "where", "--param", "temperature>950", "--json")
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        let lots = (json["produced"] as! [[String: Any]]).map { $0["lot"] as! String }
        // Only the second output was made after the record; the first keeps no temperature it never saw.
        #expect(lots.count == 1)
        #expect(try cli.ok("trace", "backward", lots[0]).contains("temperature=990C"))
    }

    @Test(arguments: [
        (["--equipment", "LATHE-9"], 66, "equipment-not-found"), (["--tool", "T-99"], 66, "tool-not-found"),
        (["--processor", "NOBODY"], 66, "supplier-not-found"), (["--operator", "XYZ"], 66, "operator-not-found"),
        (["--param", "temperature>>3"], 65, "param-invalid"), (["--param", "temperature>hot"], 65, "param-not-number"),
        (["--from", "2026-11-01"], 65, "resource-missing"), (["--equipment", "LATHE-3", "--from", "yesterday"], 65, "time-invalid"),
    ])
    func refusesTyposInsteadOfAnsweringNothing(arguments: [String], exitCode: Int32, code: String) throws {
        let cli = try plant()
        let result = cli.run(["trace", "where"] + arguments)
        #expect(result.exitCode == exitCode)
        #expect(result.stderr.hasPrefix("error[\(code)]"), "\(result.stderr)")
    }
}
