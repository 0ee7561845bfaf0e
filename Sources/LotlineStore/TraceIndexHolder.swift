import Foundation
import GRDB
import LotlineCore

/// Keeps the store's genealogy index: loaded the first time a trace needs it (from the snapshot file next to the
/// database when that file matches the ledger, else built from the projections and saved there), then brought up to
/// date after every command this store commits and, before every read, with anything another process committed.
final class TraceIndexHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var index: GenealogyIndex?
    /// The ledger head the index includes.
    private var seq: Int64 = 0
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
        lock.lock()
        var snapshots = self.snapshots
        lock.unlock()
        let latest = try head(db)
        return try snapshots?.load(db, latest: latest).map { (index: $0.0, seq: $0.1) }
    }

    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return index != nil
    }

    /// Runs `body` with an index that includes every committed event.
    func with<T>(_ db: Database, _ body: (GenealogyIndex) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if index == nil {
            try load(db)
        } else {
            try catchUp(db)
        }
        if saving, snapshots?.isStale(at: seq) == true { try snapshots?.save(&index!, at: seq, db: db) }
        return try body(index!)
    }

    /// Adds what was committed since the index was last brought up to date; nothing when it was never built.
    func update(_ db: Database) throws {
        lock.lock()
        defer { lock.unlock() }
        if index != nil { try catchUp(db) }
    }

    /// Drops the index and its snapshot, as after a rebuild replaced every projection.
    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        index = nil
        snapshots?.remove()
    }

    /// From the snapshot, caught up, when it matches the ledger and is not too far behind; else from the projections.
    private func load(_ db: Database) throws {
        let latest = try head(db)
        if let (saved, position) = try snapshots?.load(db, latest: latest) {
            index = saved
            seq = position
            source = .snapshot
            try catchUp(db)
        } else {
            seq = latest
            index = try SQLTrace.loadIndex(db)
            source = .projections
        }
    }

    /// Drops the index if it includes events the database does not hold (a rolled-back transaction).
    func invalidateIfAhead(_ db: Database) throws {
        let committed = try head(db)
        lock.lock()
        defer { lock.unlock() }
        if seq > committed { index = nil }
    }

    private func catchUp(_ db: Database) throws {
        let latest = try head(db)
        guard latest > seq else { return }
        for row in try db.fetchRows(sql: "SELECT parent, child, quantity, seq FROM lot_parents WHERE seq > ? ORDER BY seq, child", arguments: [seq]) {
            index!.append(SQLTrace.lotLink(row))
        }
        let orders = try db.fetchAll(
            String.self, sql: "SELECT work_order FROM consumptions WHERE seq > ?1 UNION SELECT work_order FROM outputs WHERE seq > ?1",
            arguments: [seq])
        for order in orders {
            let links = try db.fetchRows(
                sql:
                    "SELECT input, output, quantity, certainty, consume_seq, work_order FROM genealogy_edges WHERE work_order = ? ORDER BY consume_seq, output",
                arguments: [order]
            ).map(SQLTrace.edgeLink)
            let outputs = try db.fetchAll(String.self, sql: "SELECT lot FROM outputs WHERE work_order = ?", arguments: [order])
            index!.replaceConsumptionLinks(into: outputs, with: links)
        }
        seq = latest
    }

    /// The newest event this connection sees: inside a batch, the stored ledger head is only written at its end.
    private func head(_ db: Database) throws -> Int64 {
        try db.fetchOne(Int64.self, sql: "SELECT max(seq) FROM events") ?? 0
    }
}
