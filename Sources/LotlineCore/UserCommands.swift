import Foundation

/// Add a user. The first user of a database must be an admin (who then adds the rest); the password is hashed by the
/// interface and stored beside the ledger with the events, in one transaction.
public struct AddUser: LotlineCommand {
    enum CodingKeys: String, CodingKey {
        case name, roles
        case fullName = "full_name", usPerson = "us_person"
    }

    public var name: String
    public var fullName: String
    public var roles: [String]
    public var usPerson = false

    public init(name: String, fullName: String, roles: [String], usPerson: Bool = false) {
        self.name = name
        self.fullName = fullName
        self.roles = roles
        self.usPerson = usPerson
    }

    public var permission: Permission { .manageUsers }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<UserAdded> {
        let user = User(
            name: try UserName.parse(name), fullName: try TextInput.required(fullName, field: "full_name", limit: 100),
            roles: try Users.roles(roles), usPerson: usPerson)
        try TextInput.requirePlainName(user.fullName, field: "full_name")
        if try state.users().isEmpty && !user.roles.contains(.admin) {
            throw LotlineError.refused(
                "first-user-not-admin", "the first user of a database must be an admin, who then adds the others: give them the admin role",
                value: user.name.rawValue)
        }
        guard try state.user(user.name) == nil else {
            throw LotlineError.refused("user-exists", "user '\(user.name)' already exists", value: user.name.rawValue)
        }
        if user.usPerson { try Authorization.requireUSPerson(context.actor, to: "add a US person", in: state) }
        return Decision(UserAdded(user: user), followedBy: [PendingEvent(UserPasswordSet(user: user.name, reset: false))])
    }
}

/// Change a user's full name, roles or US-person status, or disable or enable them. The last active admin stays one.
public struct ChangeUser: LotlineCommand {
    enum CodingKeys: String, CodingKey {
        case name, roles, active
        case fullName = "full_name", usPerson = "us_person"
    }

    public var name: String
    public var fullName: String?
    public var roles: [String]?
    public var usPerson: Bool?
    public var active: Bool?

    public init(name: String) { self.name = name }

    public var permission: Permission { .manageUsers }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<UserChanged> {
        let before = try state.requireUser(name)
        var user = before
        if let fullName {
            user.fullName = try TextInput.required(fullName, field: "full_name", limit: 100)
            try TextInput.requirePlainName(user.fullName, field: "full_name")
        }
        if let roles { user.roles = try Users.roles(roles) }
        if let usPerson, usPerson != before.usPerson {
            try Authorization.requireUSPerson(context.actor, to: "change who is a US person", in: state, subject: before.name)
            user.usPerson = usPerson
        }
        if let active { user.active = active }
        let changed = [
            ("full_name", user.fullName != before.fullName), ("roles", user.roles != before.roles), ("us_person", user.usPerson != before.usPerson),
            ("active", user.active != before.active),
        ].filter(\.1).map(\.0)
        guard !changed.isEmpty else {
            throw LotlineError.badInput("nothing-to-change", "the command changes nothing on user '\(user.name)'; give a new value", value: name)
        }
        let admins = try state.users().filter { $0.active && $0.roles.contains(.admin) && $0.name != user.name }
        if admins.isEmpty && !(user.active && user.roles.contains(.admin)) {
            throw LotlineError.refused(
                "last-admin", "'\(user.name)' is the last active admin; add or enable another admin first", value: user.name.rawValue)
        }
        return Decision(UserChanged(user: user, changed: changed))
    }
}

/// An admin sets a new password for a user (who forgot it, or was locked out), or a user changes their own.
public struct SetPassword: LotlineCommand {
    public var name: String

    public init(name: String) { self.name = name }

    public var permission: Permission { .manageUsers }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<UserPasswordSet> {
        let user = try state.requireUser(name)
        return Decision(UserPasswordSet(user: user.name, reset: user.name.rawValue != context.actor))
    }

    /// Users change their own password; only an admin sets another's.
    public func authorize(_ actor: String, in state: any LedgerState) throws {
        try Authorization.requireOwn(try? UserName.parse(name), or: permission, actor: actor, in: state)
    }
}

/// Issue an API token to a user, for a machine (an ERP, a station) to act as that user until it expires.
public struct IssueToken: LotlineCommand {
    public var name: String
    /// The public half of the token (what lists and revocation name); the secret is never in a command.
    public var token: String
    public var label: String
    /// The last day it works (a date) in the plant's time zone.
    public var expires: String

    public init(name: String, token: String, label: String, expires: String) {
        self.name = name
        self.token = token
        self.label = label
        self.expires = expires
    }

    public var permission: Permission { .manageUsers }

