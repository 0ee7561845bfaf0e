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

    @Test func benchReportsWhatItMeasuredAtEachScale() throws {
        let cli = try CLIHarness()
        let work = cli.directory.appendingPathComponent("bench")
        let result = cli.run("bench", "--raw-lots", "15,25", "--traces", "5", "--work-dir", work.path, "--json")
        try #require(result.exitCode == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["raw_lots"] as? Int } == [15, 25])
        for row in rows {
            let rawLots = try #require(row["raw_lots"] as? Int)
            func number(_ field: String) throws -> Double { try #require((row[field] as? NSNumber)?.doubleValue, "no \(field)") }
            // The plant it built and the one it imported from the same history are both left in the work folder.
            let plant = try DatabaseQueue(path: work.appendingPathComponent("n\(rawLots)/plant.sqlite").path)
            let imported = try DatabaseQueue(path: work.appendingPathComponent("n\(rawLots)/imported.sqlite").path)
            func count(_ database: DatabaseQueue, _ sql: String) throws -> Double {
                Double(try database.read { db in try Int.fetchOne(db, sql: sql) ?? -1 })
            }
            // The genealogy: every split or merge link and every consumption link, between the lots they join.
            #expect(try number("edges") == count(plant, "SELECT (SELECT COUNT(*) FROM lot_parents) + (SELECT COUNT(*) FROM genealogy_edges)"))
            let linked = """
                SELECT COUNT(*) FROM (SELECT parent AS lot FROM lot_parents UNION SELECT child FROM lot_parents
                UNION SELECT input FROM genealogy_edges UNION SELECT output FROM genealogy_edges)
                """
            #expect(try number("lots") == count(plant, linked))
            #expect(try count(imported, "SELECT COUNT(*) FROM lots") == count(plant, "SELECT COUNT(*) FROM lots"), "import built the same plant")
            #expect(try number("events") == count(imported, "SELECT COUNT(*) FROM events"), "the generator's events, master data included")
            #expect(try count(plant, "SELECT COUNT(*) FROM events WHERE type = 'recall.drilled'") == 2, "a drill from the snapshot and a cold one")
            // Figures that follow from each other.
            #expect(try number("trace_p50_ms") <= number("trace_p99_ms"))
            #expect(try number("sql_trace_p50_ms") <= number("sql_trace_p99_ms"))
            #expect(try abs(number("speedup") - number("sql_trace_p50_ms") / number("trace_p50_ms")) < 0.01 * number("speedup"))
            for field in [
                "ingest_events_per_s", "import_events_per_s", "open_s", "process_trace_p50_ms", "drill_s", "verify_projections_s",
                "tree_trace_p50_ms",
            ] {
                #expect(try number(field) > 0, "\(field)")
            }
            // Order-level links reach more lots than Lotline's; against the generator's ground truth neither misses one,
            // and Lotline's are the more precise.
            #expect(try number("recall_units_order") >= number("recall_units_edge"))
            #expect(try number("recall_units_edge") > 0)
            #expect(try number("recall_sensitivity_edge") == 1)
            #expect(try number("recall_sensitivity_order") == 1)
            #expect(try number("recall_precision_order") <= number("recall_precision_edge"))
            #expect(try number("recall_precision_edge") > 0 && number("recall_precision_edge") <= 1)
        }
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
