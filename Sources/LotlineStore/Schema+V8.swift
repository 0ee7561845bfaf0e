import GRDB

extension Schema {
    /// Capacity for scheduling: work centers with their machines and weekly shifts, downtime, and the planning times and
    /// alternative work centers of routing operations (copied onto each order's operations).
    static func registerV8(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-work-centers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE work_centers (code TEXT PRIMARY KEY, name TEXT NOT NULL, shifts TEXT NOT NULL DEFAULT '[]');
                    CREATE TABLE work_center_machines (
                        work_center TEXT NOT NULL REFERENCES work_centers(code),
                        machine TEXT NOT NULL REFERENCES equipment(code),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (work_center, machine)
                    );
                    CREATE INDEX work_center_machines_machine ON work_center_machines(machine);
                    CREATE TABLE downtimes (
                        seq INTEGER PRIMARY KEY,
                        work_center TEXT NOT NULL REFERENCES work_centers(code),
                        machine TEXT REFERENCES equipment(code),
                        starts_at TEXT NOT NULL,
                        ends_at TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        note TEXT
                    );
                    ALTER TABLE routing_operations ADD COLUMN setup_minutes TEXT;
                    ALTER TABLE routing_operations ADD COLUMN run_minutes TEXT;
                    ALTER TABLE routing_operations ADD COLUMN alternatives TEXT;
                    ALTER TABLE work_order_operations ADD COLUMN setup_minutes TEXT;
                    ALTER TABLE work_order_operations ADD COLUMN run_minutes TEXT;
                    ALTER TABLE work_order_operations ADD COLUMN alternatives TEXT;
                    """)
        }
    }
}
