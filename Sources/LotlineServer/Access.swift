import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore
import NIOConcurrencyHelpers

/// Who may call a route: anyone (health, sign-in, the API's description), any signed-in user (their own session and
/// tokens), or users whose roles grant a permission.
public enum Access: Sendable, Hashable, CustomStringConvertible {
    case anyone
    case signedIn
    case permission(Permission)
    /// The user's own record (their password, their token), or anyone's with the permission.
    case ownOr(Permission)

    public var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed in"
        case .permission(let permission): permission.rawValue
        case .ownOr(let permission): "own, or \(permission.rawValue)"
        }
    }

    /// Whether a user holding these roles gets past this check for a record not their own.
    public func admits(_ roles: [Role]) -> Bool {
        switch self {
        case .anyone, .signedIn: true
        case .permission(let permission), .ownOr(let permission): roles.contains { $0.permissions.contains(permission) }
        }
    }
}

/// A route as declared: its method, its path as the router spells it, and who may call it. The role x endpoint table,
/// the matrix test and the API description read this list; the router refuses a route registered without it.
public struct DeclaredRoute: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var access: Access
}

/// The routes declared while a router is built.
public final class RouteDeclarations: Sendable {
    private let routes = NIOLockedValueBox<[DeclaredRoute]>([])

    public init() {}

    public var all: [DeclaredRoute] { routes.withLockedValue { $0 } }

    func add(_ route: DeclaredRoute) { routes.withLockedValue { $0.append(route) } }

    public func access(method: HTTPRequest.Method, path: String) -> Access? {
        all.first { $0.method == method && $0.path == path }?.access
    }
}

/// The signed-in user of a request, and how they signed in.
public struct Identity: Sendable {
    public var user: User
    public var key: AccessKey
    /// A browser session cookie (writes then need the CSRF token), not a bearer token.
    public var viaCookie: Bool
}

extension Router where Context == LotlineRequestContext {
    /// Registers a route that first checks the caller may call it: 401 without a valid sign-in, 403 without a role
    /// that grants the permission, and (for a browser session) 403 for a write without the session's CSRF token.
    @discardableResult
    func on(
        _ path: String, method: HTTPRequest.Method, access: Access, declarations: RouteDeclarations,
        use handler: @Sendable @escaping (Request, LotlineRequestContext) async throws -> some ResponseGenerator
    ) -> Self {
        declarations.add(DeclaredRoute(method: method, path: RouterPath(path).description, access: access))
        return on(RouterPath(path), method: method) { request, context in
            try context.require(access, method: request.method, headers: request.headers)
            return try await handler(request, context)
        }
    }
}

extension LotlineRequestContext {
    func require(_ access: Access, method: HTTPRequest.Method, headers: HTTPFields) throws {
        if access == .anyone { return }
        guard let identity else {
            throw credentialProblem
                ?? LotlineError(
                    .unauthenticated, "sign-in-required", "sign in first: POST /login for a session cookie, or send 'Authorization: Bearer TOKEN'")
        }
        if identity.viaCookie && method != .get && method != .head {
            guard Accounts.csrfMatches(headers[.csrfToken], key: identity.key) else {
                throw LotlineError(
                    .forbidden, "csrf-token-invalid",
                    "a change made with a session cookie must send the session's CSRF token (from POST /login) in the X-CSRF-Token header")
            }
        }
        if case .permission(let permission) = access, !identity.user.may(permission) {
            throw Authorization.denied(identity.user, permission)
        }
    }

    /// For an `ownOr` route: the record is the user's own, or their roles grant the permission.
    func requireOwn(_ own: Bool, or permission: Permission) throws {
        let user = try requireIdentity().user
        guard own || user.may(permission) else {
            throw LotlineError(
                .forbidden, "permission-denied",
                "user '\(user.name)' may act on their own only; others' need: \(permission.roles.map(\.rawValue).joined(separator: ", "))",
                value: permission.rawValue)
        }
    }

    /// The signed-in user, for routes that act as them.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw credentialProblem ?? LotlineError(.unauthenticated, "sign-in-required", "sign in first") }
        return identity
    }
}

extension HTTPField.Name {
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}

/// The session cookie's name.
let sessionCookie = "lotline_session"

/// Finds who a request comes from: a bearer token, else a session cookie. A credential that is given but invalid is
/// kept as the reason to refuse (401) any route that needs a sign-in, never taken as "nobody"; routes anyone may call
/// (health, sign-in, sign-out) still answer, so a stale cookie never locks a browser out of signing in again.
struct AccessKeyAuthenticator: RouterMiddleware {
    typealias Context = LotlineRequestContext
    let environment: ServerEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do {
            context.identity = try await authenticate(request)
        } catch let error as LotlineError where error.kind == .unauthenticated {
            context.credentialProblem = error
        }
        return try await next(request, context)
    }

    func authenticate(_ request: Request) async throws -> Identity? {
        let (accounts, now) = (environment.accounts, environment.clock())
        if let authorization = request.headers[.authorization] {
            // The scheme is case-insensitive (RFC 9110); only bearer tokens are taken.
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw LotlineError(.unauthenticated, "authorization-invalid", "the Authorization header must be 'Bearer TOKEN'")
            }
            let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
            let found = try await ReadWorkers.shared.run { try accounts.authenticate(secret: token, kind: .token, at: now) }
            return Identity(user: found.user, key: found.key, viaCookie: false)
        }
        guard let secret = request.cookies[sessionCookie]?.value, !secret.isEmpty else { return nil }
        let found = try await ReadWorkers.shared.run { try accounts.authenticate(secret: secret, kind: .session, at: now) }
        return Identity(user: found.user, key: found.key, viaCookie: true)
    }
}
