import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

/// A made lot expires when its item's shelf life from production runs out, or when the first lot that went into the
/// order expires, whichever is sooner; an item without a shelf life never expires.
@Suite struct ExpiryInheritanceTests {
    /// Resin (180 days from receipt) received 100 days ago goes into a coated pin whose own shelf life is `shelfLife`.
    func coatedPin(shelfLife: Int?, returnAll: Bool = false) throws -> (plant: ProductionPlant, made: Lot, resin: LotNumber, event: OutputProduced) {
        let plant = try ProductionPlant()
        var item = AddItem(part: "COATED-PIN", description: "Coated pin", unit: "ea")
        item.shelfLifeDays = shelfLife
        try plant.run(item)
        try plant.run(SetBomLine(item: "COATED-PIN", component: "RESIN", quantityPer: "0.1"))
        try plant.run(SetRoutingOperation(item: "COATED-PIN", seq: 10, name: "Coat", workCenter: "COATING"))
        let received = try plant.plant.store.execute(
            Receive(item: "RESIN", quantity: "5", supplier: "ACME", supplierLot: "EP-1"), actor: "tester",
            at: TestPlant.now.addingTimeInterval(-100 * 86_400), timeZone: TestPlant.utc)
        let resin = try #require(received.events.first.flatMap { try? $0.body() as? LotReceived }).lot
        let order = try plant.workOrder("COATED-PIN", "10")
        try plant.run(IssueMaterial(lot: resin.rawValue, quantity: "1", workOrder: order.rawValue))
        if returnAll { try plant.run(IssueMaterial(lot: resin.rawValue, quantity: "1", workOrder: order.rawValue, isReturn: true)) }
        let events = try plant.run(Produce(workOrder: order.rawValue, quantity: "10"))
        let produced = try #require(events.first.flatMap { try? $0.body() as? OutputProduced })
        return (plant, try plant.plant.lot(produced.outputs[0].lot), resin, produced)
    }

    @Test func anInputThatExpiresFirstSetsTheExpiry() throws {
        let (plant, made, resin, event) = try coatedPin(shelfLife: 365)
        let resinExpiry = try #require(try plant.plant.lot(resin).expiresOn)
        #expect(resinExpiry == TestPlant.utcToday.adding(days: 80))
        #expect(made.expiresOn == resinExpiry)
        #expect(event.expiryFrom == resin)
    }

    @Test func theItemsOwnShelfLifeWinsWhenShorter() throws {
        let (_, made, _, event) = try coatedPin(shelfLife: 30)
        #expect(made.expiresOn == TestPlant.utcToday.adding(days: 30))
        #expect(event.expiryFrom == nil)
    }

    @Test func anItemWithoutAShelfLifeDoesNotExpire() throws {
        #expect(try coatedPin(shelfLife: nil).made.expiresOn == nil)
    }

    @Test func aLotReturnedWhollyIsNotAnInput() throws {
        let made = try coatedPin(shelfLife: 365, returnAll: true).made
        #expect(made.expiresOn == TestPlant.utcToday.adding(days: 365))
    }

    @Test func theTraceShowsTheInheritedExpiry() throws {
        let (plant, made, resin, _) = try coatedPin(shelfLife: 365)
        let root = try #require(try plant.store.trace(made.number.rawValue, direction: .backward, today: TestPlant.utcToday).first)
        #expect(root.expiresOn == TestPlant.utcToday.adding(days: 80))
        let forward = try #require(try plant.store.trace(resin.rawValue, direction: .forward, today: TestPlant.utcToday).first)
        #expect(forward.expiresOn == root.expiresOn)
    }
}
