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

/// Export control over HTTP: on the demo plant with its pumps export-controlled, a user who is not a US person cannot
/// learn one controlled lot or serial number through any read (list, show, a typo's suggestions, history, traces,
/// recalls, the audit trail, signatures) and cannot touch one; a US person sees everything.
@Suite struct ExportControlTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = try! BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: utc).date
    static let json: HTTPFields = [.contentType: "application/json"]

    /// The demo plant with PUMP-P100 export-controlled; tokens for Nina (every role but admin, not a US person) and
    /// Uma (auditor, US person); the controlled numbers.
    static let plant = makePlant()

    static func makePlant() -> (store: LotlineStore, nina: HTTPFields, uma: HTTPFields, controlled: [String], visible: [String])? {
        guard let store = try? LotlineStore.inMemory(), (try? DemoPlant.build(on: store, actor: "clerk", now: now, timeZone: utc)) != nil else {
            return nil
        }
        var pump = ChangeItem(part: "PUMP-P100")
        pump.exportControlled = true
        guard (try? store.execute(pump, actor: "clerk", at: now, timeZone: utc)) != nil,
            let nina = try? TestAuth.bearer(
                store, user: "nina", roles: ["quality", "receiving", "production", "shipping", "planner", "auditor"], usPerson: false, at: now),
            let uma = try? TestAuth.bearer(store, user: "uma", roles: ["auditor"], usPerson: true, at: now),
            let all = try? store.lots(LotFilter(), today: BusinessTime(date: now, timeZone: utc).day)
        else { return nil }
        let controlled = all.filter { $0.item.rawValue == "PUMP-P100" }.map(\.number.rawValue)
        return (store, nina, uma, controlled, all.map(\.number.rawValue).filter { !controlled.contains($0) })
    }

    var app: some ApplicationProtocol { Self.app(Self.plant!.store) }

    static func app(_ store: LotlineStore) -> some ApplicationProtocol {
        Application(
            router: buildRouter(ServerEnvironment(backend: store, timeZone: Self.utc, security: TestAuth.fast, clock: { Self.now })),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    /// The controlled numbers a text names, as whole numbers (SN-000001 is not in SN-0000010).
    static func leaked(_ text: String, _ controlled: [String]) -> [String] {
        controlled.filter { number in
            text.range(of: "(?<![A-Za-z0-9-])\(NSRegularExpression.escapedPattern(for: number))(?![A-Za-z0-9])", options: .regularExpression) != nil
        }
    }

    @Test func aReaderWhoIsNotAUSPersonLearnsNoControlledNumberFromAnyRead() async throws {
        let plant = try #require(Self.plant)
        try #require(plant.controlled.count >= 3, "the demo makes pumps")
        let recalls = try plant.store.recalls().map(\.id)
        var reads = [
            "/lots", "/lots?item=PUMP-P100", "/recalls", "/audit/signatures", "/audit/verify", "/trace/forward/H-2231", "/trace/backward/H-2231",
        ]
        reads += ["/recalls/H-2231/report"] + recalls.map { "/recalls/\($0)/report" }
        for lot in plant.visible {
            reads += ["/lots/\(lot)", "/lots/\(lot)/history", "/trace/forward/\(lot)", "/trace/backward/\(lot)", "/events?lot=\(lot)&limit=1000"]
        }
        let paths = reads
        try await app.test(.router) { client in
            var answered = 0
            for path in paths {
                let response = try await client.execute(uri: path, method: .get, headers: plant.nina)
                let text = String(buffer: response.body)
                #expect(Self.leaked(text, plant.controlled).isEmpty, "\(path) shows \(Self.leaked(text, plant.controlled))")
                if response.status == .ok { answered += 1 }
            }
            #expect(answered == paths.count, "every read answers; it only leaves out")
            // The whole audit trail, page by page.
            var after = 0
            while true {
                let page = try await client.execute(uri: "/events?limit=200&after=\(after)", method: .get, headers: plant.nina)
                #expect(Self.leaked(String(buffer: page.body), plant.controlled).isEmpty)
                guard let next = ServerAuthTests.body(page)["next_after"] as? Int else { break }
                after = next
            }
            // A trace says how much it withheld; a US person sees it all.
            let forward = String(buffer: try await client.execute(uri: "/trace/forward/H-2231", method: .get, headers: plant.nina).body)
            #expect(forward.contains("\"withheld\":"))
            let full = String(buffer: try await client.execute(uri: "/trace/forward/H-2231", method: .get, headers: plant.uma).body)
            #expect(!Self.leaked(full, plant.controlled).isEmpty && !full.contains("\"withheld\":"))
            let report = ServerAuthTests.body(try await client.execute(uri: "/recalls/H-2231/report", method: .get, headers: plant.nina))
            #expect((report["withheld"] as? Int ?? 0) > 0)
        }
    }

    @Test func aControlledNumberIsNotFoundAndNeverSuggestedAndCannotBeTouched() async throws {
        let plant = try #require(Self.plant)
        let serial = try #require(plant.controlled.first)
        let typo = String(serial.dropLast()) + "Z"
        let before = try plant.store.eventCount()
        try await app.test(.router) { client in
            for path in [
                "/lots/\(serial)", "/lots/\(serial)/history", "/trace/forward/\(serial)", "/trace/backward/\(serial)", "/recalls/\(serial)/report",
                "/events?lot=\(serial)",
            ] {
                let response = try await client.execute(uri: path, method: .get, headers: plant.nina)
                #expect(response.status == .notFound && ServerAuthTests.body(response)["code"] as? String == "lot-not-found", "\(path)")
                #expect(try await client.execute(uri: path, method: .get, headers: plant.uma).status == .ok, "\(path) for a US person")
            }
            let guessed = try await client.execute(uri: "/lots/\(typo)", method: .get, headers: plant.nina)
            #expect(Self.leaked(String(buffer: guessed.body), plant.controlled).isEmpty)
            let hold = try await client.execute(
                uri: "/commands/lot/hold", method: .post, headers: Self.json + plant.nina,
                body: ServerAuthTests.bytes(["lot": serial, "reason": "QC-HOLD"]))
            #expect(hold.status == .notFound && ServerAuthTests.body(hold)["code"] as? String == "lot-not-found", "\(String(buffer: hold.body))")
        }
        #expect(try plant.store.eventCount() == before, "nothing written")
    }

    @Test func anImportByAnAdminWhoIsNotAUSPersonFindsNoControlledLot() async throws {
        // A plant of its own: this test writes.
        let plant = try #require(Self.makePlant())
        let serial = try #require(plant.controlled.first)
        let ned = try TestAuth.bearer(plant.store, user: "ned", roles: ["admin"], usPerson: false, at: Self.now)
        let before = try plant.store.eventCount()
        try await Self.app(plant.store).test(.router) { client in
            let lines = [serial, "NEVER-MADE-77"].map { #"{"command":"lot hold","lot":"\#($0)","reason":"QC-HOLD"}"# }
            let response = try await client.execute(
                uri: "/import", method: .post, headers: [.contentType: "application/x-ndjson"] + ned,
                body: ByteBuffer(string: lines.joined(separator: "\n")))
            let failures = (ServerAuthTests.body(response)["failures"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(failures.count == 2, "\(String(buffer: response.body))")
            #expect(
                failures.first?.replacingOccurrences(of: serial, with: "X") == failures.last?.replacingOccurrences(of: "NEVER-MADE-77", with: "X"))
        }
        #expect(try plant.store.eventCount() == before + 1, "only the import's own progress")
    }

    @Test func aSignatureInATraceShowsWithoutTheControlledLotsItAlsoNames() async throws {
        let plant = try #require(Self.makePlant())
        let ursula = try TestAuth.bearer(plant.store, user: "ursula", roles: ["quality"], usPerson: true, at: Self.now)
        try await Self.app(plant.store).test(.router) { client in
            let started = try await client.execute(
                uri: "/recalls", method: .post, headers: Self.json + ursula,
                body: ServerAuthTests.bytes([
                    "target": "H-2231", "reason": "bad heat", "signature": ["password": TestAuth.password, "meaning": "approved"],
                ]))
            try #require(started.status == .created, "\(String(buffer: started.body))")
            let held = ((ServerAuthTests.body(started)["started"] as? [String: Any])?["held"] as? [[String: Any]] ?? []).compactMap {
                $0["lot"] as? String
            }
            try #require(held.contains(where: plant.controlled.contains) && held.contains(where: { !plant.controlled.contains($0) }))
            let seen = try await client.execute(uri: "/trace/forward/H-2231", method: .get, headers: plant.nina)
            let text = String(buffer: seen.body)
            #expect(seen.status == .ok && text.contains("recall.started") && text.contains("printed_name"), "the signature shows")
            #expect(Self.leaked(text, plant.controlled).isEmpty, "\(Self.leaked(text, plant.controlled))")
            // The lot and the recall's report show it the same way.
            let recall = try #require((ServerAuthTests.body(started)["started"] as? [String: Any])?["recall"] as? String)
            let visible = try #require(held.first { !plant.controlled.contains($0) })
            for path in ["/lots/\(visible)", "/recalls/\(recall)/report"] {
                let page = String(buffer: try await client.execute(uri: path, method: .get, headers: plant.nina).body)
                #expect(page.contains("recall.started") && Self.leaked(page, plant.controlled).isEmpty, "\(path): \(page.prefix(400))")
            }
            let full = String(buffer: try await client.execute(uri: "/trace/forward/H-2231", method: .get, headers: plant.uma).body)
            #expect(!Self.leaked(full, plant.controlled).isEmpty, "a US person sees them")
        }
    }

    @Test func onlyAUSPersonLiftsTheControlOrMakesAUSPersonAndNeverOfThemselves() async throws {
        let plant = try #require(Self.makePlant())
        let ned = try TestAuth.bearer(plant.store, user: "ned", roles: ["admin"], usPerson: false, at: Self.now)
        let before = try plant.store.eventCount()
        try await Self.app(plant.store).test(.router) { client in
            for (method, path, body, headers) in [
                (HTTPRequest.Method.post, "/commands/item/change", ["part": "PUMP-P100", "export_controlled": false] as [String: Any], ned),
                (.patch, "/users/ned", ["us_person": true], ned),
                (
                    .post, "/users", ["name": "ally", "full_name": "Ally", "password": TestAuth.password, "us_person": true, "roles": ["auditor"]],
                    ned
                ),
            ] {
                let response = try await client.execute(uri: path, method: method, headers: Self.json + headers, body: ServerAuthTests.bytes(body))
                #expect(response.status == .forbidden && ServerAuthTests.body(response)["code"] as? String == "us-person-required", "\(path)")
            }
        }
        #expect(try plant.store.eventCount() == before, "nothing written")
        // A US person may, but not of themselves.
        var own = ChangeUser(name: "root-admin")
        own.usPerson = false
        #expect(throws: LotlineError.self) { try plant.store.execute(own, actor: "root-admin", at: Self.now, timeZone: Self.utc) }
        var other = ChangeUser(name: "ned")
        other.usPerson = true
        _ = try plant.store.execute(other, actor: "root-admin", at: Self.now, timeZone: Self.utc)
        #expect(try plant.store.user(UserName(rawValue: "ned"))?.usPerson == true)
    }

    @Test func makingAControlledSerialIsRefusedNotAnInternalError() async throws {
        let plant = try #require(Self.makePlant())
        // A new pump order, released by a US person.
        let order = try plant.store.execute(CreateWorkOrder(item: "PUMP-P100", quantity: "2"), actor: "root-admin", at: Self.now, timeZone: Self.utc)
            .outcome
        _ = try plant.store.execute(
            ChangeWorkOrderStatus(number: order.number.rawValue, to: .released), actor: "root-admin", at: Self.now, timeZone: Self.utc)
        let before = try plant.store.eventCount()
        try await Self.app(plant.store).test(.router) { client in
            let response = try await client.execute(
                uri: "/commands/produce", method: .post, headers: Self.json + plant.nina,
                body: ServerAuthTests.bytes(["wo": order.number.rawValue, "qty": "1", "serial_count": 1]))
            #expect(
                response.status == .forbidden && ServerAuthTests.body(response)["code"] as? String == "export-controlled",
                "\(String(buffer: response.body))")
            #expect(Self.leaked(String(buffer: response.body), plant.controlled).isEmpty)
        }
        #expect(try plant.store.eventCount() == before)
    }
}
