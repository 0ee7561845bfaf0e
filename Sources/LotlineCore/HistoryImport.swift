import Foundation

/// What an import did: how many lines were imported, and exactly which were not, and why.
public struct ImportReport: Sendable, Codable {
    public struct Failure: Sendable, Codable {
        public var line: Int
        public var code: String
        public var message: String

        public init(line: Int, code: String, message: String) {
            self.line = line
            self.code = code
            self.message = message
        }
    }

    public var lines = 0
    public var imported = 0
    public var events = 0
    /// The first refused lines, with why (at most `failureLimit`: a file of a million bad lines answers with a page,
    /// not a gigabyte); `refused` counts them all.
    public var failures: [Failure] = []
    public var refused = 0
    public static let failureLimit = 1000
    /// False when an atomic import rolled the whole file back.
    public var committed = true
    public var seconds = 0.0
    /// Set when an earlier run of the same file had committed lines: this run began after that line.
    public var resumedAfter: Int?
    /// True when an earlier run had already got through the whole file: nothing was applied.
    public var alreadyImported = false
    /// The last line whose outcome is committed (0: none).
    public var lastCommittedLine = 0

    public init() {}
}

/// A file being imported: its name and the SHA-256 of its bytes, by which the ledger knows it again.
public struct ImportSource: Sendable, Hashable {
    public var name: String
    public var digest: String

    public init(name: String, digest: String) {
        self.name = name
        self.digest = digest
    }
}

/// Imports history: command lines (see `ImportFormat`) decided under the same rules as any other change, recorded as the
/// actor, in batches of transactions.
public protocol HistoryImporting: Sendable {
    /// How far earlier runs got with the file of this digest (the last progress recorded), if any run committed anything.
    func importPosition(_ digest: String) throws -> ImportProgressed?
    /// A bad line is skipped and reported with its number; `atomic` keeps all or nothing. With a `source`, a run of the
    /// same bytes after a stop resumes after the last committed line, and a run after a finished one applies nothing.
    func importLines(
        _ lines: some Sequence<String>, source: ImportSource?, restart: Bool, atomic: Bool, actor: String, timeZone: TimeZone,
        batchSize: Int, progress: (ImportReport) -> Void
    ) throws -> ImportReport
}
