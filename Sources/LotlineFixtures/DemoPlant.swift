import Foundation
import LotlineCore

/// The sample plant: pumps and valves made from steel, aluminium and bought parts, one heat of steel (H-2231) that turns
/// out bad. Built from command values on any backend, so the CLI's `demo`, the server's demo and the tests share one plant;
/// each interface shows the steps its own way (`observe`).
public struct DemoPlant {
    /// What the build did, in order.
    public enum Step {
        /// A heading for the part of the plant that follows.
        case section(String)
        /// A line of explanation before the steps it explains.
        case note(String)
        /// A command that was carried out, and the events the ledger now holds for it.
        case recorded(any LotlineCommand, [LedgerEvent])
        /// A command the rules refused, as the demo means them to (it wrote nothing).
        case refused(any LotlineCommand, LotlineError)
    }

    let backend: any CommandWriting
    let actor: String
    let now: Date
    let timeZone: TimeZone
    let observe: (Step) throws -> Void
    /// Lots, serial-less outputs and work orders the demo made, by role ("steel1", "WO-PUMP-1"), in the order made.
    public private(set) var roles: [(role: String, value: String)] = []

    /// Builds the plant into an empty ledger; `observe` sees every step as it happens.
    public static func build(
        on backend: any CommandWriting, actor: String, now: Date, timeZone: TimeZone, observe: @escaping (Step) throws -> Void = { _ in }
    ) throws -> DemoPlant {
        var plant = DemoPlant(backend: backend, actor: actor, now: now, timeZone: timeZone, observe: observe)
        try plant.masterData()
        try plant.receiving()
        try plant.machining()
        try plant.assembly()
        try plant.shipping()
        return plant
    }

    /// The value a role was given (first one wins), or nil if the demo made nothing under that name.
    public func role(_ name: String) -> String? { roles.first { $0.role == name }?.value }

    func lot(_ name: String) -> String { role(name) ?? name }

    var today: CalendarDate { BusinessTime(date: now, timeZone: timeZone).day }

    /// A business time `days` before now, at `hour`:15 local.
    func daysAgo(_ days: Int, hour: Int) -> String {
        let moment = BusinessTime(date: now.addingTimeInterval(Double(-days * 86_400)), timeZone: timeZone)
        return "\(moment.day)T\(String(format: "%02d", hour)):15"
    }

    /// Carries out one command; a refusal stops the build (the demo's data is meant to pass every rule).
    @discardableResult
    mutating func record<Command: LotlineCommand>(_ command: Command) throws -> Command.Outcome {
        let executed = try backend.execute(command, actor: actor, at: now, timeZone: timeZone)
        try observe(.recorded(command, executed.events))
        return executed.outcome
    }

    /// Gives a command the rules must refuse, to show the refusal; one they accept is a broken demo.
    mutating func refuse<Command: LotlineCommand>(_ command: Command) throws {
        do {
            _ = try backend.execute(command, actor: actor, at: now, timeZone: timeZone)
        } catch let error as LotlineError where error.kind != .internal && error.kind != .unavailable {
            try observe(.refused(command, error))
            return
        }
        throw LotlineError(.internal, "demo-step-accepted", "the demo meant '\(ImportFormat.encode(command))' to be refused, and it was accepted")
    }

    mutating func remember(_ role: String, _ value: String) { roles.append((role, value)) }

    mutating func section(_ title: String) throws { try observe(.section(title)) }

    mutating func note(_ text: String) throws { try observe(.note(text)) }

    /// Creates and (by default) releases a work order, remembering its number.
    mutating func workOrder(_ role: String, _ item: String, _ quantity: String, release: Bool = true) throws {
        let number = try record(CreateWorkOrder(item: item, quantity: quantity)).number.rawValue
        remember(role, number)
        if release { try record(ChangeWorkOrderStatus(number: number, to: .released)) }
    }

