import Foundation
import GS1
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

/// Scans, labels and RFID reads over HTTP on the demo plant: what `lotline scan`, `label` and `rfid record` do.
@Suite struct ServerScanRoutesTests {
    let store: LotlineStore
    let auth: HTTPFields

    init() throws {
        store = try LotlineStore.inMemory()
        _ = try DemoPlant.build(on: store, actor: "clerk", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        auth = try TestAuth.bearer(store, user: "sam", roles: ["shipping"], at: ServerAuthTests.now)
    }

    var app: some ApplicationProtocol {
        Application(
            router: buildRouter(
                ServerEnvironment(backend: store, timeZone: ServerAuthTests.utc, security: TestAuth.fast, clock: { ServerAuthTests.now })),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    var json: HTTPFields { auth + [.contentType: "application/json"] }

    @Test func aScanIsReadAndResolvedAsTheCLIDoes() async throws {
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/scan", method: .post, headers: json, body: ServerAuthTests.bytes(["data": ["]C1" + "0109521234540021" + "21SN-000003"]]))
            let body = ServerAuthTests.body(response)
            #expect(response.status == .ok)
            #expect(body["item"] as? String == "PUMP-P100")
            #expect((body["lot"] as? [String: Any])?["number"] as? String == "SN-000003")
            #expect((body["elements"] as? [[String: Any]])?.map { $0["ai"] as? String } == ["01", "21"])
            for bad in [["data": []], ["data": "]C1x"], ["data": [1]], ["data": ["]C1" + "0109521234540022"]], ["scan": ["x"]]] as [[String: Any]] {
                let refused = try await client.execute(uri: "/scan", method: .post, headers: json, body: ServerAuthTests.bytes(bad))
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(refused.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func aLabelIsServedAsSVGOrZPL() async throws {
        try await app.test(.router) { client in
            let svg = try await client.execute(uri: "/lots/SN-000003/label?symbology=gs1-128", method: .get, headers: auth)
            #expect(svg.status == .ok && svg.headers[.contentType] == "image/svg+xml")
            let text = String(buffer: svg.body)
            #expect(text.hasPrefix("<?xml") && text.contains("(01)09521234540021(21)SN-000003") && text.contains("SERIAL SN-000003"))
            let zpl = try await client.execute(uri: "/lots/SN-000003/label?symbology=qr&format=zpl", method: .get, headers: auth)
            #expect(zpl.status == .ok && String(buffer: zpl.body).hasPrefix("^XA"))
            #expect(try await client.execute(uri: "/lots/SN-000003/label?symbology=pdf417", method: .get, headers: auth).status == .badRequest)
            #expect(try await client.execute(uri: "/lots/NO-SUCH-9/label", method: .get, headers: auth).status == .notFound)
        }
    }

    @Test func rfidReadsAreRecordedAsObservationsAndABadReadWritesNothing() async throws {
        let tag = try SGTIN(gtin: "09521234540021", companyPrefixLength: 7, serial: "SN-000003", filter: 1)
        try await app.test(.router) { client in
            let body = ServerAuthTests.bytes(["reads": [try tag.encode(.sgtin198)], "reader": "DOCK-1", "location": "FG"])
            let recorded = try await client.execute(uri: "/rfid/reads", method: .post, headers: json, body: body)
            #expect(recorded.status == .created)
            let events = ServerAuthTests.body(recorded)["events"] as? [[String: Any]]
            #expect(events?.map { $0["type"] as? String } == ["lot.observed"])
            #expect(events?.first?["actor"] as? String == "sam")
            let epc = try await client.execute(uri: "/lots/SN-000003/epc?company_prefix_length=7", method: .get, headers: auth)
            #expect(ServerAuthTests.body(epc)["hex"] as? String == (try tag.encode(.sgtin198)))
            #expect(try await client.execute(uri: "/lots/SN-000003/epc", method: .get, headers: auth).status == .badRequest)
            let before = try store.eventCount()
            let bad = ServerAuthTests.bytes(["reads": ["30FF"], "reader": "DOCK-1"])
            let refused = try await client.execute(uri: "/rfid/reads", method: .post, headers: json, body: bad)
            #expect(refused.status == .badRequest)
            #expect(ServerAuthTests.body(refused)["code"] as? String == "epc-invalid")
            #expect(try store.eventCount() == before)
        }
    }
}
