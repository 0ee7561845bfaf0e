import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LotlineApp
import LotlineCore

/// An error as an HTTP response: `application/problem+json` (RFC 9457) with the stable error code, the offending value,
/// suggestions and the remedy, in words and as data an interface can turn into a link.
struct Problem: HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    var body: Body
    var headers: HTTPFields = [:]

    struct Body: Encodable, Sendable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        /// The stable code (`lot-not-found`, `insufficient-quantity` ...): what clients branch on.
        var code: String
        var kind: String
        var value: String?
        var suggestions: [String]?
        var remedy: RemedyBody?
    }

    struct RemedyBody: Encodable, Sendable {
        var words: String
        var action: Remedy
    }

    init(_ status: HTTPResponse.Status, code: String, kind: String, detail: String) {
        self.status = status
        body = Body(type: "about:blank", title: status.reasonPhrase, status: status.code, detail: detail, code: code, kind: kind)
    }

    /// The status each kind of refusal answers with: a client's mistake is 4xx, never 500.
    init(_ error: LotlineError) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .badInput: .badRequest
            case .notFound: .notFound
            case .refused: .conflict
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .busy, .unavailable: .serviceUnavailable
            case .integrity, .internal: .internalServerError
            }
        // What a client sent is echoed at most this long: a megabyte of lot number is not sent back twice.
        let echo = { (text: String) in text.count > 200 ? String(text.prefix(200)) + "…" : text }
        var detail = error.message
        if let value = error.value, value.count > 200 { detail = detail.replacingOccurrences(of: value, with: echo(value)) }
        self.init(status, code: error.code, kind: error.kind.rawValue, detail: detail.count > 2000 ? String(detail.prefix(2000)) + "…" : detail)
        body.value = error.value.map(echo)
        body.suggestions = error.suggestions.isEmpty ? nil : error.suggestions
        body.remedy = error.remedy.map { RemedyBody(words: $0.words, action: $0) }
        if error.kind == .busy { headers[.retryAfter] = "1" }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: WireJSON.data(body))))
        response.headers[.contentType] = "application/problem+json"
        return response
    }
}

extension Problem {
    /// The problem a route's error becomes: the core's refusals by their kind, the router's own (a malformed body, an
    /// unknown path) by their status, anything else an internal error, never shown.
    init(for error: any Error) {
        switch error {
        case let problem as Problem: self = problem
        case let error as LotlineError: self.init(error)
        case let error as HTTPError:
            self.init(
                error.status, code: error.status == .notFound ? "route-not-found" : "request-malformed", kind: "http",
                detail: error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError:
            self.init(error.status, code: "request-refused", kind: "http", detail: error.status.reasonPhrase)
        case is CancellationError:
            // Cut off at the shutdown deadline. A change whose store call had begun ran to its end (store calls are not
            // cancelled), so the client reads what was recorded before sending it again.
            self.init(
                .serviceUnavailable, code: "server-stopping", kind: "unavailable",
                detail: "the server is stopping; a change this request carried may have been recorded: look before sending it again")
        default:
            self.init(.internalServerError, code: "internal", kind: "internal", detail: "the server failed; the error is in its log")
        }
    }
}

/// Turns every error a route throws into a problem (`Problem(for:)`), logging what is the server's own failure.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            switch error {
            case let error as LotlineError where error.kind == .internal || error.kind == .integrity:
                context.logger.error("\(error.code): \(error.message)")
            case is Problem, is LotlineError, is any HTTPResponseError, is CancellationError: break
            default: context.logger.error("unhandled error: \(error)")
            }
            // A page's error is a page (with the pages' headers), whatever raised it: an unknown page, a wrong method,
            // a body too large.
            let path = request.uri.path
            if path == "/web" || path.hasPrefix("/web/") {
                let problem = Problem(for: error)
                var response = try HTMLPage(ErrorPage(problem.body, user: nil), status: problem.status)
                    .response(from: request, context: context)
                if let allow = problem.headers[.allow] { response.headers[.allow] = allow }
                return response
            }
            throw Problem(for: error)
        }
    }
}
