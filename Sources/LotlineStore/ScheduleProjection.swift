import Foundation
import GRDB
import LotlineCore

/// How a published schedule fills `schedules`, `scheduled_operations`, `schedule_allocations` and `unscheduled_operations`;
/// every version stays.
enum ScheduleProjection {
    static func published(_ e: SchedulePublished, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO schedules (version, seq, starts_at, horizon_days, frozen_hours, seed, iterations, allocation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                e.version, event.seq, e.from.text, e.horizonDays, e.frozenHours, Int64(bitPattern: e.seed), e.iterations, e.allocation?.rawValue,
            ])
        for op in e.operations {
            try db.run(
                sql: """
                    INSERT INTO scheduled_operations (version, work_order, seq, work_center, machine, starts_at, ends_at, fixed, awaits)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    e.version, op.workOrder.rawValue, op.seq, op.workCenter, op.machine?.rawValue, op.start.text, op.end.text, op.fixed?.rawValue,
                    op.awaits.map { CanonicalJSON.encode($0.map(\.rawValue)) },
                ])
            for portion in op.allocations ?? [] {
                try db.run(
                    sql: "INSERT INTO schedule_allocations (version, work_order, seq, lot, quantity, unit) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        e.version, op.workOrder.rawValue, op.seq, portion.lot.rawValue, Quantity.format(portion.quantity.amount),
                        portion.quantity.unit,
                    ])
            }
        }
        for op in e.unscheduled {
            try db.run(
                sql: "INSERT INTO unscheduled_operations (version, work_order, seq, reason) VALUES (?, ?, ?, ?)",
                arguments: [e.version, op.workOrder.rawValue, op.seq, op.reason])
        }
    }
}

extension ScheduleProjection {
    static func pinSet(_ e: OperationPinSet, db: Database) throws {
        try db.run(
            sql: "UPDATE work_order_operations SET pin_machine = ?, pin_start = ? WHERE work_order = ? AND seq = ?",
            arguments: [e.pin?.machine?.rawValue, e.pin?.start.text, e.workOrder.rawValue, e.seq])
    }

    static func lotsChosen(_ e: LotsChosen, event: LedgerEvent, db: Database) throws {
        try db.run(sql: "DELETE FROM chosen_lots WHERE work_order = ? AND item = ?", arguments: [e.workOrder.rawValue, e.item.rawValue])
        guard !e.chosen.isEmpty else { return }
        try db.run(
            sql: "INSERT INTO chosen_lots (work_order, item, lots, reason, note, seq) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [e.workOrder.rawValue, e.item.rawValue, CanonicalJSON.encode(e.chosen.map(\.rawValue)), e.reason.rawValue, e.note, event.seq])
    }
}

/// The latest published schedule, read back.
enum ScheduleRows {
    static func latest(db: Database) throws -> PublishedSchedule? {
        guard let row = try db.fetchRow(sql: "SELECT * FROM schedules ORDER BY version DESC LIMIT 1") else { return nil }
        let version: Int = row["version"]
        var allocations: [String: [LotPortion]] = [:]
        for row in try db.fetchRows(sql: "SELECT * FROM schedule_allocations WHERE version = ? ORDER BY rowid", arguments: [version]) {
            let key = "\(row["work_order"] as String) \(row["seq"] as Int)"
            allocations[key, default: []].append(
                LotPortion(lot: LotNumber(rawValue: row["lot"]), quantity: Rows.quantity(row["quantity"], row["unit"])))
        }
        let operations = try db.fetchRows(
            sql: "SELECT * FROM scheduled_operations WHERE version = ?", arguments: [version]
        ).map { row in
            var op = try operation(row)
            op.allocations = allocations["\(op.workOrder) \(op.seq)"]
            return op
        }
        let unscheduled = try db.fetchRows(
            sql: "SELECT * FROM unscheduled_operations WHERE version = ? ORDER BY work_order, seq", arguments: [version]
        ).map { UnscheduledOperation(workOrder: WorkOrderNumber(rawValue: $0["work_order"]), seq: $0["seq"], reason: $0["reason"]) }
        return PublishedSchedule(
            version: version, seq: row["seq"], from: try BusinessTime.parse(row["starts_at"], timeZone: .utc), horizonDays: row["horizon_days"],
            frozenHours: row["frozen_hours"], operations: operations, unscheduled: unscheduled,
            allocation: (row["allocation"] as String?).flatMap(AllocationRule.init(rawValue:)))
    }

    /// A `scheduled_operations` row, without its allocations.
    static func operation(_ row: Row) throws -> ScheduledOperation {
        var op = ScheduledOperation(
            workOrder: WorkOrderNumber(rawValue: row["work_order"]), seq: row["seq"], workCenter: row["work_center"],
            machine: (row["machine"] as String?).map(EquipmentCode.init(rawValue:)),
            start: try BusinessTime.parse(row["starts_at"], timeZone: .utc), end: try BusinessTime.parse(row["ends_at"], timeZone: .utc),
            fixed: (row["fixed"] as String?).flatMap(ScheduledOperation.Fixed.init(rawValue:)))
        op.awaits = Rows.strings(row["awaits"])?.map(WorkOrderNumber.init(rawValue:))
        return op
    }
}
