import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LotlineApp
import LotlineCore
import LotlineFixtures
import LotlineServer
import LotlineStore
import NIOCore

/// The demo plant with its users (one per role), served to tests as a browser sees it.
struct WebPlant: Sendable {
    let store: LotlineStore
    let environment: ServerEnvironment
    /// The demo's lots and work orders by role ("steel2", "WO-SHAFT-3").
    let roles: [String: String]

    init() throws {
        store = try LotlineStore.inMemory()
        let plant = try DemoPlant.build(on: store, actor: "clerk", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        roles = Dictionary(plant.roles.map { ($0.role, $0.value) }, uniquingKeysWith: { first, _ in first })
        let accounts = Accounts(backend: store, settings: TestAuth.fast)
        var actor = "clerk"
        for user in DemoUsers.all {
            _ = try accounts.addUser(
                user, password: DemoUsers.password, in: Session(backend: store, actor: actor, now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
            )
            actor = "ada"
        }
        environment = ServerEnvironment(backend: store, timeZone: ServerAuthTests.utc, security: TestAuth.fast, clock: { ServerAuthTests.now })
    }

    func role(_ name: String) -> String? { roles[name] }

    var app: some ApplicationProtocol {
        Application(router: buildRouter(environment), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }
}

/// A browser's side of the conversation: it keeps the cookies it is given and sends them back, and posts forms.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    /// The CSRF token the pages put in their forms (the cookie the server renders them from).
    var csrf: String { cookies["lotline_csrf"] ?? "" }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil)
    }

    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await send(uri, method: .post, body: ByteBuffer(string: body), extra: headers)
    }

    /// Signs in through the sign-in form.
    @discardableResult
    func signIn(_ user: String, password: String = DemoUsers.password) async throws -> TestResponse {
        try await post("/web/login", [("user", user), ("password", password)])
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }
}

extension TestResponse {
    var html: String { String(buffer: body) }

    /// The station's outcome panel (done or refused, with the reason), for a failing test to print.
    var outcome: String {
        guard let start = html.range(of: "<section class=\"outcome"), let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
        else { return "(no outcome)" }
        return String(html[start.lowerBound..<end.upperBound])
    }
}
