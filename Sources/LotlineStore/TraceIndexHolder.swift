import Foundation
import GRDB
import LotlineCore

/// Keeps the store's genealogy index as published versions: a reader takes the current version (a value: its arrays are
/// shared, never changed under it) and walks it without any lock, however many read at once. The first reader loads it
/// (from the snapshot file beside the database when that file matches the ledger, else from the projections); after a
/// commit, or before a read that sees events the version lacks, one caller at a time catches a copy up and publishes it.
/// Saving the snapshot file is a step of its own (`saveIfStale`), never part of a read.
final class TraceIndexHolder: @unchecked Sendable {
    /// An index and the ledger head it includes.
    struct Version {
        var index: GenealogyIndex
        var seq: Int64
    }

    /// Guards `published`, held only to read or swap it.
    private let lock = NSLock()
    private var published: Version?
    /// One load or catch-up at a time; guards `snapshots` and `source`.
    private let updating = NSLock()
    private var snapshots: TraceIndexSnapshots?
    /// Where the index was last loaded from.
    private(set) var source: Source?

    enum Source { case snapshot, projections }

    /// With a file path, the index is saved to and loaded from a snapshot beside it; without one (an in-memory
    /// database), it is always built from the projections.
    /// False for a database opened read-only: a snapshot is read when it matches, never written beside the file.
    private let saving: Bool

    init(snapshotPath: String? = nil, saving: Bool = true) {
        snapshots = snapshotPath.map(TraceIndexSnapshots.init(path:))
        self.saving = saving
    }

    /// The snapshot file this holder would load, read afresh and as it is (for `audit verify --projections`); nil when
    /// there is none, it is damaged, or it does not match this ledger closely enough to be used.
    func savedSnapshot(_ db: Database) throws -> (index: GenealogyIndex, seq: Int64)? {
        updating.lock()
        var snapshots = self.snapshots
        updating.unlock()
        let latest = try head(db)
        return try snapshots?.load(db, latest: latest).map { (index: $0.0, seq: $0.1) }
    }

    /// The version published now. Taken before a read transaction begins, it is never ahead of what that transaction sees
    /// (versions are published after their commit), so the read catches it up to exactly its own view.
    var current: Version? {
        lock.lock()
        defer { lock.unlock() }
        return published
    }

    private func publish(_ version: Version?) {
        lock.lock()
        published = version
        lock.unlock()
    }

    /// Runs `body` with the version of exactly the events `db` sees, starting from `captured` when the caller took one
    /// before its transaction; no lock is held while `body` runs.
    func with<T>(_ db: Database, captured: Version? = nil, _ body: (GenealogyIndex) throws -> T) throws -> T {
        let latest = try head(db)
        if let version = captured ?? current, version.seq == latest { return try body(version.index) }
        if let version = captured, version.seq < latest, let published = current, published.seq > latest {
            // Others moved the published version past this transaction's view: catch up a private copy of our own.
            var mine = version
            try catchUp(&mine, to: latest, db: db)
            return try body(mine.index)
        }
        guard let version = try advance(db, loading: true), version.seq == latest else {
            // A transaction older than every version at hand (it took none before it began): built for it alone.
            return try body(try SQLTrace.loadIndex(db))
        }
        return try body(version.index)
    }

    /// Adds what was committed since the index was last brought up to date; nothing when it was never built.
    func update(_ db: Database) throws {
        _ = try advance(db, loading: false)
    }

    /// Loads or catches up the published version, one caller at a time. The version is taken out while it changes, so
    /// when no reader holds it its arrays are changed in place rather than copied.
    private func advance(_ db: Database, loading: Bool) throws -> Version? {
        updating.lock()
        defer { updating.unlock() }
        let latest = try head(db)
        lock.lock()
        var version = published
        if let current = version, current.seq < latest { published = nil }
        lock.unlock()
        if var current = version {
            guard current.seq < latest else { return current }
            try catchUp(&current, to: latest, db: db)
            version = current
        } else if loading {
            version = try load(db, latest: latest)
        }
        publish(version)
        return version
    }

    /// Saves the snapshot file when the index was built and the file is missing or far behind: after an import or a
    /// generated plant, at the end of a CLI run, on a timer in a server. Never inside a read.
    func saveIfStale(_ db: Database) throws {
        guard saving else { return }
        updating.lock()
        defer { updating.unlock() }
        guard var version = current, snapshots?.isStale(at: version.seq) == true else { return }
        try snapshots?.save(&version.index, at: version.seq, db: db)
        // Saving compacts the index; publish that form, unless a commit moved on meanwhile.
        lock.lock()
        if published?.seq == version.seq { published = version }
        lock.unlock()
    }

    /// Drops the index and its snapshot, as after a rebuild replaced every projection.
    func invalidate() {
        updating.lock()
        defer { updating.unlock() }
        publish(nil)
        snapshots?.remove()
    }

    /// From the snapshot, caught up, when it matches the ledger and is not too far behind; else from the projections.
    private func load(_ db: Database, latest: Int64) throws -> Version {
        if let (saved, position) = try snapshots?.load(db, latest: latest) {
            var version = Version(index: saved, seq: position)
            source = .snapshot
            try catchUp(&version, to: latest, db: db)
            return version
        }
        source = .projections
        return Version(index: try SQLTrace.loadIndex(db), seq: latest)
    }

    /// Drops the index if it includes events the database does not hold (a rolled-back transaction).
    func invalidateIfAhead(_ db: Database) throws {
        let committed = try head(db)
        updating.lock()
        defer { updating.unlock() }
        lock.lock()
        if let version = published, version.seq > committed { published = nil }
        lock.unlock()
    }

    private func catchUp(_ version: inout Version, to latest: Int64, db: Database) throws {
        guard latest > version.seq else { return }
        for row in try db.fetchRows(sql: Self.catchUpQueries.newLotLinks, arguments: [version.seq]) {
            version.index.append(SQLTrace.lotLink(row))
        }
        for order in try db.fetchAll(String.self, sql: Self.catchUpQueries.changedOrders, arguments: [version.seq]) {
            let links = try db.fetchRows(sql: Self.catchUpQueries.orderEdges, arguments: [order]).map(SQLTrace.edgeLink)
            let outputs = try db.fetchAll(String.self, sql: Self.catchUpQueries.orderOutputs, arguments: [order])
            version.index.replaceConsumptionLinks(into: outputs, with: links)
        }
        version.seq = latest
    }

    /// What catching up reads after every write: each must find its rows through an index, never by reading a table
    /// that grows with the plant (a test asks SQLite for each plan).
    static let catchUpQueries = (
        newLotLinks: "SELECT parent, child, quantity, seq FROM lot_parents WHERE seq > ? ORDER BY seq, child",
        changedOrders: "SELECT work_order FROM consumptions WHERE seq > ?1 UNION SELECT work_order FROM outputs WHERE seq > ?1",
        orderEdges:
            "SELECT input, output, quantity, certainty, consume_seq, work_order FROM genealogy_edges WHERE work_order = ? ORDER BY consume_seq, output",
        orderOutputs: "SELECT lot FROM outputs WHERE work_order = ?"
    )

    /// The newest event this connection sees: inside a batch, the stored ledger head is only written at its end.
    private func head(_ db: Database) throws -> Int64 {
        try db.fetchOne(Int64.self, sql: "SELECT max(seq) FROM events") ?? 0
    }
}