    /// The machines grouped into work centers, their shifts, and tomorrow morning's maintenance on the mill.
    private mutating func workCenters() throws {
        for (code, name, machines) in [
            ("LATHES", "Turning", ["LATHE-3"]), ("MILLS", "Milling", ["MILL-2"]), ("MILLS-5AX", "5-axis milling", ["MILL-5"]),
            ("ASSEMBLY", "Assembly", ["BENCH-1", "BENCH-2"]), ("TEST", "Leak test", ["TESTRIG-1"]),
        ] { try record(SetWorkCenter(code: code, name: name, machines: machines)) }
        for (center, shifts) in [
            ("LATHES", ["mon-fri 06:00-14:00", "mon-fri 14:00-22:00"]), ("MILLS", ["mon-fri 06:00-14:00", "mon-fri 14:00-22:00"]),
            ("ASSEMBLY", ["mon-fri 07:00-15:30"]), ("TEST", ["mon-fri 07:00-15:30"]),
        ] { try record(SetWorkCenterShifts(workCenter: center, shifts: shifts)) }
        let tomorrow = today.adding(days: 1)
        try record(
            RecordDowntime(
                workCenter: "MILLS", machine: "MILL-2", from: "\(tomorrow)T06:00", to: "\(tomorrow)T10:00", reason: "MAINTENANCE",
                note: "spindle bearing service"))
    }

