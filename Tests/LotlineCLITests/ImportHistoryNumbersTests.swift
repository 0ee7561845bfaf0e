import Foundation
import LotlineCLI
import Testing

/// ERP history names its own work orders and shipments; a refused line never lets a later line act on another object.
@Suite struct ImportHistoryNumbersTests {
    let setUp = """
        {"command":"item add","part":"RAW","description":"raw bar","uom":"kg"}
        {"command":"item add","part":"A","description":"no routing","uom":"ea"}
        {"command":"item add","part":"B","description":"routed","uom":"ea"}
        {"command":"supplier add","code":"S","name":"Steel Co","approved":true}
        {"command":"customer add","code":"C","name":"Customer"}
        {"command":"bom add","item":"B","component":"RAW","qty":"1"}
        {"command":"routing add","item":"B","seq":10,"name":"Make","work_center":"W"}
        {"command":"equipment add","code":"M1","name":"Mill 1"}
        {"command":"operator add","code":"OP","name":"Op"}
        {"command":"receive","item":"RAW","qty":"10","supplier":"S","supplier_lot":"L1","at":"2010-03-01T07:00Z"}
        """

    func importing(_ lines: String) throws -> (CLIHarness, CLIResult) {
        let cli = try CLIHarness()
        let file = cli.directory.appendingPathComponent("history.jsonl").path
        try (setUp + "\n" + lines + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return (cli, cli.run("import", file))
    }

    @Test func aRefusedCreateNeverLetsTheFilesNextNumberGoToAnotherOrder() throws {
        // The file predicts WO10-0001 for one order and WO10-0002 for B's; the first names an item that does not exist.
        let (cli, result) = try importing(
            """
            {"command":"wo create","item":"AX","qty":"5","at":"2010-03-01T08:00Z"}
            {"command":"wo create","item":"B","qty":"5","at":"2010-03-01T08:01Z"}
            {"command":"wo release","number":"WO10-0001","at":"2010-03-01T08:02Z"}
            {"command":"wo release","number":"WO10-0002","at":"2010-03-01T08:02Z"}
            """)
        #expect(result.exitCode == 65)
        #expect(
            result.stdout.contains("line 11: error[item-not-found]: no item 'AX'; add the item AX\n"),
            "an import says the remedy in words, not as a command")
        #expect(result.stdout.contains("line 12: error[numbering-disturbed]: line 11, which would have taken the next number of work orders"))
        #expect(result.stdout.contains("line 13: error[work-order-not-found]"))
        #expect(result.stdout.contains("line 14: error[work-order-not-found]"))
        #expect(!(try cli.ok("wo", "list").contains("WO10")), "no order was made that a later line could mistake for another")
    }

    @Test func ordersAndShipmentsCarryTheirOwnNumbersAndLinesForARefusedOneFailAlone() throws {
        let (cli, result) = try importing(
            """
            {"command":"wo create","item":"AX","qty":"5","number":"MO/00042","at":"2010-03-01T08:00Z"}
            {"command":"wo create","item":"B","qty":"5","number":"MO/00043","at":"2010-03-01T08:01Z"}
            {"command":"wo release","number":"MO/00042","at":"2010-03-01T08:02Z"}
            {"command":"wo release","number":"MO/00043","at":"2010-03-01T08:02Z"}
            {"command":"issue","lot":"R10060-0001","qty":"5","wo":"MO/00043","at":"2010-03-01T08:03Z"}
            {"command":"op start","wo":"MO/00043","seq":10,"equipment":"M1","operator":"OP","at":"2010-03-01T08:04Z"}
            {"command":"op consume","wo":"MO/00043","seq":10,"lot":"R10060-0001","qty":"5","at":"2010-03-01T08:05Z"}
            {"command":"produce","wo":"MO/00043","qty":"5","lot":"P10060-0077","at":"2010-03-01T09:00Z"}
            {"command":"ship","customer":"C","order":"SO-9","lots":["P10060-0077:2"],"number":"DN-5501","at":"2010-03-02T09:00Z"}
            {"command":"ship","customer":"C","order":"SO-9","lots":["P10060-0077:1"],"number":"DN-5501","at":"2010-03-02T09:00Z"}
            """)
        #expect(result.exitCode == 65)
        #expect(result.stdout.contains("refused 3 "), "\(result.stdout)")
        #expect(result.stdout.contains("line 11: error[item-not-found]"))
        #expect(result.stdout.contains("line 13: error[work-order-not-found]"))
        #expect(result.stdout.contains("line 20: error[shipment-exists]: shipment DN-5501 exists already"))
        let trace = try cli.ok("trace", "forward", "R10060-0001")
        #expect(trace.contains("MO/00043"))
        #expect(trace.contains("shipped 2 ea to C on DN-5501"))
    }

    @Test func theCLITakesTheNumbersToo() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("item", "add", "SHAFT", "--description", "Shaft", "--uom", "ea")
        try cli.ok("routing", "add", "SHAFT", "10", "--name", "Turn", "--work-center", "LATHES")
        #expect(try cli.ok("wo", "create", "SHAFT", "2", "--number", "mo-1001").hasPrefix("Created work order MO-1001:"))
        let again = cli.run("wo", "create", "SHAFT", "2", "--number", "MO-1001")
        #expect(again.exitCode == 67)
        #expect(again.stderr.hasPrefix("error[work-order-exists]: work order MO-1001 exists already"))
        let bad = cli.run("wo", "create", "SHAFT", "2", "--number", "MO 10 01!")
        #expect(bad.exitCode == 65)
        // The scheme goes on from where it was: a hand number does not use one of its numbers.
        #expect(try cli.ok("wo", "create", "SHAFT", "2").hasPrefix("Created work order WO26-0001:"))
    }
}
