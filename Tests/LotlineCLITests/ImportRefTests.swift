import Foundation
import GRDB
import LotlineCLI
import Testing

/// A line's `ref` (the source system's id) is stored on its event, hash-chained, and never applied twice, whichever file
/// repeats it.
@Suite struct ImportRefTests {
    let master = """
        {"command":"item add","part":"ST-4140","description":"4140 bar","uom":"kg"}
        {"command":"supplier add","code":"NORTHSTAR","name":"Northstar Steel","approved":true}
        """

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws -> String {
        let path = cli.directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRepeatedRefIsRefusedWhateverFileCarriesIt() throws {
        let cli = try CLIHarness()
        let receipt = """
            {"command":"receive","item":"ST-4140","qty":"100","supplier":"NORTHSTAR","supplier_lot":"NS-1","ref":"ERP-RCPT-0001","at":"2026-11-02T07:00Z"}
            """
        try cli.ok("import", try write(cli, "first.jsonl", master + "\n" + receipt))
        let events = try cli.eventCount()
        // A later export that overlaps the first: the master data lines are refused by their own rules, the receipt by its ref.
        let second = cli.run("import", try write(cli, "second.jsonl", receipt + "\n"))
        #expect(second.exitCode == 65)
        #expect(second.stdout.contains("line 1: error[ref-already-applied]: ref 'ERP-RCPT-0001' was applied already, as event 3 (lot.received"))
        #expect(try cli.eventCount() == events + 1, "only the second file's own progress is recorded")
        #expect(try cli.ok("lot", "list").split(separator: "\n").count == 2)

        // The ref is on the event, and it is hashed: changing it breaks the chain.
        let history = try cli.ok("history", "R26306-0001", "--json")
        #expect(history.contains("\"ref\" : \"ERP-RCPT-0001\""))
        #expect(try cli.ok("audit", "verify").hasPrefix("OK"))
        try DatabaseQueue(path: cli.db).write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_update; UPDATE events SET ref = 'ERP-RCPT-0002' WHERE seq = 3")
        }
        let verify = cli.run("audit", "verify")
        #expect(verify.exitCode == 70)
        #expect(verify.stdout.hasPrefix("FAILED: event 3 (lot.received"))
    }

    @Test(arguments: [(#""ref":"""#, "ref-missing"), (#""ref":12"#, "ref-invalid")])
    func aRefMustBeText(field: String, code: String) throws {
        let cli = try CLIHarness()
        let line = #"{"command":"item add","part":"BOLT","description":"bolt","uom":"ea",\#(field)}"#
        let result = cli.run("import", try write(cli, "bad.jsonl", line))
        #expect(result.exitCode == 65)
        #expect(result.stdout.contains("line 1: error[\(code)]"), "\(result.stdout)")
        #expect(try cli.eventCount() == 1, "only the import's own progress is recorded")
    }
}
