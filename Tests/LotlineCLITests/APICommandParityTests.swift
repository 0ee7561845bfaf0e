import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LotlineApp
import LotlineCLI
import LotlineCore
import LotlineServer
import LotlineStore
import NIOCore
import Testing

/// The API and the CLI are two doors to the same rules: every command of the demo plant, and one of every other command
/// the CLI has, sent to `POST /commands/<name>` with its fields as JSON, gives the very ledger the CLI's lines give.
@Suite struct APICommandParityTests {
    @Test func everyCommandThroughTheAPIRecordsWhatTheCLIRecords() async throws {
        let direct = try CLIHarness()
        let store = try LotlineStore(path: direct.db)
        let (_, given) = try DemoCommandLineTests.buildDirectly(into: store)

        // The permission an interface declares for a command name is the one the command itself asks for.
        let declared = Dictionary(uniqueKeysWithValues: ImportFormat.commands.map { ($0.name, $0.permission) })
        for step in given {
            let name = ImportFormat.fields(of: step.command).name
            #expect(
                declared[name] == step.command.permission, "\(name): declared \(String(describing: declared[name])), asks \(step.command.permission)")
        }

        var security = SecuritySettings()
        security.bcryptCost = 4
        let api = try LotlineStore.inMemory()
        let accounts = Accounts(backend: api, settings: security)
        let setup = Session(backend: api, actor: "root", now: CLIHarness.now, timeZone: CLIHarness.utc)
        _ = try accounts.addUser(AddUser(name: "clerk", fullName: "Clerk", roles: ["admin"]), password: "Correct-Horse-9-Battery", in: setup)
        let clerk = Session(backend: api, actor: "clerk", now: CLIHarness.now, timeZone: CLIHarness.utc)
        let token = try accounts.issueToken(for: "clerk", label: "parity", expires: "2027-06-30", in: clerk).token
        let environment = ServerEnvironment(backend: api, timeZone: CLIHarness.utc, security: security, clock: { CLIHarness.now })
        let app = Application(
            router: buildRouter(environment), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for step in given {
                // Every change is signed (the releases, closings and corrections must be; the rest may be).
                var (name, fields) = ImportFormat.fields(of: step.command)
                fields["signature"] = ["password": "Correct-Horse-9-Battery", "meaning": "approved"]
                let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: fields))
                let response = try await client.execute(
                    uri: "/" + commandPath(name), method: .post,
                    headers: [.contentType: "application/json", .authorization: "Bearer \(token)"], body: body)
                #expect(response.status == (step.refused ? .conflict : .created), "\(name) \(fields): \(String(buffer: response.body))")
            }
        }
        let rows = """
            SELECT type || ' ' || payload || ' ' || actor || ' ' || business_time || ' ' || recorded_at || ' ' || ifnull(reason, '')
            FROM events WHERE type NOT LIKE 'user.%' AND type != 'record.signed' ORDER BY seq
            """
        let viaAPI = try api.inspect { db in try String.fetchAll(db, sql: rows) }
        let viaStore = try store.inspect { db in try String.fetchAll(db, sql: rows) }
        #expect(viaAPI.count == viaStore.count && viaAPI.count > 250)
        let differing = zip(viaStore, viaAPI).first { $0 != $1 }
        #expect(differing == nil, "first differing event, given vs API: \(String(describing: differing))")
        #expect(try api.verify().ok)
        let signatures = try api.events(EventFilter(type: RecordSigned.type, limit: 1000))
        #expect(signatures.count == given.filter { !$0.refused }.count, "one signature per change")
    }
}
