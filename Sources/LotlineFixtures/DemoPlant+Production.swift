import Foundation
import LotlineCore

/// The demo's machining, assembly and shipping.
extension DemoPlant {
    mutating func machining() throws {
        try section("Machining sub-assemblies")
        try machine(
            "WO-SHAFT-1", "SHAFT-S", "10", material: "steel1-a", kilograms: "12", on: "LATHE-3", tool: "T-17", by: "JDOE", output: "shaft1",
            heatTreat: true)
        try machine(
            "WO-SHAFT-2", "SHAFT-S", "10", material: "steel3", kilograms: "12", on: "LATHE-3", tool: "T-17", by: "JDOE", output: "shaft2",
            heatTreat: true)
        try machine("WO-HOUSING-1", "HOUSING-H", "10", material: "alu1", kilograms: "8", on: "MILL-2", tool: "T-22", by: "MSMITH", output: "housing1")
        try machine(
            "WO-HOUSING-2", "HOUSING-H", "6", material: "alu1", kilograms: "4.8", on: "MILL-2", tool: "T-22", by: "MSMITH", output: "housing2")
        try machine("WO-BODY-1", "BODY-V", "20", material: "alu1", kilograms: "6", on: "MILL-2", tool: "T-23", by: "MSMITH", output: "body1")
        try note("An overdue gauge and an unqualified operator are refused:")
        try workOrder("WO-SHAFT-3", "SHAFT-S", "5")
        let order = lot("WO-SHAFT-3")
        try record(IssueMaterial(lot: lot("steel1-b"), quantity: "6", workOrder: order))
        try refuse(StartOperation(workOrder: order, seq: 10, equipment: "LATHE-3", tool: "GAUGE-OLD", operatorCode: "JDOE"))
        try refuse(StartOperation(workOrder: order, seq: 10, equipment: "LATHE-3", tool: "T-17", operatorCode: "TEMP1"))
    }

    /// One machining order: issue, turn or mill, (heat treat), produce a single lot of parts.
    private mutating func machine(
        _ role: String, _ item: String, _ quantity: String, material: String, kilograms: String, on equipment: String, tool: String,
        by person: String, output: String, heatTreat: Bool = false
    ) throws {
        try workOrder(role, item, quantity)
        let order = lot(role)
        try record(IssueMaterial(lot: lot(material), quantity: kilograms, workOrder: order))
        try record(StartOperation(workOrder: order, seq: 10, equipment: equipment, tool: tool, operatorCode: person))
        try record(ConsumeMaterial(workOrder: order, seq: 10, lot: lot(material), quantity: kilograms))
        try record(RecordOperation(workOrder: order, seq: 10, parameters: ["spindle=1800rpm"], inspections: ["OD=24.99mm"], passed: true))
        try record(CompleteOperation(workOrder: order, seq: 10, good: quantity))
        if heatTreat {
            try record(StartOperation(workOrder: order, seq: 20, equipment: nil, operatorCode: person, processor: "HEATCO"))
            try record(
                RecordOperation(
                    workOrder: order, seq: 20, parameters: ["temperature=845C", "soak=2h"], inspections: ["hardness=52HRC"], passed: true))
            try record(CompleteOperation(workOrder: order, seq: 20, good: quantity, certificate: "HT-\(order)"))
        }
        try produce(order, quantity, location: "LINE-1", roles: [output])
        try record(ChangeWorkOrderStatus(number: order, to: .closed))
    }

    /// Produces output and remembers its lots under role names, in order.
    private mutating func produce(
        _ order: String, _ quantity: String, serials: [String] = [], shift: String? = nil, location: String, roles: [String] = []
    ) throws {
        var command = Produce(workOrder: order, quantity: quantity, serials: serials)
        command.shift = shift
        command.location = location
        let produced = try record(command)
        for (role, output) in zip(roles, produced.outputs) { remember(role, output.lot.rawValue) }
    }

    mutating func assembly() throws {
        try section("Assembly: pumps by serial number, valves by lot")
        try assemble(
            "WO-PUMP-1",
            units: [
                ("SN-000001", "shaft1", "housing1"), ("SN-000002", "shaft1", "housing1"), ("SN-000003", "shaft1", "housing1"),
                ("SN-000004", "shaft1", "housing1"),
            ])
        try assemble(
            "WO-PUMP-2",
            units: [
                ("SN-000005", "shaft2", "housing1"), ("SN-000006", "shaft2", "housing1"), ("SN-000007", "shaft2", "housing1"),
                ("SN-000008", "shaft2", "housing1"),
            ])
        try assemble(
            "WO-PUMP-3", units: [("SN-000009", "shaft1", "housing2"), ("SN-000010", "shaft1", "housing2"), ("SN-000011", "shaft2", "housing2")])
        try valves("WO-VALVE-1", outputs: [("valve1", "10", "A")])
        try note("Two valve lots from one order, consumption not tied to either: the trace links by production window, never 'exact':")
        try valves("WO-VALVE-2", outputs: [("valve2a", "5", "B"), ("valve2b", "5", "B")])
        try workOrder("WO-PUMP-4", "PUMP-P100", "2", release: false)
    }

