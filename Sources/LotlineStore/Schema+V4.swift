import GRDB
import LotlineCore

extension Schema {
    /// Outside processors' job certificates, the heats a composite lot mixes, how far each imported file got, and the
    /// external ids (refs) of imported lines.
    static func registerV4(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-job-certificates-and-mixed-heats") { db in
            try db.execute(
                sql: """
                    ALTER TABLE work_order_operations ADD COLUMN job_certificate TEXT;
                    ALTER TABLE lots ADD COLUMN heats TEXT;
                    ALTER TABLE events ADD COLUMN ref TEXT;
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
            let lots = try Row.fetchAll(
                db, sql: "SELECT number, origin FROM lots WHERE origin IN ('merge', 'split') ORDER BY created_seq, number")
            for row in lots {
                let number: String = row["number"]
                let parents = try String.fetchAll(db, sql: "SELECT parent FROM lot_parents WHERE child = ? ORDER BY rowid", arguments: [number])
                let heats: String? =
                    if (row["origin"] as String) == "merge" {
                        try LotProjection.mixedHeats(LotProjection.heats(of: parents.map(LotNumber.init(rawValue:)), db: db))
                    } else {
                        try String.fetchOne(db, sql: "SELECT heats FROM lots WHERE number = ?", arguments: [parents.first])
                    }
                try db.execute(sql: "UPDATE lots SET heats = ? WHERE number = ?", arguments: [heats, number])
            }
        }
    }
}
