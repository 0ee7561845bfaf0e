import Foundation
import GRDB
import LotlineCore

extension LotlineStore {
    /// The order planned against actual: every schedule version's place for its operations, the issues and returns from
    /// the ledger (with what was planned at each issue), and what it consumed.
    public func workOrderVariance(_ text: String) throws -> WorkOrderVariance {
        try read { db in
            let order = try SQLiteLedgerState(db: db).requireWorkOrder(text)
            let plans = try plannedOperations(of: order.number, db: db)
            // Issues and returns reach the order through the lots it has held: their events, that name this order.
            let events = try Ledger.events(
                db,
                where: """
                    type IN ('material.issued', 'material.returned') AND seq IN (
                        SELECT le.seq FROM lot_events le JOIN wip w ON w.lot = le.lot WHERE w.work_order = ?)
                    """,
                arguments: [order.number.rawValue])
            let moves = try events.compactMap { event -> MaterialMove? in
                let at = try BusinessTime.parse(event.businessTime, timeZone: .utc)
                switch try event.body() {
                case let issued as MaterialIssued where issued.workOrder == order.number: return MaterialMove(.issued(issued), at: at)
                case let returned as MaterialReturned where returned.workOrder == order.number: return MaterialMove(.returned(returned), at: at)
                default: return nil
                }
            }
            var consumed: [LotPortion] = []
            for row in try db.fetchRows(
                sql: "SELECT lot, quantity, unit FROM consumptions WHERE work_order = ? ORDER BY seq", arguments: [order.number.rawValue])
            {
                let lot = LotNumber(rawValue: row["lot"])
                let amount = Decimal(string: row["quantity"]) ?? 0
                if let index = consumed.firstIndex(where: { $0.lot == lot }) {
                    consumed[index].quantity.amount += amount
                } else {
                    consumed.append(LotPortion(lot: lot, quantity: Quantity(amount, row["unit"])))
                }
            }
            var lots = Set(consumed.map(\.lot) + moves.map(\.portion.lot))
            for plan in plans { lots.formUnion((plan.operation.allocations ?? []).map(\.lot)) }
            var items: [LotNumber: PartNumber] = [:]
            for lot in lots {
                if let item = try String.fetchOne(db, sql: "SELECT item FROM lots WHERE number = ?", arguments: [lot.rawValue]) {
                    items[lot] = PartNumber(rawValue: item)
                }
            }
            return WorkOrderVariance.compare(order, plans: plans, moves: moves, consumed: consumed, items: items)
        }
    }

    /// Every published version's place for the order's operations, with their allocations, oldest version first.
    private func plannedOperations(of order: WorkOrderNumber, db: Database) throws -> [PlannedOperation] {
        var allocations: [String: [LotPortion]] = [:]
        for row in try db.fetchRows(
            sql: "SELECT version, seq, lot, quantity, unit FROM schedule_allocations WHERE work_order = ? ORDER BY version, rowid",
            arguments: [order.rawValue])
        {
            allocations["\(row["version"] as Int) \(row["seq"] as Int)", default: []].append(
                LotPortion(lot: LotNumber(rawValue: row["lot"]), quantity: Rows.quantity(row["quantity"], row["unit"])))
        }
        return try db.fetchRows(
            sql: """
                SELECT o.*, e.business_time AS published_at FROM scheduled_operations o JOIN schedules s ON s.version = o.version
                JOIN events e ON e.seq = s.seq WHERE o.work_order = ? ORDER BY o.version, o.seq
                """,
            arguments: [order.rawValue]
        ).map { row in
            let version: Int = row["version"]
            var op = try ScheduleRows.operation(row)
            op.allocations = allocations["\(version) \(op.seq)"]
            return PlannedOperation(version: version, publishedAt: try BusinessTime.parse(row["published_at"], timeZone: .utc), operation: op)
        }
    }
}
