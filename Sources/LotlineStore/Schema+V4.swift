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
            // Composite lots made before heats were kept get them from their parents, oldest first, as a rebuild would.
            try LotProjection.refreshMixedHeats(
                try String.fetchAll(db, sql: "SELECT number FROM lots WHERE origin IN ('merge', 'split')"), db: db)
        }
    }
}
