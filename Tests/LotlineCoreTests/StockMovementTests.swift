import Foundation
import Testing

@testable import LotlineCore

/// The stock each event moves and the mass balance over them, as pure values: no database.
@Suite struct StockMovementTests {
    let parent = LotNumber(rawValue: "R1")
    let child = LotNumber(rawValue: "R1-01")
    let order = WorkOrderNumber(rawValue: "WO-1")
    func kg(_ amount: Decimal) -> Quantity { Quantity(amount, "kg") }

    /// R1 received 100 kg; 30 split off to R1-01; 5 scrapped from R1; 20 of R1-01 issued to an order, 12 of it consumed.
    var events: [RecordedEvent] {
        [
            .lotSplit(LotSplit(parent: parent, children: [LotPortion(lot: child, quantity: kg(30))], remaining: kg(70), sequences: [])),
            .lotScrapped(LotScrapped(lot: parent, quantity: kg(5), remaining: kg(65), reason: ReasonCode(rawValue: "SCRAP"), note: nil)),
            .materialIssued(MaterialIssued(workOrder: order, lot: child, quantity: kg(20), deviation: nil)),
            .lotMoved(LotMoved(lot: parent, from: nil, to: LocationCode(rawValue: "RACK"))),
        ]
    }

    @Test func eachEventMovesWhatItSaysAndAMoveOfPlaceMovesNothing() {
        let moves = events.flatMap(\.stockMovements)
        #expect(
            moves == [
                StockMovement(parent, .splitOut, 30), StockMovement(child, .splitIn, 30), StockMovement(parent, .scrap, 5),
                StockMovement(child, .issue, 20),
            ])
    }

    @Test func theBalanceOfALotAndItsSplitsHoldsWhenEveryKilogramIsAccountedFor() {
        var made = StockMovement.Totals()
        made.add(.received, 100)
        var family = made
        for move in events.flatMap(\.stockMovements) { family.add(move.kind, move.amount) }
        family.add(.consume, 12)
        // In stock: R1 65 + R1-01 10; at the order: 20 issued - 12 consumed.
        let balance = MassBalance(of: parent, unit: "kg", made: made, family: family, inStock: 75, workInProcess: 8)
        #expect(balance.received == kg(100))
        #expect(balance.scrapped == kg(5))
        #expect(balance.consumed == kg(12))
        #expect(balance.gap == 0)
        // A kilogram nobody can account for shows as the gap.
        let short = MassBalance(of: parent, unit: "kg", made: made, family: family, inStock: 74, workInProcess: 8)
        #expect(short.gap == 1)
    }
}
