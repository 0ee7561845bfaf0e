import Foundation
import GRDB
import LotlineCore

/// Keeps the store's genealogy index: built from the projections the first time a trace needs it, then brought up to
/// date after every command this store commits and, before every read, with anything another process committed.
final class TraceIndexHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var index: GenealogyIndex?
    /// The ledger head the index includes.
    private var seq: Int64 = 0

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
            seq = try head(db)
            index = try SQLTrace.loadIndex(db)
        } else {
            try catchUp(db)
        }
        return try body(index!)
    }

    /// Adds what was committed since the index was last brought up to date; nothing when it was never built.
    func update(_ db: Database) throws {
        lock.lock()
        defer { lock.unlock() }
        if index != nil { try catchUp(db) }
    }

    /// Drops the index, as after a rebuild replaced every projection.
    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        index = nil
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
