import Foundation
import LotlineCLI
import Testing

/// Every refusal of the foundation issue, part 10: the message names the rule and value, the exit code its kind, and the ledger is unchanged.
@Suite struct RefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var exitCode: Int32
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let receive = ["receive", "ST-4140", "100", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-1"]

    static let cases: [Case] = [
        Case(
            arguments: ["receive", "ST-9999", "100", "--supplier", "NORTHSTAR", "--supplier-lot", "X"], exitCode: 66,
            message: "error[item-not-found]: no item 'ST-9999'; add the item ST-9999: `lotline item add ST-9999 --description TEXT --uom UOM`"),
        Case(
            arguments: ["receive", "ST-4140", "100", "--supplier", "NOBODY", "--supplier-lot", "X"], exitCode: 66,
            message: "error[supplier-not-found]: no supplier 'NOBODY'; add the supplier NOBODY: `lotline supplier add NOBODY --name NAME`"),
        Case(
            arguments: receive + ["--location", "MOON"], exitCode: 66,
            message: "error[location-not-found]: no location 'MOON'; add the location MOON: `lotline location add MOON --name NAME`"),
        Case(
            arguments: ["receive", "ST-4140", "0", "--supplier", "NORTHSTAR", "--supplier-lot", "X"], exitCode: 65,
            message: "error[quantity-not-positive]: quantity must be greater than zero, got '0'"),
        Case(
            arguments: ["receive", "ST-4140", "-5", "--supplier", "NORTHSTAR", "--supplier-lot", "X"], exitCode: 65,
            message: "error[quantity-not-positive]: quantity must not be negative, got '-5'"),
        Case(
            arguments: ["receive", "ST-4140", "lots", "--supplier", "NORTHSTAR", "--supplier-lot", "X"], exitCode: 65,
            message: "error[quantity-invalid]: quantity 'lots' is not a number"),
        Case(
            arguments: ["receive", "ST-4140", "100lb", "--supplier", "NORTHSTAR", "--supplier-lot", "X"], exitCode: 65,
            message: "error[unit-mismatch]: quantity is in 'lb' but this item is counted in 'kg'; convert it to kg"),
        Case(
            arguments: receive + ["--expires", "2027-02-30"], exitCode: 65,
            message: "error[date-invalid]: expires '2027-02-30' is not a valid date; use YYYY-MM-DD"),
        Case(
            arguments: receive + ["--received-at", "last tuesday"], exitCode: 65,
            message: "error[time-invalid]: received-at 'last tuesday' is not a date or time"),
        Case(
            arguments: receive + ["--lot", "LOT-2024-0847"], exitCode: 65,
            message: "error[lot-number-off-scheme]: lot number 'LOT-2024-0847' does not match the receipt scheme R{YY}{DDD}-{SEQ:4} for ST-4140"),
        Case(
            arguments: ["receive", "ST-4140", "100", "--supplier", "GREYMARKET", "--supplier-lot", "X"], exitCode: 67,
            message: "error[supplier-unapproved]: supplier 'GREYMARKET' is not approved"),
        Case(
            arguments: ["lot", "split", "R26331-0001", "--qty", "1000", "--qty", "201"], exitCode: 67,
            message: "error[split-exceeds-quantity]: cannot split 1201 kg from lot R26331-0001: it holds only 1200 kg"),
        Case(
            arguments: ["lot", "merge", "R26331-0001", "R26331-0002"], exitCode: 67,
            message: "error[merge-mixed-items]: cannot merge lot R26331-0002 (BOLT-M8) with lot R26331-0001 (ST-4140)"),
        Case(
            arguments: ["lot", "release", "R26331-0001", "--reason", "QC-HOLD"], exitCode: 67,
            message: "error[status-transition-invalid]: cannot release lot R26331-0001: it is quarantine"),
        Case(
            arguments: ["lot", "hold", "R26331-0001", "--reason", "WHIM"], exitCode: 66,
            message: "error[reason-not-found]: no reason 'WHIM'"),
        Case(
            arguments: ["lot", "show", "R26331-001"], exitCode: 66,
            message: "error[lot-not-found]: no lot 'R26331-001' (did you mean: R26331-0001, R26331-0002?)"),
    ]

    @Test(arguments: cases)
    func refusedWithMessageAndNothingWritten(_ refusal: Case) throws {
        let cli = try CLIHarness.plant()
        let before = try cli.eventCount()
        let result = cli.run(refusal.arguments)
        #expect(result.exitCode == refusal.exitCode)
        #expect(result.stderr.hasPrefix(refusal.message), "got: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try cli.eventCount() == before)
    }

    @Test func mergingALotOnHoldIsRefused() throws {
        let cli = try CLIHarness.plant()
        try cli.ok("receive", "BOLT-M8", "100", "--supplier", "NORTHSTAR", "--supplier-lot", "F-2")
        try cli.ok("lot", "hold", "R26331-0003", "--reason", "QC-HOLD")
        let before = try cli.eventCount()
        let result = cli.run("lot", "merge", "R26331-0002", "R26331-0003")
        #expect(result.exitCode == 67)
        #expect(result.stderr.hasPrefix("error[lot-on-hold]: cannot merge lot R26331-0003: it is on_hold"))
        #expect(try cli.eventCount() == before)
    }

    @Test func aRemedyIsWordsAndACommandInJSONAndTheCommandOnTheTerminal() throws {
        let cli = try CLIHarness.plant()
        let result = cli.run("receive", "ST-9999", "100", "--supplier", "NORTHSTAR", "--supplier-lot", "X", "--json")
        #expect(result.exitCode == 66)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let error = try #require(document["error"] as? [String: Any])
        #expect(error["message"] as? String == "no item 'ST-9999'", "the message says what is wrong; the remedy is apart")
        let remedy = try #require(error["remedy"] as? [String: String])
        #expect(remedy == ["words": "add the item ST-9999", "command": "lotline item add ST-9999 --description TEXT --uom UOM"])
        // A missing input is named by its option on the terminal.
        let merge = cli.run("lot", "split", "R26331-0001")
        #expect(merge.stderr == "error[split-quantity-missing]: no quantity for a child lot; give the quantity (--qty QTY)\n")
    }

    @Test func refusalInJSONIsOneDocument() throws {
        let cli = try CLIHarness.plant()
        let result = cli.run("lot", "show", "NOPE", "--json")
        #expect(result.exitCode == 66)
        #expect(result.stdout.contains(#""code" : "lot-not-found""#))
        #expect(result.stdout.contains(#""kind" : "not_found""#))
    }
}
