import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

@Suite struct RandomScenarioTests {
    /// Given hundreds of random commands, some of them refused, when the projections are rebuilt from the ledger,
    /// then they equal the live ones, every refusal wrote nothing, and no lot is negative or empty yet in stock.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func rebuildAfterALongRandomScenarioEqualsLiveState(seed: UInt64) throws {
        let plant = try TestPlant()
        var random = SeededRandom(seed: seed)
        var refusals = 0
        for step in 0..<400 {
            let lots = try plant.store.lots(LotFilter(), today: TestPlant.utcToday).map(\.number.rawValue)
            let lot = lots.randomElement(using: &random) ?? "none"
            let other = lots.randomElement(using: &random) ?? "none"
            let amount = String(Int.random(in: 1...60, using: &random))
            let command: any LotlineCommand =
                switch lots.isEmpty ? 0 : Int.random(in: 0..<10, using: &random) {
                case 0, 1:
                    Receive(
                        item: ["STEEL-BAR", "BOLT", "RESIN"].randomElement(using: &random)!,
                        quantity: String(Int.random(in: 50...500, using: &random)),
                        supplier: "ACME", supplierLot: "SL-\(step % 7)")
                case 2: Inspect(lot: lot, passed: Bool.random(using: &random))
                case 3: SplitLot(lot: lot, quantities: [amount, "3"])
                case 4: MergeLots(lots: [lot, other])
                case 5: ChangeLotStatus(lot: lot, action: ChangeLotStatus.Action.allCases.randomElement(using: &random)!, reason: "QC")
                case 6: MoveLot(lot: lot, to: ["RCV", "A-01"].randomElement(using: &random)!)
                case 7: AdjustLot(lot: lot, quantity: amount, reason: "COUNT")
                default: ScrapLot(lot: lot, quantity: Bool.random(using: &random) ? amount : nil, reason: "DMG")
                }
            let before = try plant.store.eventCount()
            do {
                try plant.run(command)
            } catch is LotlineError {
                refusals += 1
                #expect(try plant.store.eventCount() == before)
            }
        }
        #expect(refusals > 20 && refusals < 350)
        let lots = try plant.store.lots(LotFilter(), today: TestPlant.utcToday)
        #expect(lots.count > 50)
        for lot in lots {
            #expect(lot.quantity.amount >= 0)
            #expect(lot.storedStatus.isInStock == !lot.quantity.isZero, "lot \(lot.number) is \(lot.storedStatus) with \(lot.quantity)")
        }
        let live = try plant.store.projectionDump()
        try plant.store.rebuild()
        #expect(try plant.store.projectionDump() == live)
        #expect(try plant.store.verify().ok)
    }
}
