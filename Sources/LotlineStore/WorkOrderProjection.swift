import Foundation
import GRDB
import LotlineCore

/// Work orders, their operations, material at them, consumption and outputs.
enum WorkOrderProjection {
    static func created(_ e: WorkOrderCreated, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql:
                """
                INSERT INTO work_orders (number, item, quantity, unit, due, status, produced, created_seq, created_at, customer, sales_order)
                VALUES (?, ?, ?, ?, ?, 'planned', '0', ?, ?, ?, ?)
                """,
            arguments: [
                e.number.rawValue, e.item.rawValue, Quantity.format(e.quantity.amount), e.quantity.unit, e.due?.description, event.seq,
                event.businessTime, e.customer?.rawValue, e.salesOrder,
            ])
        for line in e.components {
            try db.run(
                sql: "INSERT INTO work_order_components (work_order, component, quantity_per, unit) VALUES (?, ?, ?, ?)",
                arguments: [e.number.rawValue, line.component.rawValue, Quantity.format(line.quantityPer.amount), line.quantityPer.unit])
        }
        for op in e.operations {
            try db.run(
                sql: """
                    INSERT INTO work_order_operations (work_order, seq, name, work_center, qualification, special_process, status, final_inspection,
                        setup_minutes, run_minutes, alternatives)
                    VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
                    """,
                arguments: [
                    e.number.rawValue, op.seq, op.name, op.workCenter, op.qualification?.rawValue, op.specialProcess?.rawValue, op.finalInspection,
                ] + ProductionProjection.planningColumns(op))
        }
        if let sequence = e.sequence { try LotProjection.useSequence(sequence, db: db) }
    }

    static func issued(_ e: MaterialIssued, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO wip (work_order, lot, issued, consumed, returned, unit, first_issued_at, deviation) VALUES (?, ?, '0', '0', '0', ?, ?, ?)
                ON CONFLICT(work_order, lot) DO UPDATE SET deviation = coalesce(wip.deviation, excluded.deviation)
                """,
            arguments: [e.workOrder.rawValue, e.lot.rawValue, e.quantity.unit, event.businessTime, e.deviation?.rawValue])
        try changeWIP(e.workOrder, e.lot, column: "issued", by: e.quantity.amount, db: db)
        try Stock.change(e.lot, by: -e.quantity.amount, db: db)
    }

    static func returned(_ e: MaterialReturned, db: Database) throws {
        try changeWIP(e.workOrder, e.lot, column: "returned", by: e.quantity.amount, db: db)
        try Stock.change(e.lot, by: e.quantity.amount, db: db)
    }

    static func started(_ e: OperationStarted, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                UPDATE work_order_operations SET status = 'started', equipment = ?, tool = ?, operator = ?, processor = ?,
                    processor_certificate = ?, started_at = ?, not_recorded = ?, unchecked = ?
                WHERE work_order = ? AND seq = ?
                """,
            arguments: [
                e.equipment?.rawValue, e.tool?.rawValue, e.operatorCode?.rawValue, e.processor?.rawValue, e.processorCertificate,
                event.businessTime, e.notRecorded.map { CanonicalJSON.encode($0) }, e.unchecked.map { CanonicalJSON.encode($0) },
                e.workOrder.rawValue, e.seq,
            ])
    }

    static func consumed(_ e: MaterialConsumed, event: LedgerEvent, db: Database) throws {
        try changeWIP(e.workOrder, e.lot, column: "consumed", by: e.quantity.amount, db: db)
        let consumption = GenealogyEdges.Consumption(
            seq: event.seq, lot: e.lot.rawValue, quantity: Quantity.format(e.quantity.amount), unit: e.quantity.unit, opSeq: e.seq,
            into: e.into?.rawValue, equipment: e.equipment?.rawValue, tool: e.tool?.rawValue, operatorCode: e.operatorCode?.rawValue,
            at: event.businessTime, atEpoch: try ProductionProjection.epoch(event))
        try db.run(
            sql: """
                INSERT INTO consumptions (seq, work_order, op_seq, lot, quantity, unit, into_lot, equipment, tool, operator, at, at_epoch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                consumption.seq, e.workOrder.rawValue, consumption.opSeq, consumption.lot, consumption.quantity, consumption.unit, consumption.into,
                consumption.equipment, consumption.tool, consumption.operatorCode, consumption.at, consumption.atEpoch,
            ])
        try GenealogyEdges.consumed(e.workOrder, consumption, db: db)
    }

    static func recorded(_ e: OperationRecorded, event: LedgerEvent, db: Database) throws {
        let units = e.units.map { CanonicalJSON.encode($0.map(\.rawValue)) }
        let insert = """
            INSERT INTO operation_records (seq, work_order, op_seq, kind, name, value, unit, passed, actor, at, units)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        for p in e.parameters {
            try db.run(
                sql: insert,
                arguments: [
                    event.seq, e.workOrder.rawValue, e.seq, "parameter", p.name, p.value, p.unit, nil, event.actor, event.businessTime, units,
                ])
        }
        for i in e.inspections {
            try db.run(
                sql: insert,
                arguments: [
                    event.seq, e.workOrder.rawValue, e.seq, "inspection", i.name, i.value, nil, i.passed, event.actor, event.businessTime, units,
                ])
        }
    }

    static func completed(_ e: OperationCompleted, event: LedgerEvent, db: Database) throws {
        try db.run(
            sql: """
                UPDATE work_order_operations SET status = 'completed', completed_at = ?, good = ?, scrap = ?, job_certificate = ?,
                    not_recorded = CASE WHEN ?5 IS NULL THEN not_recorded
                        ELSE (SELECT json_group_array(value) FROM (SELECT value FROM json_each(coalesce(not_recorded, '[]'))
                              UNION ALL SELECT value FROM json_each(?5))) END
                WHERE work_order = ?6 AND seq = ?7
                """,
            arguments: [
                event.businessTime, Quantity.format(e.good.amount), e.scrap.map { Quantity.format($0.amount) }, e.certificate,
                e.notRecorded.map { CanonicalJSON.encode($0) }, e.workOrder.rawValue, e.seq,
            ])
    }

    static func produced(_ e: OutputProduced, event: LedgerEvent, db: Database) throws {
        let epoch = try ProductionProjection.epoch(event)
        for output in e.outputs {
            try LotProjection.insertLot(
                number: output.lot, item: e.item, quantity: output.quantity, status: e.status, heldFrom: e.heldFrom?.rawValue, location: e.location,
                origin: .production, expiresOn: e.expiresOn, createdAt: event.businessTime, seq: event.seq, db: db)
            for recall in e.recalls ?? [] {
                try RecallProjection.claim(output.lot, for: recall, heldFrom: e.heldFrom ?? .released, seq: event.seq, db: db)
            }
            try db.run(
                sql: "INSERT INTO outputs (lot, work_order, seq, at, at_epoch, shift) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [output.lot.rawValue, e.workOrder.rawValue, event.seq, event.businessTime, epoch, e.shift])
        }
        let total = e.outputs.reduce(Decimal(0)) { $0 + $1.quantity.amount }
        let produced = try db.fetchOne(String.self, sql: "SELECT produced FROM work_orders WHERE number = ?", arguments: [e.workOrder.rawValue])
        try db.run(
            sql: "UPDATE work_orders SET produced = ? WHERE number = ?",
            arguments: [Quantity.format((produced.flatMap { Decimal(string: $0) } ?? 0) + total), e.workOrder.rawValue])
        for sequence in e.sequences { try LotProjection.useSequence(sequence, db: db) }
        try GenealogyEdges.recompute(e.workOrder, db: db)
    }

    private static func changeWIP(_ order: WorkOrderNumber, _ lot: LotNumber, column: String, by amount: Decimal, db: Database) throws {
        let current = try db.fetchOne(
            String.self, sql: "SELECT \(column) FROM wip WHERE work_order = ? AND lot = ?", arguments: [order.rawValue, lot.rawValue])
        guard let current, let value = Decimal(string: current) else {
            throw LotlineError(.integrity, "projection-missing-wip", "no material of lot \(lot) at work order \(order); run `lotline admin rebuild`")
        }
        try db.run(
            sql: "UPDATE wip SET \(column) = ? WHERE work_order = ? AND lot = ?",
            arguments: [Quantity.format(value + amount), order.rawValue, lot.rawValue])
    }
}
