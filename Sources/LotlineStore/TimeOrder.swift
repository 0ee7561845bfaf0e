import Foundation
import GRDB
import LotlineCore

/// No event is dated before what it depends on: nothing happens to a lot before it existed, to a work order before it
/// was created (or, on the floor, before it was released), nothing is recorded at an operation before it started, and no
/// material is consumed at an order before it was first issued there. Business times are history (an import line's
/// `at`), so every rule is judged at them; this keeps them consistent. Equal times are allowed: coarse clocks give many
/// events the same second.
enum TimeOrder {
    static func check(_ recorded: RecordedEvent, at text: String, db: Database) throws {
        let body = recorded.body
        let time = try BusinessTime.parse(text, timeZone: .utc).date
        for lot in Set(body.lots) {
            guard let created = try db.fetchOne(String.self, sql: "SELECT created_at FROM lots WHERE number = ?", arguments: [lot.rawValue])
            else { continue }
            try require(
                time, notBefore: created, "time-before-lot", "\(body.type) of lot \(lot) is dated \(text), before the lot existed (\(created))",
                lot.rawValue)
        }
        guard let (order, floor) = workOrder(of: recorded),
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
        if let operation = operationSeq(of: recorded),
            let started = try db.fetchOne(
                String.self, sql: "SELECT started_at FROM work_order_operations WHERE work_order = ? AND seq = ?",
                arguments: [order.rawValue, operation])
        {
            try require(
                time, notBefore: started, "time-before-operation-start",
                "\(body.type) at \(order) operation \(operation) is dated \(text), before the operation started (\(started))", order.rawValue)
        }
        if case .materialConsumed(let consumed) = recorded,
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

    /// The work order an event happens on, and whether it is floor work (which needs the order released). Every event is
    /// named, so a new one does not compile until it says.
    private static func workOrder(of recorded: RecordedEvent) -> (WorkOrderNumber, Bool)? {
        switch recorded {
        case .workOrderStatusChanged(let e): (e.number, false)
        case .materialIssued(let e): (e.workOrder, true)
        case .materialReturned(let e): (e.workOrder, true)
        case .operationStarted(let e): (e.workOrder, true)
        case .materialConsumed(let e): (e.workOrder, true)
        case .operationRecorded(let e): (e.workOrder, true)
        case .operationCompleted(let e): (e.workOrder, true)
        case .outputProduced(let e): (e.workOrder, true)
        // Planning: after the order exists, not floor work.
        case .operationPinSet(let e): (e.workOrder, false)
        case .lotsChosen(let e): (e.workOrder, false)
        // Created with its order (nothing to be after), or not work at an order.
        case .workOrderCreated, .itemDefined, .itemChanged, .supplierDefined, .supplierChanged, .namedRecord, .lotSchemeSet, .lotReceived,
            .lotInspected, .lotStatusChanged, .lotSplit, .lotsMerged, .lotMoved, .lotAdjusted, .lotScrapped, .lotReceiptCorrected, .bomLineSet,
            .bomLineRemoved, .routingOperationSet, .routingOperationRemoved, .workCenterSet, .workCenterShiftsSet, .downtimeRecorded,
            .schedulePublished, .toolDefined,
            .toolCalibrated, .operatorDefined,
            .operatorQualified, .supplierAccredited, .lotsShipped, .shipmentReturned, .recallStarted, .recallDrilled, .recallLotDispositioned,
            .recallClosed, .importProgressed, .userAdded, .userChanged, .userPasswordSet, .userTokenIssued, .userTokenRevoked, .userSignInFailed,
            .lotsObserved, .recordSigned:
            nil
        }
    }

    /// The operation an event happens at, for events that need it started.
    private static func operationSeq(of recorded: RecordedEvent) -> Int? {
        switch recorded {
        case .materialConsumed(let e): e.seq
        case .operationRecorded(let e): e.seq
        case .operationCompleted(let e): e.seq
        default: nil
        }
    }

    private static func require(_ time: Date, notBefore text: String, _ code: String, _ message: String, _ value: String) throws {
        guard let earliest = try? BusinessTime.parse(text, timeZone: .utc).date, time < earliest else { return }
        throw LotlineError.refused(code, message + "; an event cannot come before what it depends on", value: value)
    }
}
