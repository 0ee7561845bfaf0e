import Foundation
import Testing

@testable import LotlineCore

/// When a lot is used up, as a pure function of the movements and what each lot had before them: no database.
@Suite struct LotEmptyingTests {
    let lot = LotNumber(rawValue: "R1")
    let other = LotNumber(rawValue: "R2")
    func kg(_ amount: Decimal) -> Quantity { Quantity(amount, "kg") }

    func emptied(_ event: RecordedEvent, stock: [LotNumber: Decimal], atOrders: [LotNumber: Decimal] = [:]) -> [LotNumber] {
        LotEmptying.emptied(
            event.emptying?.candidates ?? [], by: event.stockMovements, stock: { stock[$0] ?? 0 }, atWorkOrders: { atOrders[$0] ?? 0 })
    }

    func consume(_ amount: Decimal) -> RecordedEvent {
        .materialConsumed(
            MaterialConsumed(
                workOrder: WorkOrderNumber(rawValue: "WO-1"), seq: 10, lot: lot, quantity: kg(amount), into: nil, equipment: nil, tool: nil,
                operatorCode: nil))
    }

    @Test func consumingTheLastOfWhatAnOrderHoldsUsesUpALotWithNoStock() {
        #expect(emptied(consume(6), stock: [lot: 0], atOrders: [lot: 6]) == [lot])
        #expect(consume(6).emptying?.status == .consumed)
    }

    @Test func aLotWithStockOrMaterialStillAtAnOrderIsNotUsedUp() {
        #expect(emptied(consume(6), stock: [lot: 1], atOrders: [lot: 6]).isEmpty)
        #expect(emptied(consume(4), stock: [lot: 0], atOrders: [lot: 6]).isEmpty)
        let ship = RecordedEvent.lotsShipped(
            LotsShipped(
                shipment: ShipmentNumber(rawValue: "SH-1"), customer: CustomerCode(rawValue: "ACME"), order: "SO-1",
                lines: [LotPortion(lot: lot, quantity: kg(10))], sequence: nil))
        // Everything in stock shipped, but 2 kg still at an order: the lot lives on until that is consumed or returned.
        #expect(emptied(ship, stock: [lot: 10], atOrders: [lot: 2]).isEmpty)
        #expect(emptied(ship, stock: [lot: 10]) == [lot])
        #expect(ship.emptying?.status == .shipped)
    }

    @Test func aSplitOrMergeThatTakesEverythingUsesUpItsSourcesOnce() {
        let split = RecordedEvent.lotSplit(
            LotSplit(parent: lot, children: [LotPortion(lot: other, quantity: kg(10))], remaining: kg(0), sequences: []))
        #expect(emptied(split, stock: [lot: 10]) == [lot])
        #expect(emptied(split, stock: [lot: 12]).isEmpty)
        let merge = RecordedEvent.lotsMerged(
            LotsMerged(
                output: LotNumber(rawValue: "M1"), item: PartNumber(rawValue: "STEEL"),
                inputs: [LotPortion(lot: lot, quantity: kg(3)), LotPortion(lot: other, quantity: kg(4)), LotPortion(lot: lot, quantity: kg(0))],
                quantity: kg(7), status: .released, expiresOn: nil, location: nil, sequence: nil, heats: nil))
        #expect(emptied(merge, stock: [lot: 3, other: 4]) == [lot, other])
    }

    @Test func scrapAndAdjustEndInTheirOwnStatus() {
        let scrap = RecordedEvent.lotScrapped(
            LotScrapped(lot: lot, quantity: kg(5), remaining: kg(0), reason: ReasonCode(rawValue: "DMG"), note: nil))
        #expect(emptied(scrap, stock: [lot: 5]) == [lot] && scrap.emptying?.status == .scrapped)
        let count = RecordedEvent.lotAdjusted(LotAdjusted(lot: lot, from: kg(5), to: kg(0), reason: ReasonCode(rawValue: "COUNT"), note: nil))
        #expect(emptied(count, stock: [lot: 5]) == [lot] && count.emptying?.status == .consumed)
        // Issuing moves material to an order: the lot is not used up by it, whatever its stock.
        #expect(
            RecordedEvent.materialIssued(MaterialIssued(workOrder: WorkOrderNumber(rawValue: "WO-1"), lot: lot, quantity: kg(5), deviation: nil))
                .emptying == nil)
    }
}
