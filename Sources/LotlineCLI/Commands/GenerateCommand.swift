import ArgumentParser
import Foundation
import LotlineCore
import LotlineFixtures
import LotlineStore

struct GenerateCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Build a synthetic plant through the real command path; the same --raw-lots and --seed give the same plant.")
    @Option(help: "How many raw-material lots to receive.") var rawLots: Int
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Also write every command as an import line to this .jsonl file.") var export: String?
    @Flag(inversion: .prefixedNo, help: "Stop 1 in 30 lot-tracked orders before they make anything (their material stays in WIP).")
    var stoppedOrders = true
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        guard rawLots > 0 else {
            throw LotlineError.badInput("raw-lots-invalid", "--raw-lots must be at least 1, got \(rawLots)", value: String(rawLots))
        }
        let store = try context.store()
        guard try store.eventCount() == 0 else {
            throw LotlineError.refused(
                "database-not-empty", "\(context.databasePath) already holds events; generate into a new file with --db", value: context.databasePath)
        }
        var generator = PlantGenerator(rawLots: rawLots, seed: seed, stopsOrders: stoppedOrders)
        var exportFile: UnsafeMutablePointer<FILE>?
        if let export {
            guard let file = fopen(export, "w") else { throw LotlineError.badInput("file-unwritable", "cannot write '\(export)'", value: export) }
            exportFile = file
            generator.recorder = { line in fputs(line() + "\n", file) }
        }
        defer { if let exportFile { fclose(exportFile) } }
        let progress = ProgressBar(total: rawLots, label: "raw lots")
        let started = Date()
        try generator.run(in: store) { done, counts in progress.update(done, note: "\(counts.events) events") }
        progress.finish()
        let elapsed = Date().timeIntervalSince(started)
        // Beside the plant, for measuring traces and recalls against; the product never reads it.
        let truthPath = PlantGenerator.truthPath(forDatabase: context.databasePath)
        try generator.writeTruth(to: truthPath)
        let stats = try store.genealogyStats()
        // Built and saved beside the database now, so the first trace of the new plant does not pay for it.
        let indexStarted = Date()
        _ = try store.buildTraceIndex()
        let report = GenerateReport(
            shape: generator.shape, counts: generator.counts, genealogy: stats, seconds: elapsed,
            indexSeconds: Date().timeIntervalSince(indexStarted), truthLinks: generator.truth.count, truthFile: truthPath)
        return CLIOutput(text: report.text, json: report)
    }

    struct GenerateReport: Encodable {
        var shape: PlantGenerator.Shape
        var counts: PlantGenerator.Counts
        var genealogy: GenealogyStats
        var seconds: Double
        var indexSeconds: Double
        var truthLinks: Int
        var truthFile: String

        var text: String {
            let c = counts
            let g = genealogy
            let rate = seconds > 0 ? Double(c.events) / seconds : 0
            return Fields(pairs: [
                ("Raw lots received", "\(c.receipts) (\(shape.rawItems) raw items, \(shape.suppliers) suppliers)"),
                ("Splits / merges", "\(c.splits) / \(c.merges)"),
                ("Sub-assembly orders", "\(c.intermediateOrders) making \(c.intermediateLots) lots (\(shape.intermediateItems) items)"),
                ("Finished orders", "\(c.finishedOrders) making \(c.finishedLots) lots and \(c.serials) serials (\(shape.finishedItems) items)"),
                ("Stopped orders", "\(c.stoppedOrders) released with their material in WIP, nothing made"),
                ("Back-dated consumptions", "\(c.backDated)"),
                ("Shipments", "\(c.shipments) to \(shape.customers) customers"),
                ("Lots in all", "\(g.lots)"),
                (
                    "Genealogy links",
                    "\(g.links) (" + g.linksByCertainty.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
                ),
                ("Fan-in (inputs per output)", String(format: "mean %.2f, max %d", g.fanInMean, g.fanInMax)),
                ("Fan-out (outputs per input)", String(format: "mean %.2f, max %d", g.fanOutMean, g.fanOutMax)),
                ("Events", "\(g.events) in \(String(format: "%.1f", seconds)) s (\(Int(rate)) per second)"),
                ("Refused commands", "\(c.refusals)"),
                ("Trace index", String(format: "built and saved beside the database in %.1f s", indexSeconds)),
                ("Ground truth", "\(truthLinks) links in \(truthFile)"),
            ]).render()
        }
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar {
    let total: Int
    let label: String
    let enabled = isatty(STDERR_FILENO) != 0
    let started = Date()

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    func update(_ done: Int, note: String = "") {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = width * done / total
        let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(100 * done / total)% \(done)/\(total) \(label), \(note), \(Int(rate))/s   ".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
