import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

@Suite struct WorkOrderTests {
    @Test(arguments: Backend.allCases) func createCopiesBillOfMaterialAndRouting(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let events = try plant.run(CreateWorkOrder(item: "SHAFT", quantity: "4", due: "2026-12-15"))
        let created = try #require(try events[0].body() as? WorkOrderCreated)
        #expect(created.number.rawValue == "WO26-0001")
        let order = try plant.workOrderState(created.number)
        #expect(order.status == .planned)
        #expect(order.components == [BomLine(component: PartNumber(rawValue: "STEEL-BAR"), quantityPer: Quantity(2, "kg"))])
        #expect(order.operations.map(\.seq) == [10, 20])
        try plant.run(SetBomLine(item: "SHAFT", component: "STEEL-BAR", quantityPer: "3"))
        #expect(try plant.workOrderState(created.number).components.first?.quantityPer.amount == 2)
    }

    @Test(arguments: Backend.allCases) func issueMovesStockToTheOrderAndReturnBringsItBack(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let bar = try plant.bar("100", heat: "H-1")
        let order = try plant.workOrder("SHAFT", "4")
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "10", workOrder: order.rawValue))
        #expect(try plant.plant.lot(bar).quantity.amount == 90)
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "3", workOrder: order.rawValue, isReturn: true))
        #expect(try plant.plant.lot(bar).quantity.amount == 93)
        let wip = try plant.sqlite.withState { try $0.workInProcess(order) }
        #expect(wip.first?.remaining.amount == 7)
    }

    /// A batch reuses work orders between its commands; every command must still see what the ones before it changed.
    @Test(arguments: Backend.allCases) func commandsInOneBatchSeeEachOthersChangesToAWorkOrder(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let bar = try plant.bar("100", heat: "H-1")
        let order = try plant.workOrder("PIN", "10")
        let refusals = try plant.sqlite.batch(actor: "planner", timeZone: TimeZone(secondsFromGMT: 0)!) { batch -> [String] in
            var refusals: [String] = []
            func attempt(_ command: some LotlineCommand) throws {
                do { try batch.execute(command, at: TestPlant.now) } catch let error as LotlineError { refusals.append(error.code) }
            }
            try attempt(IssueMaterial(lot: bar.rawValue, quantity: "5", workOrder: order.rawValue))
            try attempt(StartOperation(workOrder: order.rawValue, seq: 10, equipment: "SAW-1", operatorCode: "JDOE"))
            try attempt(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: bar.rawValue, quantity: "9"))
            try attempt(ConsumeMaterial(workOrder: order.rawValue, seq: 10, lot: bar.rawValue, quantity: "5"))
            try attempt(StartOperation(workOrder: order.rawValue, seq: 10, equipment: "SAW-1", operatorCode: "JDOE"))
            try attempt(CompleteOperation(workOrder: order.rawValue, seq: 10, good: "10"))
            try attempt(ChangeWorkOrderStatus(number: order.rawValue, to: .closed))
            try attempt(IssueMaterial(lot: bar.rawValue, quantity: "1", workOrder: order.rawValue))
            return refusals
        }
        #expect(refusals == ["consume-exceeds-issued", "operation-already-started", "work-order-not-released"])
        #expect(try plant.workOrderState(order).status == .closed)
        #expect(try plant.plant.lot(bar).quantity.amount == 95)
        #expect(try plant.store.verify().ok)
    }

    @Test(arguments: Backend.allCases) func aLotWhoseStockIsGoneButHasMaterialAtAnOrderStaysInPlayForHoldsAndRecalls(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let bar = try plant.bar("10", heat: "H-9")
        let order = try plant.workOrder("SHAFT", "2")
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "4", workOrder: order.rawValue))
        try plant.run(ScrapLot(lot: bar.rawValue, reason: "DMG"))
        #expect(try plant.plant.lot(bar).storedStatus == .released)
        let recall = try #require(try plant.run(StartRecall(target: "H-9", reason: "bad heat"))[0].body() as? RecallStarted)
        #expect(recall.held.map(\.lot) == [bar])
        #expect(try plant.plant.lot(bar).storedStatus == .onHold)
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "4", workOrder: order.rawValue, isReturn: true))
        #expect(try plant.plant.lot(bar).quantity.amount == 4)
    }

    @Test(arguments: [
        ("quarantine", "lot-not-released"), ("on_hold", "lot-on-hold"), ("expired", "lot-expired"), ("not-on-bom", "item-not-on-bom"),
        ("planned", "work-order-not-released"), ("too-much", "issue-exceeds-quantity"),
    ])
    func issueRefusals(situation: String, code: String) throws {
        let plant = try ProductionPlant()
        var lot = try plant.bar("100", heat: "H-1")
        var order = try plant.workOrder("SHAFT", "4")
        var quantity = "10"
        switch situation {
        case "quarantine": lot = try plant.plant.receive("50")
        case "on_hold": try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC"))
        case "expired":
            var receive = Receive(item: "RESIN", quantity: "5", supplier: "ACME", supplierLot: "R1")
            receive.receivedAt = "2026-01-01T08:00Z"
            lot = try #require(try plant.run(receive)[0].body() as? LotReceived).lot
            try plant.run(SetBomLine(item: "SHAFT", component: "RESIN", quantityPer: "0.1"))
            order = try plant.workOrder("SHAFT", "1")
        case "not-on-bom": lot = try plant.plant.receive("500", item: "BOLT")
        case "planned": order = try #require(try plant.run(CreateWorkOrder(item: "SHAFT", quantity: "1"))[0].body() as? WorkOrderCreated).number
        default: quantity = "100.5"
        }
        let before = try plant.store.eventCount()
        #expect { try plant.run(IssueMaterial(lot: lot.rawValue, quantity: quantity, workOrder: order.rawValue)) } throws: {
            ($0 as? LotlineError)?.code == code
        }
        #expect(try plant.store.eventCount() == before)
    }
}

