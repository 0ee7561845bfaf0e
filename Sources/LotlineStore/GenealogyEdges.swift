import Foundation
import GRDB
import LotlineCore

/// Derives a work order's input-to-output edges from its consumptions and outputs, by the rule in `GenealogyLinking`.
///
/// Recomputed for the whole order whenever it produces. A consumption never changes the edges of earlier ones (they
/// depend only on the outputs recorded before it), so it adds just its own.
enum GenealogyEdges {
    /// One row of `consumptions`, as the edges need it.
    struct Consumption {
        var seq: Int64
        var lot: String
        var quantity: String
        var unit: String
        var opSeq: Int
        var into: String?
        var equipment: String?
        var tool: String?
        var operatorCode: String?
        var at: String
        var atEpoch: Double
    }

    static func recompute(_ order: WorkOrderNumber, db: Database) throws {
        try db.run(sql: "DELETE FROM genealogy_edges WHERE work_order = ?", arguments: [order.rawValue])
        let consumptions = try db.fetchRows(sql: "SELECT * FROM consumptions WHERE work_order = ? ORDER BY seq", arguments: [order.rawValue])
        try link(order, consumptions.map(Consumption.init), db: db)
    }

    /// Adds the edges of one new consumption.
    static func consumed(_ order: WorkOrderNumber, _ consumption: Consumption, db: Database) throws {
        try link(order, [consumption], db: db)
    }

    private static func link(_ order: WorkOrderNumber, _ consumptions: [Consumption], db: Database) throws {
        let outputs = try db.fetchRows(
            sql: "SELECT lot, seq, at_epoch FROM outputs WHERE work_order = ? ORDER BY seq, lot", arguments: [order.rawValue]
        )
        .map { GenealogyLinking.Output(lot: $0[0], seq: $0[1], at: $0[2]) }
        guard !outputs.isEmpty else { return }
        for consumption in consumptions {
            for (target, certainty) in GenealogyLinking.targets(seq: consumption.seq, at: consumption.atEpoch, into: consumption.into, among: outputs)
            {
                try db.run(
                    sql: """
                        INSERT INTO genealogy_edges (input, output, quantity, unit, work_order, op_seq, equipment, tool, operator, at, certainty, consume_seq)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        consumption.lot, target, consumption.quantity, consumption.unit, order.rawValue, consumption.opSeq, consumption.equipment,
                        consumption.tool, consumption.operatorCode, consumption.at, certainty.rawValue, consumption.seq,
                    ])
            }
        }
    }
}

extension GenealogyEdges.Consumption {
    /// From a `consumptions` row (kept out of the type's body so its memberwise initializer stays).
    init(_ row: Row) {
        self.init(
            seq: row["seq"], lot: row["lot"], quantity: row["quantity"], unit: row["unit"], opSeq: row["op_seq"], into: row["into_lot"],
            equipment: row["equipment"], tool: row["tool"], operatorCode: row["operator"], at: row["at"], atEpoch: row["at_epoch"])
    }
}
