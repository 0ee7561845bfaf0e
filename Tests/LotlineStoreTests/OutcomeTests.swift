import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

/// What a command did comes back typed with the events the ledger now holds, so no caller reads it out of an event.
@Suite struct OutcomeTests {
    @Test func issueAndReturnSayWhichTheyDidAndTheOutcomeIsTheEventTheLedgerHolds() throws {
        let plant = try ProductionPlant()
        let bar = try plant.bar("100", heat: "H-1")
        let order = try plant.workOrder("PIN", "10")
        let issued = try plant.store.execute(
            IssueMaterial(lot: bar.rawValue, quantity: "5", workOrder: order.rawValue), actor: "t", at: TestPlant.now, timeZone: TestPlant.utc)
        guard case .issued(let event) = issued.outcome else {
            Issue.record("issuing reported \(issued.outcome)")
            return
        }
        #expect(event.quantity == Quantity(5, "kg"))
        #expect(try issued.events.map { try $0.body() as? MaterialIssued } == [event])
        let returned = try plant.store.execute(
            IssueMaterial(lot: bar.rawValue, quantity: "2", workOrder: order.rawValue, isReturn: true), actor: "t", at: TestPlant.now,
            timeZone: TestPlant.utc)
        guard case .returned(let back) = returned.outcome else {
            Issue.record("returning reported \(returned.outcome)")
            return
        }
        #expect(back.lot == bar && back.quantity == Quantity(2, "kg"))
    }

    @Test func aCommandWithFollowOnEventsReportsItsMainOne() throws {
        let plant = try TestPlant()
        var gasket = AddItem(part: "GASKET", description: "Gasket", unit: "ea")
        gasket.lotScheme = "G{YY}-{SEQ:3}"
        let executed = try plant.store.execute(gasket, actor: "t", at: TestPlant.now, timeZone: TestPlant.utc)
        #expect(executed.outcome.item.part.rawValue == "GASKET")
        #expect(executed.events.map(\.type) == ["item.defined", "lot_scheme.set"])
    }
}

/// The store from async code: its blocking calls run off the cooperative pool, many at once.
@Suite struct AsyncBackendTests {
    @Test func manyTasksReadAndWriteThroughPerform() async throws {
        let plant = try TestPlant(.sqliteFile)
        let store = plant.sqlite
        let lot = try plant.receive("100")
        let before = try store.eventCount()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask {
                    if index % 4 == 0 {
                        _ = try await store.perform {
                            try $0.execute(
                                MoveLot(lot: lot.rawValue, to: index % 8 == 0 ? "A-01" : "RCV"), actor: "t", at: TestPlant.now,
                                timeZone: TestPlant.utc)
                        }
                    } else {
                        let detail = try await store.perform { try $0.lotDetail(lot.rawValue) }
                        #expect(detail.lot.number == lot)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.eventCount() == before + 4)
    }
}
