import Foundation
import LotlineCore

/// What an import did: how many lines were imported, and exactly which were not, and why.
public struct ImportReport: Sendable, Codable {
    public struct Failure: Sendable, Codable {
        public var line: Int
        public var code: String
        public var message: String
    }

    public var lines = 0
    public var imported = 0
    public var events = 0
    public var failures: [Failure] = []
    /// False when `--atomic` rolled the whole file back.
    public var committed = true
    public var seconds = 0.0
}

/// Thrown inside an atomic import's transaction to roll it back.
private struct RolledBack: Error {}

extension LotlineStore {
    /// Imports command lines (see `ImportFormat`) in batches of transactions. Each line is decided under the same rules as
    /// the CLI; a bad line is skipped and reported with its number. Atomic: one transaction, rolled back if any line fails.
    public func importLines(
        _ lines: some Sequence<String>, atomic: Bool, actor: String, timeZone: TimeZone = .current, batchSize: Int = 500,
        progress: (ImportReport) -> Void = { _ in }
    ) throws -> ImportReport {
        let started = Date()
        var report = ImportReport()
        var iterator = lines.makeIterator()
        var finished = false
        while !finished {
            do {
                try batch(actor: actor, timeZone: timeZone) { batch in
                    var count = 0
                    while atomic || count < batchSize {
                        guard let line = iterator.next() else {
                            finished = true
                            break
                        }
                        report.lines += 1
                        count += 1
                        if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                        do {
                            let (command, at) = try ImportFormat.decode(line)
                            let date = try at.map { try BusinessTime.parse($0, timeZone: timeZone, field: "at").date } ?? Date()
                            report.events += try batch.execute(command, at: date).count
                            report.imported += 1
                        } catch let error as LotlineError {
                            report.failures.append(.init(line: report.lines, code: error.code, message: error.description))
                        }
                    }
                    if atomic && !report.failures.isEmpty { throw RolledBack() }
                }
            } catch is RolledBack {
                report.committed = false
                report.imported = 0
                report.events = 0
            }
            progress(report)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
