import Foundation
import GRDB
import LotlineCore

/// The stock ledger of each lot: every quantity that entered or left it, by kind, derived from the events in one place.
/// A lot's stock is always received + produced + split_in + merge_in + returned_in + return_to_stock + adjust
/// - split_out - merge_out - issue - ship - scrap; recall mass balances are sums over this table.
enum Movements {
    enum Kind: String, CaseIterable, Sendable {
        case received, produced, splitIn = "split_in", splitOut = "split_out", mergeIn = "merge_in", mergeOut = "merge_out", adjust, scrap
        case issue, returnToStock = "return_to_stock", consume, ship, returnedIn = "returned_in"
    }

    /// Every event, no default: a new event does not compile until it says what stock it moves (most move none).
    static func record(_ recorded: RecordedEvent, seq: Int64, db: Database) throws {
        let moves: [(LotNumber, Kind, Decimal)]
        switch recorded {
        case .lotReceived(let e): moves = [(e.lot, .received, e.quantity.amount)]
        case .lotSplit(let e):
            moves =
                [(e.parent, .splitOut, e.children.reduce(0) { $0 + $1.quantity.amount })] + e.children.map { ($0.lot, .splitIn, $0.quantity.amount) }
        case .lotsMerged(let e): moves = e.inputs.map { ($0.lot, .mergeOut, $0.quantity.amount) } + [(e.output, .mergeIn, e.quantity.amount)]
        case .lotAdjusted(let e): moves = [(e.lot, .adjust, e.to.amount - e.from.amount)]
        case .lotScrapped(let e): moves = [(e.lot, .scrap, e.quantity.amount)]
        case .materialIssued(let e): moves = [(e.lot, .issue, e.quantity.amount)]
        case .materialReturned(let e): moves = [(e.lot, .returnToStock, e.quantity.amount)]
        case .materialConsumed(let e): moves = [(e.lot, .consume, e.quantity.amount)]
        case .outputProduced(let e): moves = e.outputs.map { ($0.lot, .produced, $0.quantity.amount) }
        case .lotsShipped(let e): moves = e.lines.map { ($0.lot, .ship, $0.quantity.amount) }
        case .shipmentReturned(let e): moves = [(e.returnLot, .returnedIn, e.quantity.amount)]
        // A status, a place, a record of work or of master data: no quantity moves.
        case .itemDefined, .itemChanged, .supplierDefined, .supplierChanged, .namedRecord, .lotSchemeSet, .lotInspected, .lotStatusChanged,
            .lotMoved, .lotReceiptCorrected, .bomLineSet, .bomLineRemoved, .routingOperationSet, .routingOperationRemoved, .toolDefined,
            .toolCalibrated, .operatorDefined, .operatorQualified, .supplierAccredited, .workOrderCreated, .workOrderStatusChanged,
            .operationStarted, .operationRecorded, .operationCompleted, .recallStarted, .recallDrilled, .recallLotDispositioned, .recallClosed,
            .importProgressed:
            return
        }
        for (lot, kind, amount) in moves {
            try db.run(
                sql: "INSERT INTO lot_movements (seq, lot, kind, quantity) VALUES (?, ?, ?, ?)",
                arguments: [seq, lot.rawValue, kind.rawValue, Quantity.format(amount)])
        }
    }

    /// Each kind's total for a lot.
    static func totals(_ lot: LotNumber, db: Database) throws -> [Kind: Decimal] {
        var totals: [Kind: Decimal] = [:]
        for row in try db.fetchRows(sql: "SELECT kind, quantity FROM lot_movements WHERE lot = ?", arguments: [lot.rawValue]) {
            guard let kind = Kind(rawValue: row["kind"]) else { continue }
            totals[kind, default: 0] += Decimal(string: row["quantity"]) ?? 0
        }
        return totals
    }
}
