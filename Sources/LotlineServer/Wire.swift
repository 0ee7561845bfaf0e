import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// A wire view as a JSON response: the same snake_case JSON the CLI's `--json` prints, compact.
struct JSONBody<View: Encodable & Sendable>: ResponseGenerator {
    var view: View
    var status: HTTPResponse.Status = .ok
    /// An answer that holds a secret (a new token, a CSRF token) is never kept by a cache.
    var secret = false

    init(_ view: View, status: HTTPResponse.Status = .ok, secret: Bool = false) {
        self.view = view
        self.status = status
        self.secret = secret
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if secret { headers[.cacheControl] = "no-store" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: WireJSON.data(view))))
    }
}

/// A JSON response already encoded: a large read (a trace, a page of events) is encoded on the thread that read it,
/// not on one of the few threads every request's async work shares.
struct EncodedJSON: ResponseGenerator, Sendable {
    var data: Data

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A document that is not JSON (a label's SVG or ZPL), as its media type.
struct DocumentBody: ResponseGenerator, Sendable {
    var text: String
    var contentType: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// What every request carries: Hummingbird's own storage (parameters, logger), who signed in, and why a credential
/// that was sent did not count.
public struct LotlineRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var credentialProblem: LotlineError?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Request bodies are small documents (an import has its own limit).
    public var maxUploadSize: Int { 1 << 20 }
}
