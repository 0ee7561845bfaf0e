import Foundation
import GRDB
import LotlineCore

/// SQLite's failures as Lotline errors with a clear message and their own exit codes: a busy database (another process
/// holds the write lock; nothing was written, try again) is not a damaged one, and neither is a failed verification.
enum StorageError {
    /// Runs `body`, translating a SQLite error into a `LotlineError` of kind `busy` or `unavailable`.
    static func translating<T>(path: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        }
    }

    /// The error as a `LotlineError` when it is about the file or the lock; any other SQLite error (a constraint a bug
    /// broke) stays as it is, to be reported as internal.
    static func translate(_ error: DatabaseError, path: String?, opening: Bool = false) -> any Error {
        let file = path.map { "'\($0)'" } ?? "the database"
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return LotlineError(
                .busy, "database-busy",
                "another process is writing to \(file) and did not finish in time; nothing was written: try again (\(detail))", value: path)
        case .SQLITE_FULL:
            return LotlineError(
                .unavailable, "disk-full", "the disk holding \(file) is full; the command was not committed, earlier ones are (\(detail))",
                value: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return LotlineError(
                .unavailable, "database-damaged",
                "\(file) is damaged or not a Lotline database (\(detail)); restore it from a backup and run `lotline audit verify`", value: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return LotlineError(
                .unavailable, "database-read-only", "\(file) cannot be written (\(detail)); it can still be read, traced and verified", value: path)
        case .SQLITE_CANTOPEN:
            return LotlineError(.unavailable, "database-unavailable", "cannot open \(file) (\(detail))", value: path)
        case .SQLITE_IOERR:
            return LotlineError(
                .unavailable, "io-error", "reading or writing \(file) failed (\(detail)); the command was not committed, earlier ones are",
                value: path)
        default:
            guard opening else { return error }
            return LotlineError(.unavailable, "database-unavailable", "cannot open \(file): \(detail)", value: path)
        }
    }
}
