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

/// The HTTP API's reads, through the real router (and once through a real socket), on the demo plant in real in-memory
/// SQLite: what a station, an ERP or the web pages will get.
@Suite struct ServerReadTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = try! BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: utc).date

    /// The demo plant, built once, and an auditor's token; the tests only read it.
    static let plant: (store: LotlineStore, roles: [String: String], auth: HTTPFields)? = {
        guard let store = try? LotlineStore.inMemory(),
            let plant = try? DemoPlant.build(on: store, actor: "clerk", now: now, timeZone: utc),
            let auth = try? TestAuth.bearer(store, at: now)
        else { return nil }
        return (store, Dictionary(plant.roles.map { ($0.role, $0.value) }, uniquingKeysWith: { first, _ in first }), auth)
    }()

    let store: LotlineStore
    let roles: [String: String]
    let auth: HTTPFields

    init() throws {
        let plant = try #require(Self.plant, "the demo plant did not build")
        (store, roles, auth) = plant
    }

    var app: some ApplicationProtocol {
        buildApplication(
            ServerEnvironment(backend: store, timeZone: Self.utc, security: TestAuth.fast, clock: { Self.now }),
            settings: ServerSettings(host: "127.0.0.1", port: 0),
            logger: Logger(label: "test"))
    }

    /// GETs a path and hands over the status, the content type and the body as JSON.
    func get(_ path: String, _ check: @escaping @Sendable (HTTPResponse.Status, String?, [String: Any]) throws -> Void) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get, headers: auth) { response in
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
                try check(response.status, response.headers[.contentType], body)
            }
        }
    }

    @Test func healthSaysTheDatabaseIsReachableAndWhereTheLedgerEnds() async throws {
        let report = try store.verify()
        try await get("/health") { status, type, body in
            #expect(status == .ok && type == "application/json")
            #expect(body["status"] as? String == "ok" && body["database"] as? String == "reachable")
            #expect(body["events"] as? Int == report.eventCount && body["head"] as? String == report.headHash)
        }
    }

    @Test func lotsListByStatusAndAnUnknownStatusIsAProblemNamingIt() async throws {
        let held = try #require(roles["steel2"])
        try await get("/lots?status=on_hold") { status, _, body in
            #expect(status == .ok)
            let lots = body["lots"] as? [[String: Any]] ?? []
            #expect(lots.map { $0["number"] as? String } == [held])
            #expect(lots.first?["stored_status"] as? String == "on_hold")
        }
        try await get("/lots?status=hold") { status, type, body in
            #expect(status == .badRequest && type == "application/problem+json")
            #expect(body["code"] as? String == "status-invalid" && body["value"] as? String == "hold" && body["status"] as? Int == 400)
        }
    }

    @Test func aLotShowsItsLinksAndAMistypedOneIsNotFoundWithTheNearestNumbers() async throws {
        let steel1 = try #require(roles["steel1"])
        try await get("/lots/\(steel1)") { status, _, body in
            #expect(status == .ok)
            #expect((body["lot"] as? [String: Any])?["heat"] as? String == "H-2231")
            #expect((body["children"] as? [[String: Any]])?.count == 2)
            #expect((body["inspections"] as? [[String: Any]])?.first?["passed"] as? Bool == true)
        }
        let typo = String(steel1.dropLast()) + "9"
        try await get("/lots/\(typo)") { status, type, body in
            #expect(status == .notFound && type == "application/problem+json")
            #expect(body["code"] as? String == "lot-not-found" && body["value"] as? String == typo)
            #expect((body["suggestions"] as? [String])?.contains(steel1) == true, "\(body)")
        }
    }

    @Test func historyListsEveryEventOfALotOldestFirst() async throws {
        let steel2 = try #require(roles["steel2"])
        try await get("/lots/\(steel2)/history") { status, _, body in
            #expect(status == .ok && body["lot"] as? String == steel2)
            let types = (body["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            #expect(types.first == "lot.received" && types.last == "lot.status_changed")
        }
    }

    @Test func aForwardTraceFromTheBadHeatReachesWhatTheCLIReaches() async throws {
        let expected = try Set(
            store.trace("H-2231", direction: .forward, today: CalendarDate(year: 2026, month: 11, day: 27)).flatMap {
                $0.flattened().map(\.node.lot.rawValue)
            })
        let shaft = try #require(roles["shaft1"])
        #expect(expected.contains("SN-000001") && expected.contains(shaft))
        try await get("/trace/forward/H-2231") { status, _, body in
            #expect(status == .ok)
            let data = try JSONSerialization.data(withJSONObject: body["roots"] ?? [])
            let roots = try WireJSON.decoder().decode([TraceNode].self, from: data)
            #expect(Set(roots.flatMap { $0.flattened().map(\.node.lot.rawValue) }) == expected)
        }
        try await get("/trace/sideways/H-2231") { status, _, body in
            #expect(status == .notFound && body["code"] as? String == "direction-not-found")
        }
        try await get("/trace/forward/H-2231?depth=-1") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "depth-invalid")
        }
    }

    @Test func recallReportsAndTheAuditAnswerAsTheStoreDoes() async throws {
        try await get("/recalls/H-2231/report") { status, _, body in
            #expect(status == .ok)
            #expect((body["affected"] as? [[String: Any]])?.isEmpty == false, "\(body.keys.sorted())")
        }
        try await get("/audit/verify") { status, _, body in
            #expect(status == .ok && body["ok"] as? Bool == true)
        }
        try await get("/recalls") { status, _, body in
            #expect(status == .ok && (body["recalls"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func theAuditTrailPagesThroughEveryEventOnceInOrder() async throws {
        let total = try store.eventCount()
        let seen = Mutex<[Int]>([])
        var after: Int? = 0
        while let cursor = after {
            let next = Mutex<Int?>(nil)
            try await get("/events?limit=100&after=\(cursor)") { status, _, body in
                #expect(status == .ok)
                let seqs = (body["events"] as? [[String: Any]] ?? []).compactMap { $0["seq"] as? Int }
                seen.withLock { $0 += seqs }
                next.withLock { $0 = body["next_after"] as? Int }
            }
            after = next.withLock { $0 }
        }
        #expect(seen.withLock { $0 } == Array(1...total))
    }

    /// Events appended between two pages neither shift the next page nor go missing: they come at its end.
    @Test func aPageNeverShiftsWhileEventsAreAppended() async throws {
        let store = try LotlineStore.inMemory()
        _ = try DemoPlant.build(on: store, actor: "clerk", now: Self.now, timeZone: Self.utc)
        let auth = try TestAuth.bearer(store, at: Self.now)
        let app = buildApplication(
            ServerEnvironment(backend: store, timeZone: Self.utc, security: TestAuth.fast, clock: { Self.now }),
            settings: ServerSettings(host: "127.0.0.1", port: 0),
            logger: Logger(label: "test"))
        let before = try store.eventCount()
        let seen = Mutex<[Int]>([])
        try await app.test(.router) { client in
            var after = 0
            var appended = false
            while true {
                let page = try await client.execute(uri: "/events?limit=100&after=\(after)", method: .get, headers: auth) { response in
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
                }
                seen.withLock { $0 += (page["events"] as? [[String: Any]] ?? []).compactMap { $0["seq"] as? Int } }
                if !appended {
                    _ = try store.execute(
                        AddNamedRecord<ReasonKind>(code: "LATE", name: "Appended while paging"), actor: "root-admin", at: Self.now, timeZone: Self.utc
                    )
                    appended = true
                }
                guard let next = page["next_after"] as? Int else { break }
                after = next
            }
        }
        #expect(seen.withLock { $0 } == Array(1...(before + 1)))
    }

    @Test func theAuditTrailFiltersByLotActorTypeAndTime() async throws {
        let steel2 = try #require(roles["steel2"])
        let history = try store.history(steel2).events.map(\.seq)
        try await get("/events?lot=\(steel2.lowercased())") { status, _, body in
            #expect(status == .ok)
            #expect((body["events"] as? [[String: Any]] ?? []).compactMap { ($0["seq"] as? Int).map(Int64.init) } == history)
        }
        try await get("/events?type=lot.received&actor=clerk&limit=1000") { _, _, body in
            #expect((body["events"] as? [[String: Any]])?.count == 8 && body["next_after"] == nil)
        }
        try await get("/events?actor=somebody-else") { _, _, body in
            #expect((body["events"] as? [Any])?.isEmpty == true)
        }
        // Every demo event was recorded at 10:00 UTC that day.
        let total = try store.eventCount()
        try await get("/events?from=2026-11-27T10:00Z&to=2026-11-27T10:01Z&limit=1000") { _, _, body in
            #expect((body["events"] as? [Any])?.count == total)
        }
        try await get("/events?to=2026-11-27") { _, _, body in
            #expect((body["events"] as? [Any])?.isEmpty == true)
        }
        try await get("/events?limit=0") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "limit-invalid")
        }
        try await get("/events?from=yesterday") { status, _, body in
            #expect(status == .badRequest && body["value"] as? String != nil, "\(body)")
        }
        try await get("/events?lot=R99999-0001") { status, _, body in
            #expect(status == .notFound && body["code"] as? String == "lot-not-found")
        }
    }

    @Test func aMistypedRepeatedOrEmptyQueryParameterIsRefusedNeverIgnored() async throws {
        try await get("/lots?Status=on_hold") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "parameter-unknown")
            #expect(body["suggestions"] as? [String] == ["status"], "\(body)")
        }
        try await get("/lots?status=released&status=bogus") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "parameter-repeated" && body["value"] as? String == "status")
        }
        try await get("/lots?item=") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "parameter-empty")
        }
        try await get("/lots/R1/history?limit=5") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "parameter-unknown")
        }
        try await get("/lots?status=ON_HOLD") { status, _, body in
            #expect(status == .ok && (body["lots"] as? [Any])?.count == 1)
        }
        try await get("/events?type=lot.recieved") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "type-invalid")
            #expect(body["suggestions"] as? [String] == ["lot.received"])
        }
    }

    @Test func pathValuesArePercentDecodedAndAHugeOneIsAnsweredWithoutSuggestions() async throws {
        let steel1 = try #require(roles["steel1"])
        let encoded = steel1.replacingOccurrences(of: "-", with: "%2D")
        try await get("/lots/\(encoded)") { status, _, body in
            #expect(status == .ok && (body["lot"] as? [String: Any])?["number"] as? String == steel1)
        }
        try await get("/trace/forward/H%2D2231") { status, _, body in
            #expect(status == .ok && (body["roots"] as? [Any])?.count == 2)
        }
        // Looking for numbers near a pasted page would take minutes: past any real lot number's length, none are offered.
        let long = String(repeating: "A", count: 20_000)
        try await get("/lots/\(long)") { status, _, body in
            #expect(status == .notFound && body["code"] as? String == "lot-not-found" && body["suggestions"] == nil)
        }
    }

    @Test func headAnswersWhereGetDoesAndOtherMethodsAreNotAllowed() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/lots/R1/history", method: .delete, headers: auth) { response in
                #expect(response.status == .methodNotAllowed && response.headers[.allow] == "GET, HEAD")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/health", method: .head, headers: auth) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/json")
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func timesAreTakenAsEventsCarryThemAndARefusalEchoesWhatWasSent() async throws {
        let first = try #require(try store.events(EventFilter(limit: 1)).first)
        try await get("/events?from=\(first.recordedAt)&limit=1") { status, _, body in
            #expect(status == .ok && (body["events"] as? [[String: Any]])?.first?["seq"] as? Int == 1)
        }
        try await get("/events?from=9999-12-31T12:00-12:00") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "from-invalid", "\(body)")
        }
        try await get("/events?to=2026-02-30") { status, _, body in
            #expect(status == .badRequest && body["code"] as? String == "to-invalid" && body["value"] as? String == "2026-02-30", "\(body)")
        }
    }

    @Test func anUnknownPathIsAProblemNotAnEmptyPage() async throws {
        try await get("/lotz") { status, type, body in
            #expect(status == .notFound && type == "application/problem+json")
            #expect(body["code"] as? String == "route-not-found")
        }
    }

    @Test func housekeepingRunsBesideTheRequestsAndOnceMoreAtShutdown() async throws {
        let runs = Mutex(0)
        let housekeeping = Housekeeping(every: .milliseconds(20)) { runs.withLock { $0 += 1 } }
        let app = buildApplication(
            ServerEnvironment(backend: store, timeZone: Self.utc, security: TestAuth.fast, clock: { Self.now }),
            settings: ServerSettings(host: "127.0.0.1", port: 0, housekeeping: housekeeping), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            // Runs come on their own while it serves (waited for, not timed: a busy machine is slower).
            for _ in 0..<1000 where runs.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(runs.withLock { $0 } >= 2)
            try await client.execute(uri: "/health", method: .get, headers: auth) { response in #expect(response.status == .ok) }
        }

        // An hour between runs: none while serving, exactly one when it shuts down.
        let final = Mutex(0)
        let hourly = buildApplication(
            ServerEnvironment(backend: store, timeZone: Self.utc, security: TestAuth.fast, clock: { Self.now }),
            settings: ServerSettings(host: "127.0.0.1", port: 0, housekeeping: Housekeeping(every: .seconds(3600)) { final.withLock { $0 += 1 } }),
            logger: Logger(label: "test"))
        try await hourly.test(.router) { client in
            try await client.execute(uri: "/health", method: .get, headers: auth) { response in #expect(response.status == .ok) }
            #expect(final.withLock { $0 } == 0)
        }
        #expect(final.withLock { $0 } == 1)
    }

    @Test func theServerAnswersOnARealSocket() async throws {
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(String(decoding: Data(response.body.readableBytesView), as: UTF8.self).contains("\"database\":\"reachable\""))
            }
        }
    }
}
