import Foundation
import GRDB
import LotlineCore

/// The ledger and its projections in one SQLite database: every command appends its events and updates
/// every projection in one immediate transaction, or writes nothing.
public final class LotlineStore: Sendable {
    let writer: any DatabaseWriter
    let traceIndex: TraceIndexHolder

    /// Opens (creating if needed) a database file in WAL mode with synchronous=FULL and foreign keys on.
    public convenience init(path: String) throws {
        do {
            let pool = try DatabasePool(path: path, configuration: LotlineStore.configuration())
            // GRDB's WAL set-up, run after `prepareDatabase`, sets the writer to synchronous=NORMAL, which can lose the
            // last acknowledged commits on power failure. The pool keeps one writer connection for its life: set it back.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            self.init(writer: pool, traceIndex: TraceIndexHolder(snapshotPath: LotlineStore.traceIndexSnapshotPath(database: path)))
        } catch let error as DatabaseError {
            throw LotlineError(.integrity, "database-unavailable", "cannot open database '\(path)': \(error.message ?? "\(error)")", value: path)
        }
        try migrate()
    }

    /// Where the trace index of a database file is saved: `<database>-index` (a cache; deleting it is always safe).
    public static func traceIndexSnapshotPath(database path: String) -> String {
        path + "-index"
    }

    /// A private in-memory database, for tests and trials.
    public static func inMemory() throws -> LotlineStore {
        let store = LotlineStore(writer: try DatabaseQueue(configuration: configuration()))
        try store.migrate()
        return store
    }

    init(writer: any DatabaseWriter, traceIndex: TraceIndexHolder = TraceIndexHolder()) {
        self.writer = writer
        self.traceIndex = traceIndex
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another lotline process may hold the write lock for a moment; wait for it rather than fail.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.run(sql: "PRAGMA synchronous = FULL")
            // A plant's history is hundreds of megabytes; keep more of its indexes in memory (64 MiB per connection).
            try db.run(sql: "PRAGMA cache_size = -65536")
        }
        return config
    }

    /// The `PRAGMA synchronous` level of the connection that writes (2 is FULL: every commit is on disk before it returns).
    public func writerSynchronousLevel() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    func migrate() throws {
        try Schema.migrator.migrate(writer)
    }

    /// Decides a command against the current state and, if it is accepted, appends its events and projects them,
    /// all in one immediate transaction. A refused command throws and leaves the database untouched.
    @discardableResult
    public func execute(
        _ command: some LotlineCommand, actor: String, at date: Date = Date(), timeZone: TimeZone = .current
    ) throws -> [LedgerEvent] {
        let context = CommandContext(actor: try TextInput.actor(actor), now: BusinessTime(date: date, timeZone: timeZone), timeZone: timeZone)
        try TextInput.requireNoControlCharacters(in: command)
        let events = try write { db in
            let pending = try command.decide(SQLiteLedgerState(db: db, traceIndex: traceIndex), context)
            return try Ledger.append(pending, context: context, recordedAt: date, db: db)
        }
        try read { db in try traceIndex.update(db) }
        return events
    }

    /// One immediate transaction: SQLite takes the write lock up front, so two writers never deadlock mid-command.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writeTransaction(body)
        } catch {
            // A rule may have brought the index up to events later rolled back; then it must be built again.
            try? read { db in try traceIndex.invalidateIfAhead(db) }
            throw error
        }
    }

    private func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// How many events the ledger holds.
    public func eventCount() throws -> Int {
        try read { db in try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM events") ?? 0 }
    }
}
