import GRDB

/// The database schema, as named migrations. A migration that has landed is never edited; change the schema with a new one.
enum Schema {
    /// Projection tables in the order they can be emptied without breaking a foreign key.
    static let projectionTables = [
        "chosen_lots", "schedule_allocations", "unscheduled_operations", "scheduled_operations", "schedules", "downtimes", "work_center_machines",
        "work_centers",
        "imports",
        "work_order_holds", "recall_holds", "recalls", "lot_movements",
        "genealogy_edges", "returns", "shipment_lines", "shipments",
        "operation_records", "outputs", "consumptions",
        "wip",
        "work_order_operations", "work_order_components", "work_orders", "routing_operations", "bom_lines", "accreditations",
        "qualifications", "operators", "tools", "equipment", "lot_events", "inspections", "lot_parents", "lots", "supplier_lots", "lot_sequences",
        "lot_schemes", "reasons", "locations",
        "customers", "suppliers", "items", "users",
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        type TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        business_time TEXT NOT NULL,
                        recorded_at TEXT NOT NULL,
                        reason TEXT,
                        corrects INTEGER,
                        signature TEXT,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE INDEX events_type ON events(type);
                    CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'ledger events are append-only: record a correction instead'); END;
                    CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'ledger events are append-only: they are never deleted'); END;
                    CREATE TABLE ledger_head (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        seq INTEGER NOT NULL,
                        hash TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v1-master-data") { db in
            try db.execute(
                sql: """
                    CREATE TABLE items (
                        part TEXT PRIMARY KEY,
                        description TEXT NOT NULL,
                        unit TEXT NOT NULL,
                        tracking TEXT NOT NULL CHECK (tracking IN ('lot', 'serial')),
                        shelf_life_days INTEGER,
                        inspection_required INTEGER NOT NULL,
                        export_controlled INTEGER NOT NULL
                    );
                    CREATE TABLE suppliers (code TEXT PRIMARY KEY, name TEXT NOT NULL, approved INTEGER NOT NULL);
                    CREATE TABLE customers (code TEXT PRIMARY KEY, name TEXT NOT NULL);
                    CREATE TABLE locations (code TEXT PRIMARY KEY, name TEXT NOT NULL);
                    CREATE TABLE reasons (code TEXT PRIMARY KEY, name TEXT NOT NULL);
                    CREATE TABLE lot_schemes (
                        origin TEXT NOT NULL,
                        item TEXT NOT NULL DEFAULT '',
                        pattern TEXT NOT NULL,
                        PRIMARY KEY (origin, item)
                    );
                    CREATE TABLE lot_sequences (key TEXT PRIMARY KEY, last INTEGER NOT NULL);
                    """)
        }
        migrator.registerMigration("v1-lots") { db in
            try db.execute(
                sql: """
                    CREATE TABLE supplier_lots (
                        id INTEGER PRIMARY KEY,
                        supplier TEXT NOT NULL REFERENCES suppliers(code),
                        lot TEXT NOT NULL,
                        lot_key TEXT NOT NULL,
                        heat TEXT,
                        heat_key TEXT,
                        UNIQUE (supplier, lot_key)
                    );
                    CREATE INDEX supplier_lots_key ON supplier_lots(lot_key);
                    CREATE INDEX supplier_lots_heat ON supplier_lots(heat_key);
                    CREATE TABLE lots (
                        number TEXT PRIMARY KEY,
                        item TEXT NOT NULL REFERENCES items(part),
                        quantity TEXT NOT NULL CHECK (quantity NOT LIKE '-%'),
                        unit TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('quarantine', 'released', 'on_hold', 'rejected', 'consumed', 'shipped', 'scrapped')),
                        held_from TEXT,
                        location TEXT REFERENCES locations(code),
                        origin TEXT NOT NULL,
                        supplier_lot_id INTEGER REFERENCES supplier_lots(id),
                        certificate TEXT,
                        purchase_order TEXT,
                        expires_on TEXT,
                        created_at TEXT NOT NULL,
                        created_seq INTEGER NOT NULL
                    );
                    CREATE INDEX lots_item ON lots(item);
                    CREATE INDEX lots_status ON lots(status);
                    CREATE INDEX lots_location ON lots(location);
                    CREATE INDEX lots_supplier_lot ON lots(supplier_lot_id);
                    CREATE TABLE lot_parents (
                        child TEXT NOT NULL REFERENCES lots(number),
                        parent TEXT NOT NULL REFERENCES lots(number),
                        quantity TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        PRIMARY KEY (child, parent)
                    );
                    CREATE INDEX lot_parents_parent ON lot_parents(parent);
                    CREATE TABLE inspections (
                        seq INTEGER PRIMARY KEY,
                        lot TEXT NOT NULL REFERENCES lots(number),
                        passed INTEGER NOT NULL,
                        results TEXT NOT NULL,
                        note TEXT,
                        inspector TEXT NOT NULL,
                        at TEXT NOT NULL
                    );
                    CREATE INDEX inspections_lot ON inspections(lot);
                    CREATE TABLE lot_events (lot TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (lot, seq));
                    """)
        }
        migrator.registerMigration("v2-production") { db in
            try db.execute(sql: productionTables)
        }
        registerV3(&migrator)
        registerV4(&migrator)
        registerV5(&migrator)
        registerV6(&migrator)
        registerV7(&migrator)
        registerV8(&migrator)
        registerV9(&migrator)
        return migrator
    }

    /// Resources, bills of material, routings, work orders, consumption genealogy and shipments.
    static let productionTables = """
        CREATE TABLE equipment (code TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE tools (code TEXT PRIMARY KEY, name TEXT NOT NULL, calibrated_until TEXT, certificate TEXT);
        CREATE TABLE operators (code TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE qualifications (
            operator TEXT NOT NULL REFERENCES operators(code),
            code TEXT NOT NULL,
            until TEXT NOT NULL,
            PRIMARY KEY (operator, code)
        );
        CREATE TABLE accreditations (
            supplier TEXT NOT NULL REFERENCES suppliers(code),
            process TEXT NOT NULL,
            certificate TEXT NOT NULL,
            until TEXT NOT NULL,
            PRIMARY KEY (supplier, process)
        );
        CREATE TABLE bom_lines (
            item TEXT NOT NULL REFERENCES items(part),
            component TEXT NOT NULL REFERENCES items(part),
            quantity_per TEXT NOT NULL,
            unit TEXT NOT NULL,
            PRIMARY KEY (item, component)
        );
        CREATE TABLE routing_operations (
            item TEXT NOT NULL REFERENCES items(part),
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            work_center TEXT NOT NULL,
            qualification TEXT,
            special_process TEXT,
            PRIMARY KEY (item, seq)
        );
        CREATE TABLE work_orders (
            number TEXT PRIMARY KEY,
            item TEXT NOT NULL REFERENCES items(part),
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL,
            due TEXT,
            status TEXT NOT NULL CHECK (status IN ('planned', 'released', 'closed')),
            produced TEXT NOT NULL,
            created_seq INTEGER NOT NULL
        );
        CREATE INDEX work_orders_item ON work_orders(item);
        CREATE TABLE work_order_components (
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            component TEXT NOT NULL REFERENCES items(part),
            quantity_per TEXT NOT NULL,
            unit TEXT NOT NULL,
            PRIMARY KEY (work_order, component)
        );
        CREATE TABLE work_order_operations (
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            work_center TEXT NOT NULL,
            qualification TEXT,
            special_process TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'started', 'completed')),
            equipment TEXT REFERENCES equipment(code),
            tool TEXT REFERENCES tools(code),
            operator TEXT,
            processor TEXT REFERENCES suppliers(code),
            processor_certificate TEXT,
            started_at TEXT,
            completed_at TEXT,
            good TEXT,
            scrap TEXT,
            PRIMARY KEY (work_order, seq)
        );
        CREATE INDEX work_order_operations_equipment ON work_order_operations(equipment);
        CREATE INDEX work_order_operations_tool ON work_order_operations(tool);
        CREATE INDEX work_order_operations_operator ON work_order_operations(operator);
        CREATE TABLE wip (
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            lot TEXT NOT NULL REFERENCES lots(number),
            issued TEXT NOT NULL,
            consumed TEXT NOT NULL,
            returned TEXT NOT NULL,
            unit TEXT NOT NULL,
            PRIMARY KEY (work_order, lot)
        );
        CREATE INDEX wip_lot ON wip(lot);
        CREATE TABLE consumptions (
            seq INTEGER PRIMARY KEY,
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            op_seq INTEGER NOT NULL,
            lot TEXT NOT NULL REFERENCES lots(number),
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL,
            into_lot TEXT REFERENCES lots(number),
            equipment TEXT,
            tool TEXT,
            operator TEXT NOT NULL,
            at TEXT NOT NULL,
            at_epoch REAL NOT NULL
        );
        CREATE INDEX consumptions_work_order ON consumptions(work_order);
        CREATE INDEX consumptions_lot ON consumptions(lot);
        CREATE TABLE outputs (
            lot TEXT PRIMARY KEY REFERENCES lots(number),
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            at_epoch REAL NOT NULL,
            shift TEXT
        );
        CREATE INDEX outputs_work_order ON outputs(work_order);
        CREATE TABLE operation_records (
            id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL,
            work_order TEXT NOT NULL REFERENCES work_orders(number),
            op_seq INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('parameter', 'inspection')),
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            unit TEXT,
            passed INTEGER,
            actor TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX operation_records_work_order ON operation_records(work_order, op_seq);
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
            certainty TEXT NOT NULL CHECK (certainty IN ('exact', 'window', 'order')),
            consume_seq INTEGER NOT NULL,
            PRIMARY KEY (consume_seq, output)
        );
        CREATE INDEX genealogy_edges_input ON genealogy_edges(input);
        CREATE INDEX genealogy_edges_output ON genealogy_edges(output);
        CREATE INDEX genealogy_edges_work_order ON genealogy_edges(work_order);
        CREATE TABLE shipments (
            number TEXT PRIMARY KEY,
            customer TEXT NOT NULL REFERENCES customers(code),
            sales_order TEXT NOT NULL,
            shipped_at TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE INDEX shipments_customer ON shipments(customer);
        CREATE TABLE shipment_lines (
            shipment TEXT NOT NULL REFERENCES shipments(number),
            lot TEXT NOT NULL REFERENCES lots(number),
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL,
            returned TEXT NOT NULL,
            PRIMARY KEY (shipment, lot)
        );
        CREATE INDEX shipment_lines_lot ON shipment_lines(lot);
        CREATE TABLE returns (
            seq INTEGER PRIMARY KEY,
            shipment TEXT NOT NULL REFERENCES shipments(number),
            lot TEXT NOT NULL REFERENCES lots(number),
            return_lot TEXT NOT NULL REFERENCES lots(number),
            quantity TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE lot_movements (
            seq INTEGER NOT NULL,
            lot TEXT NOT NULL REFERENCES lots(number),
            kind TEXT NOT NULL CHECK (kind IN (
                'received', 'produced', 'split_in', 'split_out', 'merge_in', 'merge_out', 'adjust', 'scrap', 'issue',
                'return_to_stock', 'consume', 'ship', 'returned_in')),
            quantity TEXT NOT NULL,
            PRIMARY KEY (seq, lot, kind)
        );
        CREATE INDEX lot_movements_lot ON lot_movements(lot);
        CREATE TABLE recalls (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('recall', 'drill')),
            target TEXT NOT NULL,
            reason TEXT,
            via_ancestor TEXT,
            starting_lots TEXT NOT NULL,
            held_lots TEXT NOT NULL,
            affected_count INTEGER NOT NULL,
            customer_count INTEGER,
            balanced INTEGER,
            gaps TEXT,
            elapsed_s REAL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        """
}
