import Foundation
import GRDB
import LotlineCore

/// The ledger and its projections in one SQLite database: every command appends its events and updates
/// every projection in one immediate transaction, or writes nothing.
public final class LotlineStore: Sendable {
    let writer: any DatabaseWriter
    let traceIndex: TraceIndexHolder
    /// The database file, for messages; nil in memory.
    let path: String?
    /// Set when the file was opened for reading only, and why: writes then fail at once with that reason.
    let readOnly: ReadOnlyReason?
    /// `-wal` and `-shm` files that opening a read-only file created, removed when the store closes.
    private let debris: [String]
    /// A server's read connections of its own (nil: reads go to the writer's queue or pool).
    private let readers: ReadConnections?

    enum ReadOnlyReason: Sendable { case busy, notWritable }

    /// Opens (creating if needed) a database file in WAL mode with synchronous=FULL and foreign keys on; opening reads only. A file this
    /// process cannot write (an auditor's evidence copy), or one whose write lock another process holds past the busy
    /// timeout while it is being opened, is opened for reading: reads, traces and `audit verify` work, writes are refused.
    ///
    /// A one-off process (the CLI) opens one connection. `concurrentReads` opens a pool instead, for a long-lived process
    /// that serves many readers at once (each read on a connection of its own, beside the one writer): that many
    /// connections of the store's own, and GRDB's pool of readers when they are all busy.
    public convenience init(path: String, busyTimeout: TimeInterval = 10, concurrentReads: Int? = nil) throws {
        let configuration = LotlineStore.configuration(busyTimeout: busyTimeout)
        let snapshotPath = LotlineStore.traceIndexSnapshotPath(database: path)
        let sidecars = ["-wal", "-shm"].map { path + $0 }.filter { !FileManager.default.fileExists(atPath: $0) }
        do {
            // By default one connection: a one-off process runs one command. A pool is for long-lived processes only: GRDB's
            // pool set-up writes a transaction (and syncs it) whenever the -wal file is absent, which is every time the last
            // process closed the file, so each one-off trace would take the write lock; and it resets synchronous to NORMAL.
            var walConfiguration = configuration
            walConfiguration.prepareDatabase { db in
                // A no-op on a file already in WAL mode; converts a new one.
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "could not put \(path) in WAL mode")
                }
            }
            let writer: any DatabaseWriter
            if concurrentReads != nil {
                let pool = try DatabasePool(path: path, configuration: walConfiguration)
                // GRDB's WAL set-up, run after `prepareDatabase`, sets the writer to synchronous=NORMAL, which can lose the
                // last acknowledged commits on power failure. The pool keeps one writer connection for its life: set it back.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                writer = pool
            } else {
                writer = try DatabaseQueue(path: path, configuration: walConfiguration)
            }
            self.init(
                writer: writer, traceIndex: TraceIndexHolder(snapshotPath: snapshotPath), path: path,
                readers: concurrentReads.map { ReadConnections(path: path, count: max(1, $0), configuration: configuration) })
        } catch let error as DatabaseError {
            let reason: ReadOnlyReason? =
                switch error.resultCode {
                case .SQLITE_BUSY, .SQLITE_LOCKED: .busy
                case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: access(path, W_OK) == 0 ? nil : .notWritable
                default: nil
                }
            guard let reason, FileManager.default.fileExists(atPath: path) else { throw StorageError.translate(error, path: path, opening: true) }
            var readOnly = configuration
            readOnly.readonly = true
            // SQLite reads a WAL database read-only only through its -shm file, which it cannot create in a directory it
            // cannot write: then the file is opened as immutable (a URI; SQLite here is built with URI filenames), which is
            // exact when no -wal holds commits, as none does once the last writer closed the file.
            let walHoldsCommits = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int).map { $0 > 0 } ?? false
            let immutable = reason == .notWritable && !walHoldsCommits
            let location =
                immutable ? "file:\(path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)?immutable=1" : path
            do {
                let pool = try DatabasePool(path: location, configuration: readOnly)
                self.init(
                    writer: pool, traceIndex: TraceIndexHolder(snapshotPath: snapshotPath, saving: false), path: path, readOnly: reason,
                    debris: sidecars)
            } catch let error as DatabaseError {
                throw StorageError.translate(error, path: path, opening: true)
            }
        }
        try StorageError.translating(path: path) { try migrate() }
    }

    deinit {
        guard readOnly != nil, !debris.isEmpty else { return }
        try? (writer as? DatabasePool)?.close()
        for file in debris { unlink(file) }
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

    init(
        writer: any DatabaseWriter, traceIndex: TraceIndexHolder = TraceIndexHolder(), path: String? = nil, readOnly: ReadOnlyReason? = nil,
        debris: [String] = [], readers: ReadConnections? = nil
    ) {
        self.readers = readers
        self.writer = writer
        self.traceIndex = traceIndex
        self.path = path
        self.readOnly = readOnly
        self.debris = debris
    }

    static func configuration(busyTimeout: TimeInterval = 10) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another lotline process may hold the write lock for a moment; wait for it (a bounded time) rather than fail.
        config.busyMode = .timeout(busyTimeout)
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

    /// Brings the schema up to date; a current one is only read (so opening needs no write lock while another process writes).
    func migrate() throws {
        if try writer.read({ try Schema.migrator.hasCompletedMigrations($0) }) { return }
        if readOnly != nil {
            throw LotlineError(
                .unavailable, "database-needs-upgrade",
                "\(path ?? "the database") was written by an older Lotline and must be upgraded, "
                    + "which needs write access", value: path)
        }
        try Schema.migrator.migrate(writer)
    }

    /// Decides a command against the current state and, if it is accepted, appends its events and projects them,
    /// all in one immediate transaction. A refused command throws and leaves the database untouched.
    @discardableResult
    public func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date = Date(), timeZone: TimeZone = .current, signing: SignatureMeaning? = nil
    ) throws -> Executed<Command.Outcome> {
        try execute(command, actor: actor, at: date, timeZone: timeZone, signing: signing) { _ in }
    }

    /// The command authorized, decided and appended (and signed), and `alongside` written in the same transaction.
    func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date, timeZone: TimeZone, signing: SignatureMeaning? = nil,
        alongside: (Database) throws -> Void
    ) throws -> Executed<Command.Outcome> {
        let context = CommandContext(actor: try TextInput.actor(actor), now: BusinessTime(date: date, timeZone: timeZone), timeZone: timeZone)
        let executed: Executed<Command.Outcome>
        do {
            executed = try write { db in
                let all = SQLiteLedgerState(db: db, traceIndex: traceIndex)
                // The rules see the plant as the actor may (export control); the final check sees it all.
                let state = try HiddenLotsState.seenBy(context.actor, all)
                try command.authorize(context.actor, in: state)
                try command.requireSignature(signing, actor: context.actor, in: state)
                let decision = try command.decide(state, context)
                try ExportControl.requireFreeNumbers(of: decision.events.map(\.body), actor: context.actor, in: all)
                var events = try Ledger.append(decision.events, context: context, recordedAt: date, db: db)
                try ExportControl.requireHandler(of: decision.events.map(\.body), actor: context.actor, in: all)
                if let signing, let signed = events.first {
                    events += try Ledger.append(
                        [try Signing.signature(of: signed, meaning: signing, state: all)], context: context, recordedAt: date, db: db)
                }
                try alongside(db)
                return Executed(decision.outcome, events: events)
            }
        } catch {
            try Ledger.nameControlCharacterField(of: error, in: command)
        }
        try read { db in try traceIndex.update(db) }
        return executed
    }

    /// One immediate transaction: SQLite takes the write lock up front, so two writers never deadlock mid-command.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        switch readOnly {
        case .busy:
            throw LotlineError(
                .busy, "database-busy", "another process is writing to '\(path ?? "")' and did not finish in time; nothing was written: try again",
                value: path)
        case .notWritable:
            throw LotlineError(
                .unavailable, "database-read-only", "'\(path ?? "")' cannot be written; it can still be read, traced and verified", value: path)
        case nil: break
        }
        do {
            return try StorageError.translating(path: path) { try writeTransaction(body) }
        } catch {
            // A rule may have brought the index up to events later rolled back; then it must be built again.
            try? read { db in try traceIndex.invalidateIfAhead(db) }
            guard let failure = error as? LotlineError, failure.kind == .unavailable, let head = try? read(LedgerHead.read) else { throw error }
            // The file failed under the write: say where the ledger ends, which is what the next command builds on.
            throw failure.adding("the last committed event is #\(head.seq) (\(head.hash.prefix(16))…)")
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

    /// For tools that measure or inspect a SQLite store from outside it (the benchmark, fixtures): a read transaction on
    /// its database, with the genealogy index of exactly what the transaction sees. Interfaces use the backend protocols.
    public func inspect<T>(_ body: (Database, GenealogyIndex) throws -> T) throws -> T {
        try readIndexed(body)
    }

    /// The same without the index.
    public func inspect<T>(_ body: (Database) throws -> T) throws -> T {
        try read(body)
    }

    /// A consistent copy of the database at `path` (SQLite's online backup), taken while others may be writing.
    public func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        try StorageError.translating(path: self.path) { try writer.backup(to: copy) }
    }

    /// A read with the genealogy index of exactly what it sees: the published version is taken before the transaction
    /// begins, then caught up to it, so many readers trace at once, each without a lock, while commits go on.
    func readIndexed<T>(_ body: (Database, GenealogyIndex) throws -> T) throws -> T {
        let captured = traceIndex.current
        return try read { db in try traceIndex.with(db, captured: captured) { index in try body(db, index) } }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try StorageError.translating(path: path) {
            if let readers, let answer = try readers.read(body) { return answer }
            return try writer.read(body)
        }
    }

    /// How many events the ledger holds.
    public func eventCount() throws -> Int {
        try read { db in try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM events") ?? 0 }
    }
}

extension LotlineStore: LotlineBackend {}
