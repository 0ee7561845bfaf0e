import Foundation

/// A user's login name: lower-case letters, digits, `.`, `_` and `-`, starting with a letter; what the ledger records
/// as the actor of everything the user does.
public struct UserName: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// A name as typed: case and surrounding spaces do not matter.
    public static func parse(_ text: String) throws -> UserName {
        let name = text.trimmed.lowercased()
        guard let first = name.first, first.isASCII, first.isLetter, name.count <= 40,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else {
            throw LotlineError.badInput(
                "user-name-invalid", "user name '\(text)' is not valid; use 1 to 40 letters, digits, '.', '_' or '-', starting with a letter",
                value: text)
        }
        return UserName(rawValue: name)
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: UserName, rhs: UserName) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Someone who signs in: the roles they hold, whether they are a US person (export-controlled records are shown only
/// to them), and the full name their electronic signatures print.
public struct User: Sendable, Hashable, Codable {
    public var name: UserName
    public var fullName: String
    /// Sorted, never empty.
    public var roles: [Role]
    public var usPerson: Bool
    /// A disabled user cannot sign in or act; their records stay theirs.
    public var active: Bool

    public init(name: UserName, fullName: String, roles: [Role], usPerson: Bool, active: Bool = true) {
        self.name = name
        self.fullName = fullName
        self.roles = Array(Set(roles)).sorted()
        self.usPerson = usPerson
        self.active = active
    }

    public var permissions: Set<Permission> { roles.reduce(into: []) { $0.formUnion($1.permissions) } }

    public func may(_ permission: Permission) -> Bool { active && permissions.contains(permission) }
}

/// A user was added.
public struct UserAdded: EventBody, Hashable {
    public static let type = "user.added"
    public var user: User
}

/// A user's roles, name, US-person status or standing (active, disabled) changed.
public struct UserChanged: EventBody, Hashable {
    public static let type = "user.changed"
    public var user: User
    public var changed: [String]
}

/// A user's password was set (at `user add`) or reset by an admin. The password's hash is kept beside the ledger, in the
/// credentials, never in it: the ledger records that it changed, when and by whom.
public struct UserPasswordSet: EventBody, Hashable {
    public static let type = "user.password_set"
    public var user: UserName
    public var reset: Bool
}

/// An API token was issued to a user (its secret is shown once and kept only as a hash, beside the ledger).
public struct UserTokenIssued: EventBody, Hashable {
    public static let type = "user.token_issued"
    public var user: UserName
    public var token: String
    public var label: String
    public var expires: String
}

/// An API token was revoked before it expired.
public struct UserTokenRevoked: EventBody, Hashable {
    public static let type = "user.token_revoked"
    public var user: UserName
    public var token: String
}

/// Someone gave a wrong password for a user (signing in, or signing a record), and whether that locked the user out.
public struct UserSignInFailed: EventBody, Hashable {
    public static let type = "user.sign_in_failed"
    public var user: UserName
    /// `login`, `token`, `cli` or `signature`.
    public var purpose: String
    public var locked: Bool
}

extension UserAdded {
    public var recorded: RecordedEvent { .userAdded(self) }
    public var lots: [LotNumber] { [] }
}
extension UserChanged {
    public var recorded: RecordedEvent { .userChanged(self) }
    public var lots: [LotNumber] { [] }
}
extension UserPasswordSet {
    public var recorded: RecordedEvent { .userPasswordSet(self) }
    public var lots: [LotNumber] { [] }
}
extension UserTokenIssued {
    public var recorded: RecordedEvent { .userTokenIssued(self) }
    public var lots: [LotNumber] { [] }
}
extension UserTokenRevoked {
    public var recorded: RecordedEvent { .userTokenRevoked(self) }
    public var lots: [LotNumber] { [] }
}
extension UserSignInFailed {
    public var recorded: RecordedEvent { .userSignInFailed(self) }
    public var lots: [LotNumber] { [] }
}
