import Foundation
import GRDB
import LotlineCore
import LotlineFixtures
import Testing

@testable import LotlineStore

/// A server's own read connections: each read sees every commit made before it began (by the store's writer or by
/// another process on the file), and a read that finds every connection busy is still answered.
@Suite struct ReadConnectionsTests {
    @Test func aReadSeesEveryCommitAndOneWithEveryConnectionBusyIsStillAnswered() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("plant.sqlite")
        let store = try LotlineStore(path: path, concurrentReads: 1)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try store.execute(AddItem(part: "ST-1", description: "Steel", unit: "kg"), actor: "clerk", at: at)
        // The first read opens the store's one connection; it is kept for the next.
        #expect(try store.eventCount() == 1)
        _ = try store.execute(AddItem(part: "ST-2", description: "Steel", unit: "kg"), actor: "clerk", at: at)
        #expect(try store.eventCount() == 2)
        // Another process's commit (the CLI's own connection to the file).
        let other = try LotlineStore(path: path)
        _ = try other.execute(AddItem(part: "ST-3", description: "Steel", unit: "kg"), actor: "clerk", at: at)
        #expect(try store.eventCount() == 3)
        // The one connection busy with the outer read: the inner one goes to the pool, and both see the same ledger.
        let (outer, inner) = try store.read { db in (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events"), try store.eventCount()) }
        #expect(outer == 3 && inner == 3)
        #expect(try store.items().map(\.part.rawValue) == ["ST-1", "ST-2", "ST-3"])
    }
}
