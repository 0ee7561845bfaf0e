import Foundation
import LotlineCLI
import LotlineCore
import Testing

/// The repros of issue 10: a recall never leaves out a unit that could hold the recalled material.
@Suite struct RecallNeverMissesTests {
    /// Two heats consumed into one order in the same second as its first output: only ledger order tells them apart.
    static let sameSecondLines = """
        {"command":"item add","part":"RAW","description":"raw bar","uom":"kg"}
        {"command":"item add","part":"FGX","description":"finished","uom":"ea"}
        {"command":"supplier add","code":"S","name":"Steel Co","approved":true}
        {"command":"customer add","code":"C1","name":"Customer One"}
        {"command":"bom add","item":"FGX","component":"RAW","qty":"1"}
        {"command":"routing add","item":"FGX","seq":10,"name":"Make","work_center":"W"}
        {"command":"equipment add","code":"M1","name":"Mill 1"}
        {"command":"operator add","code":"OP","name":"Op"}
        {"command":"receive","item":"RAW","qty":"10","supplier":"S","supplier_lot":"A","heat":"HA","at":"2026-11-02T07:00Z"}
        {"command":"receive","item":"RAW","qty":"10","supplier":"S","supplier_lot":"B","heat":"HB","at":"2026-11-02T07:00Z"}
        {"command":"wo create","item":"FGX","qty":"3","at":"2026-11-02T07:30Z"}
        {"command":"wo release","number":"WO26-0001","at":"2026-11-02T07:31Z"}
        {"command":"issue","lot":"R26306-0001","qty":"1","wo":"WO26-0001","at":"2026-11-02T07:40Z"}
        {"command":"issue","lot":"R26306-0002","qty":"1","wo":"WO26-0001","at":"2026-11-02T07:40Z"}
        {"command":"op start","wo":"WO26-0001","seq":10,"equipment":"M1","operator":"OP","at":"2026-11-02T07:50Z"}
        {"command":"op consume","wo":"WO26-0001","seq":10,"lot":"R26306-0001","qty":"1","at":"2026-11-02T08:00Z"}
        {"command":"produce","wo":"WO26-0001","qty":"1","at":"2026-11-02T09:00Z"}
        {"command":"op consume","wo":"WO26-0001","seq":10,"lot":"R26306-0002","qty":"1","at":"2026-11-02T09:00Z"}
        {"command":"produce","wo":"WO26-0001","qty":"1","at":"2026-11-02T10:00Z"}
        {"command":"produce","wo":"WO26-0001","qty":"1","at":"2026-11-02T11:00Z"}
        {"command":"ship","customer":"C1","order":"SO-1","lots":["P26306-0003:1"],"at":"2026-11-02T12:00Z"}

        """

    func sameSecondPlant() throws -> CLIHarness {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("same-second.jsonl").path
        try Self.sameSecondLines.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.ok("import", file).hasPrefix("Read 21 lines: imported 21"))
        return cli
    }

    struct Reach: Decodable {
        struct Lot: Decodable {
            var lot: String
            var certainty: String
        }
        struct Summary: Decodable {
            var certainty: String
            var lots: Int
            var customers: Int
        }
        var affected: [Lot]
        var byCertainty: [Summary]
        var leftOut: [Summary]
    }

    func report(_ cli: CLIHarness, _ arguments: String...) throws -> Reach {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Reach.self, from: Data(try cli.ok(["recall", "report"] + arguments + ["--json"]).utf8))
    }

    @Test func aHeatConsumedInTheSameSecondAsAnOutputIsTracedIntoTheNextOutputNotThatOne() throws {
        let cli = try sameSecondPlant()
        let forward = try cli.ok("trace", "forward", "HB")
        #expect(forward.contains("[window] WO26-0001 op 10 Make (M1, OP) -> P26306-0002"))
        #expect(forward.contains("[possible] WO26-0001 op 10 Make (M1, OP) -> P26306-0003"))
        #expect(!forward.contains("P26306-0001"))
        #expect(try cli.ok("trace", "backward", "P26306-0002").contains("<- R26306-0002"))
        #expect(!(try cli.ok("trace", "backward", "P26306-0001")).contains("R26306-0002"))
        let all = try report(cli, "HB")
        #expect(Dictionary(uniqueKeysWithValues: all.affected.map { ($0.lot, $0.certainty) }) == [
            "R26306-0002": "exact", "P26306-0002": "window", "P26306-0003": "possible",
        ])
        #expect(all.byCertainty.map(\.certainty) == ["exact", "window", "possible"])
        #expect(all.byCertainty.last?.customers == 1)
    }

    @Test func traceFormatLotsGivesJustTheLotsReached() throws {
        let cli = try sameSecondPlant()
        #expect(
            try cli.ok("trace", "forward", "HB", "--format", "lots-csv") == """
                depth,lot,item,relation,path_certainty,via
                0,R26306-0002,RAW,start,exact,
                1,P26306-0002,FGX,consumed,window,R26306-0002
                1,P26306-0003,FGX,consumed,possible,R26306-0002

                """)
        let json = try cli.ok("trace", "forward", "HB", "--format", "lots", "--json")
        #expect(json.contains("\"path_certainty\" : \"possible\"") && !json.contains("receipt"))
    }

    @Test func narrowingARecallSaysWhatItLeftOut() throws {
        let cli = try sameSecondPlant()
        let narrowed = try report(cli, "HB", "--certainty", "window")
        #expect(Set(narrowed.affected.map(\.lot)) == ["R26306-0002", "P26306-0002"])
        #expect(narrowed.leftOut.map(\.certainty) == ["possible"])
        let text = try cli.ok("recall", "report", "HB", "--certainty", "window")
        #expect(text.contains("left out 1 lots reached only by possible links, and 1 customers (C1)"))
        #expect(cli.run("recall", "report", "HB", "--certainty", "sure").exitCode == 64)
    }
}

