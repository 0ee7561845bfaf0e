import Foundation
import GRDB
import Testing

@testable import LotlineStore

/// The trace index catches up after every write. What it reads then must be found through an index: a query that reads
/// a whole table (every made lot, every split) costs more the larger the plant, and at 100,000 raw lots it cut the
/// server's writes from hundreds a second to 33.
@Suite struct CatchUpPlanTests {
    @Test func everyCatchUpQueryFindsItsRowsThroughAnIndex() throws {
        let store = try LotlineStore.inMemory()
        let queries = TraceIndexHolder.catchUpQueries
        for (sql, argument) in [
            (queries.newLotLinks, DatabaseValue(value: 7)), (queries.changedOrders, DatabaseValue(value: 7)),
            (queries.orderEdges, DatabaseValue(value: "WO-1")), (queries.orderOutputs, DatabaseValue(value: "WO-1")),
        ] {
            let plan = try store.read { db in
                try db.fetchRows(sql: "EXPLAIN QUERY PLAN " + sql, arguments: [argument]).map { $0["detail"] as String }
            }
            #expect(!plan.isEmpty)
            #expect(!plan.contains { $0.hasPrefix("SCAN ") }, "\(sql): \(plan)")
        }
    }
}
