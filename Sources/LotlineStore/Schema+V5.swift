import GRDB
import LotlineCore

extension Schema {
    /// Users (a projection of the ledger's user events, with the moment of their last new password or disabling,
    /// before which none of their tokens or sessions counts), and beside the ledger what must never be in it: password
    /// hashes with the count of wrong passwords in a row, and access keys (API tokens, browser sessions) by the SHA-256
    /// of their secret. Times are seconds since 1970.
    static func registerV5(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-users-and-credentials") { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (
                        name TEXT PRIMARY KEY,
                        full_name TEXT NOT NULL,
                        roles TEXT NOT NULL,
                        us_person INTEGER NOT NULL,
                        active INTEGER NOT NULL,
                        keys_valid_from REAL
                    );
                    CREATE TABLE credentials (
                        user TEXT PRIMARY KEY,
                        password_hash TEXT NOT NULL,
                        failures INTEGER NOT NULL DEFAULT 0,
                        locked_until REAL
                    );
                    CREATE TABLE access_keys (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('token', 'session')),
                        user TEXT NOT NULL,
                        secret_hash TEXT NOT NULL UNIQUE,
                        label TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        expires_at REAL NOT NULL,
                        revoked_at REAL,
                        csrf_hash TEXT
                    );
                    CREATE INDEX access_keys_user ON access_keys(user);
                    """)
            // An operation record now belongs to the history of the units it names (as a rebuild would project it).
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO lot_events (lot, seq)
                    SELECT j.value, e.seq FROM events e, json_each(e.payload, '$.units') j WHERE e.type = 'operation.recorded'
                    """)
        }
    }
}
