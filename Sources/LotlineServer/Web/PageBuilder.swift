import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// What a page handler is given: the signed-in user (nil only on pages anyone may see), the session's CSRF token for
/// the forms it renders, and for a POST the form, already checked against that token.
struct PageRequest: Sendable {
    var user: User?
    var csrf: String
    var form: FormInput
    var path: String

    func chrome(_ title: String, station: Bool = false) -> Chrome {
        Chrome(title: title, user: user, csrf: csrf, current: path, station: station)
    }

    func requireUser() throws -> User {
        guard let user else { throw LotlineError(.unauthenticated, "sign-in-required", "sign in first") }
        return user
    }
}

/// Registers the web pages, each with the permission it needs. A page someone may not see answers 403 with the reason
/// as a page; without a sign-in, a GET goes to the sign-in page and comes back after. A POST must carry the session's
/// CSRF token in its form. Errors become pages, never `problem+json`.
struct PageBuilder {
    let router: Router<LotlineRequestContext>
    let environment: ServerEnvironment

    func get(
        _ path: String, _ access: Access, use handler: @Sendable @escaping (Request, LotlineRequestContext, PageRequest) async throws -> Response
    ) {
        add(path, .get, access, handler)
    }

    func post(
        _ path: String, _ access: Access, use handler: @Sendable @escaping (Request, LotlineRequestContext, PageRequest) async throws -> Response
    ) {
        add(path, .post, access, handler)
    }

    private func add(
        _ path: String, _ method: HTTPRequest.Method, _ access: Access,
        _ handler: @Sendable @escaping (Request, LotlineRequestContext, PageRequest) async throws -> Response
    ) {
        environment.pages.add(DeclaredRoute(method: method, path: RouterPath(path).description, access: access))
        let forms = environment.forms
        router.on(RouterPath(path), method: method) { request, context in
            let page = PageRequest(
                user: context.identity?.user, csrf: request.cookies[csrfCookie]?.value ?? "", form: FormInput(text: ""), path: request.uri.path)
            do {
                let admitted = try await Self.admit(request, context, page, access)
                guard method == .post, let nonce = admitted.form["nonce"] else { return try await handler(request, context, admitted) }
                guard nonce.count <= 64, nonce.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                    throw LotlineError.badInput("nonce-invalid", "a form's nonce is at most 64 letters, digits and dashes")
                }
                guard forms.reserve(nonce) else {
                    throw LotlineError.refused(
                        "form-already-sent", "this form was sent already (a double click, or the page reloaded): it was not recorded again")
                }
                do {
                    let response = try await handler(request, context, admitted)
                    if response.status.code >= 400 { forms.release(nonce) }
                    return response
                } catch {
                    forms.release(nonce)
                    throw error
                }
            } catch let error as LotlineError where error.kind == .unauthenticated && method == .get {
                return Self.redirect(to: "/web/login?next=" + PageLinks.encoded(request.uri.description))
            } catch let error as LotlineError {
                return try HTMLPage(ErrorPage(error, page: page), status: Problem(error).status).response(from: request, context: context)
            }
        }
    }

    /// Checks the caller may see the page and, for a POST, that the form is the session's own.
    private static func admit(_ request: Request, _ context: LotlineRequestContext, _ page: PageRequest, _ access: Access) async throws
        -> PageRequest
    {
        var page = page
        if request.method == .post {
            try requireSameSite(request)
            page.form = try await FormInput.read(request, context: context)
        }
        if access == .anyone { return page }
        guard let identity = context.identity else {
            throw context.credentialProblem ?? LotlineError(.unauthenticated, "sign-in-required", "sign in first")
        }
        if request.method == .post && !(identity.viaCookie && Accounts.csrfMatches(page.form["csrf"], key: identity.key)) {
            throw LotlineError(
                .forbidden, "csrf-token-invalid",
                "this form is not from your current session (it may be from before you signed in again): reload the page and send it again")
        }
        if case .permission(let permission) = access, !identity.user.may(permission) {
            throw Authorization.denied(identity.user, permission)
        }
        return page
    }

    /// A form posted from another site is refused, sign-in included (else a hostile page could sign a browser in as
    /// someone else, and its user's work would be recorded as theirs): the browser's `Sec-Fetch-Site`, else `Origin`
    /// against `Host`, says where a post comes from.
    static func requireSameSite(_ request: Request) throws {
        let refused = LotlineError(.forbidden, "cross-site-form", "this form was sent from another site; open the page here and send it from there")
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site.lowercased()) { throw refused }
        // `null` is what a sandboxed or privacy-redirected page sends: never ours.
        guard let origin = request.headers[HTTPField.Name("Origin")!] else { return }
        guard origin != "null", let host = request.headers[HTTPField.Name("Host")!] ?? request.head.authority, let url = URL(string: origin),
            let originHost = url.host
        else { throw refused }
        guard (originHost + (url.port.map { ":\($0)" } ?? "")).lowercased() == host.lowercased() else { throw refused }
    }

    static func redirect(to location: String) -> Response {
        var headers = PageHeaders.common
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}

/// The name of the cookie that holds the session's CSRF token for the pages' forms (HttpOnly: only the server reads it,
/// to put it in the forms it renders).
let csrfCookie = "lotline_csrf"

/// A refusal or a missing record, as a page.
struct ErrorPage: PageView {
    static let template = "error"
    var chrome: Chrome
    var code: String
    var message: String
    var value: String?
    var suggestions: [String]

    /// An error the router or a middleware raised before any page handled the request.
    init(_ problem: Problem.Body, user: User?) {
        chrome = Chrome(title: problem.title, user: user, csrf: "", current: "")
        code = problem.code
        message = problem.detail
        value = problem.value
        suggestions = problem.suggestions ?? []
    }

    init(_ error: LotlineError, page: PageRequest) {
        chrome = page.chrome(error.kind == .notFound ? "Not found" : "Refused")
        code = error.code
        message = error.message
        value = error.value
        suggestions = error.suggestions
    }
}
