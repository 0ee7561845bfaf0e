import ArgumentParser
import Foundation
import LotlineCore
import LotlineStore

struct ImportCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import history: one command per line of a JSONL file, under the same rules as the CLI.",
        discussion: """
            Each line is a JSON object naming the command as the CLI does and its fields as the CLI's options, with an optional
            business time "at", e.g. {"command":"receive","item":"ST-4140","qty":"100","supplier":"NORTHSTAR","supplier_lot":"NS-1","at":"2024-03-01T08:00Z"}.
            Bad lines are reported by number and skipped; with --atomic the whole file is imported or nothing.
            The ledger records each file (by the SHA-256 of its bytes) and the last line each transaction got through: running
            the same file again resumes after the last committed line, or applies nothing if the file was imported to the end.
            """)
    @Argument(help: "The .jsonl file.") var file: String
    @Flag(help: "All or nothing: one bad line and no line is kept.") var atomic = false
    @Flag(help: "Begin at line 1; refused once any line of this file was committed.") var restart = false
    @Flag(help: "Print `committed through line N` on stderr as each transaction reaches the disk.") var reportCommits = false
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        guard let lines = LineReader(path: file), let source = ImportSource.file(file) else {
            throw LotlineError.notFound("file-not-found", "cannot read '\(file)'", value: file)
        }
        let store = try context.store()
        let progress = ProgressBar(total: max(1, lines.byteCount), label: "bytes")
        let report = try store.importLines(
            lines, source: source, restart: restart, atomic: atomic, actor: context.actor, timeZone: context.timeZone
        ) { partial in
            if reportCommits && partial.committed {
                FileHandle.standardError.write(Data("committed through line \(partial.lastCommittedLine)\n".utf8))
            }
            progress.update(lines.bytesRead, note: "\(partial.lines) lines, \(partial.refused) refused")
        }
        progress.finish()
        if report.alreadyImported {
            return CLIOutput(
                text: "\(source.name) was imported to its end (line \(report.lastCommittedLine)) already: nothing applied\n", json: report)
        }
        // Built and saved beside the database now, so the first trace after loading history does not pay for it.
        if report.committed && report.events > 0 { _ = try store.buildTraceIndex() }
        var text = report.resumedAfter.map { "Resumed \(source.name) after line \($0), committed by an earlier run.\n" } ?? ""
        text += "Read \(report.lines) lines: "
        text +=
            report.committed
            ? "imported \(report.imported) (\(report.events) events), refused \(report.refused)"
            : "nothing imported (--atomic) because \(report.refused) lines were refused; "
                + (report.lastCommittedLine == 0 ? "no line is committed" : "lines up to \(report.lastCommittedLine) stay committed")
        text += String(format: " in %.1f s (%.0f events/s)\n", report.seconds, Double(report.events) / max(report.seconds, 0.001))
        for failure in report.failures.prefix(100) { text += "line \(failure.line): \(failure.message)\n" }
        if report.refused > 100 {
            text +=
                "... and \(report.refused - 100) more"
                + (report.refused > ImportReport.failureLimit ? " (--json lists the first \(ImportReport.failureLimit))\n" : " (see --json)\n")
        }
        return CLIOutput(text: text, json: report, exitCode: report.refused == 0 ? 0 : CLIRunner.Exit.badInput)
    }
}

/// Reads a file line by line without loading it whole.
final class LineReader: Sequence, IteratorProtocol {
    private let file: UnsafeMutablePointer<FILE>
    let byteCount: Int
    private(set) var bytesRead = 0

    init?(path: String) {
        guard let file = fopen(path, "r") else { return nil }
        self.file = file
        fseek(file, 0, SEEK_END)
        byteCount = ftell(file)
        fseek(file, 0, SEEK_SET)
    }

    deinit { fclose(file) }

    func next() -> String? {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        bytesRead += length
        var line = String(cString: buffer)
        if line.hasSuffix("\n") { line.removeLast() }
        return line
    }
}
