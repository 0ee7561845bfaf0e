import Foundation
import HTTPTypes
import Hummingbird
import LotlineCore
import Mustache

/// The web pages' templates, read once from the server's resources, and what renders a page with them.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// Template name -> its text: the tests read which keys each template names.
    public let sources: [String: String]

    /// The templates shipped with the server (`Web/Templates/*.mustache`).
    public static let shipped: PageRenderer = {
        do {
            return try PageRenderer(directory: resourceURL("Templates"))
        } catch {
            fatalError("the web templates shipped with the server do not parse: \(error)")
        }
    }()

    init(directory: URL) throws {
        var sources: [String: String] = [:]
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let key = String(name.dropLast(".mustache".count))
            try library.register(text, named: key)
            sources[key] = text
        }
        self.library = library
        self.sources = sources
    }

    /// The page's HTML: its template (named after the view) inside the layout. A view no template is named after is a
    /// programming error, caught by the tests that render every page.
    public func render(_ view: some PageView) -> String {
        guard let html = library.render(view, withTemplate: type(of: view).template) else {
            preconditionFailure("no template '\(type(of: view).template)'")
        }
        return html
    }

    /// A file of the server's resources (`Web/Templates`, `Web/Assets`).
    static func resourceURL(_ folder: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent(folder)
    }
}

/// What a page's view model is: the data its template reads (strings already formatted), the page chrome, and the
/// template's name.
public protocol PageView: Sendable {
    static var template: String { get }
    var chrome: Chrome { get }
}

/// A rendered page as a response, with the headers every page carries: no script or style from anywhere but here, no
/// framing, no caching of what a signed-in user saw.
struct HTMLPage: ResponseGenerator, Sendable {
    var html: String
    var status: HTTPResponse.Status = .ok

    init(_ view: some PageView, status: HTTPResponse.Status = .ok) {
        html = PageRenderer.shipped.render(view)
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = PageHeaders.common
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The security headers of every page and asset.
enum PageHeaders {
    /// Scripts and styles from this server only; no inline script; forms post here only; never framed.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    static var common: HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[.cacheControl] = "no-store"
        return headers
    }
}
