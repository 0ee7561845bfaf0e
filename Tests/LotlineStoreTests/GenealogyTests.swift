import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

@Suite struct GenealogyTests {
    /// Given a work order making two shafts, each turned from its own bar.
    func twoShafts(into: Bool) throws -> (ProductionPlant, WorkOrderNumber, LotNumber, LotNumber) {
        let plant = try ProductionPlant()
        let barA = try plant.bar("100", heat: "H-A")
        let barB = try plant.bar("100", heat: "H-B")
        let order = try plant.workOrder("SHAFT", "2")
        try plant.run(IssueMaterial(lot: barA.rawValue, quantity: "2", workOrder: order.rawValue))
        try plant.run(IssueMaterial(lot: barB.rawValue, quantity: "2", workOrder: order.rawValue))
        try plant.run(StartOperation(workOrder: order.rawValue, seq: 10, equipment: "LATHE-3", tool: "T-17", operatorCode: "JDOE"))
        if into {
            try plant.run(Produce(workOrder: order.rawValue, quantity: "2", serials: ["SN-000101", "SN-000102"]))
            try plant.run(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: barA.rawValue, quantity: "2", into: "SN-000101"))
            try plant.run(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: barB.rawValue, quantity: "2", into: "sn-000102"))
        } else {
            try plant.run(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: barA.rawValue, quantity: "2"))
            try plant.run(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: barB.rawValue, quantity: "2"))
            try plant.run(Produce(workOrder: order.rawValue, quantity: "2", serials: ["SN-000101", "SN-000102"]))
        }
        return (plant, order, barA, barB)
    }

    @Test func consumptionIntoEachOutputLinksOnlyItsOwnInputExactly() throws {
        let (plant, _, barA, barB) = try twoShafts(into: true)
        for (serial, bar) in [("SN-000101", barA), ("SN-000102", barB)] {
            let tree = try #require(try plant.store.trace(serial, direction: .backward, today: TestPlant.utcToday).first)
            #expect(tree.children.map(\.lot) == [bar])
            #expect(tree.children.allSatisfy { $0.link?.certainty == .exact && $0.link?.equipment?.rawValue == "LATHE-3" })
            #expect(tree.children.first?.receipt?.heat == (bar == barA ? "H-A" : "H-B"))
            #expect(tree.production?.operations.first?.tool?.rawValue == "T-17")
        }
        let forward = try #require(try plant.store.trace("H-A", direction: .forward, today: TestPlant.utcToday).first)
        #expect(forward.children.map(\.lot.rawValue) == ["SN-000101"])
    }

    @Test func withoutNamingTheOutputBothInputsLinkToBothOutputsByWindowNeverExact() throws {
        let (plant, _, barA, barB) = try twoShafts(into: false)
        let tree = try #require(try plant.store.trace("SN-000101", direction: .backward, today: TestPlant.utcToday).first)
        #expect(Set(tree.children.map(\.lot)) == [barA, barB])
        #expect(tree.children.allSatisfy { $0.link?.certainty == .window })
    }

    @Test(arguments: Backend.allCases) func consumptionAfterAnOutputWaitsForTheNextOneAndIsNeverLinkedBack(backend: Backend) throws {
        // Given a pin order that made its first lot before any consumption.
        let plant = try ProductionPlant(backend)
        let bar = try plant.bar("100", heat: "H-A")
        let order = try plant.workOrder("PIN", "300").rawValue
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "20", workOrder: order))
        try plant.run(StartOperation(workOrder: order, seq: 10, equipment: "SAW-1", operatorCode: "JDOE"))
        let first = try #require(try plant.run(Produce(workOrder: order, quantity: "100"))[0].body() as? OutputProduced).outputs[0].lot
        // When bar is consumed in the same second, after the first lot was recorded.
        try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "5"))
        // Then the first lot holds none of it, and the order is shown waiting with it.
        #expect(try plant.store.trace(first.rawValue, direction: .backward, today: TestPlant.utcToday)[0].children.isEmpty)
        var forward = try plant.store.trace(bar.rawValue, direction: .forward, today: TestPlant.utcToday)[0]
        #expect(forward.children.isEmpty)
        #expect(forward.awaitingOutput.map(\.workOrder.rawValue) == [order])
        #expect(forward.awaitingOutput.map(\.quantity) == [Quantity(5, "kg")])
        // When the order makes two more lots, the next one is the best guess and the last one possible.
        let second = try #require(try plant.run(Produce(workOrder: order, quantity: "100"))[0].body() as? OutputProduced).outputs[0].lot
        let third = try #require(
            try plant.run(Produce(workOrder: order, quantity: "50"), at: TestPlant.now.addingTimeInterval(120))[0].body() as? OutputProduced
        ).outputs[0].lot
        forward = try plant.store.trace(bar.rawValue, direction: .forward, today: TestPlant.utcToday)[0]
        #expect(forward.children.map(\.lot) == [second, third])
        #expect(forward.children.map { $0.link?.certainty } == [.window, .possible])
        #expect(forward.awaitingOutput.map(\.workOrder.rawValue) == [order])
        // A back-dated consumption (business time before the third lot, after the issue) may be in it, and only possibly.
        try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "1"), at: TestPlant.now.addingTimeInterval(60))
        let intoThird = try plant.store.trace(third.rawValue, direction: .backward, today: TestPlant.utcToday)[0].children
        #expect(intoThird.map { $0.link?.certainty } == [.possible, .possible])
    }

    @Test(arguments: Backend.allCases) func produceRefusals(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let order = try plant.workOrder("SHAFT", "2").rawValue
        let cases: [(Produce, String)] = [
            (Produce(workOrder: order, quantity: "3", serialCount: 3), "produce-exceeds-order"),
            (Produce(workOrder: order, quantity: "2", serials: ["SN-000001"]), "serial-count-mismatch"),
            (Produce(workOrder: order, quantity: "1", lot: "P26331-0001"), "item-serial-tracked"),
            (Produce(workOrder: order, quantity: "1", serials: ["SERIAL-1"]), "lot-number-off-scheme"),
        ]
        for (command, code) in cases {
            #expect { try plant.run(command) } throws: { ($0 as? LotlineError)?.code == code }
        }
        try plant.run(Produce(workOrder: order, quantity: "1", serials: ["SN-000001"]))
        #expect { try plant.run(Produce(workOrder: order, quantity: "1", serials: ["SN-000001"])) } throws: {
            ($0 as? LotlineError)?.code == "lot-number-taken"
        }
    }
}

