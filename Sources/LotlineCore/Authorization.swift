import Foundation

/// Who may give a command. A database without users is open (a plant trying Lotline, the demo, the tests): the actor
/// is whoever the interface says. Once it has users, every command's actor must be an active user holding a role that
/// grants the command's permission. The store asks inside the command's transaction, so a user disabled a moment ago
/// cannot slip a command in.
public enum Authorization {
    public static func require(_ permission: Permission, actor: String, in state: any LedgerState) throws {
        guard try !state.users().isEmpty else { return }
        guard let name = try? UserName.parse(actor), let user = try state.user(name) else {
            throw LotlineError(.unauthenticated, "user-unknown", "'\(actor)' is not a user of this database; sign in as one", value: actor)
        }
        guard user.active else {
            throw LotlineError(.unauthenticated, "user-disabled", "user '\(user.name)' is disabled", value: actor)
        }
        guard user.may(permission) else { throw denied(user, permission) }
    }

    /// Users act on what is their own (their password, their token); anyone else's needs the permission.
    public static func requireOwn(_ owner: UserName?, or permission: Permission, actor: String, in state: any LedgerState) throws {
        if let owner, owner.rawValue == actor, try state.user(owner)?.active == true { return }
        try require(permission, actor: actor, in: state)
    }

    /// Who may decide what export control covers, and who it lets see it: a US person, once the database has users;
    /// and never about themselves (no one makes themselves a US person). Else a non-US admin could lift the control,
    /// read every controlled lot and put it back.
    public static func requireUSPerson(_ actor: String, to what: String, in state: any LedgerState, subject: UserName? = nil) throws {
        guard try !state.users().isEmpty else { return }
        guard let name = try? UserName.parse(actor), let user = try state.user(name), user.usPerson else {
            throw LotlineError(.forbidden, "us-person-required", "only a US person may \(what)", value: actor)
        }
        if let subject, subject == user.name {
            throw LotlineError(.forbidden, "own-us-person", "no one changes their own US-person status; another US person does", value: actor)
        }
    }

    /// The refusal of a user whose roles do not grant the permission: what every interface says.
    public static func denied(_ user: User, _ permission: Permission) -> LotlineError {
        LotlineError(
            .forbidden, "permission-denied",
            "user '\(user.name)' (\(user.roles.map(\.rawValue).joined(separator: ", "))) may not \(permission.phrase); "
                + "roles that may: \(permission.roles.map(\.rawValue).joined(separator: ", "))",
            value: permission.rawValue)
    }
}

extension LotlineCommand {
    /// The permission, checked against the actor's roles; commands with more to say (a user acting on their own
    /// password or token) override it.
    public func authorize(_ actor: String, in state: any LedgerState) throws {
        try Authorization.require(permission, actor: actor, in: state)
    }
}

/// An API token or a browser session: the public id, whose it is, and until when it works. The secret is kept only as
/// its SHA-256 (it is random and long, so a slow hash adds nothing); a session also has its CSRF token's hash.
public struct AccessKey: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case token, session
    }

    public var id: String
    public var kind: Kind
    public var user: UserName
    public var secretHash: String
    public var label: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    /// A session's CSRF token's hash: a cookie-authenticated write must send the token itself in a header.
    public var csrfHash: String?

    public init(
        id: String, kind: Kind, user: UserName, secretHash: String, label: String, createdAt: Date, expiresAt: Date, revokedAt: Date? = nil,
        csrfHash: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.user = user
        self.secretHash = secretHash
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.csrfHash = csrfHash
    }

    public func isValid(at date: Date) -> Bool { revokedAt == nil && date < expiresAt }
}

/// A user's stored password hash, how many wrong passwords were given in a row since the last right one, and the
/// moment before which no token or session of theirs counts (their last new password, their last disabling).
public struct Credential: Sendable, Hashable {
    public var user: UserName
    public var passwordHash: String
    public var failures: Int
    public var lockedUntil: Date?
    public var keysValidFrom: Date?

    public init(user: UserName, passwordHash: String, failures: Int = 0, lockedUntil: Date? = nil, keysValidFrom: Date? = nil) {
        self.user = user
        self.passwordHash = passwordHash
        self.failures = failures
        self.lockedUntil = lockedUntil
        self.keysValidFrom = keysValidFrom
    }
}

/// What a command writes beside the ledger, in its transaction: a password's hash, an access key, a failure count.
public enum CredentialChange: Sendable {
    case password(UserName, hash: String)
    case accessKey(AccessKey)
    case revokeKey(id: String, at: Date)
    /// A right password: the run of wrong ones ends.
    case clearFailures(UserName)
    /// One more wrong password; the one that reaches `lockAfter` locks the user until `lockUntil` and starts a new run.
    case failure(UserName, lockAfter: Int, lockUntil: Date)
}

/// Users and the credentials kept beside the ledger (never in it): password hashes, access keys, sign-in failures.
public protocol CredentialStoring: Sendable {
    /// The command's events appended and the credential change written, in one transaction, or neither.
    func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date, timeZone: TimeZone, alongside change: CredentialChange
    ) throws -> Executed<Command.Outcome>
    /// Written without an event: a right password clears the failure count; a session's end; a key's last use.
    func write(_ change: CredentialChange) throws
    func users() throws -> [User]
    func user(_ name: UserName) throws -> User?
    func credential(_ name: UserName) throws -> Credential?
    /// The key whose secret has this SHA-256 (valid or not), with its user and the moment before which the user's keys
    /// no longer count: everything a request's sign-in needs, in one read.
    func accessKey(secretHash: String) throws -> (key: AccessKey, user: User, keysValidFrom: Date?)?
    func accessKeys(of user: UserName?) throws -> [AccessKey]
}
