import Foundation
import GRDB
import LotlineCLI
import Testing

@Suite struct GenerateBenchCLITests {
    @Test func generatePrintsTheShapeAndRefusesAFullDatabase() throws {
        let cli = try CLIHarness()
        let out = try cli.ok("generate", "--raw-lots", "12", "--seed", "4")
        #expect(out.contains("Raw lots received            12"))
        #expect(out.contains("Refused commands             0"))
        #expect(out.contains("Trace index                  built and saved beside the database"))
        #expect(FileManager.default.fileExists(atPath: cli.db + "-index"))
        let truth = try String(contentsOfFile: cli.db + "-truth.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(truth.filter { $0.hasPrefix(#"{"kind":"received","input":"H-"#) }.count == 12)
        #expect(out.contains("Ground truth                 \(truth.count) links in \(cli.db)-truth.jsonl"))
        #expect(try cli.ok("audit", "verify").hasPrefix("OK: "))
        let again = cli.run("generate", "--raw-lots", "12")
        #expect(again.exitCode == 67)
        #expect(again.stderr.hasPrefix("error[database-not-empty]"))
    }

    @Test func benchReportsEveryFieldPerScale() throws {
        let cli = try CLIHarness()
        let result = cli.run(
            "bench", "--raw-lots", "15,25", "--traces", "5", "--work-dir", cli.directory.appendingPathComponent("bench").path, "--json")
        try #require(result.exitCode == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["raw_lots"] as? Int } == [15, 25])
        for field in [
            "edges", "ingest_events_per_s", "import_events_per_s", "open_s", "open_snapshot_s", "index_bytes_per_edge", "trace_p50_ms",
            "trace_p99_ms",
            "sql_trace_p50_ms", "sql_trace_p99_ms", "speedup", "drill_s", "drill_cold_s", "process_trace_p50_ms", "verify_projections_s",
            "recall_units_edge", "recall_units_order",
            "recall_sensitivity_edge", "recall_precision_edge", "recall_sensitivity_order", "recall_precision_order",
        ] {
            #expect(rows.allSatisfy { $0[field] != nil }, "missing \(field)")
        }
        #expect(rows.allSatisfy { ($0["recall_units_order"] as? Int ?? 0) >= ($0["recall_units_edge"] as? Int ?? 1) })
        // Against the generator's ground truth, Lotline's links never miss a lot that truly holds a heat.
        #expect(rows.allSatisfy { $0["recall_sensitivity_edge"] as? Double == 1 })
    }

    @Test func benchMeasuresAnExistingPlantWithoutIngest() throws {
        let cli = try CLIHarness()
        _ = try cli.ok("generate", "--raw-lots", "20", "--seed", "3")
        let result = cli.run("bench", "--plant", cli.db, "--traces", "5", "--json")
        try #require(result.exitCode == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["raw_lots"] as? Int == 20)
        #expect((rows.first?["edges"] as? Int ?? 0) > 0)
        #expect(rows.first?["ingest_events_per_s"] == nil)
        #expect(rows.first?["trace_p50_ms"] != nil)
        #expect(rows.first?["recall_sensitivity_edge"] as? Double == 1, "generate left its ground truth beside the plant")
        #expect(rows.first?["verify_projections_s"] != nil)
        let missing = cli.run("bench", "--plant", cli.directory.appendingPathComponent("none.sqlite").path)
        #expect(missing.exitCode != 0)
        #expect(missing.stderr.contains("database-not-found"))
    }

    @Test func benchMeasuresACopyOfAnyPlantAndRecordsNothingInIt() throws {
        // A plant with no heats and no item named FIN...: receipts, a made lot, nothing else.
        let cli = try CLIHarness.plant()
        for step in [
            ["item", "add", "BRKT", "--description", "Bracket", "--uom", "ea"], ["bom", "add", "BRKT", "BOLT-M8", "1"],
            ["routing", "add", "BRKT", "10", "--name", "Machine", "--work-center", "CELL"], ["equipment", "add", "MILL-2", "--name", "Mill"],
            ["operator", "add", "JDOE", "--name", "Jane Doe"], ["wo", "create", "BRKT", "2"], ["wo", "release", "WO26-0001"],
            ["issue", "R26331-0002", "2", "--wo", "WO26-0001"], ["op", "start", "WO26-0001", "10", "--equipment", "MILL-2", "--operator", "JDOE"],
            ["op", "consume", "WO26-0001", "10", "R26331-0002", "2"], ["produce", "WO26-0001", "2"],
        ] { try cli.ok(step) }
        try DatabaseQueue(path: cli.db).write { db in try db.execute(sql: "UPDATE supplier_lots SET heat = NULL, heat_key = NULL") }
        let before = try cli.eventCount()
        let result = cli.run("bench", "--plant", cli.db, "--traces", "3", "--json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try cli.eventCount() == before, "the drills were recorded in the copy, never in the plant measured")
    }
}
