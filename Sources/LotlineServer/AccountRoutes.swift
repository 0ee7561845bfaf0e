import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// What signing in answers: the user, the CSRF token the session's writes must send, and when the session ends.
struct SignedInView: Encodable, Sendable {
    var user: UserView
    var csrfToken: String
    var expires: String
}

/// Who the caller is, and by what they signed in.
struct MeView: Encodable, Sendable {
    var user: UserView
    var via: String
    var key: String
    var permissions: [String]
}

/// Sign-in and out, the caller's own tokens, and (for admins) users.
func addAccountRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.post("login", .anyone) { request, context in
        let body = try await BodyInput.read(request, context: context, allowed: ["user", "password"])
        let (name, password) = (try body.required("user"), try body.required("password"))
        let (accounts, now, timeZone) = (environment.accounts, environment.clock(), environment.timeZone)
        let started = try await offCooperativePool {
            let user = try accounts.signIn(name, password: password, purpose: "login", at: now, timeZone: timeZone)
            return (user, try accounts.startSession(for: user, at: now))
        }
        var response = try JSONBody(
            SignedInView(
                user: UserView(started.0), csrfToken: started.1.csrf,
                expires: BusinessTime(date: started.1.key.expiresAt, timeZone: timeZone).text), secret: true
        ).response(from: request, context: context)
        response.setCookie(
            Cookie(
                name: sessionCookie, value: started.1.secret, maxAge: Int(environment.security.sessionLifetime), path: "/", httpOnly: true,
                sameSite: .strict))
        return response
    }
    // Anyone may sign out: a stale or foreign cookie is cleared, a live session ended (with its CSRF token).
    routes.post("logout", .anyone) { request, context in
        let (accounts, now) = (environment.accounts, environment.clock())
        if let identity = context.identity, identity.viaCookie {
            try context.require(.signedIn, method: request.method, headers: request.headers)
            try await offCooperativePool { try accounts.endSession(identity.key, at: now) }
        }
        var response = try JSONBody(["signed_out": context.identity?.user.name.rawValue ?? ""]).response(from: request, context: context)
        response.setCookie(Cookie(name: sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }
    routes.get("me", .signedIn) { request, context in
        _ = try QueryInput(request, allowed: [])
        let identity = try context.requireIdentity()
        return JSONBody(
            MeView(
                user: UserView(identity.user), via: identity.viaCookie ? "session" : "token", key: identity.key.id,
                permissions: identity.user.permissions.map(\.rawValue).sorted()))
    }
    addTokenRoutes(to: routes, environment)
    addUserRoutes(to: routes, environment)
}

func addTokenRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.get("tokens", .signedIn) { request, context in
        _ = try QueryInput(request, allowed: [])
        let user = try context.requireIdentity().user
        let (now, timeZone) = (environment.clock(), environment.timeZone)
        let keys = try await environment.read(context) { try $0.accessKeys(of: user.may(.manageUsers) ? nil : user.name) }
        return JSONBody(["tokens": keys.filter { $0.kind == .token }.map { AccessKeyView($0, now: now, timeZone: timeZone) }])
    }
    routes.post("tokens", .signedIn) { request, context in
        let body = try await BodyInput.read(request, context: context, allowed: ["user", "label", "expires"])
        let session = try environment.session(context)
        let (user, label, expires) = (try body.string("user") ?? session.actor, try body.required("label"), try body.required("expires"))
        let accounts = environment.accounts
        let issued = try await offCooperativePool { try accounts.issueToken(for: user, label: label, expires: expires, in: session) }
        return JSONBody(
            IssuedTokenView(token: issued.token, key: AccessKeyView(issued.key, now: session.now, timeZone: session.timeZone)), status: .created,
            secret: true)
    }
    routes.delete("tokens/:id", .ownOr(.manageUsers)) { request, context in
        _ = try QueryInput(request, allowed: [])
        let (id, session, accounts) = (try context.path("id"), try environment.session(context), environment.accounts)
        let user = try context.requireIdentity().user
        let own = try await environment.read(context) { try $0.accessKeys(of: user.name).contains { $0.id == id } }
        try context.requireOwn(own, or: .manageUsers)
        let revoked = try await offCooperativePool { try accounts.revokeToken(id, in: session) }
        return JSONBody(["token": revoked.outcome.token, "user": revoked.outcome.user.rawValue])
    }
}

func addUserRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.get("users", .permission(.manageUsers)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(["users": try await environment.read(context) { try $0.users() }.map(UserView.init)])
    }
    routes.post("users", .permission(.manageUsers)) { request, context in
        let body = try await BodyInput.read(request, context: context, allowed: ["name", "full_name", "roles", "us_person", "password"])
        let command = AddUser(
            name: try body.required("name"), fullName: try body.required("full_name"), roles: try body.strings("roles") ?? [],
            usPerson: try body.bool("us_person") ?? false)
        let (password, session, accounts) = (try body.required("password"), try environment.session(context), environment.accounts)
        let added = try await offCooperativePool { try accounts.addUser(command, password: password, in: session) }
        return JSONBody(UserView(added.outcome.user), status: .created)
    }
    routes.patch("users/:name", .permission(.manageUsers)) { request, context in
        let body = try await BodyInput.read(request, context: context, allowed: ["full_name", "roles", "us_person", "active"])
        var command = ChangeUser(name: try context.path("name"))
        command.fullName = try body.string("full_name")
        command.roles = try body.strings("roles")
        command.usPerson = try body.bool("us_person")
        command.active = try body.bool("active")
        let changed = try await environment.session(context).record(command)
        return JSONBody(UserView(changed.outcome.user))
    }
    // A user changes their own password with the current one; an admin sets another's.
    routes.put("users/:name/password", .ownOr(.manageUsers)) { request, context in
        try context.requireOwn(
            (try? UserName.parse(try context.path("name")))?.rawValue == context.requireIdentity().user.name.rawValue, or: .manageUsers)
        let body = try await BodyInput.read(request, context: context, allowed: ["password", "current_password"])
        let (name, password, current) = (try context.path("name"), try body.required("password"), try body.string("current_password"))
        let (session, accounts) = (try environment.session(context), environment.accounts)
        let set = try await offCooperativePool {
            if (try? UserName.parse(name))?.rawValue == session.actor {
                guard let current else {
                    throw LotlineError.badInput("current-password-missing", "changing your own password needs \"current_password\"")
                }
                do {
                    _ = try accounts.signIn(session.actor, password: current, purpose: "password", at: session.now, timeZone: session.timeZone)
                } catch let error as LotlineError where error.code == "sign-in-failed" {
                    // The caller is signed in; only the password given to confirm is wrong (and counted).
                    throw LotlineError(.forbidden, "current-password-wrong", "the current password is wrong", value: session.actor)
                }
            }
            return try accounts.setPassword(of: name, to: password, in: session)
        }
        return JSONBody(["user": set.outcome.user.rawValue])
    }
}
