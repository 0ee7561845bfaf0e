import Foundation

/// When a lot is used up: nothing left in stock and nothing of it left at any work order. It then ends in the status of
/// what used it up (consumed, scrapped or shipped). The command decides this from the state it was given and records it
/// in its event (`emptied`), so the status a lot ends in is in the ledger; projections apply what the event says.
public enum LotEmptying {
    /// How a movement changes a lot's stock.
    static func stockChange(_ movement: StockMovement) -> Decimal {
        switch movement.kind {
        case .received, .produced, .splitIn, .mergeIn, .returnToStock, .returnedIn, .adjust: movement.amount
        case .splitOut, .mergeOut, .issue, .ship, .scrap: -movement.amount
        case .consume: 0
        }
    }

    /// How a movement changes what of a lot is at work orders.
    static func workInProcessChange(_ movement: StockMovement) -> Decimal {
        switch movement.kind {
        case .issue: movement.amount
        case .returnToStock, .consume: -movement.amount
        case .received, .produced, .splitIn, .mergeIn, .returnedIn, .adjust, .splitOut, .mergeOut, .ship, .scrap: 0
        }
    }

    /// The lots among `candidates` that `movements` leave with nothing in stock and nothing at work orders, given what
    /// each had before them; in the order of `candidates`, each once.
    public static func emptied(
        _ candidates: [LotNumber], by movements: [StockMovement], stock: (LotNumber) throws -> Decimal,
        atWorkOrders: (LotNumber) throws -> Decimal
    ) rethrows -> [LotNumber] {
        var seen: Set<LotNumber> = []
        return try candidates.filter { lot in
            guard seen.insert(lot).inserted else { return false }
            let moved = movements.filter { $0.lot == lot }
            let stockAfter = try stock(lot) + moved.reduce(0) { $0 + stockChange($1) }
            let heldAfter = try atWorkOrders(lot) + moved.reduce(0) { $0 + workInProcessChange($1) }
            return stockAfter == 0 && heldAfter == 0
        }
    }
}

/// Which lots an event may use up, and the status they end in.
public struct Emptying: Sendable, Hashable {
    /// The lots the event says it used up; nil for an event recorded before events said so.
    public var recorded: [LotNumber]?
    /// The lots it takes material from: the only ones it can use up.
    public var candidates: [LotNumber]
    public var status: LotStatus
}

extension RecordedEvent {
    /// What the event may use up; nil for events that take no material from a lot. Every event is named: a new one does
    /// not compile until it says.
    public var emptying: Emptying? {
        switch self {
        case .lotSplit(let e): Emptying(recorded: e.emptied, candidates: [e.parent], status: .consumed)
        case .lotsMerged(let e): Emptying(recorded: e.emptied, candidates: e.inputs.map(\.lot), status: .consumed)
        case .lotAdjusted(let e): Emptying(recorded: e.emptied, candidates: [e.lot], status: .consumed)
        case .lotScrapped(let e): Emptying(recorded: e.emptied, candidates: [e.lot], status: .scrapped)
        case .materialConsumed(let e): Emptying(recorded: e.emptied, candidates: [e.lot], status: .consumed)
        case .lotsShipped(let e): Emptying(recorded: e.emptied, candidates: e.lines.map(\.lot), status: .shipped)
        // Issuing moves material to an order (still the lot's); the rest add material or move none.
        case .itemDefined, .itemChanged, .supplierDefined, .supplierChanged, .namedRecord, .lotSchemeSet, .lotReceived, .lotInspected,
            .lotStatusChanged, .lotMoved, .lotReceiptCorrected, .bomLineSet, .bomLineRemoved, .routingOperationSet, .routingOperationRemoved,
            .workCenterSet, .workCenterShiftsSet, .downtimeRecorded, .schedulePublished, .operationPinSet, .lotsChosen,
            .toolDefined, .toolCalibrated, .operatorDefined, .operatorQualified, .supplierAccredited, .workOrderCreated,
            .workOrderStatusChanged, .materialIssued, .materialReturned, .operationStarted, .operationRecorded, .operationCompleted,
            .outputProduced, .shipmentReturned, .recallStarted, .recallDrilled, .recallLotDispositioned, .recallClosed, .importProgressed, .userAdded,
            .userChanged, .userPasswordSet, .userTokenIssued, .userTokenRevoked, .userSignInFailed, .lotsObserved, .recordSigned:
            nil
        }
    }
}

extension LedgerState {
    /// The lots `event` uses up, measured against this state (the state before it): what its command records.
    public func lotsEmptied(by event: some EventBody) throws -> [LotNumber] {
        guard let emptying = event.recorded.emptying else { return [] }
        return try LotEmptying.emptied(
            emptying.candidates, by: event.recorded.stockMovements, stock: { try lot($0)?.quantity.amount ?? 0 },
            atWorkOrders: { try workInProcess(of: $0).reduce(0) { $0 + $1.remaining.amount } })
    }
}