@Suite struct ShippingTests {
    func finishedPins() throws -> (ProductionPlant, LotNumber) {
        let plant = try ProductionPlant()
        let bar = try plant.bar("100", heat: "H-A")
        let order = try plant.workOrder("PIN", "100").rawValue
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "10", workOrder: order))
        try plant.run(StartOperation(workOrder: order, seq: 10, equipment: "SAW-1", operatorCode: "JDOE"))
        try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "10"))
        let lot = try #require(try plant.run(Produce(workOrder: order, quantity: "100"))[0].body() as? OutputProduced).outputs[0].lot
        return (plant, lot)
    }

    @Test func shipPartThenAllThenReturnIntoQuarantine() throws {
        let (plant, lot) = try finishedPins()
        let first = try #require(try plant.run(Ship(customer: "ACME-AERO", order: "SO-1", lots: ["\(lot.rawValue):40"]))[0].body() as? LotsShipped)
        #expect(first.shipment.rawValue == "SH26331-001")
        #expect(try plant.plant.lot(lot).quantity.amount == 60)
        try plant.run(Ship(customer: "ACME-AERO", order: "SO-2", lots: [lot.rawValue]))
        #expect(try plant.plant.lot(lot).storedStatus == .shipped)
        #expect { try plant.run(Ship(customer: "ACME-AERO", order: "SO-3", lots: [lot.rawValue])) } throws: {
            ($0 as? LotlineError)?.code == "lot-already-shipped"
        }
        let returned = try #require(
            try plant.run(ReturnShipment(shipment: "SH26331-001", lot: lot.rawValue, quantity: "5", reason: "QC"))[0].body() as? ShipmentReturned)
        let back = try plant.store.lotDetail(returned.returnLot.rawValue)
        #expect(back.lot.storedStatus == .quarantine)
        #expect(back.parents.map(\.lot) == [lot])
        #expect { try plant.run(ReturnShipment(shipment: "SH26331-001", lot: lot.rawValue, quantity: "36", reason: "QC")) } throws: {
            ($0 as? LotlineError)?.code == "return-exceeds-shipped"
        }
        let trace = try plant.store.trace(lot.rawValue, direction: .forward, today: TestPlant.utcToday)[0]
        #expect(trace.shipments.map(\.quantity.amount) == [40, 60])
        #expect(trace.shipments.first?.returned.amount == 5)
    }

    @Test(arguments: ["on_hold", "quarantine"])
    func shippingRefusesUnreleasedLots(status: String) throws {
        let (plant, lot) = try finishedPins()
        if status == "on_hold" { try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC")) }
        let target = status == "on_hold" ? lot : try plant.plant.receive("5")
        let before = try plant.store.eventCount()
        #expect { try plant.run(Ship(customer: "ACME-AERO", order: "SO-1", lots: [target.rawValue])) } throws: {
            ($0 as? LotlineError)?.code == (status == "on_hold" ? "lot-on-hold" : "lot-not-released")
        }
        #expect(try plant.store.eventCount() == before)
    }

    @Test(arguments: Backend.allCases) func returnedSerialGoesBackIntoQuarantineUnderItsOwnNumber(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let order = try plant.workOrder("SHAFT", "1").rawValue
        try plant.run(Produce(workOrder: order, quantity: "1"))
        try plant.run(Ship(customer: "ACME-AERO", order: "SO-9", serials: ["SN-000001"]))
        #expect(try plant.plant.lot(LotNumber(rawValue: "SN-000001")).storedStatus == .shipped)
        try plant.run(ReturnShipment(shipment: "SH26331-001", lot: "SN-000001", quantity: "1", reason: "QC"))
        let serial = try plant.plant.lot(LotNumber(rawValue: "SN-000001"))
        #expect(serial.storedStatus == .quarantine)
        #expect(serial.quantity.amount == 1)
        #expect(try plant.store.verify().ok)
        let live = try plant.store.projectionDump()
        try plant.store.rebuild()
        #expect(try plant.store.projectionDump() == live)
    }
}
