import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

/// A plant that machines serial-numbered shafts from steel bar: a lathe operation and an outside heat treat.
struct ProductionPlant {
    let plant: TestPlant
    /// The store as interfaces see it, through the backend protocols.
    var store: any LotlineBackend { plant.store }
    /// The SQLite store itself, for its state and SQL.
    var sqlite: LotlineStore { plant.sqlite }

    init(_ backend: Backend = .sqliteMemory) throws {
        plant = try TestPlant(backend)
        var shaft = AddItem(part: "SHAFT", description: "Drive shaft", unit: "ea")
        shaft.tracking = .serial
        try run(shaft)
        try run(AddItem(part: "PIN", description: "Dowel pin", unit: "ea"))
        try run(SetBomLine(item: "SHAFT", component: "STEEL-BAR", quantityPer: "2"))
        try run(SetBomLine(item: "PIN", component: "STEEL-BAR", quantityPer: "0.1"))
        try run(SetRoutingOperation(item: "SHAFT", seq: 10, name: "Turn", workCenter: "LATHES", qualification: "TURNING"))
        try run(SetRoutingOperation(item: "SHAFT", seq: 20, name: "Heat treat", workCenter: "OUTSIDE", specialProcess: "HEAT-TREAT"))
        try run(SetRoutingOperation(item: "PIN", seq: 10, name: "Cut", workCenter: "SAWS"))
        try run(AddNamedRecord<EquipmentKind>(code: "LATHE-3", name: "Okuma lathe 3"))
        try run(AddNamedRecord<EquipmentKind>(code: "SAW-1", name: "Band saw"))
        try run(AddTool(code: "T-17", name: "Turning insert holder", calibratedUntil: "2027-01-31"))
        try run(AddTool(code: "T-OLD", name: "Old gauge", calibratedUntil: "2026-10-31"))
        try run(AddOperator(code: "JDOE", name: "Jane Doe"))
        try run(QualifyOperator(code: "JDOE", qualification: "TURNING", until: "2027-06-30"))
        try run(AddOperator(code: "NEWBIE", name: "New Hire"))
        try run(AddSupplier(code: "HTCO", name: "Heat Treat Co", approved: true))
        try run(AccreditSupplier(supplier: "HTCO", process: "HEAT-TREAT", certificate: "NADCAP-HT-2231", until: "2027-03-31"))
        try run(AddSupplier(code: "LAPSED", name: "Lapsed Processing", approved: true))
        // Accredited last year, lapsed since.
        try run(
            AccreditSupplier(supplier: "LAPSED", process: "HEAT-TREAT", certificate: "NADCAP-HT-0001", until: "2026-06-30"),
            at: TestPlant.now.addingTimeInterval(-300 * 86_400))
        try run(AddNamedRecord<CustomerKind>(code: "ACME-AERO", name: "Acme Aerospace"))
    }

    @discardableResult
    func run(_ command: some LotlineCommand, at date: Date = TestPlant.now) throws -> [LedgerEvent] {
        try plant.run(command, at: date)
    }

    /// A released lot of steel bar.
    func bar(_ quantity: String, heat: String) throws -> LotNumber {
        let lot = try plant.receive(quantity, supplierLot: "SL-\(heat)", heat: heat)
        try run(Inspect(lot: lot.rawValue, passed: true))
        return lot
    }

    /// A released work order for the item.
    func workOrder(_ item: String, _ quantity: String) throws -> WorkOrderNumber {
        let created = try plant.store.execute(
            CreateWorkOrder(item: item, quantity: quantity), actor: "tester", at: TestPlant.now, timeZone: TestPlant.utc
        ).outcome
        try run(ChangeWorkOrderStatus(number: created.number.rawValue, to: .released))
        return created.number
    }

    func workOrderState(_ number: WorkOrderNumber) throws -> WorkOrder {
        try #require(try sqlite.withState { try $0.workOrder(number) })
    }
}
