import GRDB

extension Schema {
    /// Items carry a GTIN, by which a scanned GS1 barcode's (01) finds them: one item per GTIN.
    static func registerV7(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-item-gtin") { db in
            try db.execute(
                sql: """
                    ALTER TABLE items ADD COLUMN gtin TEXT;
                    CREATE UNIQUE INDEX items_gtin ON items(gtin) WHERE gtin IS NOT NULL;
                    """)
        }
    }
}
