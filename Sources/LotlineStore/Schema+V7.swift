import GRDB

extension Schema {
    /// Items carry a GTIN, by which a scanned GS1 barcode's (01) finds them: one item per GTIN. A receipt scanned from
    /// a pallet's label keeps the pallet's SSCC, by which a scan of that label finds what came on it.
    static func registerV7(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-gtin-sscc") { db in
            try db.execute(
                sql: """
                    ALTER TABLE items ADD COLUMN gtin TEXT;
                    CREATE UNIQUE INDEX items_gtin ON items(gtin) WHERE gtin IS NOT NULL;
                    ALTER TABLE lots ADD COLUMN sscc TEXT;
                    CREATE INDEX lots_sscc ON lots(sscc) WHERE sscc IS NOT NULL;
                    """)
        }
    }
}
