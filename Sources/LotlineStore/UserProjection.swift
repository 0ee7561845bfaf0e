import Foundation
import GRDB
import LotlineCore

/// Users as the ledger's user events leave them, and the credentials kept beside the ledger.
enum UserProjection {
    static func save(_ user: User, db: Database) throws {
        try db.run(
            sql: """
                INSERT INTO users (name, full_name, roles, us_person, active) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET full_name = excluded.full_name, roles = excluded.roles, us_person = excluded.us_person,
                    active = excluded.active
                """,
            arguments: [user.name.rawValue, user.fullName, user.roles.map(\.rawValue).joined(separator: ","), user.usPerson, user.active])
    }

    static func user(_ row: Row) -> User {
        User(
            name: UserName(rawValue: row["name"]), fullName: row["full_name"],
            roles: (row["roles"] as String).split(separator: ",").compactMap { Role(rawValue: String($0)) }, usPerson: row["us_person"],
            active: row["active"])
    }

    static func users(db: Database) throws -> [User] {
        try db.fetchRows(sql: "SELECT * FROM users ORDER BY name").map(user)
    }

    static func user(_ name: UserName, db: Database) throws -> User? {
        try db.fetchRow(sql: "SELECT * FROM users WHERE name = ?", arguments: [name.rawValue]).map(user)
    }

    static func accessKey(_ row: Row) -> AccessKey {
        AccessKey(
            id: row["id"], kind: AccessKey.Kind(rawValue: row["kind"]) ?? .token, user: UserName(rawValue: row["user"]),
            secretHash: row["secret_hash"], label: row["label"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
            revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)), csrfHash: row["csrf_hash"])
    }

    static func write(_ change: CredentialChange, db: Database) throws {
        switch change {
        case .password(let user, let hash):
            try db.run(
                sql: """
                    INSERT INTO credentials (user, password_hash) VALUES (?, ?)
                    ON CONFLICT(user) DO UPDATE SET password_hash = excluded.password_hash, failures = 0, locked_until = NULL
                    """,
                arguments: [user.rawValue, hash])
        case .accessKey(let key):
            try db.run(
                sql: """
                    INSERT INTO access_keys (id, kind, user, secret_hash, label, created_at, expires_at, revoked_at, csrf_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key.id, key.kind.rawValue, key.user.rawValue, key.secretHash, key.label, key.createdAt.timeIntervalSince1970,
                    key.expiresAt.timeIntervalSince1970, key.revokedAt?.timeIntervalSince1970, key.csrfHash,
                ])
        case .revokeKey(let id, let at):
            try db.run(
                sql: "UPDATE access_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [at.timeIntervalSince1970, id])
        case .clearFailures(let user):
            try db.run(sql: "UPDATE credentials SET failures = 0, locked_until = NULL WHERE user = ?", arguments: [user.rawValue])
        case .failure(let user, let lockAfter, let lockUntil):
            try db.run(
                sql: """
                    UPDATE credentials SET
                        locked_until = CASE WHEN failures + 1 >= ?1 THEN ?2 ELSE locked_until END,
                        failures = CASE WHEN failures + 1 >= ?1 THEN 0 ELSE failures + 1 END
                    WHERE user = ?3
                    """,
                arguments: [lockAfter, lockUntil.timeIntervalSince1970, user.rawValue])
        }
    }

    /// From the moment of a new password, or of disabling the user, their earlier tokens and sessions no longer count:
    /// re-enabling a user does not bring back what a thief may hold.
    static func invalidateKeys(of user: UserName, event: LedgerEvent, db: Database) throws {
        let moment = BusinessTime.utcTimestampDate(event.recordedAt)?.timeIntervalSince1970
        try db.run(sql: "UPDATE users SET keys_valid_from = ? WHERE name = ?", arguments: [moment, user.rawValue])
    }

    static func credential(_ name: UserName, db: Database) throws -> Credential? {
        try db.fetchRow(
            sql: "SELECT c.*, u.keys_valid_from FROM credentials c LEFT JOIN users u ON u.name = c.user WHERE c.user = ?",
            arguments: [name.rawValue]
        ).map {
            Credential(
                user: name, passwordHash: $0["password_hash"], failures: $0["failures"],
                lockedUntil: ($0["locked_until"] as Double?).map(Date.init(timeIntervalSince1970:)),
                keysValidFrom: ($0["keys_valid_from"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }
}

extension SQLiteLedgerState {
    func users() throws -> [User] { try UserProjection.users(db: db) }

    func user(_ name: UserName) throws -> User? { try UserProjection.user(name, db: db) }

    func accessKey(_ id: String) throws -> AccessKey? {
        try db.fetchRow(sql: "SELECT * FROM access_keys WHERE id = ?", arguments: [id]).map(UserProjection.accessKey)
    }

    func credential(_ name: UserName) throws -> Credential? { try UserProjection.credential(name, db: db) }

    func exportControlledItems() throws -> Set<PartNumber> {
        Set(try db.fetchAll(String.self, sql: "SELECT part FROM items WHERE export_controlled = 1").map(PartNumber.init(rawValue:)))
    }

    func lotNumberTaken(_ number: LotNumber) throws -> Bool { try lot(number) != nil }
}

extension LotlineStore {
    public func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date, timeZone: TimeZone, alongside change: CredentialChange
    ) throws -> Executed<Command.Outcome> {
        try execute(command, actor: actor, at: date, timeZone: timeZone) { db in try UserProjection.write(change, db: db) }
    }

    public func write(_ change: CredentialChange) throws {
        try write { db in try UserProjection.write(change, db: db) }
    }

    public func users() throws -> [User] { try read(UserProjection.users) }

    public func user(_ name: UserName) throws -> User? { try read { db in try UserProjection.user(name, db: db) } }

    public func credential(_ name: UserName) throws -> Credential? {
        try read { db in try UserProjection.credential(name, db: db) }
    }

    public func accessKey(secretHash: String) throws -> (key: AccessKey, user: User, keysValidFrom: Date?)? {
        try read { db in
            try db.fetchRow(
                sql: "SELECT k.*, u.name, u.full_name, u.roles, u.us_person, u.active, u.keys_valid_from FROM access_keys k "
                    + "JOIN users u ON u.name = k.user WHERE k.secret_hash = ?",
                arguments: [secretHash]
            ).map { row in
                (UserProjection.accessKey(row), UserProjection.user(row), (row["keys_valid_from"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    public func accessKeys(of user: UserName?) throws -> [AccessKey] {
        try read { db in
            try db.fetchRows(
                sql: "SELECT * FROM access_keys WHERE ?1 IS NULL OR user = ?1 ORDER BY created_at, id", arguments: [user?.rawValue]
            ).map(UserProjection.accessKey)
        }
    }
}
