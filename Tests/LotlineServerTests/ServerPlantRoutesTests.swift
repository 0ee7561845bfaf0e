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

/// The CLI's other operations over HTTP: master data, work orders, `trace where`, and a recall from start (signed)
/// through a drill, each disposition (signed) and the closing (signed).
@Suite struct ServerPlantRoutesTests {
    let store: LotlineStore
    let auth: HTTPFields

    init() throws {
        store = try LotlineStore.inMemory()
        _ = try DemoPlant.build(on: store, actor: "clerk", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        auth = try TestAuth.bearer(store, user: "quinn", roles: ["quality", "planner"], at: ServerAuthTests.now)
    }

    var app: some ApplicationProtocol {
        Application(
            router: buildRouter(
                ServerEnvironment(backend: store, timeZone: ServerAuthTests.utc, security: TestAuth.fast, clock: { ServerAuthTests.now })),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    func body(_ response: TestResponse) -> [String: Any] { ServerAuthTests.body(response) }

    @Test func masterDataWorkOrdersAndTraceWhereAnswerAsTheStoreDoes() async throws {
        let orders = try store.workOrders()
        let produced = try store.producedWith(
            try TraceWhere(parameters: ["temperature>800"]).filter(timeZone: ServerAuthTests.utc), today: CalendarDate(year: 2026, month: 11, day: 27)
        )
        try #require(!produced.isEmpty)
        try await app.test(.router) { client in
            for (path, key, count) in [
                ("/items", "items", try store.items().count), ("/suppliers", "suppliers", try store.suppliers().count),
                ("/equipment", "equipment", try store.named(EquipmentKind.self).count),
                ("/reasons", "reasons", try store.named(ReasonKind.self).count),
                ("/tools", "tools", try store.tools().count), ("/operators", "operators", try store.operators().count),
                ("/work-orders", "work_orders", orders.count),
            ] {
                let response = try await client.execute(uri: path, method: .get, headers: auth)
                #expect(response.status == .ok && (body(response)[key] as? [Any])?.count == count, "\(path)")
            }
            let order = try await client.execute(uri: "/work-orders/\(orders[0].number)", method: .get, headers: auth)
            #expect((body(order)["order"] as? [String: Any])?["number"] as? String == orders[0].number.rawValue)
            #expect(try await client.execute(uri: "/work-orders?status=opened", method: .get, headers: auth).status == .badRequest)
            let hot = try await client.execute(uri: "/trace/where?param=temperature%3E800&param=soak&forward=true", method: .get, headers: auth)
            let lots = (body(hot)["produced"] as? [[String: Any]] ?? []).compactMap { $0["lot"] as? String }
            #expect(hot.status == .ok && !lots.isEmpty && Set(lots).isSubset(of: Set(produced.map(\.lot.rawValue))))
            #expect(body(hot)["downstream"] is [Any])
            #expect(try await client.execute(uri: "/trace/where?equipment=NOPE-9", method: .get, headers: auth).status == .notFound)
        }
    }

    @Test func aRecallIsStartedDrilledDispositionedAndClosedOverHTTPWithSignatures() async throws {
        let json = ServerAuthTests.json
        try await app.test(.router) { client in
            let sign: [String: Any] = ["password": TestAuth.password, "meaning": "approved"]
            let drill = try await client.execute(
                uri: "/recalls/drills", method: .post, headers: json + auth, body: ServerAuthTests.bytes(["target": "H-2231"]))
            #expect(drill.status == .created && (body(drill)["report"] as? [String: Any])?["affected"] is [Any])
            let unsigned = try await client.execute(
                uri: "/recalls", method: .post, headers: json + auth, body: ServerAuthTests.bytes(["target": "H-2231", "reason": "bad heat"]))
            #expect(unsigned.status == .forbidden && body(unsigned)["code"] as? String == "signature-required")
            let started = try await client.execute(
                uri: "/recalls", method: .post, headers: json + auth,
                body: ServerAuthTests.bytes(["target": "H-2231", "reason": "bad heat", "signature": sign]))
            #expect(started.status == .created, "\(String(buffer: started.body))")
            let recall = try #require((body(started)["started"] as? [String: Any])?["recall"] as? String)
            let held = ((body(started)["started"] as? [String: Any])?["held"] as? [[String: Any]] ?? []).compactMap { $0["lot"] as? String }
            try #require(!held.isEmpty)
            for lot in held {
                let done = try await client.execute(
                    uri: "/recalls/\(recall)/dispositions", method: .post, headers: json + auth,
                    body: ServerAuthTests.bytes(["lot": lot, "disposition": "scrap", "reason": "QC-HOLD", "signature": sign]))
                #expect(done.status == .created, "\(lot): \(String(buffer: done.body))")
            }
            let closed = try await client.execute(
                uri: "/recalls/\(recall)/close", method: .post, headers: json + auth, body: ServerAuthTests.bytes(["signature": sign]))
            #expect(closed.status == .created, "\(String(buffer: closed.body))")
            // The report shows who signed the start, each disposition and the closing.
            let report = body(try await client.execute(uri: "/recalls/\(recall)/report", method: .get, headers: auth))
            let signers = (report["signatures"] as? [[String: Any]] ?? []).compactMap { $0["signs_type"] as? String }
            #expect(signers == ["recall.started"] + held.map { _ in "recall.lot_dispositioned" } + ["recall.closed"], "\(signers)")
            // So does the trace, at each lot a disposition signed.
            let trace = body(try await client.execute(uri: "/trace/forward/H-2231", method: .get, headers: auth))
            var signedAt: [String: [String]] = [:]
            func walk(_ node: [String: Any]) {
                for signature in node["signatures"] as? [[String: Any]] ?? [] {
                    signedAt[node["lot"] as? String ?? "", default: []].append(signature["signs_type"] as? String ?? "")
                }
                for child in node["children"] as? [[String: Any]] ?? [] { walk(child) }
            }
            for root in trace["roots"] as? [[String: Any]] ?? [] { walk(root) }
            for lot in held { #expect(signedAt[lot]?.contains("recall.lot_dispositioned") == true, "\(lot): \(signedAt)") }
        }
        let signatures = try store.events(EventFilter(type: RecordSigned.type, limit: 1000))
        #expect(signatures.count >= 2 + 1, "the start, each disposition, the closing")
        #expect(try store.verify().ok)
    }
}