/// What needs acceptance is not shipped, issued or consumed before a passed final inspection of that lot or serial.
@Suite struct AcceptanceTests {
    /// Given valves that need a final inspection, made two by serial on one order.
    func valves(byRouting: Bool) throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        var item = ["item", "add", "VALVE", "--description", "Valve", "--uom", "ea", "--tracking", "serial"]
        if !byRouting { item.append("--final-inspection") }
        for step in [
            item, ["item", "add", "PUMP", "--description", "Pump", "--uom", "ea"], ["bom", "add", "VALVE", "BOLT-M8", "1"],
            ["bom", "add", "PUMP", "VALVE", "1"], ["routing", "add", "VALVE", "10", "--name", "Assemble", "--work-center", "BENCH"],
            ["routing", "add", "PUMP", "10", "--name", "Assemble", "--work-center", "BENCH"],
            ["equipment", "add", "BENCH-1", "--name", "Bench"], ["operator", "add", "JDOE", "--name", "Jane Doe"],
            ["customer", "add", "ACME", "--name", "Acme"],
        ] { try cli.ok(step) }
        if byRouting { try cli.ok("routing", "add", "VALVE", "90", "--name", "Final inspection", "--work-center", "QA", "--final-inspection") }
        for step in [
            ["wo", "create", "VALVE", "2"], ["wo", "release", "WO26-0001"], ["issue", "R26331-0002", "2", "--wo", "WO26-0001"],
            ["op", "start", "WO26-0001", "10", "--equipment", "BENCH-1", "--operator", "JDOE"],
            ["op", "record", "WO26-0001", "10", "--param", "torque=22Nm"],
            ["produce", "WO26-0001", "2", "--serials", "SN-000001,SN-000002"],
            ["wo", "create", "PUMP", "1"], ["wo", "release", "WO26-0002"],
        ] { try cli.ok(step) }
        return cli
    }

    @Test(arguments: [false, true]) func nothingIsUsedBeforeItIsAccepted(byRouting: Bool) throws {
        let cli = try valves(byRouting: byRouting)
        #expect(try cli.ok("lot", "show", "SN-000001").contains("Status    quarantine"))
        let before = try cli.eventCount()
        for arguments in [
            ["ship", "--customer", "ACME", "--order", "SO-1", "--serial", "SN-000001"], ["issue", "SN-000001", "1", "--wo", "WO26-0002"],
        ] {
            let result = cli.run(arguments)
            #expect(result.exitCode == 67 && result.stderr.contains("error[lot-awaiting-acceptance]"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("lotline inspect SN-000001 --pass"))
        }
        #expect(try cli.eventCount() == before)
        // Acceptance is per unit: passing one serial releases that one only.
        #expect(try cli.ok("inspect", "SN-000001", "--pass", "--result", "leak=0.1ml/min") == "Inspected SN-000001: pass -> released\n")
        #expect(try cli.ok("lot", "show", "SN-000002").contains("Status    quarantine"))
        try cli.ok("ship", "--customer", "ACME", "--order", "SO-1", "--serial", "SN-000001")
        let accepted = try cli.ok("trace", "backward", "SN-000001")
        #expect(accepted.contains("final inspection: pass leak=0.1ml/min"))
        #expect(!(try cli.ok("trace", "backward", "SN-000002")).contains("final inspection"))
    }

    @Test func aRecordBelongsToTheUnitsItNamesOrWhatIsMadeAfterIt() throws {
        let cli = try valves(byRouting: false)
        // Recorded after both serials were made, for one of them: the other never shows it.
        try cli.ok("op", "record", "WO26-0001", "10", "--inspect", "visual=ok", "--pass", "--unit", "SN-000002")
        #expect(try cli.ok("trace", "backward", "SN-000002").contains("torque=22Nm; visual=ok pass"))
        #expect(!(try cli.ok("trace", "backward", "SN-000001")).contains("visual=ok"))
        // A record made after the units, naming none, belongs to none of them.
        try cli.ok("op", "record", "WO26-0001", "10", "--param", "late=1")
        #expect(!(try cli.ok("trace", "backward", "SN-000001")).contains("late=1"))
        let before = try cli.eventCount()
        let refused = cli.run("op", "record", "WO26-0001", "10", "--param", "x=1", "--unit", "SN-000099")
        #expect(refused.exitCode == 67 && refused.stderr.contains("error[unit-not-output]"))
        #expect(try cli.eventCount() == before)
    }
}
