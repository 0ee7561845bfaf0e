import GRDB

extension Schema {
    /// Operations pinned by a planner to a machine and a start; lots a planner chose for an order's component, with the
    /// reason; the orders whose output a scheduled operation waits for; the customer order a work order is made for.
    static func registerV9(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-pins-and-customer-orders") { db in
            try db.execute(
                sql: """
                    ALTER TABLE work_order_operations ADD COLUMN pin_machine TEXT REFERENCES equipment(code);
                    ALTER TABLE work_order_operations ADD COLUMN pin_start TEXT;
                    CREATE INDEX work_order_operations_pin_machine ON work_order_operations(pin_machine) WHERE pin_machine IS NOT NULL;
                    CREATE TABLE chosen_lots (
                        work_order TEXT NOT NULL REFERENCES work_orders(number),
                        item TEXT NOT NULL REFERENCES items(part),
                        lots TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        note TEXT,
                        seq INTEGER NOT NULL,
                        PRIMARY KEY (work_order, item)
                    );
                    ALTER TABLE scheduled_operations ADD COLUMN awaits TEXT;
                    CREATE INDEX scheduled_operations_work_order ON scheduled_operations(work_order, seq);
                    CREATE INDEX schedule_allocations_work_order ON schedule_allocations(work_order, version);
                    ALTER TABLE work_orders ADD COLUMN customer TEXT REFERENCES customers(code);
                    ALTER TABLE work_orders ADD COLUMN sales_order TEXT;
                    """)
        }
    }
}
