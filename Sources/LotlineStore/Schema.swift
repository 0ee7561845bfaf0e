import GRDB

/// The database schema, as named migrations. A migration that has landed is never edited; change the schema with a new one.
enum Schema {
    /// Projection tables in the order they can be emptied without breaking a foreign key.
    static let projectionTables = [
        "lot_events", "inspections", "lot_parents", "lots", "supplier_lots", "lot_sequences", "lot_schemes", "reasons", "locations",
        "customers", "suppliers", "items",
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
        return migrator
    }
}
