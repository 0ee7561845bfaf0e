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

    static func record(_ body: any EventBody, seq: Int64, db: Database) throws {
        var moves: [(LotNumber, Kind, Decimal)] = []
        switch body {
        case let e as LotReceived: moves = [(e.lot, .received, e.quantity.amount)]
        case let e as LotSplit:
            moves =
                [(e.parent, .splitOut, e.children.reduce(0) { $0 + $1.quantity.amount })] + e.children.map { ($0.lot, .splitIn, $0.quantity.amount) }
        case let e as LotsMerged: moves = e.inputs.map { ($0.lot, .mergeOut, $0.quantity.amount) } + [(e.output, .mergeIn, e.quantity.amount)]
        case let e as LotAdjusted: moves = [(e.lot, .adjust, e.to.amount - e.from.amount)]
        case let e as LotScrapped: moves = [(e.lot, .scrap, e.quantity.amount)]
        case let e as MaterialIssued: moves = [(e.lot, .issue, e.quantity.amount)]
        case let e as MaterialReturned: moves = [(e.lot, .returnToStock, e.quantity.amount)]
        case let e as MaterialConsumed: moves = [(e.lot, .consume, e.quantity.amount)]
        case let e as OutputProduced: moves = e.outputs.map { ($0.lot, .produced, $0.quantity.amount) }
        case let e as LotsShipped: moves = e.lines.map { ($0.lot, .ship, $0.quantity.amount) }
        case let e as ShipmentReturned: moves = [(e.returnLot, .returnedIn, e.quantity.amount)]
        default: return
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
