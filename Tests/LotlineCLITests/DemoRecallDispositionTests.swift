import Foundation
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// Material consumed at an order that has not produced yet, recalled and dispositioned on the demo plant.
extension DemoPlantTests {
    /// Given the demo's third shaft order consuming 6 kg of recalled steel before it makes anything.
    func consumeAtTheWaitingOrder() throws -> String {
        let order = roles["WO-SHAFT-3"]!
        try cli.ok("op", "start", order, "10", "--equipment", "LATHE-3", "--tool", "T-17", "--operator", "JDOE")
        try cli.ok("op", "consume", order, "10", roles["steel1-b"]!, "6")
        return order
    }

    @Test func forwardTraceShowsMaterialConsumedAtAnOrderThatHasNotProduced() throws {
        let order = try consumeAtTheWaitingOrder()
        let trace = try cli.ok("trace", "forward", "H-2231")
        #expect(trace.contains("consumed 6 kg [order] -> \(order) op 10 Turn  SHAFT-S  output not yet made"))
        let csv = try cli.ok("trace", "forward", "H-2231", "--format", "csv")
        #expect(csv.contains(",\(order),SHAFT-S,,,,,consumed,6,order,order,\(order),10,"))
    }

    @Test func aRecallHoldsTheFutureOutputOfAnOrderThatConsumedItsMaterial() throws {
        let order = try consumeAtTheWaitingOrder()
        let started = try cli.ok("recall", "start", "H-2231", "--reason", "heat below spec")
        #expect(started.contains("future output of 1 work orders held"))
        #expect(started.contains("| \(order) | 10 Turn | SHAFT-S | \(roles["steel1-b"]!) | 6 kg | order | RC26-0001 |"))
        // When the order makes its shafts, they are born on hold with the recall's id, and the report lists them.
        let produced = try cli.ok("produce", order, "5")
        #expect(produced.hasSuffix("-> on_hold\n"))
        let shafts = try #require(produced.split(separator: " ").dropFirst().first.map(String.init))
        #expect(try cli.ok("lot", "show", shafts).contains("Status    on_hold"))
        let report = try cli.ok("recall", "report", "RC26-0001")
        #expect(report.contains("| \(shafts) | released | UNDISPOSITIONED |"))
        #expect(report.contains("| - | \(shafts) | SHAFT-S | 5 ea | on_hold | exact |"))
    }

    @Test func onlyTheRecallsDispositionLiftsItsHold() throws {
        try cli.ok("recall", "start", "H-2231", "--reason", "heat below spec")
        let lot = roles["steel1-b"]!
        #expect(try cli.ok("recall", "list", "--json").contains("\"undispositioned\" : 8"))
        let before = try cli.eventCount()
        // An ordinary release, a rejection, and closing with lots undispositioned are refused and write nothing.
        for (arguments, code) in [
            (["lot", "release", lot, "--reason", "QC-HOLD"], "lot-held-by-recall"),
            (["lot", "reject", lot, "--reason", "QC-HOLD"], "lot-held-by-recall"),
            (["recall", "close", "RC26-0001"], "recall-lots-undispositioned"),
            (["recall", "disposition", "RC26-0001", lot, "--release", "--reason", "NO-SUCH-REASON"], "reason-not-found"),
            (["recall", "disposition", "RC26-0009", lot, "--release", "--reason", "QC-HOLD"], "recall-not-found"),
            (["recall", "disposition", "RC26-0001", roles["alu1"]!, "--release", "--reason", "QC-HOLD"], "lot-not-held-by-recall"),
        ] {
            let result = cli.run(arguments)
            #expect(result.exitCode != 0 && result.stderr.contains("error[\(code)]"), "\(arguments): \(result.stderr)")
        }
        #expect(cli.run("lot", "release", lot, "--reason", "QC-HOLD").stderr.contains("recall RC26-0001 holds it"))
        #expect(try cli.eventCount() == before)
        // The recall's disposition releases it, once, and the report shows who did it and when.
        #expect(try cli.ok("recall", "disposition", "RC26-0001", lot, "--release", "--reason", "QC-HOLD", "--note", "retested OK")
            .hasPrefix("Recall RC26-0001: \(lot) dispositioned release (QC-HOLD) -> released"))
        let again = cli.run("recall", "disposition", "RC26-0001", lot, "--scrap", "--reason", "QC-HOLD")
        #expect(again.stderr.contains("error[lot-already-dispositioned]"))
        let shown = try cli.ok("recall", "show", "RC26-0001")
        #expect(shown.contains("| \(lot) | released | release | QC-HOLD | retested OK | clerk | 2026-11-27T10:00:00+00:00 |"))
        // Scrapping through the recall takes the stock out and keeps the mass balance.
        let held = shown.split(separator: "\n").filter { $0.contains("UNDISPOSITIONED") }.map { String($0.split(separator: "|")[0]).trimmingCharacters(in: .whitespaces) }
        for other in held { try cli.ok("recall", "disposition", "RC26-0001", other, "--scrap", "--reason", "QC-HOLD") }
        #expect(try cli.ok("recall", "list", "--json").contains("\"undispositioned\" : 0"))
        #expect(try cli.ok("recall", "close", "RC26-0001") == "Recall RC26-0001 closed\n")
        #expect(try cli.ok("recall", "list").contains("closed"))
        #expect(try cli.ok("recall", "report", "RC26-0001").contains("Balance holds"))
        #expect(cli.run("recall", "disposition", "RC26-0001", lot, "--rework", "--reason", "QC-HOLD").stderr.contains("error[recall-closed]"))
        // Holds, dispositions and the closed recall are projections: replaying the ledger gives them back exactly.
        let live = try LotlineStore(path: cli.db).projectionDump()
        try cli.ok("admin", "rebuild")
        #expect(try LotlineStore(path: cli.db).projectionDump() == live)
    }

    @Test func heldOutputAndRecallHoldsRebuildFromTheLedger() throws {
        let order = try consumeAtTheWaitingOrder()
        try cli.ok("recall", "start", "H-2231", "--reason", "heat below spec")
        try cli.ok("produce", order, "5")
        try cli.ok("lot", "split", roles["steel1-b"]!, "--qty", "1")
        let live = try LotlineStore(path: cli.db).projectionDump()
        #expect(live["recall_holds"]?.count ?? 0 > 9)
        #expect(live["work_order_holds"]?.count == 1)
        try cli.ok("admin", "rebuild")
        #expect(try LotlineStore(path: cli.db).projectionDump() == live)
    }
}
