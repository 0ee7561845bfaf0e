import GRDB
import LotlineCore

extension Schema {
    /// Outside processors' job certificates, the heats a composite lot mixes, how far each imported file got, the
    /// external ids (refs) of imported lines, and when work orders were created and released and material first issued
    /// to them (so no event is dated before what it depends on).
    static func registerV4(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-job-certificates-and-mixed-heats") { db in
            try db.execute(
                sql: """
                    ALTER TABLE work_order_operations ADD COLUMN job_certificate TEXT;
                    ALTER TABLE lots ADD COLUMN heats TEXT;
                    ALTER TABLE events ADD COLUMN ref TEXT;
                    ALTER TABLE work_orders ADD COLUMN created_at TEXT;
                    ALTER TABLE work_orders ADD COLUMN released_at TEXT;
                    ALTER TABLE wip ADD COLUMN first_issued_at TEXT;
                    ALTER TABLE wip ADD COLUMN deviation TEXT;
                    ALTER TABLE work_order_operations ADD COLUMN not_recorded TEXT;
                    ALTER TABLE work_order_operations ADD COLUMN unchecked TEXT;
                    UPDATE work_orders SET created_at = (SELECT business_time FROM events WHERE seq = work_orders.created_seq);
                    UPDATE work_orders SET released_at = (
                        SELECT business_time FROM events WHERE type = 'work_order.status_changed'
                            AND json_extract(payload, '$.number') = work_orders.number AND json_extract(payload, '$.to') = 'released'
                        ORDER BY seq LIMIT 1);
                    UPDATE wip SET first_issued_at = (
                        SELECT business_time FROM events WHERE type = 'material.issued'
                            AND json_extract(payload, '$.workOrder') = wip.work_order AND json_extract(payload, '$.lot') = wip.lot
                        ORDER BY seq LIMIT 1);
                    CREATE UNIQUE INDEX events_ref ON events(ref) WHERE ref IS NOT NULL;
                    CREATE TABLE imports (
                        digest TEXT PRIMARY KEY,
                        source TEXT NOT NULL,
                        last_line INTEGER NOT NULL,
                        finished INTEGER NOT NULL,
                        seq INTEGER NOT NULL
                    );
                    """)
            // Imported history may not record who ran an operation: the operator columns become nullable.
            try db.execute(sql: v4NullableOperators)
            // Composite lots made before heats were kept get them from their parents, oldest first, as a rebuild would.
            try LotProjection.refreshMixedHeats(
                try String.fetchAll(db, sql: "SELECT number FROM lots WHERE origin IN ('merge', 'split')"), db: db)
        }
    }

    /// `consumptions` and `genealogy_edges` rebuilt with `operator` nullable, rows kept as they are.
    static let v4NullableOperators = """
        CREATE TABLE consumptions_v4 (
            seq INTEGER PRIMARY KEY,
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            op_seq INTEGER NOT NULL,
            lot TEXT NOT NULL REFERENCES lots(number),
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL,
            into_lot TEXT REFERENCES lots(number),
            equipment TEXT,
            tool TEXT,
            operator TEXT,
            at TEXT NOT NULL,
            at_epoch REAL NOT NULL
        );
        INSERT INTO consumptions_v4 SELECT seq, work_order, op_seq, lot, quantity, unit, into_lot, equipment, tool, operator, at, at_epoch
            FROM consumptions;
        DROP TABLE consumptions;
        ALTER TABLE consumptions_v4 RENAME TO consumptions;
        CREATE INDEX consumptions_work_order ON consumptions(work_order);
        CREATE INDEX consumptions_lot ON consumptions(lot);
        CREATE TABLE genealogy_edges_v4 (
            input TEXT NOT NULL REFERENCES lots(number),
            output TEXT NOT NULL REFERENCES lots(number),
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL,
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            op_seq INTEGER NOT NULL,
            equipment TEXT,
            tool TEXT,
            operator TEXT,
            at TEXT NOT NULL,
            certainty TEXT NOT NULL CHECK (certainty IN ('exact', 'window', 'possible')),
            consume_seq INTEGER NOT NULL,
            PRIMARY KEY (consume_seq, output)
        );
        INSERT INTO genealogy_edges_v4 SELECT input, output, quantity, unit, work_order, op_seq, equipment, tool, operator, at, certainty, consume_seq
            FROM genealogy_edges;
        DROP TABLE genealogy_edges;
        ALTER TABLE genealogy_edges_v4 RENAME TO genealogy_edges;
        CREATE INDEX genealogy_edges_input ON genealogy_edges(input);
        CREATE INDEX genealogy_edges_output ON genealogy_edges(output);
        CREATE INDEX genealogy_edges_work_order ON genealogy_edges(work_order);
        """
}
