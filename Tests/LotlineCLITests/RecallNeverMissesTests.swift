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