    /// The longest a token may live.
    public static let longestLifeDays = 366

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<UserTokenIssued> {
        let user = try state.requireUser(name)
        guard user.active else {
            throw LotlineError.refused("user-disabled", "user '\(user.name)' is disabled and cannot be given a token", value: name)
        }
        let label = try TextInput.required(label, field: "label", limit: 100)
        try TextInput.requirePlainName(label, field: "label")
        let expires = try CalendarDate.parse(expires, field: "expires")
        guard expires >= context.today else {
            throw LotlineError.badInput(
                "expires-past", "a token cannot expire in the past (\(expires), today is \(context.today))", value: self.expires)
        }
        // A token outlives sessions and password changes only as long as this: a stolen session cannot mint a forever key.
        guard expires <= context.today.adding(days: Self.longestLifeDays) else {
            throw LotlineError.badInput(
                "expires-too-late",
                "a token works for at most \(Self.longestLifeDays) days: expire it by \(context.today.adding(days: Self.longestLifeDays)); issue a new one then",
                value: self.expires)
        }
        return Decision(UserTokenIssued(user: user.name, token: token, label: label, expires: expires.description))
    }

    /// Users take tokens for themselves; an admin issues them for others (a service user).
    public func authorize(_ actor: String, in state: any LedgerState) throws {
        try Authorization.requireOwn(try? UserName.parse(name), or: permission, actor: actor, in: state)
    }
}

/// Revoke an API token: it stops working at once.
public struct RevokeToken: LotlineCommand {
    public var token: String

    public init(token: String) { self.token = token }

    public var permission: Permission { .manageUsers }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<UserTokenRevoked> {
        guard let key = try state.accessKey(token), key.kind == .token else {
            throw LotlineError.notFound("token-not-found", "no API token '\(token)'", value: token)
        }
        guard key.revokedAt == nil else {
            throw LotlineError.refused("token-revoked", "API token '\(token)' is already revoked", value: token)
        }
        return Decision(UserTokenRevoked(user: key.user, token: key.id))
    }

    /// Users revoke their own tokens; an admin revokes anyone's.
    public func authorize(_ actor: String, in state: any LedgerState) throws {
        try Authorization.requireOwn(try state.accessKey(token)?.user, or: permission, actor: actor, in: state)
    }
}

/// A wrong password for a known user, recorded so attempts show in the audit trail; the one that reaches the limit
/// locks the user out. Counted inside the write transaction (writers take turns), so passwords tried in parallel lock
/// the user after exactly the limit.
public struct RecordSignInFailure: LotlineCommand {
    public var name: UserName
    public var purpose: String
    /// Wrong passwords in a row that lock the user, and until when the lock would hold.
    public var lockAfter: Int
    public var lockUntil: Date

    public init(name: UserName, purpose: String, lockAfter: Int, lockUntil: Date) {
        self.name = name
        self.purpose = purpose
        self.lockAfter = lockAfter
        self.lockUntil = lockUntil
    }

    public var permission: Permission { .read }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<UserSignInFailed> {
        _ = try state.requireUser(name.rawValue)
        let credential = try state.credential(name)
        if let until = credential?.lockedUntil, until > context.now.date {
            throw Self.locked(name, until: until, timeZone: context.timeZone)
        }
        let locked = (credential?.failures ?? 0) + 1 >= lockAfter
        return Decision(UserSignInFailed(user: name, purpose: purpose, locked: locked))
    }

    /// Recorded by the interface that checked the password, as the user it was given for: nobody signed in.
    public func authorize(_ actor: String, in state: any LedgerState) throws {
        guard actor == name.rawValue else {
            throw LotlineError(.forbidden, "actor-mismatch", "a failed sign-in is recorded as the user it was for, not '\(actor)'", value: actor)
        }
    }

    public static func locked(_ name: UserName, until: Date, timeZone: TimeZone) -> LotlineError {
        LotlineError(
            .unauthenticated, "user-locked",
            "user '\(name)' is locked out after repeated wrong passwords until \(BusinessTime(date: until, timeZone: timeZone).text); "
                + "wait, or ask an admin to reset the password",
            value: name.rawValue)
    }
}

enum Users {
    /// One or more roles, as typed.
    static func roles(_ texts: [String]) throws -> [Role] {
        let roles = try texts.flatMap { $0.split(separator: ",").map(String.init) }.map(Role.parse)
        guard !roles.isEmpty else {
            throw LotlineError.badInput(
                "role-missing", "a user needs at least one role; one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return Array(Set(roles)).sorted()
    }
}

extension LedgerState {
    public func requireUser(_ text: String) throws -> User {
        let name = try UserName.parse(text)
        guard let user = try user(name) else {
            throw LotlineError.notFound("user-not-found", "no user '\(text)'", value: text)
        }
        return user
    }
}