    private mutating func masterData() throws {
        try section("Master data")
        for (code, name) in [
            ("QC-HOLD", "Quality hold pending investigation"), ("SUPPLIER-NCR", "Supplier nonconformance"), ("CYCLE-COUNT", "Cycle count"),
            ("DAMAGE", "Damaged in handling"), ("CUSTOMER-RETURN", "Returned by customer"),
            ("MAINTENANCE", "Planned maintenance"),
        ] { try record(AddNamedRecord<ReasonKind>(code: code, name: name)) }
        for (code, name) in [
            ("RCV", "Receiving dock"), ("QC-CAGE", "Quarantine cage"), ("RACK-A1", "Raw stock rack A1"), ("LINE-1", "Line 1 lineside"),
            ("FG", "Finished goods"),
        ] { try record(AddNamedRecord<LocationKind>(code: code, name: name)) }
        for (part, description, unit, inspect, shelfLife, serial) in [
            ("ST-4140", "4140 steel bar 50 mm", "kg", true, nil, false), ("AL-6061", "6061-T6 aluminium plate", "kg", true, nil, false),
            ("EPOXY-A", "Structural epoxy, part A", "kg", false, 180, false), ("BOLT-M8", "M8x30 bolt, grade 10.9", "ea", false, nil, false),
            ("BRG-6204", "Deep groove ball bearing 6204", "ea", false, nil, false),
            ("SHAFT-S", "Pump shaft, machined and hardened", "ea", false, nil, false),
            ("HOUSING-H", "Pump housing, machined", "ea", false, nil, false), ("BODY-V", "Valve body, machined", "ea", false, nil, false),
            ("PUMP-P100", "Centrifugal pump P100", "ea", false, nil, true), ("VALVE-V20", "Ball valve V20", "ea", false, nil, false),
        ] as [(String, String, String, Bool, Int?, Bool)] {
            var item = AddItem(part: part, description: description, unit: unit)
            item.inspectionRequired = inspect
            item.shelfLifeDays = shelfLife
            if serial { item.tracking = .serial }
            // GTINs under GS1's example company prefix 952: their labels carry GS1 data, and supplier labels scan.
            item.gtin = ["EPOXY-A": "09521234540014", "PUMP-P100": "09521234540021", "VALVE-V20": "09521234540038"][part]
            try record(item)
        }
        for (item, component, quantity) in [
            ("SHAFT-S", "ST-4140", "1.2"), ("HOUSING-H", "AL-6061", "0.8"), ("BODY-V", "AL-6061", "0.3"), ("PUMP-P100", "SHAFT-S", "1"),
            ("PUMP-P100", "HOUSING-H", "1"), ("PUMP-P100", "BRG-6204", "2"), ("PUMP-P100", "BOLT-M8", "4"), ("VALVE-V20", "BODY-V", "1"),
            ("VALVE-V20", "BOLT-M8", "2"), ("VALVE-V20", "EPOXY-A", "0.01"),
        ] { try record(SetBomLine(item: item, component: component, quantityPer: quantity)) }
        for (code, name) in [
            ("LATHE-3", "Okuma LB3000 lathe"), ("MILL-2", "Haas VF-2 mill"), ("BENCH-1", "Assembly bench 1"), ("BENCH-2", "Assembly bench 2"),
            ("TESTRIG-1", "Leak test rig"), ("MILL-5", "DMG Mori 5-axis mill"),
        ] { try record(AddNamedRecord<EquipmentKind>(code: code, name: name)) }
        try workCenters()
        // Setup minutes per order and run minutes per unit, for the schedule; the 5-axis mill can take the housings.
        for (item, seq, name, center, requires, special, setup, run, alternatives) in [
            ("SHAFT-S", 10, "Turn", "LATHES", "TURNING", nil, "30", "12", []),
            ("SHAFT-S", 20, "Heat treat", "OUTSIDE", nil, "HEAT-TREAT", "2880", "0", []),
            ("HOUSING-H", 10, "Mill", "MILLS", "MILLING", nil, "45", "20", ["MILLS-5AX"]),
            ("BODY-V", 10, "Mill", "MILLS", "MILLING", nil, "30", "8", []),
            ("PUMP-P100", 10, "Assemble", "ASSEMBLY", "ASSEMBLY", nil, "10", "25", []),
            ("PUMP-P100", 20, "Leak test", "TEST", nil, nil, "5", "6", []),
            ("VALVE-V20", 10, "Assemble", "ASSEMBLY", nil, nil, "10", "6", []),
        ] as [(String, Int, String, String, String?, String?, String, String, [String])] {
            var operation = SetRoutingOperation(
                item: item, seq: seq, name: name, workCenter: center, qualification: requires, specialProcess: special)
            operation.setup = setup
            operation.run = run
            operation.alternatives = alternatives.isEmpty ? nil : alternatives
            try record(operation)
        }
        let nextYear = today.adding(days: 200).description
        for (code, name) in [
            ("T-17", "Turning insert holder"), ("T-22", "Face mill 63 mm"), ("T-23", "End mill 12 mm"), ("TORQUE-5", "Torque wrench 5-25 Nm"),
        ] { try record(AddTool(code: code, name: name, calibratedUntil: nextYear)) }
        try record(AddTool(code: "GAUGE-OLD", name: "Bore gauge (overdue)", calibratedUntil: today.adding(days: -30).description))
        for (code, name, qualification) in [("JDOE", "Jane Doe", "TURNING"), ("MSMITH", "Mo Smith", "MILLING"), ("KLEE", "Kim Lee", "ASSEMBLY")] {
            try record(AddOperator(code: code, name: name))
            try record(QualifyOperator(code: code, qualification: qualification, until: nextYear))
        }
        try record(AddOperator(code: "TEMP1", name: "Agency temp"))
        for (code, name, approved) in [
            ("NORTHSTAR", "Northstar Steel", true), ("ALUCO", "AluCo Rolling", true), ("CHEMCO", "ChemCo Adhesives", true),
            ("FASTCO", "FastCo Fasteners", true), ("BEARCO", "BearCo Distribution", true), ("HEATCO", "HeatCo Thermal", true),
            ("GREYMARKET", "Grey Market Metals", false),
        ] { try record(AddSupplier(code: code, name: name, approved: approved)) }
        try record(AccreditSupplier(supplier: "HEATCO", process: "HEAT-TREAT", certificate: "NADCAP-HT-55102", until: nextYear))
        for (code, name) in [("ACME-AERO", "Acme Aerospace"), ("BETA-MOTORS", "Beta Motors"), ("GAMMA-MARINE", "Gamma Marine")] {
            try record(AddNamedRecord<CustomerKind>(code: code, name: name))
        }
    }

