import Foundation
import LotlineCLI
import Testing

/// Every refusal of the production issue's parts 2, 3, 4 and 6, on a copy of the demo plant: message, exit code, unchanged ledger.
@Suite struct ProductionRefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var setup: [[String]] = []
        var arguments: [String]
        var exitCode: Int32 = 67
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let expiredEpoxy: [[String]] = [
        ["receive", "EPOXY-A", "5", "--supplier", "CHEMCO", "--supplier-lot", "OLD-1", "--received-at", "2026-01-05T08:00"]
    ]

    static let cases: [Case] = [
        Case(
            arguments: ["issue", "R26328-0001", "5", "--wo", "WO26-0006"], message: "error[lot-on-hold]: cannot issue lot R26328-0001: it is on_hold"),
        Case(
            arguments: ["issue", "R26329-0001", "5", "--wo", "WO26-0006"],
            message: "error[lot-not-released]: cannot issue lot R26329-0001: it is rejected"),
        Case(
            setup: expiredEpoxy, arguments: ["issue", "R26005-0001", "1", "--wo", "WO26-0011"],
            message: "error[lot-expired]: cannot issue lot R26005-0001: it is expired"),
        Case(
            arguments: ["issue", "R26327-0002", "5", "--wo", "WO26-0006"],
            message: "error[item-not-on-bom]: lot R26327-0002 is BOLT-M8, which is not on the bill of material of work order WO26-0006"),
        Case(
            arguments: ["issue", "R26325-0001-02", "5", "--wo", "WO26-0012"],
            message: "error[work-order-not-released]: work order WO26-0012 is planned"),
        Case(
            arguments: ["op", "start", "WO26-0006", "10", "--equipment", "LATHE-3", "--tool", "GAUGE-OLD", "--operator", "JDOE"],
            message: "error[tool-out-of-calibration]: tool GAUGE-OLD is out of calibration"),
        Case(
            arguments: ["op", "start", "WO26-0006", "10", "--equipment", "LATHE-3", "--tool", "T-17", "--operator", "TEMP1"],
            message: "error[operator-not-qualified]: operator TEMP1 holds no current TURNING qualification"),
        Case(
            setup: [["supplier", "add", "OLDHEAT", "--name", "Old Heat", "--approved"]],
            arguments: ["supplier", "accredit", "OLDHEAT", "--process", "HEAT-TREAT", "--cert", "NADCAP-OLD", "--until", "2026-01-31"],
            exitCode: 65, message: "error[date-in-past]: accreditation end date 2026-01-31 is already past"),
        Case(
            arguments: ["op", "start", "WO26-0006", "20", "--operator", "JDOE", "--processor", "GREYMARKET"],
            message: "error[accreditation-lapsed]: supplier GREYMARKET has no current HEAT-TREAT accreditation on file"),
        Case(
            setup: [["op", "start", "WO26-0006", "10", "--equipment", "LATHE-3", "--tool", "T-17", "--operator", "JDOE"]],
            arguments: ["op", "consume", "WO26-0006", "10", "R26326-0001", "1"],
            message: "error[consume-exceeds-issued]: cannot consume 1 kg of lot R26326-0001: work order WO26-0006 holds none of it"),
        Case(arguments: ["produce", "WO26-0006", "6"], message: "error[produce-exceeds-order]: work order WO26-0006 is for 5 ea"),
        Case(arguments: ["produce", "WO26-0012", "1"], message: "error[work-order-not-released]: work order WO26-0012 is planned"),
        Case(
            arguments: ["ship", "--customer", "ACME-AERO", "--order", "SO-9", "R26328-0001"],
            message: "error[lot-on-hold]: cannot ship lot R26328-0001: it is on_hold"),
        Case(
            arguments: ["ship", "--customer", "ACME-AERO", "--order", "SO-9", "--serial", "SN-000001"],
            message: "error[lot-already-shipped]: cannot ship lot SN-000001: it is shipped"),
        Case(
            arguments: ["ship", "--customer", "ACME-AERO", "--order", "SO-9", "--serial", "SN-000003"],
            message: "error[lot-awaiting-acceptance]: cannot ship lot SN-000003: it awaits its final inspection"),
        Case(
            setup: expiredEpoxy, arguments: ["ship", "--customer", "ACME-AERO", "--order", "SO-9", "R26005-0001"],
            message: "error[lot-expired]: cannot ship lot R26005-0001: it is expired"),
        Case(
            arguments: ["return", "SH26331-001", "SN-000001", "2", "--reason", "CUSTOMER-RETURN"],
            message: "error[return-exceeds-shipped]: shipment SH26331-001 carried 1 ea of lot SN-000001"),
    ]

    @Test(arguments: cases)
    func refusedWithMessageAndNothingWritten(_ refusal: Case) throws {
        let built = try #require(DemoPlantTests.built, "the demo did not build")
        let cli = try CLIHarness()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: built.db + suffix) {
            try FileManager.default.copyItem(atPath: built.db + suffix, toPath: cli.db + suffix)
        }
        for step in refusal.setup { try cli.ok(step) }
        let before = try cli.eventCount()
        let result = cli.run(refusal.arguments)
        #expect(result.exitCode == refusal.exitCode)
        #expect(result.stderr.hasPrefix(refusal.message), "got: \(result.stderr)")
        #expect(try cli.eventCount() == before)
    }
}
