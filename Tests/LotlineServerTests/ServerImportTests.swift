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
import Testing

/// `POST /import`: history as import lines in the body, recorded as the signed-in admin under the CLI's rules; the same
/// bytes twice apply nothing twice; all or nothing with `atomic=true`; whatever is malformed is refused before a write.
@Suite struct ServerImportTests {
    static let ndjson: HTTPFields = [.contentType: "application/x-ndjson"]
    let store: LotlineStore
    let admin: HTTPFields
    let auditor: HTTPFields

    init() throws {
        store = try LotlineStore.inMemory()
        _ = try DemoPlant.build(on: store, actor: "clerk", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        admin = try TestAuth.bearer(store, user: "ivy", roles: ["admin"], at: ServerAuthTests.now)
        auditor = try TestAuth.bearer(store, user: "otto", roles: ["auditor"], at: ServerAuthTests.now)
    }

    var app: some ApplicationProtocol {
        Application(
            router: buildRouter(
                ServerEnvironment(backend: store, timeZone: ServerAuthTests.utc, security: TestAuth.fast, clock: { ServerAuthTests.now })),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    static func receipt(_ supplierLot: String, at: String = "2026-11-20T08:00:00Z") -> String {
        #"{"command":"receive","item":"BOLT-M8","qty":"500","supplier":"FASTCO","supplier_lot":"\#(supplierLot)","at":"\#(at)"}"#
    }

    static func body(_ lines: [String]) -> ByteBuffer { ByteBuffer(string: lines.joined(separator: "\n") + "\n") }

    func post(_ client: some TestClientProtocol, _ lines: [String], query: String = "", headers: HTTPFields? = nil) async throws -> TestResponse {
        try await client.execute(uri: "/import" + query, method: .post, headers: Self.ndjson + (headers ?? admin), body: Self.body(lines))
    }

    @Test func linesAreImportedAsTheSignedInUserAndTheSameBodyTwiceAppliesNothing() async throws {
        let lines = [
            Self.receipt("FC-IMP-1"), "",
            #"{"command":"lot hold","lot":"NO-SUCH-LOT","reason":"QC-HOLD"}"#,
            Self.receipt("FC-IMP-2", at: "2026-11-21T08:00:00Z"),
        ]
        let before = try store.eventCount()
        try await app.test(.router) { client in
            let first = try await post(client, lines, query: "?name=bolts.jsonl")
            let report = ServerAuthTests.body(first)
            #expect(first.status == .ok, "\(String(buffer: first.body))")
            #expect(report["lines"] as? Int == 4 && report["imported"] as? Int == 2 && report["committed"] as? Bool == true, "\(report)")
            let failures = report["failures"] as? [[String: Any]] ?? []
            #expect(failures.count == 1 && failures.first?["line"] as? Int == 3 && failures.first?["code"] as? String == "lot-not-found")
            let after = try store.eventCount()
            let again = ServerAuthTests.body(try await post(client, lines, query: "?name=renamed.jsonl"))
            #expect(again["already_imported"] as? Bool == true && again["imported"] as? Int == 0)
            #expect(try store.eventCount() == after, "the same bytes again apply nothing")
        }
        let received = try store.events(EventFilter(type: "lot.received", after: Int64(before), limit: 1000))
        #expect(received.count == 2 && received.allSatisfy { $0.actor == "ivy" }, "recorded as the signed-in user")
        #expect(received.map { $0.businessTime.prefix(10) } == ["2026-11-20", "2026-11-21"], "each line at its own time")
        let progress = try store.events(EventFilter(type: ImportProgressed.type, limit: 10)).compactMap { try? $0.body() as? ImportProgressed }
        #expect(progress.last?.source == "bolts.jsonl" && progress.last?.finished == true)
    }

    @Test func aMillionBadLinesAnswerWithAPageNotAGigabyte() async throws {
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/import", method: .post, headers: Self.ndjson + admin, body: ByteBuffer(string: String(repeating: "{}\n", count: 1500)))
            let report = ServerAuthTests.body(response)
            #expect(report["refused"] as? Int == 1500 && (report["failures"] as? [Any])?.count == ImportReport.failureLimit, "\(report.keys)")
        }
    }

    @Test func windowsLineEndsSplitLikeUnixOnes() async throws {
        let lines = [Self.receipt("FC-CRLF-1"), Self.receipt("FC-CRLF-2", at: "2026-11-21T08:00:00Z")]
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/import", method: .post, headers: Self.ndjson + admin, body: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n"))
            let report = ServerAuthTests.body(response)
            #expect(report["lines"] as? Int == 2 && report["imported"] as? Int == 2, "\(report)")
        }
    }

    @Test func atomicKeepsNothingWhenALineIsRefusedAndSignedCommandsAreRefusedInAnImport() async throws {
        let held = try #require(try store.lots(LotFilter(status: .onHold), today: CalendarDate(year: 2026, month: 11, day: 27)).first)
        let before = try store.eventCount()
        try await app.test(.router) { client in
            let rolledBack = try await post(
                client,
                [Self.receipt("FC-ATOM-1"), #"{"command":"receive","item":"BOLT-M8","qty":"-5","supplier":"FASTCO","supplier_lot":"FC-ATOM-2"}"#],
                query: "?atomic=true")
            #expect(rolledBack.status == .ok && ServerAuthTests.body(rolledBack)["committed"] as? Bool == false)
            #expect(try store.eventCount() == before, "atomic: nothing kept")
            let release = try await post(client, [#"{"command":"lot release","lot":"\#(held.number)","reason":"QC-HOLD"}"#])
            let failure = (ServerAuthTests.body(release)["failures"] as? [[String: Any]])?.first
            #expect(failure?["code"] as? String == "signature-required", "\(String(buffer: release.body))")
        }
        #expect(try store.lotDetail(held.number.rawValue).lot.storedStatus == .onHold)
    }

    @Test func malformedImportsAndWrongRolesAreRefusedBeforeAnyWrite() async throws {
        let before = try store.eventCount()
        let line = [Self.receipt("FC-BAD-1")]
        try await app.test(.router) { client in
            let cases: [(String, HTTPFields, ByteBuffer, HTTPResponse.Status, String)] = [
                ("", [.contentType: "application/json"] + admin, Self.body(line), .badRequest, "content-type-invalid"),
                ("", Self.ndjson + admin, ByteBuffer(), .badRequest, "body-empty"),
                ("", Self.ndjson + admin, ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x0A]), .badRequest, "body-not-utf8"),
                ("?atomc=true", Self.ndjson + admin, Self.body(line), .badRequest, "parameter-unknown"),
                ("?atomic=yes", Self.ndjson + admin, Self.body(line), .badRequest, "atomic-invalid"),
                ("?name=a%0Ab", Self.ndjson + admin, Self.body(line), .badRequest, "control-character"),
                ("", Self.ndjson + auditor, Self.body(line), .forbidden, "permission-denied"),
                ("", Self.ndjson, Self.body(line), .unauthorized, "sign-in-required"),
            ]
            for (query, headers, body, status, code) in cases {
                let response = try await client.execute(uri: "/import" + query, method: .post, headers: headers, body: body)
                #expect(
                    response.status == status && ServerAuthTests.body(response)["code"] as? String == code,
                    "\(query) \(String(buffer: response.body))")
            }
        }
        #expect(try store.eventCount() == before)
    }
}

@Suite struct AccessLogTests {
    @Test func aSecretPutInThePathByMistakeIsNotLogged() {
        #expect(AccessLogRedaction.path("/me;token=llt_0d45ab_9f3e2a") == "/me;token=llt_[redacted]")
        #expect(AccessLogRedaction.path("/lots/lls_1_2/x") == "/lots/lls_[redacted]/x")
        #expect(AccessLogRedaction.path("/lots/R26328-0001") == "/lots/R26328-0001")
    }
}
