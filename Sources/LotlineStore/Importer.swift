import Crypto
import Foundation
import GRDB
import LotlineCore

extension ImportSource {
    /// Reads the file once to name it by its digest; nil when it cannot be read.
    public static func file(_ path: String) -> ImportSource? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        let digest = HexDigest.hex(hasher.finalize())
        return ImportSource(name: URL(fileURLWithPath: path).lastPathComponent, digest: digest)
    }
}

/// Thrown inside an atomic import's transaction to roll it back.
private struct RolledBack: Error {}

extension LotlineStore {
    /// How far earlier runs got with the file of this digest (the last progress recorded), if any run committed anything.
    public func importPosition(_ digest: String) throws -> ImportProgressed? {
        try read { db in try Self.importPosition(digest, db: db) }
    }

    static func importPosition(_ digest: String, db: Database) throws -> ImportProgressed? {
        try db.fetchRow(sql: "SELECT * FROM imports WHERE digest = ?", arguments: [digest]).map {
            ImportProgressed(source: $0["source"], digest: $0["digest"], line: $0["last_line"], finished: $0["finished"])
        }
    }

    /// Imports command lines (see `ImportFormat`) in batches of transactions. Each line is decided under the same rules as
    /// the CLI; a bad line is skipped and reported with its number. Atomic: one transaction, rolled back if any line fails.
    ///
    /// With a `source`, every transaction also records the last line it got through, so a run of the same file after a
    /// stop (a kill, a full disk) resumes after the last committed line, and a run after a finished one applies nothing.
    /// `restart` asks to begin at line 1 and is refused once any line of the file was committed.
    public func importLines(
        _ lines: some Sequence<String>, source: ImportSource? = nil, restart: Bool = false, atomic: Bool, actor: String,
        timeZone: TimeZone = .current, batchSize: Int = 500, progress: (ImportReport) -> Void = { _ in }
    ) throws -> ImportReport {
        let started = Date()
        var report = ImportReport()
        let position = try source.flatMap { try importPosition($0.digest) }
        if let position {
            guard !restart else {
                throw LotlineError.refused(
                    "import-already-applied",
                    "\(position.source) (sha256 \(position.digest.prefix(12))…) was imported through line \(position.line) already; "
                        + "it cannot start again at line 1 (that would apply those lines twice)",
                    value: position.source)
            }
            report.lastCommittedLine = position.line
            if position.finished {
                report.alreadyImported = true
                report.lines = position.line
                return report
            }
            report.resumedAfter = position.line
        }
        // What the ledger says of this file when each batch begins: nothing, or the last line this run committed.
        var expectedPosition = position?.line
        var iterator = lines.makeIterator()
        var skipping = position?.line ?? 0
        while skipping > 0, iterator.next() != nil {
            report.lines += 1
            skipping -= 1
        }
        // Numberings a refused line disturbed, with that line: later lines drawing on them are refused.
        var disturbed: [String: Int] = [:]
        var finished = false
        while !finished {
            var batchReport = report
            do {
                try batch(actor: actor, timeZone: timeZone) { batch in
                    batch.history = true
                    // Inside the write lock: if another run of the same file committed lines since this one read where
                    // it stood, going on would apply them twice.
                    if let source {
                        let now = try Self.importPosition(source.digest, db: batch.db)?.line
                        if now != expectedPosition {
                            throw LotlineError.refused(
                                "import-running",
                                "another run of \(source.name) (sha256 \(source.digest.prefix(12))…) committed lines up to \(now ?? 0) meanwhile; "
                                    + "this run stopped so no line is applied twice", value: source.name)
                        }
                    }
                    var count = 0
                    while atomic || count < batchSize {
                        guard let line = iterator.next() else {
                            finished = true
                            break
                        }
                        batchReport.lines += 1
                        count += 1
                        if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                        var numbering: String?
                        do {
                            let decoded = try ImportFormat.decode(line)
                            numbering = (decoded.command as? any DrawsSchemeNumbers)?.numbering
                            if let numbering, let refused = disturbed[numbering] { throw Self.disturbed(numbering, by: refused) }
                            let date = try decoded.at.map { try BusinessTime.parse($0, timeZone: timeZone, field: "at").date } ?? Date()
                            batchReport.events += try Self.apply(decoded.command, in: batch, at: date, ref: decoded.ref)
                            batchReport.imported += 1
                        } catch let error as LotlineError {
                            batchReport.refused += 1
                            if batchReport.failures.count < ImportReport.failureLimit {
                                batchReport.failures.append(.init(line: batchReport.lines, code: error.code, message: error.description))
                            }
                            if let numbering, disturbed[numbering] == nil { disturbed[numbering] = batchReport.lines }
                        }
                    }
                    if atomic && batchReport.refused > 0 { throw RolledBack() }
                    // Every transaction says how far it got; one that only reached the end says the file is done.
                    if let source, count > 0 || finished {
                        let progress = ImportProgressed(source: source.name, digest: source.digest, line: batchReport.lines, finished: finished)
                        try batch.execute(RecordImportProgress(progress), at: Date())
                    }
                }
                report = batchReport
                report.lastCommittedLine = report.lines
                if source != nil { expectedPosition = report.lines }
            } catch is RolledBack {
                report = batchReport
                report.committed = false
                report.imported = 0
                report.events = 0
            } catch let error as LotlineError {
                throw error.adding("\(Self.committed(report)); run the same import again to resume")
            } catch {
                throw LotlineError(
                    .internal, "import-stopped",
                    "the import stopped at line \(batchReport.lines): \(error); \(Self.committed(report)); "
                        + "run the same import again to resume", value: source?.name)
            }
            progress(report)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Executes one line's command (opened from the decoded existential) and counts its events.
    private static func apply(_ command: some LotlineCommand, in batch: CommandBatch, at date: Date, ref: String?) throws -> Int {
        try batch.execute(command, at: date, ref: ref).events.count
    }

    private static func disturbed(_ numbering: String, by line: Int) -> LotlineError {
        LotlineError.refused(
            "numbering-disturbed",
            "line \(line), which would have taken the next number of \(numbering), was refused, so this line would not get the number "
                + "the file expects and later lines could act on the wrong object; give numbers in the file (wo create \"number\", "
                + "ship \"number\", receive/produce \"lot\") or fix line \(line) and import the rest as a new file",
            value: numbering)
    }

    private static func committed(_ report: ImportReport) -> String {
        report.lastCommittedLine == 0 ? "no line is committed" : "lines up to \(report.lastCommittedLine) are committed"
    }
}
