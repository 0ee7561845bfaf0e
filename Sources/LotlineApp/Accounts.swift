import Foundation
import HummingbirdBcrypt
import LotlineCore
import Synchronization

/// How sign-in is hardened: the bcrypt cost, the lockout, how long sessions and tokens last.
public struct SecuritySettings: Sendable {
    /// bcrypt's work factor for new hashes (each step doubles the time); a stored hash keeps the cost it was made with.
    public var bcryptCost: UInt8 = 12
    /// Wrong passwords in a row that lock a user out, and for how long.
    public var lockAfter = 5
    public var lockFor: TimeInterval = 15 * 60
    /// A browser session ends this long after sign-in.
    public var sessionLifetime: TimeInterval = 8 * 3600

    public init() {}

    /// The settings, with `LOTLINE_BCRYPT_COST` (4 to 31) for test suites and slow machines.
    public init(environment: [String: String]) throws {
        if let text = environment["LOTLINE_BCRYPT_COST"] {
            guard let cost = UInt8(text), (4...31).contains(cost) else {
                throw LotlineError.badInput("bcrypt-cost-invalid", "LOTLINE_BCRYPT_COST must be 4 to 31, got '\(text)'", value: text)
            }
            bcryptCost = cost
        }
    }
}

/// Users, passwords, API tokens and browser sessions: every interface signs people in here. Passwords are checked with
/// bcrypt; tokens and sessions are random secrets kept as their SHA-256. Every method blocks (bcrypt is slow on
/// purpose); the server calls them off the cooperative pool.
public struct Accounts: Sendable {
    public let backend: any LotlineBackend
    public let settings: SecuritySettings

    public init(backend: any LotlineBackend, settings: SecuritySettings = SecuritySettings()) {
        self.backend = backend
        self.settings = settings
    }

    /// Whether the database has users: until it does, it is open and the actor is whoever the interface names.
    public func hasUsers() throws -> Bool { try !backend.users().isEmpty }

    // MARK: Users

    /// Adds a user with a first password (checked against the policy, hashed, stored with the events).
    public func addUser(_ command: AddUser, password: String, in session: Session) throws -> Executed<UserAdded> {
        let name = try UserName.parse(command.name)
        let hash = try hashPassword(password, for: name)
        return try backend.execute(command, actor: session.actor, at: session.now, timeZone: session.timeZone, alongside: .password(name, hash: hash))
    }

    /// Sets a user's password: an admin resetting another's, or a user changing their own. Clears any lockout.
    public func setPassword(of text: String, to password: String, in session: Session) throws -> Executed<UserPasswordSet> {
        let name = try UserName.parse(text)
        let hash = try hashPassword(password, for: name)
        return try backend.execute(
            SetPassword(name: text), actor: session.actor, at: session.now, timeZone: session.timeZone, alongside: .password(name, hash: hash))
    }

    /// A password is 10 to 72 bytes (bcrypt reads no further) and is not the user's name.
    func hashPassword(_ password: String, for name: UserName) throws -> String {
        Bcrypt.hash(try PasswordPolicy.check(password, for: name), cost: settings.bcryptCost)
    }

    // MARK: Signing in

    /// The user, if the password is theirs. A wrong one is counted (and recorded in the ledger, as the user it was for);
    /// enough in a row lock the user out for a while. An unknown user, a disabled one and a wrong password answer alike,
    /// and take as long, so the answer does not tell which names exist.
    /// With `clearing` false a right password leaves the run of wrong ones as it is: the CLI signs in before it asks
    /// for a signature's password, and that sign-in must not wipe out the signature's failures each run.
    public func signIn(_ text: String, password: String, purpose: String, at now: Date, timeZone: TimeZone, clearing: Bool = true) throws -> User {
        let failed = LotlineError(.unauthenticated, "sign-in-failed", "the user name or password is wrong", value: String(text.prefix(100)))
        let given = PasswordPolicy.normalized(password)
        guard let name = try? UserName.parse(text), let user = try backend.user(name), let credential = try backend.credential(name) else {
            _ = Bcrypt.verify(given, hash: decoyHash)
            throw failed
        }
        if let until = credential.lockedUntil, until > now {
            _ = Bcrypt.verify(given, hash: decoyHash)
            throw RecordSignInFailure.locked(name, until: until, timeZone: timeZone)
        }
        guard Bcrypt.verify(given, hash: credential.passwordHash) else {
            let failure = RecordSignInFailure(
                name: name, purpose: purpose, lockAfter: settings.lockAfter, lockUntil: now.addingTimeInterval(settings.lockFor))
            let recorded = try backend.execute(
                failure, actor: name.rawValue, at: now, timeZone: timeZone,
                alongside: .failure(name, lockAfter: failure.lockAfter, lockUntil: failure.lockUntil))
            if recorded.outcome.locked { throw RecordSignInFailure.locked(name, until: failure.lockUntil, timeZone: timeZone) }
            throw failed
        }
        guard user.active else { throw failed }
        if clearing, credential.failures > 0 || credential.lockedUntil != nil { try backend.write(.clearFailures(name)) }
        return user
    }

