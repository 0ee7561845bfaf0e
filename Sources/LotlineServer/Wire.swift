import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import LotlineApp

/// A wire view as a JSON response: the same snake_case JSON the CLI's `--json` prints, compact.
struct JSONBody<View: Encodable & Sendable>: ResponseGenerator {
    var view: View
    var status: HTTPResponse.Status = .ok

    init(_ view: View, status: HTTPResponse.Status = .ok) {
        self.view = view
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: WireJSON.data(view))))
    }
}

/// What every request carries: Hummingbird's own storage (parameters, logger), and who signed in.
public struct LotlineRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Request bodies are small documents (an import has its own limit).
    public var maxUploadSize: Int { 1 << 20 }
}
