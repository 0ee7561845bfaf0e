import GRDB
import LotlineCore

extension Schema {
    /// Genealogy decided by ledger order with `possible` links, recall holds with their dispositions, work-order holds
    /// on future output, and items that need acceptance of what is made.
    static func registerV3(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-recalls-that-never-miss") { db in
            try db.execute(sql: v3Tables)
            // Every consumption is linked again by ledger order: the old links were decided by the clock.
            for order in try String.fetchAll(db, sql: "SELECT DISTINCT work_order FROM consumptions") {
                try GenealogyEdges.recompute(WorkOrderNumber(rawValue: order), db: db)
            }
        }
    }

    static let v3Tables = """
        DROP TABLE genealogy_edges;
        CREATE TABLE genealogy_edges (
            input TEXT NOT NULL REFERENCES lots(number),
            output TEXT NOT NULL REFERENCES lots(number),
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL,
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            op_seq INTEGER NOT NULL,
            equipment TEXT,
            tool TEXT,
            operator TEXT NOT NULL,
            at TEXT NOT NULL,
            certainty TEXT NOT NULL CHECK (certainty IN ('exact', 'window', 'possible')),
            consume_seq INTEGER NOT NULL,
            PRIMARY KEY (consume_seq, output)
        );
        CREATE INDEX genealogy_edges_input ON genealogy_edges(input);
        CREATE INDEX genealogy_edges_output ON genealogy_edges(output);
        CREATE INDEX genealogy_edges_work_order ON genealogy_edges(work_order);
        ALTER TABLE items ADD COLUMN final_inspection INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE routing_operations ADD COLUMN final_inspection INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE work_order_operations ADD COLUMN final_inspection INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE recalls ADD COLUMN certainty TEXT;
        ALTER TABLE recalls ADD COLUMN closed_at TEXT;
        ALTER TABLE operation_records ADD COLUMN units TEXT;
        CREATE TABLE recall_holds (
            recall TEXT NOT NULL REFERENCES recalls(id),
            lot TEXT NOT NULL REFERENCES lots(number),
            held_from TEXT NOT NULL,
            seq INTEGER NOT NULL,
            disposition TEXT CHECK (disposition IN ('release', 'scrap', 'rework', 'return_to_supplier')),
            disposition_reason TEXT,
            disposition_note TEXT,
            disposition_actor TEXT,
            disposition_at TEXT,
            disposition_seq INTEGER,
            PRIMARY KEY (recall, lot)
        );
        CREATE INDEX recall_holds_lot ON recall_holds(lot);
        CREATE TABLE work_order_holds (
            id INTEGER PRIMARY KEY,
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            lot TEXT NOT NULL REFERENCES lots(number),
            recall TEXT REFERENCES recalls(id),
            seq INTEGER NOT NULL
        );
        CREATE INDEX work_order_holds_work_order ON work_order_holds(work_order);
        CREATE INDEX work_order_holds_lot ON work_order_holds(lot);
        """
}
