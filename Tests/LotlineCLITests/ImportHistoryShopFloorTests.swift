import Foundation
import LotlineCLI
import LotlineStore
import Testing

/// An ERP's history keeps no machine, operator or routing: the record says "not recorded", never an invented value,
/// and the rules that needed them say they could not be checked.
@Suite struct ImportHistoryShopFloorTests {
    let history = """
        {"command":"item add","part":"RAW","description":"raw bar","uom":"kg"}
        {"command":"item add","part":"FG","description":"finished, no routing in the ERP","uom":"ea"}
        {"command":"item add","part":"PIN","description":"pin","uom":"ea"}
        {"command":"supplier add","code":"S","name":"Steel Co","approved":true}
        {"command":"bom add","item":"FG","component":"RAW","qty":"1"}
        {"command":"bom add","item":"PIN","component":"RAW","qty":"1"}
        {"command":"routing add","item":"PIN","seq":10,"name":"Turn","work_center":"LATHES","requires":"TURNING"}
        {"command":"receive","item":"RAW","qty":"10","supplier":"S","supplier_lot":"A","heat":"HA","at":"2019-05-02T07:00Z"}
        {"command":"wo create","item":"FG","qty":"2","number":"MO-1","at":"2019-05-02T08:00Z"}
        {"command":"wo release","number":"MO-1","at":"2019-05-02T08:00Z"}
        {"command":"issue","lot":"R19122-0001","qty":"2","wo":"MO-1","at":"2019-05-02T08:10Z"}
        {"command":"op start","wo":"MO-1","seq":10,"at":"2019-05-02T08:20Z"}
        {"command":"op consume","wo":"MO-1","seq":10,"lot":"R19122-0001","qty":"2","at":"2019-05-02T08:30Z"}
        {"command":"produce","wo":"MO-1","qty":"2","lot":"P19122-0001","at":"2019-05-02T09:00Z"}
        {"command":"wo create","item":"PIN","qty":"2","number":"MO-2","at":"2019-05-02T08:00Z"}
        {"command":"wo release","number":"MO-2","at":"2019-05-02T08:00Z"}
        {"command":"op start","wo":"MO-2","seq":10,"at":"2019-05-02T08:20Z"}
        """

    @Test func missingShopFloorFactsAreRecordedAsMissingAndTheirRulesAsUnchecked() throws {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("erp.jsonl").path
        try history.write(toFile: file, atomically: true, encoding: .utf8)
        let result = cli.run("import", file)
        #expect(result.exitCode == 0, "\(result.stdout)")
        let show = try cli.ok("wo", "show", "MO-1")
        #expect(show.contains("10   not recorded  started  not recorded  -     not recorded  -"), "\(show)")
        let trace = try cli.ok("trace", "backward", "P19122-0001")
        #expect(trace.contains("    op 10 not recorded: operator, equipment not recorded\n"), "\(trace)")
        #expect(trace.contains("consumed 2 kg [exact] MO-1 op 10 not recorded <- R19122-0001"))
        let pin = try cli.ok("wo", "show", "MO-2")
        #expect(pin.contains("10   Turn  started  not recorded  -     not recorded  -"), "\(pin)")
        #expect(pin.contains("Not checked (imported history that did not record who or what ran it): op 10: qualification TURNING"))
        let events = try cli.ok("history", "R19122-0001", "--json")
        #expect(!events.contains("\"operator_code\" : \"clerk\""), "no operator is invented from the importing user")
    }

    @Test func theFloorItselfMustStillNameItsMachineAndOperator() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("item", "add", "SHAFT", "--description", "Shaft", "--uom", "ea")
        try cli.ok("routing", "add", "SHAFT", "10", "--name", "Turn", "--work-center", "LATHES")
        try cli.ok("operator", "add", "JDOE", "--name", "Jane Doe")
        try cli.ok("wo", "create", "SHAFT", "1")
        try cli.ok("wo", "release", "WO26-0001")
        let noMachine = cli.run("op", "start", "WO26-0001", "10", "--operator", "JDOE")
        #expect(noMachine.exitCode == 65)
        #expect(noMachine.stderr.hasPrefix("error[equipment-missing]"))
        let noRouting = cli.run("wo", "create", "BOLT-M8", "5")
        #expect(noRouting.exitCode == 67)
        #expect(noRouting.stderr.hasPrefix("error[routing-missing]"))
    }

    @Test func anOutsideProcessInHistoryMayLackItsProcessorAndCertificate() throws {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("erp.jsonl").path
        try """
        {"command":"item add","part":"RAW","description":"raw bar","uom":"kg"}
        {"command":"item add","part":"HT","description":"heat treated","uom":"ea"}
        {"command":"supplier add","code":"S","name":"Steel Co","approved":true}
        {"command":"bom add","item":"HT","component":"RAW","qty":"1"}
        {"command":"routing add","item":"HT","seq":10,"name":"Heat treat","work_center":"OUTSIDE","special_process":"HEAT-TREAT"}
        {"command":"receive","item":"RAW","qty":"10","supplier":"S","supplier_lot":"A","heat":"HA","at":"2019-05-02T07:00Z"}
        {"command":"wo create","item":"HT","qty":"2","number":"MO-3","at":"2019-05-02T08:00Z"}
        {"command":"wo release","number":"MO-3","at":"2019-05-02T08:00Z"}
        {"command":"issue","lot":"R19122-0001","qty":"2","wo":"MO-3","at":"2019-05-02T08:10Z"}
        {"command":"op start","wo":"MO-3","seq":10,"at":"2019-05-02T08:20Z"}
        {"command":"op consume","wo":"MO-3","seq":10,"lot":"R19122-0001","qty":"2","at":"2019-05-02T08:30Z"}
        {"command":"op complete","wo":"MO-3","seq":10,"good":"2","at":"2019-05-02T12:00Z"}
        {"command":"produce","wo":"MO-3","qty":"2","lot":"P19122-0001","at":"2019-05-02T13:00Z"}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = cli.run("import", file)
        #expect(result.exitCode == 0, "\(result.stdout)")
        let trace = try cli.ok("trace", "backward", "P19122-0001")
        #expect(
            trace.contains("op 10 Heat treat: operator, processor, job certificate not recorded; accreditation HEAT-TREAT not checked"),
            "\(trace)")
        let live = try LotlineStore(path: cli.db).projectionDump()
        try cli.ok("admin", "rebuild")
        #expect(try LotlineStore(path: cli.db).projectionDump() == live)
    }
}
