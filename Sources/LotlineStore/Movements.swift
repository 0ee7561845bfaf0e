import Foundation
import GRDB
import LotlineCore

/// The stock ledger of each lot (`lot_movements`): every quantity that entered or left it, as the core derives them from
/// each event (`RecordedEvent.stockMovements`).
enum Movements {
    static func record(_ recorded: RecordedEvent, seq: Int64, db: Database) throws {
        for move in recorded.stockMovements {
            try db.run(
                sql: "INSERT INTO lot_movements (seq, lot, kind, quantity) VALUES (?, ?, ?, ?)",
                arguments: [seq, move.lot.rawValue, move.kind.rawValue, Quantity.format(move.amount)])
        }
    }

    /// Each kind's total for a lot.
    static func totals(_ lot: LotNumber, db: Database) throws -> StockMovement.Totals {
        var totals = StockMovement.Totals()
        for row in try db.fetchRows(sql: "SELECT kind, quantity FROM lot_movements WHERE lot = ?", arguments: [lot.rawValue]) {
            guard let kind = StockMovement.Kind(rawValue: row["kind"]) else { continue }
            totals.add(kind, Decimal(string: row["quantity"]) ?? 0)
        }
        return totals
    }
}
