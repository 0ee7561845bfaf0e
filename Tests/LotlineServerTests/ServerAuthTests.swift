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
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Who may call what: every route of the router against every role, sign-in by password, cookie and token, CSRF,
/// lockout, and the actor of a change always being who signed in.
@Suite struct ServerAuthTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = try! BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: utc).date
    static let json: HTTPFields = [.contentType: "application/json"]

    let store: LotlineStore
    let environment: ServerEnvironment

    init() throws {
        store = try LotlineStore.inMemory()
        environment = ServerEnvironment(backend: store, timeZone: Self.utc, security: TestAuth.fast, clock: { Self.now })
    }

    var app: some ApplicationProtocol {
        Application(router: buildRouter(environment), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    static func body(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    static func bytes(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    /// A path with every parameter filled by a value no record has.
    static func concrete(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") ? "NO-SUCH-1" : String($0) }.joined(separator: "/")
    }

    @Test func everyRouteSaysWhoMayCallItAndEachRoleGetsExactlyThat() async throws {
        let router = buildRouter(environment)
        let declared = environment.declarations.all
        // Every route the router has is declared (an API route or a web page), or is the 405 answer for a method its path
        // does not take.
        let everyDeclared = declared + environment.pages.all
        let declaredPaths = Set(everyDeclared.map(\.path))
        for route in router.routes where !everyDeclared.contains(where: { $0.method == route.method && $0.path == route.path.description }) {
            #expect(declaredPaths.contains(route.path.description), "\(route.method) \(route.path) has no declared access")
        }
        #expect(declared.count >= 50, "reads, accounts and one route per command: \(declared.count)")
        #expect(
            Set(ImportFormat.commandNames.map { commandPath($0) }).isSubset(of: declaredPaths.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 })
        )
        var signedIn: [Role: HTTPFields] = [:]
        for role in Role.allCases {
            signedIn[role] = try TestAuth.bearer(store, user: "as-\(role.rawValue)", roles: [role.rawValue], at: Self.now)
        }
        let tokens = signedIn
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for route in declared where route.access != .anyone {
                let uri = Self.concrete(route.path)
                let body = route.method == .get ? nil : Self.bytes([:])
                try await client.execute(uri: uri, method: route.method, headers: Self.json, body: body) { response in
                    #expect(response.status == .unauthorized, "\(route.method) \(uri) without a sign-in: \(response.status)")
                }
                for role in Role.allCases {
                    try await client.execute(uri: uri, method: route.method, headers: Self.json + tokens[role]!, body: body) { response in
                        let code = Self.body(response)["code"] as? String
                        if route.access.admits([role]) {
                            // Admitted: whatever else it says (a missing field, a missing signature), never that the role may not.
                            #expect(code != "permission-denied" && response.status != .unauthorized, "\(role) \(route.method) \(uri): \(code ?? "")")
                            #expect(response.status.code < 500, "\(role) \(route.method) \(uri): \(response.status) \(code ?? "")")
                        } else {
                            #expect(
                                response.status == .forbidden && code == "permission-denied", "\(role) \(route.method) \(uri): \(response.status)")
                        }
                    }
                }
            }
        }
    }

    @Test func aSessionCookieIsHttpOnlyStrictAndExpiresAndItsWritesNeedTheCSRFToken() async throws {
        _ = try TestAuth.bearer(store, user: "quinn", roles: ["quality"], at: Self.now)
        try await app.test(.router) { client in
            let login = try await client.execute(
                uri: "/login", method: .post, headers: Self.json, body: Self.bytes(["user": "Quinn", "password": TestAuth.password]))
            #expect(login.status == .ok)
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.hasPrefix("lotline_session=lls_") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            #expect(setCookie.contains("Max-Age=28800") && setCookie.contains("Path=/"))
            let csrf = try #require(Self.body(login)["csrf_token"] as? String)
            let cookie: HTTPFields = [.cookie: String(setCookie.prefix { $0 != ";" })]
            let me = try await client.execute(uri: "/me", method: .get, headers: cookie)
            #expect(me.status == .ok && Self.body(me)["via"] as? String == "session")
            let reason = Self.bytes(["code": "QC", "name": "Quality hold"])
            let before = try store.eventCount()
            for headers in [Self.json + cookie, Self.json + cookie + [.csrfTokenHeader: "llc_forged"], Self.json + cookie + [.csrfTokenHeader: ""]] {
                let refused = try await client.execute(uri: "/commands/reason/add", method: .post, headers: headers, body: reason)
                #expect(refused.status == .forbidden && Self.body(refused)["code"] as? String == "csrf-token-invalid")
            }
            #expect(try store.eventCount() == before)
            let made = try await client.execute(
                uri: "/commands/reason/add", method: .post, headers: Self.json + cookie + [.csrfTokenHeader: csrf], body: reason)
            #expect(made.status == .created)
            let out = try await client.execute(uri: "/logout", method: .post, headers: Self.json + cookie + [.csrfTokenHeader: csrf])
            #expect(out.status == .ok && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.execute(uri: "/me", method: .get, headers: cookie).status == .unauthorized)
        }
        #expect(try store.events(EventFilter(type: "reason.defined")).map(\.actor) == ["quinn"])
    }

    @Test func repeatedWrongPasswordsLockTheUserOutOverHTTP() async throws {
        _ = try TestAuth.bearer(store, user: "rex", roles: ["receiving"], at: Self.now)
        try await app.test(.router) { client in
            var codes: [String] = []
            for attempt in 1...6 {
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: Self.json, body: Self.bytes(["user": "rex", "password": "guess \(attempt)"]))
                #expect(response.status == .unauthorized && response.headers[.setCookie] == nil)
                codes.append(Self.body(response)["code"] as? String ?? "")
            }
            #expect(codes == Array(repeating: "sign-in-failed", count: 4) + ["user-locked", "user-locked"])
            let right = try await client.execute(
                uri: "/login", method: .post, headers: Self.json, body: Self.bytes(["user": "rex", "password": TestAuth.password]))
            #expect(right.status == .unauthorized && Self.body(right)["code"] as? String == "user-locked")
            for bad in [#"{"user":"rex"}"#, #"{"user":"rex","password":"x","remember":true}"#, "not json", #"{"user":5,"password":"x"}"#] {
                let response = try await client.execute(uri: "/login", method: .post, headers: Self.json, body: ByteBuffer(string: bad))
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }

    @Test func theActorOfAChangeIsWhoSignedInNeverAValueFromTheRequest() async throws {
        let auth = try TestAuth.bearer(store, user: "pat", roles: ["planner"], at: Self.now)
        try await app.test(.router) { client in
            for body in [["code": "M1", "name": "Lathe", "actor": "root-admin"], ["code": "M1", "name": "Lathe", "at": "2020-01-01T00:00"]] {
                let response = try await client.execute(
                    uri: "/commands/equipment/add", method: .post, headers: Self.json + auth, body: Self.bytes(body))
                #expect(response.status == .badRequest && Self.body(response)["code"] as? String == "field-unknown")
            }
            let made = try await client.execute(
                uri: "/commands/equipment/add", method: .post, headers: Self.json + auth + [.init("X-Lotline-User")!: "root-admin"],
                body: Self.bytes(["code": "M1", "name": "Lathe"]))
            #expect(made.status == .created)
            let events = Self.body(made)["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["actor"] as? String } == ["pat"])
        }
    }

    @Test func aRevokedTokenAndADisabledUserAreRefusedAtOnce() async throws {
        let admin = try TestAuth.bearer(store, user: "ada", roles: ["admin"], at: Self.now)
        try await app.test(.router) { client in
            let issued = try await client.execute(
                uri: "/tokens", method: .post, headers: Self.json + admin, body: Self.bytes(["label": "erp", "expires": "2027-06-30", "user": "ada"]))
            #expect(issued.status == .created)
            let token = try #require(Self.body(issued)["token"] as? String)
            let id = try #require((Self.body(issued)["key"] as? [String: Any])?["id"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/me", method: .get, headers: bearer).status == .ok)
            let list = try await client.execute(uri: "/tokens", method: .get, headers: admin)
            #expect(!String(buffer: list.body).contains(token), "a list never shows a secret")
            #expect(try await client.execute(uri: "/tokens/\(id)", method: .delete, headers: admin).status == .ok)
            #expect(try await client.execute(uri: "/me", method: .get, headers: bearer).status == .unauthorized)
            #expect(try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Basic YWRhOng="]).status == .unauthorized)
            // An admin adds a user, who signs in; disabled, their token stops at once.
            let added = try await client.execute(
                uri: "/users", method: .post, headers: Self.json + admin,
                body: Self.bytes(["name": "sam", "full_name": "Sam Shipper", "roles": ["shipping"], "password": "sam password 12"]))
            #expect(added.status == .created)
            let sam = try await client.execute(
                uri: "/login", method: .post, headers: Self.json, body: Self.bytes(["user": "sam", "password": "sam password 12"]))
            #expect(sam.status == .ok)
            let disabled = try await client.execute(
                uri: "/users/sam", method: .patch, headers: Self.json + admin, body: Self.bytes(["active": false]))
            #expect(disabled.status == .ok && Self.body(disabled)["active"] as? Bool == false)
            let again = try await client.execute(
                uri: "/login", method: .post, headers: Self.json, body: Self.bytes(["user": "sam", "password": "sam password 12"]))
            #expect(again.status == .unauthorized)
        }
    }

    /// Thirty clients scrap 5 kg each from one 100 kg lot at once: exactly twenty succeed, the rest are refused, the
    /// lot ends at zero and the ledger holds exactly the twenty scraps.
    @Test func concurrentWritersOnOneLotNeverDriveItNegative() async throws {
        let admin = try TestAuth.bearer(store, user: "ada", roles: ["admin"], at: Self.now)
        for command in [
            AddItem(part: "ST-1", description: "Steel", unit: "kg") as any LotlineCommand, AddSupplier(code: "NS", name: "North", approved: true),
            AddNamedRecord<ReasonKind>(code: "DAMAGE", name: "Damaged"),
        ] {
            _ = try await Session(backend: store, actor: "ada", now: Self.now, timeZone: Self.utc).recordAny(command)
        }
        let lot = try store.execute(
            Receive(item: "ST-1", quantity: "100", supplier: "NS", supplierLot: "A"), actor: "ada", at: Self.now, timeZone: Self.utc
        )
        .outcome.lot.rawValue
        let before = try store.eventCount()
        // Real connections from real concurrent clients.
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let token = admin[.authorization] ?? ""
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/commands/lot/scrap")!)
                        request.httpMethod = "POST"
                        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                        request.setValue(token, forHTTPHeaderField: "Authorization")
                        request.httpBody = try JSONSerialization.data(withJSONObject: ["lot": lot, "qty": "5", "reason": "DAMAGE"])
                        let (_, response) = try await URLSession.shared.data(for: request)
                        return (response as? HTTPURLResponse)?.statusCode ?? 0
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 201 }.count == 20 && codes.filter { $0 == 409 }.count == 10, "\(codes.sorted())")
        }
        #expect(try store.eventCount() == before + 20)
        let remaining = try #require(
            try store.lots(LotFilter(), today: BusinessTime(date: Self.now, timeZone: Self.utc).day).first { $0.number.rawValue == lot })
        #expect(remaining.quantity.amount == 0 && remaining.storedStatus == .scrapped)
        #expect(try store.verify().ok)
    }
}

extension HTTPField.Name {
    static let csrfTokenHeader = HTTPField.Name("X-CSRF-Token")!
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var fields = lhs
        fields.append(contentsOf: rhs)
        return fields
    }
}

/// The README's role x endpoint table is the router's own.
@Suite struct RouteTableTests {
    @Test func theReadmeTableIsTheRoutersOwn() throws {
        let environment = ServerEnvironment(backend: try LotlineStore.inMemory())
        _ = buildRouter(environment)
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- routes:begin -->\n")), end = try #require(readme.range(of: "<!-- routes:end -->"))
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == routeTable(environment.declarations.all), "run `lotline serve --routes`")
    }
}
