import Foundation

/// A quantity that entered or left a lot, by kind. A lot's stock is always received + produced + split_in + merge_in +
/// returned_in + return_to_stock + adjust - split_out - merge_out - issue - ship - scrap; mass balances are sums of these.
public struct StockMovement: Sendable, Hashable {
    public enum Kind: String, CaseIterable, Sendable {
        case received, produced, splitIn = "split_in", splitOut = "split_out", mergeIn = "merge_in", mergeOut = "merge_out", adjust, scrap
        case issue, returnToStock = "return_to_stock", consume, ship, returnedIn = "returned_in"
    }

    public var lot: LotNumber
    public var kind: Kind
    public var amount: Decimal

    public init(_ lot: LotNumber, _ kind: Kind, _ amount: Decimal) {
        self.lot = lot
        self.kind = kind
        self.amount = amount
    }

    /// Each kind's total, for one lot or a family of them.
    public struct Totals: Sendable, Hashable {
        public private(set) var amounts: [Kind: Decimal] = [:]

        public init(_ amounts: [Kind: Decimal] = [:]) {
            self.amounts = amounts
        }

        public subscript(kind: Kind) -> Decimal { amounts[kind] ?? 0 }

        public mutating func add(_ kind: Kind, _ amount: Decimal) {
            amounts[kind, default: 0] += amount
        }

        public mutating func add(_ other: Totals) {
            for (kind, amount) in other.amounts { add(kind, amount) }
        }

        /// What came into the lot when it was made: received, produced, split off or merged into it.
        public var made: Decimal { self[.received] + self[.produced] + self[.splitIn] + self[.mergeIn] }
        /// Used in production or merged into composite lots.
        public var consumed: Decimal { self[.consume] + self[.mergeOut] }
        /// Shipped, less what came back.
        public var shippedNet: Decimal { self[.ship] - self[.returnedIn] }
    }
}

extension RecordedEvent {
    /// The stock each event moves. Every event is named: a new one does not compile until it says (most move none).
    public var stockMovements: [StockMovement] {
        switch self {
        case .lotReceived(let e): [StockMovement(e.lot, .received, e.quantity.amount)]
        case .lotSplit(let e):
            [StockMovement(e.parent, .splitOut, e.children.reduce(0) { $0 + $1.quantity.amount })]
                + e.children.map { StockMovement($0.lot, .splitIn, $0.quantity.amount) }
        case .lotsMerged(let e):
            e.inputs.map { StockMovement($0.lot, .mergeOut, $0.quantity.amount) } + [StockMovement(e.output, .mergeIn, e.quantity.amount)]
        case .lotAdjusted(let e): [StockMovement(e.lot, .adjust, e.to.amount - e.from.amount)]
        case .lotScrapped(let e): [StockMovement(e.lot, .scrap, e.quantity.amount)]
        case .materialIssued(let e): [StockMovement(e.lot, .issue, e.quantity.amount)]
        case .materialReturned(let e): [StockMovement(e.lot, .returnToStock, e.quantity.amount)]
        case .materialConsumed(let e): [StockMovement(e.lot, .consume, e.quantity.amount)]
        case .outputProduced(let e): e.outputs.map { StockMovement($0.lot, .produced, $0.quantity.amount) }
        case .lotsShipped(let e): e.lines.map { StockMovement($0.lot, .ship, $0.quantity.amount) }
        case .shipmentReturned(let e): [StockMovement(e.returnLot, .returnedIn, e.quantity.amount)]
        // A status, a place, a record of work or of master data: no quantity moves.
        case .itemDefined, .itemChanged, .supplierDefined, .supplierChanged, .namedRecord, .lotSchemeSet, .lotInspected, .lotStatusChanged,
            .lotMoved, .lotReceiptCorrected, .bomLineSet, .bomLineRemoved, .routingOperationSet, .routingOperationRemoved, .workCenterSet,
            .workCenterShiftsSet, .downtimeRecorded, .schedulePublished, .operationPinSet, .lotsChosen, .toolDefined,
            .toolCalibrated, .operatorDefined, .operatorQualified, .supplierAccredited, .workOrderCreated, .workOrderStatusChanged,
            .operationStarted, .operationRecorded, .operationCompleted, .recallStarted, .recallDrilled, .recallLotDispositioned, .recallClosed,
            .importProgressed, .userAdded, .userChanged, .userPasswordSet, .userTokenIssued, .userTokenRevoked, .userSignInFailed, .lotsObserved,
            .recordSigned:
            []
        }
    }
}

extension MassBalance {
    /// The balance of a lot and its family (the lot and every lot split or returned from it: one body of material): what
    /// came into the lot against where the family's material is now and where it went.
    public init(
        of lot: LotNumber, unit: String, made: StockMovement.Totals, family: StockMovement.Totals, inStock: Decimal, workInProcess: Decimal
    ) {
        let q = { (amount: Decimal) in Quantity(amount, unit) }
        self.init(
            lot: lot, received: q(made.made), adjusted: q(family[.adjust]), inStock: q(inStock), workInProcess: q(workInProcess),
            shipped: q(family.shippedNet), scrapped: q(family[.scrap]), consumed: q(family.consumed))
    }
}
