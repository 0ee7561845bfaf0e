import Foundation
import GRDB
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// The ledger proves the projections and the caches: edits behind its back are found and named.
extension DemoPlantTests {
    func tamper(_ sql: String) throws {
        try DatabaseQueue(path: cli.db).write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_append_only_update; DROP TRIGGER IF EXISTS events_append_only_delete")
            try db.execute(sql: sql)
        }
    }

    @Test func projectionsMatchTheLedgerOnAnUntouchedPlant() throws {
        try cli.ok("trace", "forward", "H-2231")  // saves the trace index beside the database
        let result = try cli.ok("audit", "verify", "--projections")
        #expect(result.contains("\nProjections: "))
        #expect(result.contains("Trace index: matches at event "), "\(result)")
    }

    @Test func aProjectionEditedBehindTheLedgersBackIsNamedAndItsConsequenceCannotBeReplayed() throws {
        let held = roles["steel2"]!
        try tamper("UPDATE lots SET quantity = '9999', status = 'released' WHERE number = '\(held)'")
        #expect(try cli.ok("audit", "verify").hasPrefix("OK"), "the chain itself is intact")
        let verify = cli.run("audit", "verify", "--projections")
        #expect(verify.exitCode == 70)
        #expect(
            verify.stdout.hasPrefix("FAILED: lots (number=\"\(held)\"): column quantity is \"9999\" live but \"800\" in the ledger's replay"),
            "\(verify.stdout)")

        // The edited state lets a command through that the ledger cannot carry; a rebuild names it instead of crashing.
        try cli.ok("issue", held, "9000", "--wo", roles["WO-SHAFT-3"]!)
        let rebuild = cli.run("admin", "rebuild")
        #expect(rebuild.exitCode == 70)
        #expect(rebuild.stderr.hasPrefix("error[event-not-replayable]: event "), "\(rebuild.stderr)")
        #expect(rebuild.stderr.contains("(material.issued, id "))
    }

    @Test(arguments: [
        "DELETE FROM events; DELETE FROM ledger_head",
        "DELETE FROM events WHERE seq > 100; UPDATE ledger_head SET seq = 100, hash = (SELECT hash FROM events WHERE seq = 100)",
    ])
    func projectionsWithoutTheirLedgerFailPlainVerify(sql: String) throws {
        try tamper(sql)
        let verify = cli.run("audit", "verify")
        #expect(verify.exitCode == 70)
        #expect(verify.stdout.hasPrefix("FAILED: the "), "\(verify.stdout)")
        #expect(verify.stdout.contains("events were deleted"))
    }

    @Test func aForgedTraceIndexIsCaughtByComparingItWithTheLedger() throws {
        try cli.ok("trace", "forward", "H-2231")
        let path = LotlineStore.traceIndexSnapshotPath(database: cli.db)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let (saved, position) = try data.withUnsafeBytes { try GenealogyIndex.fromSnapshot($0) }
        // Drop one shipped serial's link to its shaft and write the index back with a valid SHA-256 seal, as a forger would.
        var links: [GenealogyIndex.Link] = []
        for lot in saved.lotNumbers { links += saved.edges(of: lot, .forward).map(saved.link) }
        let dropped = try #require(links.first { $0.output == "SN-000001" })
        var forged = GenealogyIndex(links: links.filter { $0 != dropped })
        try Data(forged.snapshot(at: position)).write(to: URL(fileURLWithPath: path))

        let verify = cli.run("audit", "verify", "--projections")
        #expect(verify.exitCode == 70)
        #expect(verify.stdout.hasPrefix("FAILED: the saved trace index at event \(position.seq): lot "), "\(verify.stdout)")

        // A recall never rests on the cache alone: the forged index cannot make it drop the unit or its customer.
        let drill = try cli.ok("recall", "drill", "H-2231")
        #expect(drill.contains("**Warning:** the saved trace index disagreed with the projections on "), "\(drill)")
        #expect(drill.contains("| ACME-AERO |"))
        #expect(drill.contains("SN-000001"))
        #expect(!FileManager.default.fileExists(atPath: path), "the forged index was dropped, to be built again from the projections")
        #expect(try cli.ok("trace", "forward", "H-2231").contains("SN-000001"))
    }

    @Test func aHeadRecordedElsewhereAnchorsTheLedger() throws {
        let head = try #require(try cli.ok("audit", "verify").split(separator: " ").last.map { String($0) })
        try cli.ok("lot", "move", roles["steel2"]!, "--to", "RACK-A1")
        #expect(try cli.ok("audit", "verify", "--expect-head", head).contains("Anchored: event "))
        let other = cli.run("audit", "verify", "--expect-head", String(repeating: "ab", count: 32))
        #expect(other.exitCode == 70)
        #expect(other.stdout.hasPrefix("FAILED: no event of this ledger has the expected head hash"))
    }
}
