import GRDB

extension Schema {
    /// The trace index catches up after every write with what changed since its version (`seq > ?`): without these
    /// indexes that read every made lot and every split and merge, a fortieth of a second per write on a plant of
    /// 100,000 raw lots, and the writes of the load benchmark fell from 277 to 33 a second.
    static func registerV6(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-seq-indexes") { db in
            try db.execute(
                sql: """
                    CREATE INDEX outputs_seq ON outputs(seq);
                    CREATE INDEX lot_parents_seq ON lot_parents(seq);
                    """)
        }
    }
}
