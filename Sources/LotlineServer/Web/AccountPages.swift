import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// The sign-in page: a name and a password; a wrong one says so and keeps the name typed.
struct LoginPage: PageView {
    static let template = "login"
    var chrome: Chrome
    var next: String
    var userName: String
    var refusal: String?
}

/// Sign-in and sign-out for browsers: the session cookie and the CSRF cookie the forms are rendered with.
func addAccountPages(to pages: PageBuilder) {
    let environment = pages.environment
    pages.get("web/login", .anyone) { request, context, page in
        let next = safeNext(request.uri.queryParameters["next"].map(String.init))
        return try HTMLPage(LoginPage(chrome: page.chrome("Sign in"), next: next, userName: "")).response(from: request, context: context)
    }
    pages.post("web/login", .anyone) { request, context, page in
        let (name, password, next) = (page.form["user"] ?? "", page.form.fields["password"] ?? "", safeNext(page.form["next"]))
        let (accounts, now, timeZone) = (environment.accounts, environment.clock(), environment.timeZone)
        do {
            let started = try await offCooperativePool {
                let user = try accounts.signIn(name, password: password, purpose: "login", at: now, timeZone: timeZone)
                return try accounts.startSession(for: user, at: now)
            }
            var response = PageBuilder.redirect(to: next)
            let lifetime = Int(environment.security.sessionLifetime)
            response.setCookie(Cookie(name: sessionCookie, value: started.secret, maxAge: lifetime, path: "/", httpOnly: true, sameSite: .strict))
            response.setCookie(Cookie(name: csrfCookie, value: started.csrf, maxAge: lifetime, path: "/", httpOnly: true, sameSite: .strict))
            return response
        } catch let error as LotlineError {
            // A locked user is told apart from a wrong password nowhere on this page: that would say which names exist.
            let refusal =
                ["sign-in-failed", "user-locked"].contains(error.code)
                ? "The user name or password is wrong, or the user is locked out for a while after repeated wrong passwords." : error.message
            let view = LoginPage(chrome: page.chrome("Sign in"), next: next, userName: name, refusal: refusal)
            return try HTMLPage(view, status: Problem(error).status).response(from: request, context: context)
        }
    }
    // Anyone may sign out: a stale cookie is cleared (nothing else can be done with it), a live session ended.
    pages.post("web/logout", .anyone) { _, context, page in
        if let identity = context.identity, identity.viaCookie, Accounts.csrfMatches(page.form["csrf"], key: identity.key) {
            let (accounts, now) = (environment.accounts, environment.clock())
            try await offCooperativePool { try accounts.endSession(identity.key, at: now) }
        }
        var response = PageBuilder.redirect(to: "/web/login")
        for name in [sessionCookie, csrfCookie] {
            response.setCookie(Cookie(name: name, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }
}

/// Where to go after signing in: a page of ours only (`/web/...`), never another site.
func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/web/"), !next.contains("//"), !next.contains("\\"), !next.contains(where: \.isNewline) else {
        return "/web/"
    }
    return next
}