@Suite struct OperationTests {
    @Test(arguments: [
        ("tool", "tool-out-of-calibration"), ("operator", "operator-not-qualified"), ("processor", "accreditation-lapsed"),
        ("no-processor", "processor-missing"), ("twice", "operation-already-started"),
    ])
    func startRefusals(situation: String, code: String) throws {
        let plant = try ProductionPlant()
        let order = try plant.workOrder("SHAFT", "2").rawValue
        var start = StartOperation(workOrder: order, seq: 10, equipment: "LATHE-3", tool: "T-17", operatorCode: "JDOE")
        switch situation {
        case "tool": start.tool = "T-OLD"
        case "operator": start.operatorCode = "NEWBIE"
        case "processor": start = StartOperation(workOrder: order, seq: 20, equipment: nil, operatorCode: "JDOE", processor: "LAPSED")
        case "no-processor": start = StartOperation(workOrder: order, seq: 20, equipment: nil, operatorCode: "JDOE")
        default: try plant.run(start)
        }
        let before = try plant.store.eventCount()
        #expect { try plant.run(start) } throws: { ($0 as? LotlineError)?.code == code }
        #expect(try plant.store.eventCount() == before)
    }

    @Test(arguments: Backend.allCases) func outsideProcessRecordsProcessorAndCertificate(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let order = try plant.workOrder("SHAFT", "2")
        try plant.run(StartOperation(workOrder: order.rawValue, seq: 20, equipment: nil, operatorCode: "JDOE", processor: "htco"))
        let op = try #require(try plant.workOrderState(order).operation(20))
        #expect(op.processor?.rawValue == "HTCO")
        #expect(op.processorCertificate == "NADCAP-HT-2231")
        #expect(op.status == .started)
    }

    @Test(arguments: Backend.allCases) func consumeRefusals(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let bar = try plant.bar("100", heat: "H-1")
        let order = try plant.workOrder("SHAFT", "2").rawValue
        #expect { try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "5")) } throws: {
            ($0 as? LotlineError)?.code == "operation-not-started"
        }
        try plant.run(StartOperation(workOrder: order, seq: 10, equipment: "LATHE-3", tool: "T-17", operatorCode: "JDOE"))
        #expect { try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "5")) } throws: {
            ($0 as? LotlineError)?.code == "consume-exceeds-issued"
        }
        try plant.run(IssueMaterial(lot: bar.rawValue, quantity: "4", workOrder: order))
        #expect { try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "2", into: "SN-999999")) } throws: {
            ($0 as? LotlineError)?.code == "output-not-of-order"
        }
        try plant.run(ChangeLotStatus(lot: bar.rawValue, action: .hold, reason: "QC"))
        #expect { try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: bar.rawValue, quantity: "2")) } throws: {
            ($0 as? LotlineError)?.code == "lot-on-hold"
        }
    }

    @Test(arguments: Backend.allCases) func recordAndComplete(backend: Backend) throws {
        let plant = try ProductionPlant(backend)
        let order = try plant.workOrder("SHAFT", "2").rawValue
        try plant.run(StartOperation(workOrder: order, seq: 10, equipment: "LATHE-3", tool: "T-17", operatorCode: "JDOE"))
        try plant.run(
            RecordOperation(workOrder: order, seq: 10, parameters: ["spindle=1200rpm", "coolant=on"], inspections: ["OD=24.98mm"], passed: true))
        #expect { try plant.run(RecordOperation(workOrder: order, seq: 10, inspections: ["OD=24.98mm"])) } throws: {
            ($0 as? LotlineError)?.code == "verdict-missing"
        }
        #expect { try plant.run(CompleteOperation(workOrder: order, seq: 10, good: "2", scrap: "1")) } throws: {
            ($0 as? LotlineError)?.code == "reason-missing"
        }
        try plant.run(CompleteOperation(workOrder: order, seq: 10, good: "2", scrap: "1", reason: "DMG"))
        let op = try #require(try plant.workOrderState(WorkOrderNumber(rawValue: order)).operation(10))
        #expect(op.status == .completed)
        #expect(op.scrap?.amount == 1)
        #expect(RecordOperationTestHook.parameter("spindle=1200rpm") == ProcessParameter(name: "spindle", value: "1200", unit: "rpm"))
    }
}

/// Reaches the parameter parser the way `op record` uses it.
enum RecordOperationTestHook {
    static func parameter(_ text: String) -> ProcessParameter? {
        try? RecordOperation.parameterForTesting(text)
    }
}
