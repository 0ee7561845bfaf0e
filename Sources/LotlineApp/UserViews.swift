import Foundation
import LotlineCore

/// A user as the CLI's and the API's JSON show them.
public struct UserView: Encodable, Sendable {
    public var name: String
    public var fullName: String
    public var roles: [String]
    public var usPerson: Bool
    public var active: Bool

    public init(_ user: User) {
        name = user.name.rawValue
        fullName = user.fullName
        roles = user.roles.map(\.rawValue)
        usPerson = user.usPerson
        active = user.active
    }
}

/// An API token or session as lists show it: never its secret or its hash.
public struct AccessKeyView: Encodable, Sendable {
    public var id: String
    public var kind: String
    public var user: String
    public var label: String
    public var created: String
    public var expires: String
    public var revoked: String?
    /// `active`, `expired` or `revoked`, now.
    public var state: String

    public init(_ key: AccessKey, now: Date, timeZone: TimeZone) {
        id = key.id
        kind = key.kind.rawValue
        user = key.user.rawValue
        label = key.label
        created = BusinessTime(date: key.createdAt, timeZone: timeZone).text
        expires = BusinessTime(date: key.expiresAt, timeZone: timeZone).text
        revoked = key.revokedAt.map { BusinessTime(date: $0, timeZone: timeZone).text }
        state = key.revokedAt != nil ? "revoked" : key.expiresAt <= now ? "expired" : "active"
    }
}

/// A token just issued: the only time its secret is shown.
public struct IssuedTokenView: Encodable, Sendable {
    public var token: String
    public var key: AccessKeyView

    public init(token: String, key: AccessKeyView) {
        self.token = token
        self.key = key
    }
}
