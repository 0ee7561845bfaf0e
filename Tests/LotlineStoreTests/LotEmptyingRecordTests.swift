import Foundation
import GRDB
import LotlineCore
import Testing

@testable import LotlineStore

/// The status a used-up lot ends in is recorded in the event that used it up, and the projection applies what the event
/// says; events recorded before events said so are still read as they always were.
@Suite struct LotEmptyingRecordTests {
    /// 10 kg issued to an order, consumed 4 then 6: the second consumption uses the lot up, and says so.
    @Test(arguments: Backend.allCases) func theConsumptionThatUsesALotUpRecordsIt(_ backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let bar = try plant.bar("10", heat: "H-1")
        let order = try plant.workOrder("PIN", "100")
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "10", workOrder: order.rawValue))
        try plant.run(StartOperation(workOrder: order.rawValue, seq: 10, equipment: "SAW-1", operatorCode: "JDOE"))
        let first = try plant.run(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: bar.rawValue, quantity: "4"))
        #expect(try (first[0].body() as? MaterialConsumed)?.emptied == [])
        #expect(try plant.plant.lot(bar).storedStatus == .released)
        let last = try plant.run(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: bar.rawValue, quantity: "6"))
        #expect(try (last[0].body() as? MaterialConsumed)?.emptied == [bar])
        #expect(last[0].payload.contains("\"emptied\":[\"\(bar)\"]"))
        #expect(try plant.plant.lot(bar).storedStatus == .consumed)
        let live = try plant.store.projectionDump()
        _ = try plant.store.rebuild()
        #expect(try plant.store.projectionDump() == live)
    }

    @Test func shippingEverythingOfALotWithNothingAtAnOrderRecordsItShipped() throws {
        let plant = try ProductionPlant()
        let bar = try plant.bar("10", heat: "H-1")
        let shipped = try plant.run(Ship(customer: "ACME-AERO", order: "SO-1", lots: [bar.rawValue]))
        #expect(try (shipped[0].body() as? LotsShipped)?.emptied == [bar])
        #expect(try plant.plant.lot(bar).storedStatus == .shipped)
    }

    /// An event from before `emptied` existed decodes without it, and the projection works the status out from the
    /// quantities as it always did: used up only when nothing is left in stock or at an order.
    @Test func anEventRecordedBeforeEventsSaidSoIsReadAsBefore() throws {
        let plant = try ProductionPlant()
        let bar = try plant.bar("10", heat: "H-1")
        let order = try plant.workOrder("PIN", "100")
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "10", workOrder: order.rawValue))
        let legacy = #"{"lot":"\#(bar)","quantity":{"amount":"4","unit":"kg"},"seq":10,"workOrder":"\#(order)"}"#
        let body = try JSONDecoder().decode(MaterialConsumed.self, from: Data(legacy.utf8))
        let emptying = try #require(body.recorded.emptying)
        #expect(emptying.recorded == nil && emptying.candidates == [bar])
        // 10 kg still at the order: not used up.
        try plant.sqlite.write { db in try Stock.applyEmptying(emptying, db: db) }
        #expect(try plant.plant.lot(bar).storedStatus == .released)
        // Nothing left at the order (as after a consumption of all 10): used up, as the projection always inferred.
        try plant.sqlite.write { db in
            try db.execute(sql: "UPDATE wip SET consumed = issued WHERE lot = ?", arguments: [bar.rawValue])
            try Stock.applyEmptying(emptying, db: db)
        }
        #expect(try plant.plant.lot(bar).storedStatus == .consumed)
    }
}
