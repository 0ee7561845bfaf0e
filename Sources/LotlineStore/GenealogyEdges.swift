import Foundation
import GRDB
import LotlineCore

/// Derives a work order's input-to-output edges from its consumptions and outputs, with the certainty of each.
///
/// - `exact`: the consumption named its output, or the order has produced a single output;
/// - `window`: the consumption fell in an output's production window: after the order's previous output and
///   no later than this one (outputs made together share a window);
/// - `order`: only the order links them (consumed after the last output so far): every output, never called exact.
///
/// Recomputed for the whole order whenever it produces, so a later output can only narrow, never widen, what was exact.
/// A consumption never changes the edges of earlier ones (they depend only on the outputs), so it adds just its own.
enum GenealogyEdges {
    static func recompute(_ order: WorkOrderNumber, db: Database) throws {
        try db.run(sql: "DELETE FROM genealogy_edges WHERE work_order = ?", arguments: [order.rawValue])
        try link(order, consumptions: "SELECT * FROM consumptions WHERE work_order = ? ORDER BY seq", [order.rawValue], db: db)
    }

    /// Adds the edges of the consumption recorded by event `seq`.
    static func consumed(_ order: WorkOrderNumber, seq: Int64, db: Database) throws {
        try link(order, consumptions: "SELECT * FROM consumptions WHERE seq = ?", [seq], db: db)
    }

    private static func link(_ order: WorkOrderNumber, consumptions sql: String, _ arguments: StatementArguments, db: Database) throws {
        let outputs = try db.fetchRows(
            sql: "SELECT lot, at_epoch FROM outputs WHERE work_order = ? ORDER BY at_epoch, lot", arguments: [order.rawValue]
        )
        .map { (lot: $0["lot"] as String, at: $0["at_epoch"] as Double) }
        guard !outputs.isEmpty else { return }
        for consumption in try db.fetchRows(sql: sql, arguments: arguments) {
            let at: Double = consumption["at_epoch"]
            let targets: [String]
            let certainty: String
            if let into: String = consumption["into_lot"] {
                (targets, certainty) = ([into], "exact")
            } else if outputs.count == 1 {
                (targets, certainty) = ([outputs[0].lot], "exact")
            } else if let next = outputs.first(where: { $0.at >= at }) {
                (targets, certainty) = (outputs.filter { $0.at == next.at }.map(\.lot), "window")
            } else {
                (targets, certainty) = (outputs.map(\.lot), "order")
            }
            for target in targets {
                try db.run(
                    sql: """
                        INSERT INTO genealogy_edges (input, output, quantity, unit, work_order, op_seq, equipment, tool, operator, at, certainty, consume_seq)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        consumption["lot"], target, consumption["quantity"], consumption["unit"], order.rawValue, consumption["op_seq"],
                        consumption["equipment"], consumption["tool"], consumption["operator"], consumption["at"], certainty, consumption["seq"],
                    ])
            }
        }
    }
}
