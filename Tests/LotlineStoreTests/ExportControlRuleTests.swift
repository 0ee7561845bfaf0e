import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

/// Export control in the store: a user who is not a US person cannot make a lot of a controlled item, nor a change
/// that reaches one by itself; a controlled lot named by number is not found; a US person does all of it.
@Suite struct ExportControlRuleTests {
    @Test func aNonUSPersonMakesNoControlledLotAndNamesNone() throws {
        let plant = try TestPlant()
        var bolt = ChangeItem(part: "BOLT")
        bolt.exportControlled = true
        try plant.run(bolt)
        let controlled = try plant.receive("50", item: "BOLT")
        for (name, us) in [("tester", true), ("nora", false)] {
            _ = try plant.sqlite.execute(
                AddUser(name: name, fullName: name.capitalized, roles: ["admin"], usPerson: us), actor: "tester", at: TestPlant.now,
                timeZone: TestPlant.utc, alongside: .password(UserName(rawValue: name), hash: "not checked here"))
        }
        let before = try plant.store.eventCount()
        func refusal(_ command: some LotlineCommand) -> LotlineError? {
            do {
                _ = try plant.sqlite.execute(command, actor: "nora", at: TestPlant.now, timeZone: TestPlant.utc)
                return nil
            } catch { return error as? LotlineError }
        }
        let made = refusal(Receive(item: "BOLT", quantity: "5", supplier: "ACME", supplierLot: "X"))
        #expect(made?.code == "export-controlled" && made?.kind == .forbidden && made?.message.contains(controlled.rawValue) == false)
        let named = refusal(ChangeLotStatus(lot: controlled.rawValue, action: .hold, reason: "QC"))
        #expect(named?.code == "lot-not-found")
        let never = refusal(ChangeLotStatus(lot: "R99999-9999", action: .hold, reason: "QC"))
        #expect(
            named?.message.replacingOccurrences(of: controlled.rawValue, with: "#")
                == never?.message.replacingOccurrences(of: "R99999-9999", with: "#"))
        #expect(try plant.store.eventCount() == before, "nothing written")
        // A US person handles it.
        _ = try plant.sqlite.execute(
            ChangeLotStatus(lot: controlled.rawValue, action: .hold, reason: "QC"), actor: "tester", at: TestPlant.now, timeZone: TestPlant.utc)
    }
}