    /// Ten valves on one order: bodies, bolts and epoxy issued and consumed at the bench, then the output lots.
    private mutating func valves(_ role: String, outputs: [(role: String, quantity: String, shift: String)]) throws {
        try workOrder(role, "VALVE-V20", "10")
        let order = lot(role)
        let materials = [("body1", "10"), ("bolts", "20"), ("epoxy", "0.1")]
        for (material, quantity) in materials { try record(IssueMaterial(lot: lot(material), quantity: quantity, workOrder: order)) }
        try record(StartOperation(workOrder: order, seq: 10, equipment: "BENCH-2", tool: "TORQUE-5", operatorCode: "KLEE"))
        for (material, quantity) in materials {
            try record(ConsumeMaterial(workOrder: order, seq: 10, lot: lot(material), quantity: quantity))
        }
        for output in outputs {
            try produce(order, output.quantity, shift: output.shift, location: "FG", roles: [output.role])
        }
        try record(CompleteOperation(workOrder: order, seq: 10, good: "10"))
    }

    /// One pump order: each serial gets its own shaft, housing, two bearings and four bolts, consumed into it by name.
    private mutating func assemble(_ role: String, units: [(serial: String, shaft: String, housing: String)]) throws {
        try workOrder(role, "PUMP-P100", String(units.count))
        let order = lot(role)
        for source in Set(units.map(\.shaft)).sorted() {
            try record(IssueMaterial(lot: lot(source), quantity: String(units.filter { $0.shaft == source }.count), workOrder: order))
        }
        for source in Set(units.map(\.housing)).sorted() {
            try record(IssueMaterial(lot: lot(source), quantity: String(units.filter { $0.housing == source }.count), workOrder: order))
        }
        try record(IssueMaterial(lot: lot("bearings"), quantity: String(units.count * 2), workOrder: order))
        try record(IssueMaterial(lot: lot("bolts"), quantity: String(units.count * 4), workOrder: order))
        try record(StartOperation(workOrder: order, seq: 10, equipment: "BENCH-1", tool: "TORQUE-5", operatorCode: "KLEE"))
        try produce(order, String(units.count), serials: units.map(\.serial), shift: "A", location: "FG")
        for unit in units {
            for (source, quantity) in [(unit.shaft, "1"), (unit.housing, "1"), ("bearings", "2"), ("bolts", "4")] {
                try record(ConsumeMaterial(workOrder: order, seq: 10, lot: lot(source), quantity: quantity, into: unit.serial))
            }
        }
        // Serials exist before they are assembled, so each unit's record names it: a record naming no unit belongs only to
        // what the order makes after it.
        for unit in units {
            var torque = RecordOperation(workOrder: order, seq: 10, parameters: ["torque=22Nm"])
            torque.units = [unit.serial]
            try record(torque)
        }
        try record(CompleteOperation(workOrder: order, seq: 10, good: String(units.count)))
        try record(StartOperation(workOrder: order, seq: 20, equipment: "TESTRIG-1", operatorCode: "KLEE"))
        for unit in units {
            var leak = RecordOperation(workOrder: order, seq: 20, parameters: ["pressure=16bar"], inspections: ["leak=0.2ml/min"], passed: true)
            leak.units = [unit.serial]
            try record(leak)
        }
        try record(CompleteOperation(workOrder: order, seq: 20, good: String(units.count)))
        try record(ChangeWorkOrderStatus(number: order, to: .closed))
    }

    mutating func shipping() throws {
        try section("Shipping, a return, a hold")
        try record(Ship(customer: "ACME-AERO", order: "SO-1001", serials: ["SN-000001", "SN-000002", "SN-000005"]))
        let beta = try record(Ship(customer: "BETA-MOTORS", order: "SO-2001", serials: ["SN-000003", "SN-000009"]))
        try record(Ship(customer: "GAMMA-MARINE", order: "SO-3001", lots: ["\(lot("valve1")):6", lot("valve2a")]))
        try record(ReturnShipment(shipment: beta.shipment.rawValue, lot: "SN-000003", quantity: "1", reason: "CUSTOMER-RETURN"))
        try record(ChangeLotStatus(lot: lot("steel2"), action: .hold, reason: "SUPPLIER-NCR", note: "Northstar NCR-1043 on heat H-2231"))
    }
}
