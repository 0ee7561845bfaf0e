import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LotlineApp
import LotlineCore
import LotlineServer
import LotlineStore
import NIOCore
import Testing

/// What a hostile pass against the server found, each kept found; and signatures over HTTP.
@Suite struct ServerHardeningTests {
    let store: LotlineStore
    let environment: ServerEnvironment

    init() throws {
        store = try LotlineStore.inMemory()
        environment = ServerEnvironment(backend: store, timeZone: ServerAuthTests.utc, security: TestAuth.fast, clock: { ServerAuthTests.now })
    }

    var app: some ApplicationProtocol {
        Application(router: buildRouter(environment), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    let json = ServerAuthTests.json
    func body(_ response: TestResponse) -> [String: Any] { ServerAuthTests.body(response) }
    func bytes(_ object: [String: Any]) -> ByteBuffer { ServerAuthTests.bytes(object) }

    @Test func aStaleCookieNeverLocksABrowserOutOfSigningIn() async throws {
        _ = try TestAuth.bearer(store, user: "aud", roles: ["auditor"], at: ServerAuthTests.now)
        let stale: HTTPFields = [.cookie: "lotline_session=lls_0000000000_dead"]
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/health", method: .get, headers: stale).status == .ok)
            let login = try await client.execute(
                uri: "/login", method: .post, headers: json + stale, body: bytes(["user": "aud", "password": TestAuth.password]))
            #expect(login.status == .ok)
            let out = try await client.execute(uri: "/logout", method: .post, headers: json + stale)
            #expect(out.status == .ok && out.headers[.setCookie]?.contains("Max-Age=0") == true, "the dead cookie is cleared")
            let me = try await client.execute(uri: "/me", method: .get, headers: stale)
            #expect(me.status == .unauthorized && body(me)["code"] as? String == "session-invalid")
            let lower = try TestAuth.bearer(store, user: "aud", at: ServerAuthTests.now)[.authorization]!.replacingOccurrences(
                of: "Bearer", with: "bearer")
            #expect(try await client.execute(uri: "/me", method: .get, headers: [.authorization: lower]).status == .ok)
        }
    }

    @Test func aBodyWithARepeatedFieldOrNotSentAsJSONIsRefusedAndAHugeValueIsNotEchoed() async throws {
        let auth = try TestAuth.bearer(store, user: "ada", roles: ["admin"], at: ServerAuthTests.now)
        let before = try store.eventCount()
        try await app.test(.router) { client in
            let repeated = try await client.execute(
                uri: "/commands/reason/add", method: .post, headers: json + auth, body: ByteBuffer(string: #"{"code":"A","name":"x","code":"B"}"#))
            #expect(repeated.status == .badRequest && body(repeated)["code"] as? String == "field-repeated")
            let escaped = try await client.execute(
                uri: "/commands/reason/add", method: .post, headers: json + auth,
                body: ByteBuffer(string: #"{"code":"A","name":"x","\u0063ode":"B"}"#))
            #expect(body(escaped)["code"] as? String == "field-repeated")
            for type in [nil, "text/plain", "application/jsonp", "application/json-patch+json"] {
                var headers = auth
                if let type { headers[.contentType] = type }
                let response = try await client.execute(
                    uri: "/commands/reason/add", method: .post, headers: headers, body: bytes(["code": "A", "name": "x"]))
                #expect(response.status == .badRequest && body(response)["code"] as? String == "content-type-invalid", "\(type ?? "none")")
            }
            let huge = String(repeating: "L", count: 1_000_000)
            let response = try await client.execute(
                uri: "/commands/lot/hold", method: .post, headers: json + auth, body: bytes(["lot": huge, "reason": "X"]))
            #expect(response.status.code < 500 && response.body.readableBytes < 10_000, "\(response.body.readableBytes) bytes back")
            #expect(try await client.execute(uri: "/lots", method: .options, headers: auth).status == .methodNotAllowed)
        }
        #expect(try store.eventCount() == before)
    }

    @Test func whoWasAddedWithWhichRolesIsForAdminsAndAuditors() async throws {
        let rex = try TestAuth.bearer(store, user: "rex", roles: ["receiving"], at: ServerAuthTests.now)
        let aud = try TestAuth.bearer(store, user: "aud", roles: ["auditor"], at: ServerAuthTests.now)
        try await app.test(.router) { client in
            let mine = body(try await client.execute(uri: "/events?limit=1000", method: .get, headers: rex))["events"] as? [[String: Any]] ?? []
            #expect(!mine.contains { ($0["type"] as? String)?.hasPrefix("user.") == true })
            #expect(try await client.execute(uri: "/events?type=user.added", method: .get, headers: rex).status == .forbidden)
            let audits =
                body(try await client.execute(uri: "/events?type=user.added", method: .get, headers: aud))["events"] as? [[String: Any]] ?? []
            #expect(audits.count == 3, "root-admin, rex, aud")
        }
    }

    @Test func aReleaseIsSignedOverHTTPAndTheSignatureShowsWithTheLot() async throws {
        let quinn = try TestAuth.bearer(store, user: "quinn", roles: ["quality", "planner", "receiving"], at: ServerAuthTests.now)
        let setup = Session(backend: store, actor: "quinn", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        _ = try await setup.record(AddItem(part: "BOLT", description: "Bolt", unit: "ea"))
        _ = try await setup.record(AddSupplier(code: "NS", name: "North", approved: true))
        _ = try await setup.record(AddNamedRecord<ReasonKind>(code: "QC", name: "Quality"))
        let lot = try await setup.record(Receive(item: "BOLT", quantity: "10", supplier: "NS", supplierLot: "A")).outcome.lot.rawValue
        _ = try await setup.record(ChangeLotStatus(lot: lot, action: .hold, reason: "QC"))
        try await app.test(.router) { client in
            let release: [String: Any] = ["lot": lot, "reason": "QC"]
            let unsigned = try await client.execute(uri: "/commands/lot/release", method: .post, headers: json + quinn, body: bytes(release))
            #expect(unsigned.status == .forbidden && body(unsigned)["code"] as? String == "signature-required")
            var wrong = release
            wrong["signature"] = ["password": "not it at all", "meaning": "approved"]
            let refused = try await client.execute(uri: "/commands/lot/release", method: .post, headers: json + quinn, body: bytes(wrong))
            #expect(refused.status == .forbidden && body(refused)["code"] as? String == "signature-failed")
            var forged = release
            forged["signature"] = ["password": TestAuth.password, "meaning": "approved", "signs": 3]
            #expect(
                try await client.execute(uri: "/commands/lot/release", method: .post, headers: json + quinn, body: bytes(forged)).status
                    == .badRequest)
            var signed = release
            signed["signature"] = ["password": TestAuth.password, "meaning": "released"]
            let made = try await client.execute(uri: "/commands/lot/release", method: .post, headers: json + quinn, body: bytes(signed))
            #expect(made.status == .created)
            let types = (body(made)["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            #expect(types == ["lot.status_changed", "record.signed"])
            let shown = body(try await client.execute(uri: "/lots/\(lot)", method: .get, headers: quinn))
            let signatures = shown["signatures"] as? [[String: Any]] ?? []
            #expect(signatures.first?["printed_name"] as? String == "Quinn" && signatures.first?["meaning"] as? String == "released")
            let manifest = body(try await client.execute(uri: "/audit/signatures?from=2026-11-27", method: .get, headers: quinn))
            #expect((manifest["signatures"] as? [Any])?.count == 1)
        }
    }
}
