import Foundation
import Testing

/// A new event type cannot be forgotten: it needs a case of `RecordedEvent`, and then every reader of the ledger
/// switches over that case without a default. This test compiles the real sources with a new event added, with the
/// Swift compiler the package builds with, and checks each stage fails where it must.
@Suite struct NewEventCompileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// The modules of the debug build the tests run from (GRDB, swift-crypto).
    static var modules: URL { root.appendingPathComponent(".build/debug/Modules") }

    static let probe = """
        public struct ProbeHappened: EventBody, Hashable {
            public static let type = "probe.happened"
            public var lot: LotNumber
            public var lots: [LotNumber] { [lot] }
            public var recorded: RecordedEvent { .probeHappened(self) }
        }

        """

    /// Copies a module's sources into `folder`, applying each (file, replace, with) edit, which must match.
    func copy(_ module: String, to folder: URL, edits: [(String, String, String)] = [], adding extra: [String: String] = [:]) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = Self.root.appendingPathComponent("Sources/\(module)")
        var paths: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() where name.hasSuffix(".swift") {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            for (file, old, new) in edits where file == name {
                #expect(text.contains(old), "\(name) no longer holds '\(old)': update this test's edit")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            paths.append(folder.appendingPathComponent(name).path)
        }
        for (name, text) in extra {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            paths.append(folder.appendingPathComponent(name).path)
        }
        return paths
    }

    /// Runs `swiftc` and returns its exit status and what it printed.
    func swiftc(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func aNewEventDoesNotCompileUntilTheCoreAndTheProjectionsHandleIt() throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.modules.appendingPathComponent("Crypto.swiftmodule").path),
            "no debug build at \(Self.modules.path)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lotline-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let newCase = (
            "RecordedEvent.swift", "    case importProgressed(ImportProgressed)\n",
            "    case importProgressed(ImportProgressed)\n    case probeHappened(ProbeHappened)\n"
        )

        // 1. The event and its case alone: the core's own readers (its body, its stock movements, ...) refuse it.
        let bare = try copy("LotlineCore", to: scratch.appendingPathComponent("bare"), edits: [newCase], adding: ["Probe.swift": Self.probe])
        let first = try swiftc(["-typecheck", "-module-name", "LotlineCore", "-I", Self.modules.path] + bare)
        #expect(first.status != 0)
        #expect(first.output.contains("error: switch must be exhaustive"), "\(first.output.suffix(2000))")

        // 2. Handled in the core: it compiles.
        let handled = [
            newCase,
            (
                "RecordedEvent.swift", "        case .importProgressed(let e): e\n",
                "        case .importProgressed(let e): e\n        case .probeHappened(let e): e\n"
            ),
            ("StockMovement.swift", ".recordSigned:\n", ".recordSigned, .probeHappened:\n"),
            ("LotEmptying.swift", ".recordSigned:\n", ".recordSigned, .probeHappened:\n"),
        ]
        let core = try copy("LotlineCore", to: scratch.appendingPathComponent("core"), edits: handled, adding: ["Probe.swift": Self.probe])
        let module = scratch.appendingPathComponent("modules")
        try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
        let second = try swiftc(
            [
                "-emit-module", "-parse-as-library", "-module-name", "LotlineCore", "-I", Self.modules.path, "-emit-module-path",
                module.appendingPathComponent("LotlineCore.swiftmodule").path,
            ] + core)
        try #require(second.status == 0, "the core with the event handled should compile: \(second.output.suffix(2000))")

        // 3. The store against that core: with the work-order cache and the time-order check told, the projector still
        // refuses it: there is no way to record an event no projection has said what to do with.
        let told = ["CommandBatch.swift", "TimeOrder.swift"].map { ($0, ".recordSigned:", ".recordSigned, .probeHappened:") }
        let store = try copy("LotlineStore", to: scratch.appendingPathComponent("store"), edits: told)
        let sqliteMap = Self.root.appendingPathComponent(".build/checkouts/GRDB.swift/Sources/GRDBSQLite/module.modulemap").path
        let third = try swiftc(
            ["-typecheck", "-module-name", "LotlineStore", "-I", module.path, "-I", Self.modules.path, "-Xcc", "-fmodule-map-file=\(sqliteMap)"]
                + store)
        #expect(third.status != 0)
        #expect(third.output.contains("Projector.swift") && third.output.contains("error: switch must be exhaustive"), "\(third.output.suffix(2000))")
    }
}
