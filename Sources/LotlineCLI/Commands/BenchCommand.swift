import ArgumentParser
import Foundation
import LotlineCore
import LotlineFixtures
import LotlineServer
import LotlineStore

/// The benchmark: builds plants at several scales and measures ingest, import, open, traces, drills and over-linking.
struct BenchCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Lotline on generated plants: ingest, import, open, trace latency against recursive SQL, drill time, over-linking.",
        discussion:
            "Run from a release build: swift build -c release --static-swift-stdlib && .build/release/lotline bench --raw-lots 1000,10000,100000")
    @Option(help: "Scales, in raw lots, comma-separated.") var rawLots = "1000,10000"
    @Option(help: "Traces per direction at each scale.") var traces = 200
    @Option(help: "Random seed for the plants and the samples.") var seed: UInt64 = 42
    @Option(help: "Where to build the plants (default: a temporary folder, removed afterwards).") var workDir: String?
    @Option(
        name: .customLong("plant"),
        help: """
            Measure a copy of an existing database instead of building plants: open, traces, drill, verification and over-linking \
            (no ingest or import). The plant itself is only read: its drills are recorded in the copy.
            """)
    var plant: String?
    @Flag(help: "Measure a hold's impact on a schedule instead: a generated plant of released orders is scheduled, then a lot is held.")
    var holdImpact = false
    @Option(help: "With --hold-impact: released work orders.") var orders = 1_000
    @Option(help: "With --hold-impact: operations per order.") var operationsPerOrder = 10
    @Option(help: "With --hold-impact: search iterations of the schedule.") var iterations = 2_000
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        if holdImpact {
            guard orders > 0, operationsPerOrder > 0, iterations >= 0 else {
                throw LotlineError.badInput("bench-size-invalid", "--orders and --operations-per-order take positive numbers", value: "\(orders)")
            }
            let base = workDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("lotline-bench-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            defer { if workDir == nil { try? FileManager.default.removeItem(atPath: base) } }
            let result = try HoldImpactBench.run(
                orders: orders, operationsPerOrder: operationsPerOrder, seed: seed, dir: base, iterations: iterations)
            return CLIOutput(text: result.table, json: result)
        }
        if let plant {
            guard FileManager.default.fileExists(atPath: plant) else {
                throw LotlineError.notFound("database-not-found", "no database at \(plant)", value: plant)
            }
            let base = workDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("lotline-bench-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            defer { if workDir == nil { try? FileManager.default.removeItem(atPath: base) } }
            let copy = (base as NSString).appendingPathComponent("plant.sqlite")
            try? FileManager.default.removeItem(atPath: copy)
            try LotlineStore(path: plant).backup(to: copy)
            let truth = PlantGenerator.truthPath(forDatabase: plant)
            if FileManager.default.fileExists(atPath: truth) {
                try? FileManager.default.removeItem(atPath: PlantGenerator.truthPath(forDatabase: copy))
                try FileManager.default.copyItem(atPath: truth, toPath: PlantGenerator.truthPath(forDatabase: copy))
            }
            let result = try BenchRun(rawLots: 0, seed: seed, traces: traces, dir: base, executable: context.executable).measure(
                plantPath: copy, ingest: nil)
            return CLIOutput(text: BenchResult.table([result]), json: [result])
        }
        let scales = try rawLots.split(separator: ",").map { text -> Int in
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 0 else {
                throw LotlineError.badInput(
                    "raw-lots-invalid", "--raw-lots takes positive numbers separated by commas, got '\(rawLots)'", value: rawLots)
            }
            return n
        }
        let base = workDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("lotline-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { if workDir == nil { try? FileManager.default.removeItem(atPath: base) } }
        var results: [BenchResult] = []
        for scale in scales {
            let dir = (base as NSString).appendingPathComponent("n\(scale)")
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            results.append(try BenchRun(rawLots: scale, seed: seed, traces: traces, dir: dir, executable: context.executable).run())
        }
        return CLIOutput(text: BenchResult.table(results), json: results)
    }
}

/// One scale's measurements; the JSON field names are the benchmark's stable interface.
struct BenchResult: Codable {
    var rawLots: Int
    var lots: Int
    var edges: Int
    var events: Int
    /// Absent when an existing plant was measured.
    var ingestEventsPerS: Double?
    var importEventsPerS: Double?
    /// Opening and building the index from the projections (and saving its snapshot), as the first process does.
    var openS: Double
    /// Opening and loading the index from the snapshot beside the database, as every later process does.
    var openSnapshotS: Double
    var indexBytesPerEdge: Double
    var rssMb: Double
    var traceP50Ms: Double
    var traceP99Ms: Double
    var sqlTraceP50Ms: Double
    var sqlTraceP99Ms: Double
    var speedup: Double
    /// A whole `reach` call (read transaction and catch-up included), p50.
    var callTraceP50Ms: Double
    /// A whole trace tree with every lot's facts, as `trace` prints it, p50.
    var treeTraceP50Ms: Double
    /// A drill process started with the index snapshot in place.
    var drillS: Double
    /// A drill process that must build the index from the projections first.
    var drillColdS: Double
    /// A whole `lotline trace forward LOT --format lots` process, start-up included, with the snapshot in place: p50.
    var processTraceP50Ms: Double
    /// `audit verify --projections`: the chain, every projection replayed and compared, and the trace index.
    var verifyProjectionsS: Double
    /// The web trace page (read and rendered, table and graph) forward from the recall start that reaches most, p50 of 5.
    var tracePageMs: Double
    /// How many lots that page shows.
    var tracePageLots: Int
    var recallUnitsEdge: Int
    var recallUnitsOrder: Int
    /// Against the generator's ground truth (absent for a plant without one): share of truly affected lots reached, and
    /// share of lots reached that truly hold the heat, for Lotline's links and for order-level linking.
    var recallSensitivityEdge: Double?
    var recallPrecisionEdge: Double?
    var recallSensitivityOrder: Double?
    var recallPrecisionOrder: Double?

    static func table(_ results: [BenchResult]) -> String {
        let rows = results.map { r in
            [
                String(r.rawLots), String(r.edges), String(r.events), r.ingestEventsPerS.map { String(format: "%.0f", $0) } ?? "-",
                r.importEventsPerS.map { String(format: "%.0f", $0) } ?? "-",
                String(format: "%.2f", r.openS), String(format: "%.2f", r.openSnapshotS), String(format: "%.1f", r.indexBytesPerEdge),
                String(format: "%.0f", r.rssMb),
                String(format: "%.4f", r.traceP50Ms), String(format: "%.4f", r.traceP99Ms), String(format: "%.3f", r.sqlTraceP50Ms),
                String(format: "%.3f", r.sqlTraceP99Ms), String(format: "%.0fx", r.speedup), String(format: "%.3f", r.callTraceP50Ms),
                String(format: "%.2f", r.treeTraceP50Ms),
                String(format: "%.2f", r.drillS), String(format: "%.2f", r.drillColdS), String(format: "%.1f", r.processTraceP50Ms),
                String(format: "%.1f", r.verifyProjectionsS), String(format: "%.0f (%d lots)", r.tracePageMs, r.tracePageLots),
                "\(r.recallUnitsEdge) vs \(r.recallUnitsOrder) (\(String(format: "%.1fx", Double(r.recallUnitsOrder) / Double(max(r.recallUnitsEdge, 1)))))",
                score(r.recallSensitivityEdge, r.recallPrecisionEdge), score(r.recallSensitivityOrder, r.recallPrecisionOrder),
            ]
        }
        return Table(
            headers: [
                "RAW LOTS", "EDGES", "EVENTS", "INGEST EV/S", "IMPORT EV/S", "OPEN S", "SNAPSHOT S", "B/EDGE", "RSS MB", "TRACE P50 MS", "P99 MS",
                "SQL P50 MS",
                "SQL P99 MS", "SPEEDUP", "CALL P50 MS", "TREE P50 MS", "DRILL S", "COLD DRILL S", "PROCESS TRACE MS", "VERIFY S",
                "TRACE PAGE MS", "RECALL UNITS EDGE VS ORDER",
                "SENS/PREC EDGE", "SENS/PREC ORDER",
            ], rows: rows
        ).render()
    }

    /// Sensitivity / precision as percentages, or `-` for a plant without ground truth.
    private static func score(_ sensitivity: Double?, _ precision: Double?) -> String {
        guard let sensitivity, let precision else { return "-" }
        return String(format: "%.1f%% / %.1f%%", sensitivity * 100, precision * 100)
    }
}

/// The measurements at one scale.
struct BenchRun {
    let rawLots: Int
    let seed: UInt64
    let traces: Int
    let dir: String
    /// The `lotline` program to time whole processes with; nil runs them in-process (inside the tests).
    let executable: String?

    func run() throws -> BenchResult {
        let plantPath = (dir as NSString).appendingPathComponent("plant.sqlite")
        let linesPath = (dir as NSString).appendingPathComponent("plant.jsonl")
        let progress = ProgressBar(total: rawLots, label: "raw lots (generate \(rawLots))")

        // Ingest through the generator; time spent writing the import file is left out.
        guard let linesFile = fopen(linesPath, "w") else { throw LotlineError.badInput("file-unwritable", "cannot write \(linesPath)") }
        var generator = PlantGenerator(rawLots: rawLots, seed: seed)
        var recording = 0.0
        generator.recorder = { line in
            let start = Date()
            fputs(line() + "\n", linesFile)
            recording += Date().timeIntervalSince(start)
        }
        var store: LotlineStore? = try LotlineStore(path: plantPath)
        let ingestStart = Date()
        try generator.run(in: store!) { done, counts in progress.update(done, note: "\(counts.events) events") }
        let ingestSeconds = Date().timeIntervalSince(ingestStart) - recording
        fclose(linesFile)
        progress.finish()
        let events = generator.counts.events
        // The ground truth goes beside the plant, where `measure` (and `bench --plant`) read it back.
        try generator.writeTruth(to: PlantGenerator.truthPath(forDatabase: plantPath))
        generator = PlantGenerator(rawLots: 0, seed: seed)
        store = nil

        // Import the same history into a new file.
        let imported = try LotlineStore(path: (dir as NSString).appendingPathComponent("imported.sqlite"))
        guard let lines = LineReader(path: linesPath) else { throw LotlineError.notFound("file-not-found", "cannot read \(linesPath)") }
        let importProgress = ProgressBar(total: max(1, lines.byteCount), label: "bytes (import)")
        let report = try imported.importLines(lines, atomic: false, actor: "import", timeZone: .utc) { _ in
            importProgress.update(lines.bytesRead)
        }
        importProgress.finish()
        let ingest = Ingest(
            events: events, generatorEventsPerS: Double(events) / max(ingestSeconds, 0.001),
            importEventsPerS: Double(report.events) / max(report.seconds, 0.001))
        return try measure(plantPath: plantPath, ingest: ingest)
    }

    /// What building a plant measured.
    struct Ingest {
        var events: Int
        var generatorEventsPerS: Double
        var importEventsPerS: Double
    }

    /// Open, traces, drill and over-linking on a plant's database.
    func measure(plantPath: String, ingest: Ingest?) throws -> BenchResult {
        // Open and index: first from the projections (no snapshot yet), then from the snapshot that saved.
        let snapshotPath = LotlineStore.traceIndexSnapshotPath(database: plantPath)
        try? FileManager.default.removeItem(atPath: snapshotPath)
        let openStart = Date()
        let plant = try LotlineStore(path: plantPath)
        let index = try plant.buildTraceIndex()
        let openSeconds = Date().timeIntervalSince(openStart)
        let snapshotStart = Date()
        _ = try LotlineStore(path: plantPath).buildTraceIndex()
        let openSnapshotSeconds = Date().timeIntervalSince(snapshotStart)

        // Traces: forward from raw lots, backward from finished lots (made, and no component of anything); index against
        // recursive SQL, same lots.
        let forward = try plant.sampleLots(origin: .receipt, count: traces, seed: seed)
        let backward = try plant.sampleFinishedLots(count: traces, seed: seed + 1)
        let samples = forward.map { ($0, TraceDirection.forward) } + backward.map { ($0, TraceDirection.backward) }
        let timings = try plant.timeTraces(samples)

        // Recalls start from heats; a plant that records none starts them from single receipts.
        let heats = try plant.sampleHeats(count: 50, seed: seed)
        let starts = heats.isEmpty ? forward.prefix(50).map(\.rawValue) : heats
        func lots(of start: String) throws -> [LotNumber] { heats.isEmpty ? [LotNumber(rawValue: start)] : try plant.lotsOfHeat(start) }

        // A whole trace process and a drill, each from start-up to its answer, as a user runs them.
        var processTraces: [Double] = []
        for lot in forward.prefix(15) {
            processTraces.append(try timeProcess(["trace", "forward", lot.rawValue, "--format", "lots", "--json", "--db", plantPath]) * 1000)
        }
        guard let firstStart = starts.first else {
            throw LotlineError.refused("plant-empty", "the plant has no receipts to trace or recall from", value: plantPath)
        }
        let drillSeconds = try timeProcess(["recall", "drill", firstStart, "--db", plantPath, "--json"])
        try? FileManager.default.removeItem(atPath: snapshotPath)
        let drillColdSeconds = try timeProcess(["recall", "drill", starts.dropFirst().first ?? firstStart, "--db", plantPath, "--json"])
        let verifySeconds = try plant.verifyProjections().seconds

        // Over-linking: what recalls from the same starts reach with Lotline's links and with order-level links.
        let orderLevel = try plant.orderLevelIndex()
        var unitsEdge = 0
        var unitsOrder = 0
        var widest = (start: firstStart, reach: -1)
        for start in starts {
            let starts = try lots(of: start)
            let reached = try plant.reach(starts, direction: .forward).count - starts.count
            if reached > widest.reach { widest = (start, reached) }
            unitsEdge += reached
            unitsOrder += orderLevel.reach(from: starts.map(\.rawValue), .forward).count - starts.count
        }

        // Recall sensitivity and precision against the generator's ground truth, when the plant has one.
        var truthScores: (edge: RecallScore, order: RecallScore)?
        if let truth = try GroundTruth.read(path: PlantGenerator.truthPath(forDatabase: plantPath)) {
            var edge = RecallScore()
            var order = RecallScore()
            for heat in heats {
                let real = truth.reach(ofHeat: heat).lots
                let starts = try lots(of: heat)
                edge.add(truth: real, reached: Set(try plant.reach(starts, direction: .forward).map(\.lot)))
                order.add(truth: real, reached: Set(orderLevel.reach(from: starts.map(\.rawValue), .forward).map(\.lot)))
            }
            truthScores = (edge, order)
        }

        // The trace page a quality engineer opens for the recall that reaches most.
        var pageTimes: [Double] = []
        var pageLots = 0
        let today = BusinessTime(date: Date(), timeZone: .current).day
        for _ in 0..<5 {
            let started = Date()
            pageLots = try renderTracePage(widest.start, direction: .forward, backend: plant, today: today).lots
            pageTimes.append(Date().timeIntervalSince(started) * 1000)
        }

        let shape = try plant.benchShape()
        return BenchResult(
            rawLots: shape.rawLots, lots: index.lots, edges: index.edges, events: ingest?.events ?? shape.events,
            ingestEventsPerS: ingest?.generatorEventsPerS, importEventsPerS: ingest?.importEventsPerS, openS: openSeconds,
            openSnapshotS: openSnapshotSeconds,
            indexBytesPerEdge: Double(index.bytes) / Double(max(index.edges, 1)), rssMb: Self.residentMegabytes(),
            traceP50Ms: Self.percentile(timings.index, 50), traceP99Ms: Self.percentile(timings.index, 99),
            sqlTraceP50Ms: Self.percentile(timings.sql, 50), sqlTraceP99Ms: Self.percentile(timings.sql, 99),
            speedup: Self.percentile(timings.sql, 50) / max(Self.percentile(timings.index, 50), 0.000_001),
            callTraceP50Ms: Self.percentile(timings.call, 50), treeTraceP50Ms: Self.percentile(timings.tree, 50),
            drillS: drillSeconds, drillColdS: drillColdSeconds, processTraceP50Ms: Self.percentile(processTraces, 50),
            verifyProjectionsS: verifySeconds, tracePageMs: Self.percentile(pageTimes, 50), tracePageLots: pageLots, recallUnitsEdge: unitsEdge,
            recallUnitsOrder: unitsOrder,
            recallSensitivityEdge: truthScores?.edge.sensitivity, recallPrecisionEdge: truthScores?.edge.precision,
            recallSensitivityOrder: truthScores?.order.sensitivity, recallPrecisionOrder: truthScores?.order.precision)
    }

    /// Times a command as a user runs it: a new `lotline` process, start-up included. Inside another program (the tests),
    /// where there is no `lotline` executable to start, the same command runs in-process.
    private func timeProcess(_ arguments: [String]) throws -> Double {
        let start = Date()
        guard let executable else {
            let result = CLIRunner.run(arguments)
            guard result.exitCode == 0 else {
                throw LotlineError(.internal, "bench-command-failed", "lotline \(arguments.joined(separator: " ")) failed: \(result.stderr)")
            }
            return Date().timeIntervalSince(start)
        }
        // Spawned and waited for directly: Foundation's `Process.waitUntilExit` polls its run loop every 50 ms here, which
        // would be measured as the command's time.
        let status = try ChildProcess.run(executable, arguments)
        guard status == 0 else {
            throw LotlineError(.internal, "bench-command-failed", "lotline \(arguments.joined(separator: " ")) exited with \(status)")
        }
        return Date().timeIntervalSince(start)
    }

    /// The value at or below which p percent of the values fall (nearest rank).
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[min(rank, sorted.count - 1)]
    }

    /// Resident memory of this process, from /proc.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kb / 1024
    }
}

/// Recall sensitivity and precision summed over many recalls.
struct RecallScore {
    var truePositives = 0
    var truth = 0
    var reached = 0

    mutating func add(truth real: Set<String>, reached found: Set<String>) {
        truePositives += real.intersection(found).count
        truth += real.count
        reached += found.count
    }

    var sensitivity: Double { Double(truePositives) / Double(max(truth, 1)) }
    var precision: Double { Double(truePositives) / Double(max(reached, 1)) }
}