    /// A bcrypt hash of a random text at this cost, checked when the user is unknown or locked: the same work as a real check.
    private var decoyHash: String {
        let cost = settings.bcryptCost
        return Self.decoys.withLock { decoys in
            if let hash = decoys[cost] { return hash }
            let hash = Bcrypt.hash(Accounts.newSecret(prefix: "decoy").secret, cost: cost)
            decoys[cost] = hash
            return hash
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])

    // MARK: Tokens and sessions

    /// A new API token for a user (theirs, or an admin's for a service user), recorded in the ledger without its secret.
    /// The secret is in the returned text only: shown once, never stored.
    public func issueToken(for text: String, label: String, expires: String, in session: Session) throws -> (key: AccessKey, token: String) {
        let name = try UserName.parse(text)
        let expiresOn = try CalendarDate.parse(expires, field: "expires")
        let (id, secret) = Self.newSecret(prefix: "llt")
        // It works through its last day, in the plant's time zone.
        let end = try BusinessTime.parse(expiresOn.adding(days: 1).description + "T00:00", timeZone: session.timeZone).date
        let key = AccessKey(
            id: id, kind: .token, user: name, secretHash: Self.digest(secret), label: label, createdAt: session.now, expiresAt: end)
        _ = try backend.execute(
            IssueToken(name: text, token: id, label: label, expires: expires), actor: session.actor, at: session.now, timeZone: session.timeZone,
            alongside: .accessKey(key))
        return (key, secret)
    }

    public func revokeToken(_ id: String, in session: Session) throws -> Executed<UserTokenRevoked> {
        try backend.execute(
            RevokeToken(token: id), actor: session.actor, at: session.now, timeZone: session.timeZone, alongside: .revokeKey(id: id, at: session.now))
    }

    /// A browser session for a signed-in user: the cookie's secret and the CSRF token its writes must carry.
    public func startSession(for user: User, at now: Date) throws -> (key: AccessKey, secret: String, csrf: String) {
        let (id, secret) = Self.newSecret(prefix: "lls")
        let (_, csrf) = Self.newSecret(prefix: "llc")
        let key = AccessKey(
            id: id, kind: .session, user: user.name, secretHash: Self.digest(secret), label: "browser", createdAt: now,
            expiresAt: now.addingTimeInterval(settings.sessionLifetime), csrfHash: Self.digest(csrf))
        try backend.write(.accessKey(key))
        return (key, secret, csrf)
    }

    public func endSession(_ key: AccessKey, at now: Date) throws {
        try backend.write(.revokeKey(id: key.id, at: now))
    }

    /// The user and key a token or session secret belongs to, if it is valid now and the user is active.
    public func authenticate(secret: String, kind: AccessKey.Kind, at now: Date) throws -> (user: User, key: AccessKey) {
        let invalid = LotlineError(
            .unauthenticated, kind == .token ? "token-invalid" : "session-invalid",
            kind == .token ? "the API token is unknown, expired or revoked" : "the session has ended or expired; sign in again")
        guard secret.utf8.count <= 200, let (key, user, validFrom) = try backend.accessKey(secretHash: Self.digest(secret)), key.kind == kind,
            key.isValid(at: now), user.active,
            // A new password or a disabling since the key was made ends it.
            validFrom.map({ key.createdAt >= $0 }) ?? true
        else { throw invalid }
        return (user, key)
    }

    /// Whether a CSRF token is the session's own (compared by hash, in constant time).
    public static func csrfMatches(_ token: String?, key: AccessKey) -> Bool {
        guard let token, let expected = key.csrfHash else { return false }
        let given = Array(digest(token).utf8), wanted = Array(expected.utf8)
        return given.count == wanted.count && zip(given, wanted).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// `prefix_id_secret`: the id names the key in lists and revocations; the whole text is the secret.
    static func newSecret(prefix: String) -> (id: String, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let id = HexDigest.hex((0..<5).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let secret = HexDigest.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return (id, "\(prefix)_\(id)_\(secret)")
    }

    static func digest(_ secret: String) -> String { HexDigest.sha256(Data(secret.utf8)) }
}
