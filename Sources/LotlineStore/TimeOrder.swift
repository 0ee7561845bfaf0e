import Foundation
import GRDB
import LotlineCore

/// No event is dated before what it depends on: nothing happens to a lot before it existed, to a work order before it
/// was created (or, on the floor, before it was released), nothing is recorded at an operation before it started, and no
/// material is consumed at an order before it was first issued there. Business times are history (an import line's
/// `at`), so every rule is judged at them; this keeps them consistent. Equal times are allowed: coarse clocks give many
/// events the same second.
enum TimeOrder {
    static func check(_ body: any EventBody, at text: String, db: Database) throws {
        let time = try BusinessTime.parse(text, timeZone: .utc).date
        for lot in Set(body.lots) {
            guard let created = try db.fetchOne(String.self, sql: "SELECT created_at FROM lots WHERE number = ?", arguments: [lot.rawValue])
            else { continue }
            try require(
                time, notBefore: created, "time-before-lot", "\(body.type) of lot \(lot) is dated \(text), before the lot existed (\(created))",
                lot.rawValue)
        }
        guard let (order, floor) = workOrder(of: body),
            let row = try db.fetchRow(sql: "SELECT created_at, released_at FROM work_orders WHERE number = ?", arguments: [order.rawValue])
        else { return }
        if let created: String = row["created_at"] {
            try require(
                time, notBefore: created, "time-before-work-order",
                "\(body.type) on \(order) is dated \(text), before the order was created (\(created))",
                order.rawValue)
        }
        if floor, let released: String = row["released_at"] {
            try require(
                time, notBefore: released, "time-before-release",
                "\(body.type) on \(order) is dated \(text), before the order was released to the floor (\(released))", order.rawValue)
        }
        if let operation = operationSeq(of: body),
            let started = try db.fetchOne(
                String.self, sql: "SELECT started_at FROM work_order_operations WHERE work_order = ? AND seq = ?",
                arguments: [order.rawValue, operation])
        {
            try require(
                time, notBefore: started, "time-before-operation-start",
                "\(body.type) at \(order) operation \(operation) is dated \(text), before the operation started (\(started))", order.rawValue)
        }
        if let consumed = body as? MaterialConsumed,
            let issued = try db.fetchOne(
                String.self, sql: "SELECT first_issued_at FROM wip WHERE work_order = ? AND lot = ?",
                arguments: [order.rawValue, consumed.lot.rawValue])
        {
            try require(
                time, notBefore: issued, "time-before-issue",
                "consumption of \(consumed.lot) at \(order) is dated \(text), before the lot was issued to the order (\(issued))",
                consumed.lot.rawValue)
        }
    }

    /// The work order an event happens on, and whether it is floor work (which needs the order released).
    private static func workOrder(of body: any EventBody) -> (WorkOrderNumber, Bool)? {
        switch body {
        case let e as WorkOrderStatusChanged: (e.number, false)
        case let e as MaterialIssued: (e.workOrder, true)
        case let e as MaterialReturned: (e.workOrder, true)
        case let e as OperationStarted: (e.workOrder, true)
        case let e as MaterialConsumed: (e.workOrder, true)
        case let e as OperationRecorded: (e.workOrder, true)
        case let e as OperationCompleted: (e.workOrder, true)
        case let e as OutputProduced: (e.workOrder, true)
        default: nil
        }
    }

    /// The operation an event happens at, for events that need it started.
    private static func operationSeq(of body: any EventBody) -> Int? {
        switch body {
        case let e as MaterialConsumed: e.seq
        case let e as OperationRecorded: e.seq
        case let e as OperationCompleted: e.seq
        default: nil
        }
    }

    private static func require(_ time: Date, notBefore text: String, _ code: String, _ message: String, _ value: String) throws {
        guard let earliest = try? BusinessTime.parse(text, timeZone: .utc).date, time < earliest else { return }
        throw LotlineError.refused(code, message + "; an event cannot come before what it depends on", value: value)
    }
}
