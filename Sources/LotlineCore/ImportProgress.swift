import Foundation

/// An import committed lines of a file: which file (by the SHA-256 of its bytes, and its name) and the last line it got
/// through. One is appended in each import transaction, with the lines it covers, so the ledger itself says where a
/// stopped import resumes and a re-run of the same file applies nothing twice.
public struct ImportProgressed: EventBody, Hashable {
    public static let type = "import.progressed"
    /// The file's name as given (its path's last part).
    public var source: String
    /// Lower-case hex SHA-256 of the file's bytes: the file's identity, whatever its name.
    public var digest: String
    /// The last line the import got through (applied, refused and skipped, or blank).
    public var line: Int
    /// True once the last line of the file was reached.
    public var finished: Bool

    public init(source: String, digest: String, line: Int, finished: Bool) {
        self.source = source
        self.digest = digest
        self.line = line
        self.finished = finished
    }
}

/// Records how far an import got; appended by the importer itself, never a line of an import file.
public struct RecordImportProgress: LotlineCommand {
    public var progress: ImportProgressed

    public init(_ progress: ImportProgressed) {
        self.progress = progress
    }

    public var permission: Permission { .importHistory }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<ImportProgressed> {
        Decision(progress)
    }
}
