import Foundation
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// Runs `lotline` in-process against a fresh database file, at a fixed time, as user `clerk`.
struct CLIHarness {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = try! BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: utc).date
    static let today = BusinessTime(date: now, timeZone: utc).day

    let directory: URL
    var db: String { directory.appendingPathComponent("plant.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lotline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @discardableResult
    func run(_ arguments: String...) -> CLIResult {
        run(arguments)
    }

    func run(_ arguments: [String]) -> CLIResult {
        CLIRunner.run(arguments + ["--db", db, "--as", "clerk"], environment: [:], now: CLIHarness.now, timeZone: CLIHarness.utc)
    }

    /// As a named user, with these environment variables (a password) and these lines on standard input; bcrypt at
    /// its lowest cost.
    func run(_ arguments: [String], as user: String, environment: [String: String] = [:], input: [String] = []) -> CLIResult {
        CLIRunner.run(
            arguments + ["--db", db, "--as", user], environment: environment.merging(["LOTLINE_BCRYPT_COST": "4"]) { given, _ in given },
            now: CLIHarness.now, timeZone: CLIHarness.utc, input: input)
    }

    /// Runs a command that must succeed and returns what it printed.
    @discardableResult
    func ok(_ arguments: String...) throws -> String {
        try ok(arguments)
    }

    @discardableResult
    func ok(_ arguments: [String]) throws -> String {
        let result = run(arguments)
        try #require(result.exitCode == 0, "lotline \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    func eventCount() throws -> Int {
        try LotlineStore(path: db).eventCount()
    }

    /// A small plant built through the CLI: steel (inspected on receipt), bolts, an approved and an unapproved supplier.
    static func plant() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.ok("item", "add", "ST-4140", "--description", "4140 steel bar", "--uom", "kg", "--inspect")
        try cli.ok("item", "add", "BOLT-M8", "--description", "M8 bolt", "--uom", "ea")
        try cli.ok("supplier", "add", "NORTHSTAR", "--name", "Northstar Steel", "--approved")
        try cli.ok("supplier", "add", "GREYMARKET", "--name", "Grey Market Metals")
        try cli.ok("location", "add", "RCV", "--description", "Receiving dock")
        try cli.ok("location", "add", "RACK-A1", "--description", "Rack A1")
        try cli.ok("reason", "add", "QC-HOLD", "--description", "Quality hold")
        try cli.ok("receive", "ST-4140", "1200kg", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-88412", "--heat", "H-2231", "--location", "RCV")
        try cli.ok("receive", "BOLT-M8", "500", "--supplier", "NORTHSTAR", "--supplier-lot", "F-1", "--location", "RCV")
        return cli
    }
}
