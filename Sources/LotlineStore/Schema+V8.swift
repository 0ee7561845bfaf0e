import GRDB

extension Schema {
    /// Capacity for scheduling: work centers with their machines and weekly shifts, downtime, and the planning times and
    /// alternative work centers of routing operations (copied onto each order's operations); and published schedules,
    /// every version kept.
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
                    CREATE TABLE schedules (
                        version INTEGER PRIMARY KEY,
                        seq INTEGER NOT NULL,
                        starts_at TEXT NOT NULL,
                        horizon_days INTEGER NOT NULL,
                        frozen_hours INTEGER NOT NULL,
                        seed INTEGER NOT NULL,
                        iterations INTEGER NOT NULL,
                        allocation TEXT
                    );
                    CREATE TABLE scheduled_operations (
                        version INTEGER NOT NULL REFERENCES schedules(version),
                        work_order TEXT NOT NULL REFERENCES work_orders(number),
                        seq INTEGER NOT NULL,
                        work_center TEXT NOT NULL,
                        machine TEXT REFERENCES equipment(code),
                        starts_at TEXT NOT NULL,
                        ends_at TEXT NOT NULL,
                        fixed TEXT CHECK (fixed IN ('started', 'pinned', 'frozen')),
                        PRIMARY KEY (version, work_order, seq)
                    );
                    CREATE TABLE schedule_allocations (
                        version INTEGER NOT NULL REFERENCES schedules(version),
                        work_order TEXT NOT NULL REFERENCES work_orders(number),
                        seq INTEGER NOT NULL,
                        lot TEXT NOT NULL REFERENCES lots(number),
                        quantity TEXT NOT NULL,
                        unit TEXT NOT NULL,
                        PRIMARY KEY (version, work_order, seq, lot)
                    );
                    CREATE INDEX schedule_allocations_lot ON schedule_allocations(lot, version);
                    CREATE INDEX scheduled_operations_machine ON scheduled_operations(version, machine);
                    CREATE TABLE unscheduled_operations (
                        version INTEGER NOT NULL REFERENCES schedules(version),
                        work_order TEXT NOT NULL REFERENCES work_orders(number),
                        seq INTEGER NOT NULL,
                        reason TEXT NOT NULL,
                        PRIMARY KEY (version, work_order, seq)
                    );
                    CREATE INDEX lots_item_status_expiry_seq ON lots(item, status, expires_on, created_seq);
                    ALTER TABLE items ADD COLUMN min_shelf_life_days INTEGER;
                    ALTER TABLE items ADD COLUMN issue_order TEXT CHECK (issue_order IN ('refuse'));
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
