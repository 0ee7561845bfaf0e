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

/// `GET /openapi.json` and the router agree: every route is described (method, path, who may call it, the query
/// parameters it takes), and the document describes no route the router lacks. Responses against the schemas are
/// checked by schemathesis in `.ci/run`, against a running server.
@Suite struct OpenAPITests {
    @Test func theDocumentDescribesEveryRouteAndNothingElse() async throws {
        let store = try LotlineStore.inMemory()
        let environment = ServerEnvironment(backend: store, timeZone: ServerAuthTests.utc, security: TestAuth.fast, clock: { ServerAuthTests.now })
        let router = buildRouter(environment)
        let auth = try TestAuth.bearer(store, user: "aud", roles: ["admin"], at: ServerAuthTests.now)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok && response.headers[.contentType] == "application/json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var described: Set<String> = []
            for (path, operations) in paths { for method in operations.keys { described.insert("\(method.uppercased()) \(path)") } }
            var declared: Set<String> = []
            for route in environment.declarations.all {
                let path = openAPIPath(route.path)
                declared.insert("\(route.method.rawValue) \(path)")
                let operation = try #require(paths[path]?[route.method.rawValue.lowercased()] as? [String: Any])
                #expect(operation["summary"] as? String != "(undescribed)", "\(route.method) \(path) has no description")
                #expect(operation["x-access"] as? String == route.access.description)
                let pathParameters = ((operation["parameters"] as? [[String: Any]]) ?? []).filter { $0["in"] as? String == "path" }.compactMap {
                    $0["name"] as? String
                }
                #expect(
                    pathParameters == path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }, "\(path)")
                // The query parameters described are the ones the route takes: ask it with one it does not.
                let query = ((operation["parameters"] as? [[String: Any]]) ?? []).filter { $0["in"] as? String == "query" }.compactMap {
                    $0["name"] as? String
                }
                let probe = path.replacingOccurrences(of: "{", with: "X").replacingOccurrences(of: "}", with: "") + "?zqzqzqzq=1"
                let refused = try await client.execute(
                    uri: probe, method: route.method, headers: auth + [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                let detail = ServerAuthTests.body(refused)["detail"] as? String ?? ""
                if route.method == .get {
                    let taken = detail.components(separatedBy: "one of: ").dropFirst().first.map { $0.components(separatedBy: ", ") } ?? []
                    #expect(Set(taken) == Set(query), "\(route.method) \(path): takes \(taken), described \(query) (\(detail))")
                }
            }
            #expect(
                described == declared,
                "described only: \(described.subtracting(declared).sorted()); undescribed: \(declared.subtracting(described).sorted())")
        }
    }
}
