import Foundation
import HTTPTypes
import LotlineApp
import LotlineCore
import LotlineStore

/// Users and tokens for tests: bcrypt at its lowest cost, so signing in takes microseconds, not a quarter second.
enum TestAuth {
    static let utc = TimeZone(secondsFromGMT: 0)!

    /// Every test user's password: long enough, and holding no user's name.
    static let password = "Correct-Horse-9-Battery"

    static var fast: SecuritySettings {
        var settings = SecuritySettings()
        settings.bcryptCost = 4
        return settings
    }

    /// Adds a user with these roles (after an admin `root-admin`, when the database has no users yet) and answers the
    /// `Authorization` header of a fresh token of theirs.
    static func bearer(
        _ store: LotlineStore, user: String = "tester", roles: [String] = ["auditor"], usPerson: Bool = true, at now: Date
    ) throws -> HTTPFields {
        let accounts = Accounts(backend: store, settings: fast)
        let admin = Session(backend: store, actor: "root-admin", now: now, timeZone: utc)
        if try store.users().isEmpty {
            _ = try accounts.addUser(
                AddUser(name: "root-admin", fullName: "Root Admin", roles: ["admin"], usPerson: true), password: password, in: admin)
        }
        if try store.user(UserName(rawValue: user)) == nil {
            _ = try accounts.addUser(AddUser(name: user, fullName: user.capitalized, roles: roles, usPerson: usPerson), password: password, in: admin)
        }
        let token = try accounts.issueToken(for: user, label: "test", expires: "2027-06-30", in: admin).token
        return [.authorization: "Bearer \(token)"]
    }
}
