import Foundation
import LotlineCLI
import LotlineCore
import Testing

/// The demo plant, traced and recalled through the CLI, against sets worked out by hand from `DemoPlant.swift`.
@Suite struct DemoPlantTests {
    let cli: CLIHarness
    let roles: [String: String]

    /// The demo is built once; each test works on its own copy of the database file.
    static let built: (db: String, roles: [String: String])? = {
        guard let cli = try? CLIHarness() else { return nil }
        let demo = cli.run("demo", "--json")
        guard demo.exitCode == 0, let document = try? JSONSerialization.jsonObject(with: Data(demo.stdout.utf8)) as? [String: Any],
            let roles = document["lots"] as? [String: String]
        else { return nil }
        return (cli.db, roles)
    }()

    init() throws {
        let built = try #require(Self.built, "the demo did not build")
        cli = try CLIHarness()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: built.db + suffix) {
            try FileManager.default.copyItem(atPath: built.db + suffix, toPath: cli.db + suffix)
        }
        roles = built.roles
    }

    func decode<T: Decodable>(_ type: T.Type, _ arguments: String...) throws -> T {
        let result = cli.run(arguments + ["--json"])
        try #require(result.exitCode == 0, "\(arguments) failed: \(result.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(result.stdout.utf8))
    }

    struct Roots: Decodable { var roots: [TraceNode] }

    func lots(_ roots: [TraceNode]) -> Set<String> {
        Set(roots.flatMap { $0.flattened().map(\.node.lot.rawValue) })
    }

    func role(_ names: String...) -> Set<String> { Set(names.map { roles[$0]! }) }

    @Test func forwardFromTheBadHeatReachesExactlyWhatWasMadeFromIt() throws {
        let trace = try decode(Roots.self, "trace", "forward", "H-2231")
        #expect(trace.roots.map(\.lot.rawValue) == [roles["steel1"]!, roles["steel2"]!])
        let expected = role("steel1", "steel2", "steel1-a", "steel1-b", "shaft1").union(
            ["SN-000001", "SN-000002", "SN-000003", "SN-000004", "SN-000009", "SN-000010"])
        #expect(lots(trace.roots) == expected)
        #expect(trace.roots.allSatisfy { root in root.flattened().allSatisfy { $0.node.pathCertainty == .exact } })
        let waiting = trace.roots[0].flattened().flatMap(\.node.workInProcess).map(\.workOrder.rawValue)
        #expect(waiting == [roles["WO-SHAFT-3"]!])
    }

    @Test func backwardFromAPumpFindsItsOwnPartsOnly() throws {
        let trace = try decode(Roots.self, "trace", "backward", "SN-000009")
        #expect(lots(trace.roots) == role("shaft1", "steel1-a", "steel1", "housing2", "alu1", "bearings", "bolts").union(["SN-000009"]))
        let pump = try #require(trace.roots.first)
        #expect(pump.production?.operations.map(\.equipment?.rawValue) == ["BENCH-1", "TESTRIG-1"])
        let shaft = try #require(pump.children.first { $0.lot.rawValue == roles["shaft1"] })
        #expect(shaft.production?.operations.last?.processorCertificate == "NADCAP-HT-55102")
        let steel = try #require(trace.roots[0].flattened().first { $0.node.lot.rawValue == roles["steel1"] }?.node)
        #expect(steel.receipt?.heat == "H-2231")
        #expect(steel.receipt?.certificate == "MTR-88412")
    }

    @Test func valvesFromOneOrderLinkByWindowNotExact() throws {
        let trace = try decode(Roots.self, "trace", "backward", roles["valve2a"]!)
        #expect(lots(trace.roots) == role("valve2a", "body1", "alu1", "bolts", "epoxy"))
        #expect(trace.roots[0].children.allSatisfy { $0.link?.certainty == .window })
    }

    @Test func whereListsWhatTheLatheMade() throws {
        struct Produced: Decodable { var produced: [ProducedRow] }
        struct ProducedRow: Decodable { var lot: String }
        let result = try decode(Produced.self, "trace", "where", "--equipment", "LATHE-3")
        #expect(Set(result.produced.map(\.lot)) == role("shaft1", "shaft2"))
    }

    @Test func whereForwardListsEverythingMadeFromWhatTheLatheMade() throws {
        struct Result: Decodable {
            var produced: [Row]
            var downstream: [Row]
        }
        struct Row: Decodable { var lot: String }
        let result = try decode(Result.self, "trace", "where", "--equipment", "LATHE-3", "--forward")
        #expect(Set(result.produced.map(\.lot)) == role("shaft1", "shaft2"))
        let traced =
            try decode(Roots.self, "trace", "forward", roles["shaft1"]!).roots + decode(Roots.self, "trace", "forward", roles["shaft2"]!).roots
        #expect(Set(result.downstream.map(\.lot)) == lots(traced).subtracting(role("shaft1", "shaft2")))
        #expect(result.downstream.count == 11)
        #expect(try cli.ok("trace", "where", "--equipment", "LATHE-3", "--forward").contains("Made from them (11):"))
    }

    @Test func recallHoldsTheBuildingAndBalances() throws {
        let report = try decode(RecallReport.self, "recall", "start", "H-2231", "--reason", "heat below spec")
        #expect(report.balanced)
        #expect(report.balances.map(\.lot.rawValue) == [roles["steel1"]!, roles["steel2"]!])
        let notices = Dictionary(uniqueKeysWithValues: report.customers.map { ($0.customer.rawValue, Set($0.shipments.map(\.lot.rawValue))) })
        #expect(notices == ["ACME-AERO": ["SN-000001", "SN-000002"], "BETA-MOTORS": ["SN-000003", "SN-000009"]])
        for lot in report.affected where lot.inBuilding {
            #expect(lot.status == .onHold, "\(lot.lot) is \(lot.status)")
        }
        #expect(try cli.ok("lot", "show", "SN-000004").contains("on_hold"))
        #expect(try cli.ok("lot", "show", "SN-000006").contains("released"))
        #expect(try cli.ok("audit", "verify").hasPrefix("OK: "))
    }

    @Test func aDrillAnswersAsTheRecallReportAndIsListedWithWhatItFound() throws {
        let drill = try cli.ok("recall", "drill", "--random")
        let heading = try #require(
            drill.firstMatch(
                of:
                    /^Drill (DR26-\d{4}) of (\S+): \S+ s against the 4-hour target \((?:met|missed)\); (\d+) lots affected, (\d+) customers to notify, mass balance holds\n/
            ),
            "\(drill)")
        let (id, target, lots, customers) = (String(heading.1), String(heading.2), String(heading.3), String(heading.4))
        #expect(roles.values.contains(target), "the drill picked one of the plant's receiving lots")
        // The drill's report is the recall report of the same lot, word for word, and it holds nothing.
        #expect(
            String(drill.dropFirst(heading.0.count)).trimmingCharacters(in: .newlines)
                == (try cli.ok("recall", "report", target)).trimmingCharacters(in: .newlines))
        let reach = try cli.ok("trace", "forward", target, "--format", "lots").split(separator: "\n").filter { !$0.isEmpty }
        #expect(Int(lots) == reach.count - 1, "every lot the trace lists below its header, the start included")
        #expect(try cli.ok("recall", "list").contains(id) == false)
        let row = try #require(try cli.ok("recall", "drills").split(separator: "\n").first { $0.hasPrefix(id) })
        let columns = row.split(separator: " ").map(String.init)
        #expect(columns[3] == target)
        #expect(Array(columns.suffix(3)) == [lots, customers, "holds"])
    }
}
