import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

/// Closing a work order that consumed a lot now on hold waits for the hold to be decided: the order's output may hold
/// the bad material, and closing it would bury that question.
struct WorkOrderCloseTests {
    /// A pin order that consumed one bar of `heat`, finished its only operation and made all it was to make (so no
    /// future output is held: the close rule must not lean on that).
    private func finishedOrder(_ plant: ProductionPlant, heat: String) throws -> (order: String, bar: LotNumber) {
        let bar = try plant.bar("10", heat: heat)
        let order = try plant.workOrder("PIN", "10").rawValue
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "1", workOrder: order))
        try plant.run(StartOperation(workOrder: order, seq: 10, equipment: "SAW-1", operatorCode: "JDOE"))
        try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "1"))
        try plant.run(CompleteOperation(workOrder: order, seq: 10, good: "10"))
        try plant.run(Produce(workOrder: order, quantity: "10"))
        return (order, bar)
    }

    private func refusal(_ plant: ProductionPlant, _ order: String) -> LotlineError? {
        do {
            try plant.run(ChangeWorkOrderStatus(number: order, to: .closed))
            return nil
        } catch {
            return error as? LotlineError
        }
    }

    @Test(arguments: Backend.allCases) func anOrdinaryHoldStopsTheCloseUntilReleased(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let (order, bar) = try finishedOrder(plant, heat: "H-21")
        try plant.run(ChangeLotStatus(lot: bar.rawValue, action: .hold, reason: "QC"))
        let events = try plant.store.verify().eventCount
        let error = try #require(refusal(plant, order))
        #expect(error.code == "work-order-consumed-held-lot")
        #expect(error.value == bar.rawValue)
        #expect(error.remedy == .dispositionHold(lot: bar.rawValue))
        #expect(try plant.store.verify().eventCount == events)
        try plant.run(ChangeLotStatus(lot: bar.rawValue, action: .release, reason: "QC"))
        try plant.run(ChangeWorkOrderStatus(number: order, to: .closed))
        #expect(try plant.workOrderState(WorkOrderNumber(rawValue: order)).status == .closed)
    }

    @Test(arguments: Backend.allCases) func aRejectedLotIsDecided(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let (order, bar) = try finishedOrder(plant, heat: "H-22")
        try plant.run(ChangeLotStatus(lot: bar.rawValue, action: .hold, reason: "QC"))
        try plant.run(ChangeLotStatus(lot: bar.rawValue, action: .reject, reason: "QC"))
        try plant.run(ChangeWorkOrderStatus(number: order, to: .closed))
    }

    @Test(arguments: Backend.allCases) func aRecallHoldStopsTheCloseUntilTheLotIsDispositioned(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let (order, bar) = try finishedOrder(plant, heat: "H-23")
        let other = try plant.bar("5", heat: "H-23")
        try plant.run(StartRecall(target: "H-23", reason: "bad heat"))
        let recall = try #require(try plant.sqlite.withState { try $0.recallHolds(of: bar) }.first)
        let error = try #require(refusal(plant, order))
        #expect(error.code == "work-order-consumed-held-lot")
        #expect(error.remedy == .disposition(recall: recall, lot: bar.rawValue))
        try plant.run(DispositionRecallLot(recall: recall, lot: bar.rawValue, disposition: .scrap, reason: "DMG"))
        // The recall is still open (the other lot of the heat waits), but this order's lot is decided.
        #expect(try plant.sqlite.withState { try $0.recall(recall) }?.closed == false)
        #expect(try plant.sqlite.withState { try $0.recallHolds(of: other) } == [recall])
        try plant.run(ChangeWorkOrderStatus(number: order, to: .closed))
    }

    @Test(arguments: Backend.allCases) func aReworkDispositionLeavesTheLotHeldSoTheCloseWaits(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let (order, bar) = try finishedOrder(plant, heat: "H-24")
        try plant.run(StartRecall(target: "H-24", reason: "bad heat"))
        let recall = try #require(try plant.sqlite.withState { try $0.recallHolds(of: bar) }.first)
        try plant.run(DispositionRecallLot(recall: recall, lot: bar.rawValue, disposition: .rework, reason: "QC"))
        let error = try #require(refusal(plant, order))
        #expect(error.code == "work-order-consumed-held-lot" && error.remedy == .dispositionHold(lot: bar.rawValue))
        try plant.run(ChangeLotStatus(lot: bar.rawValue, action: .release, reason: "QC"))
        try plant.run(ChangeWorkOrderStatus(number: order, to: .closed))
    }
}