    /// Receives material and remembers the new lot under a role name.
    private mutating func receive(
        _ role: String, _ item: String, _ quantity: String, from supplier: String, lot supplierLot: String, heat: String? = nil,
        cert: String? = nil, po: String? = nil, at location: String, daysAgo days: Int, hour: Int
    ) throws {
        var command = Receive(item: item, quantity: quantity, supplier: supplier, supplierLot: supplierLot)
        command.heat = heat
        command.certificate = cert
        command.purchaseOrder = po
        command.location = location
        command.receivedAt = daysAgo(days, hour: hour)
        remember(role, try record(command).lot.rawValue)
    }

    private mutating func inspect(_ role: String, passed: Bool, _ results: [String], note: String? = nil) throws {
        try record(Inspect(lot: lot(role), passed: passed, results: results, note: note))
    }

    private mutating func receiving() throws {
        try section("Receiving and incoming inspection")
        try receive(
            "steel1", "ST-4140", "1200kg", from: "NORTHSTAR", lot: "NS-88412", heat: "H-2231", cert: "MTR-88412", po: "PO-7001", at: "QC-CAGE",
            daysAgo: 6, hour: 8)
        try receive(
            "steel2", "ST-4140", "800kg", from: "NORTHSTAR", lot: "NS-88412", heat: "H-2231", cert: "MTR-88412", po: "PO-7002", at: "QC-CAGE",
            daysAgo: 3, hour: 9)
        try receive(
            "steel3", "ST-4140", "950kg", from: "NORTHSTAR", lot: "NS-88977", heat: "H-2305", cert: "MTR-88977", at: "QC-CAGE", daysAgo: 5, hour: 14)
        try receive(
            "alu1", "AL-6061", "400", from: "ALUCO", lot: "AC/24/0915", heat: "A-7781", cert: "COC-0915", at: "QC-CAGE", daysAgo: 5, hour: 10)
        try receive(
            "alu2", "AL-6061", "300", from: "ALUCO", lot: "AC/24/0922", heat: "A-7790", cert: "COC-0922", at: "QC-CAGE", daysAgo: 2, hour: 10)
        try note("The epoxy comes with a GS1 label: scanning it fills the item (by its GTIN), supplier lot, expiry and weight.")
        let expires = BusinessTime(date: now, timeZone: timeZone).day.adding(days: 176)
        var epoxy = Receive(item: nil, quantity: nil, supplier: "CHEMCO", supplierLot: nil)
        epoxy.scan = [String(format: "(01)09521234540014(17)%02d%02d%02d(3100)000040(10)B-2211-A", expires.year % 100, expires.month, expires.day)]
        epoxy.location = "RACK-A1"
        epoxy.receivedAt = daysAgo(4, hour: 11)
        remember("epoxy", try record(epoxy).lot.rawValue)
        try receive("bolts", "BOLT-M8", "5000", from: "FASTCO", lot: "F-3310", at: "RACK-A1", daysAgo: 4, hour: 11)
        try receive("bearings", "BRG-6204", "200", from: "BEARCO", lot: "SKF-24-118", at: "RACK-A1", daysAgo: 4, hour: 12)
        try note("Receiving from an unapproved supplier is refused and writes nothing:")
        try refuse(Receive(item: "AL-6061", quantity: "100", supplier: "GREYMARKET", supplierLot: "X1"))
        try inspect("steel1", passed: true, ["hardness=31HRC", "UTS=980MPa"], note: "MTR matches")
        try inspect("steel2", passed: true, ["hardness=32HRC"])
        try inspect("steel3", passed: true, ["hardness=30HRC"])
        try inspect("alu1", passed: true, ["thickness=3.02mm"])
        try inspect("alu2", passed: false, ["thickness=2.71mm"], note: "out of tolerance 3.0 +/- 0.1")
        try record(MoveLot(lot: lot("steel1"), to: "RACK-A1"))
        let split = try record(SplitLot(lot: lot("steel1"), quantities: ["250", "250"]))
        for (role, child) in zip(["steel1-a", "steel1-b"], split.children) { remember(role, child.lot.rawValue) }
        try record(MoveLot(lot: lot("steel1-a"), to: "LINE-1"))
        try record(AdjustLot(lot: lot("bolts"), quantity: "4985", reason: "CYCLE-COUNT"))
    }
}
