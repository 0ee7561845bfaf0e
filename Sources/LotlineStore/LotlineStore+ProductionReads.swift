import Foundation
import GRDB
import LotlineCore

extension LotlineStore {
    public func workCenters() throws -> [WorkCenter] {
        try read { db in try WorkCenterRows.workCenters(db: db) }
    }

    public func allocatableLots(of items: [PartNumber]) throws -> [AllocatableLot] {
        try read { db in
            let state = SQLiteLedgerState(db: db)
            return try items.flatMap { try state.stockLots(of: $0) }
        }
    }

    public func materialAtOrders() throws -> [WorkOrderNumber: [PartNumber: Decimal]] {
        try read { db in
            var result: [WorkOrderNumber: [PartNumber: Decimal]] = [:]
            for row in try db.fetchRows(
                sql: """
                    SELECT w.work_order, l.item, w.issued, w.returned FROM wip w JOIN lots l ON l.number = w.lot
                    JOIN work_orders o ON o.number = w.work_order WHERE o.status != 'closed'
                    """)
            {
                let amount = (Decimal(string: row["issued"]) ?? 0) - (Decimal(string: row["returned"]) ?? 0)
                result[WorkOrderNumber(rawValue: row["work_order"]), default: [:]][PartNumber(rawValue: row["item"]), default: 0] += amount
            }
            return result
        }
    }

    public func latestSchedule() throws -> PublishedSchedule? {
        try read { db in try ScheduleRows.latest(db: db) }
    }

    public func downtimes() throws -> [Downtime] {
        try read { db in try WorkCenterRows.downtimes(db: db) }
    }

    public func tools() throws -> [Tool] {
        try read { db in try db.fetchRows(sql: "SELECT * FROM tools ORDER BY code").map(Rows.tool) }
    }

    public func operators() throws -> [Operator] {
        try read { db in
            let state = SQLiteLedgerState(db: db)
            return try db.fetchAll(String.self, sql: "SELECT code FROM operators ORDER BY code").compactMap {
                try state.operatorRecord(OperatorCode(rawValue: $0))
            }
        }
    }

    /// Special-process accreditations on file, of every supplier or of one.
    public func accreditations(of supplier: SupplierCode? = nil) throws -> [Accreditation] {
        try read { db in
            try db.fetchRows(
                sql: "SELECT * FROM accreditations WHERE ?1 IS NULL OR supplier = ?1 ORDER BY supplier, process", arguments: [supplier?.rawValue]
            ).map {
                Accreditation(
                    supplier: SupplierCode(rawValue: $0["supplier"]), process: ProcessCode(rawValue: $0["process"]), certificate: $0["certificate"],
                    until: Rows.date($0["until"])!)
            }
        }
    }

    /// Work orders, newest first, optionally only those with one status.
    public func workOrders(status: WorkOrderStatus? = nil) throws -> [WorkOrder] {
        try read { db in
            let state = SQLiteLedgerState(db: db)
            let numbers = try db.fetchAll(
                String.self, sql: "SELECT number FROM work_orders WHERE ?1 IS NULL OR status = ?1 ORDER BY created_seq DESC",
                arguments: [status?.rawValue])
            return try numbers.compactMap { try state.workOrder(WorkOrderNumber(rawValue: $0)) }
        }
    }

    /// A work order with the material at it.
    public func workOrderDetail(_ text: String) throws -> (order: WorkOrder, wip: [WorkInProcess]) {
        try read { db in
            let state = SQLiteLedgerState(db: db)
            let order = try state.requireWorkOrder(text)
            return (order, try state.workInProcess(order.number))
        }
    }
}
