import Foundation
import LotlineCore

/// The sample plant: pumps and valves made from steel, aluminium and bought parts, one heat of steel that turns out bad.
extension DemoScript {
    mutating func build() throws {
        say("Building a sample plant in \(context.databasePath)\n")
        try masterData()
        try receiving()
        try machining()
        try assembly()
        try shipping()
        try run(["lot", "list", "--status", "on_hold"])
        try run(["wo", "list"])
    }

    /// Remembers the lots a command made under role names, in order.
    mutating func remember(_ roles: [String], from json: [String: Any]) {
        let numbers = (json["lots"] as? [[String: Any]])?.compactMap { $0["number"] as? String } ?? []
        for (role, number) in zip(roles, numbers) { lots.append((role, number)) }
    }

    /// Creates and releases a work order, remembering its number.
    mutating func workOrder(_ role: String, _ item: String, _ quantity: String, release: Bool = true) throws {
        let json = try run(["wo", "create", item, quantity])
        let number = ((json["order"] as? [String: Any])?["number"] as? String) ?? ""
        lots.append((role, number))
        if release { try run(["wo", "release", number]) }
    }

    private mutating func masterData() throws {
        say("== Master data ==\n")
        for (code, name) in [
            ("QC-HOLD", "Quality hold pending investigation"), ("SUPPLIER-NCR", "Supplier nonconformance"), ("CYCLE-COUNT", "Cycle count"),
            ("DAMAGE", "Damaged in handling"), ("CUSTOMER-RETURN", "Returned by customer"),
        ] { try run(["reason", "add", code, "--description", name]) }
        for (code, name) in [
            ("RCV", "Receiving dock"), ("QC-CAGE", "Quarantine cage"), ("RACK-A1", "Raw stock rack A1"), ("LINE-1", "Line 1 lineside"),
            ("FG", "Finished goods"),
        ] {
            try run(["location", "add", code, "--description", name])
        }
        try run(["item", "add", "ST-4140", "--description", "4140 steel bar 50 mm", "--uom", "kg", "--inspect"])
        try run(["item", "add", "AL-6061", "--description", "6061-T6 aluminium plate", "--uom", "kg", "--inspect"])
        try run(["item", "add", "EPOXY-A", "--description", "Structural epoxy, part A", "--uom", "kg", "--shelf-life", "180"])
        try run(["item", "add", "BOLT-M8", "--description", "M8x30 bolt, grade 10.9", "--uom", "ea"])
        try run(["item", "add", "BRG-6204", "--description", "Deep groove ball bearing 6204", "--uom", "ea"])
        try run(["item", "add", "SHAFT-S", "--description", "Pump shaft, machined and hardened", "--uom", "ea"])
        try run(["item", "add", "HOUSING-H", "--description", "Pump housing, machined", "--uom", "ea"])
        try run(["item", "add", "BODY-V", "--description", "Valve body, machined", "--uom", "ea"])
        try run(["item", "add", "PUMP-P100", "--description", "Centrifugal pump P100", "--uom", "ea", "--tracking", "serial"])
        try run(["item", "add", "VALVE-V20", "--description", "Ball valve V20", "--uom", "ea"])
        for (item, component, quantity) in [
            ("SHAFT-S", "ST-4140", "1.2"), ("HOUSING-H", "AL-6061", "0.8"), ("BODY-V", "AL-6061", "0.3"), ("PUMP-P100", "SHAFT-S", "1"),
            ("PUMP-P100", "HOUSING-H", "1"), ("PUMP-P100", "BRG-6204", "2"), ("PUMP-P100", "BOLT-M8", "4"), ("VALVE-V20", "BODY-V", "1"),
            ("VALVE-V20", "BOLT-M8", "2"), ("VALVE-V20", "EPOXY-A", "0.01"),
        ] { try run(["bom", "add", item, component, quantity]) }
        try run(["routing", "add", "SHAFT-S", "10", "--name", "Turn", "--work-center", "LATHES", "--requires", "TURNING"])
        try run(["routing", "add", "SHAFT-S", "20", "--name", "Heat treat", "--work-center", "OUTSIDE", "--special-process", "HEAT-TREAT"])
        try run(["routing", "add", "HOUSING-H", "10", "--name", "Mill", "--work-center", "MILLS", "--requires", "MILLING"])
        try run(["routing", "add", "BODY-V", "10", "--name", "Mill", "--work-center", "MILLS", "--requires", "MILLING"])
        try run(["routing", "add", "PUMP-P100", "10", "--name", "Assemble", "--work-center", "ASSEMBLY", "--requires", "ASSEMBLY"])
        try run(["routing", "add", "PUMP-P100", "20", "--name", "Leak test", "--work-center", "TEST"])
        try run(["routing", "add", "VALVE-V20", "10", "--name", "Assemble", "--work-center", "ASSEMBLY"])
        for (code, name) in [
            ("LATHE-3", "Okuma LB3000 lathe"), ("MILL-2", "Haas VF-2 mill"), ("BENCH-1", "Assembly bench 1"), ("BENCH-2", "Assembly bench 2"),
            ("TESTRIG-1", "Leak test rig"),
        ] {
            try run(["equipment", "add", code, "--name", name])
        }
        let nextYear = context.today.adding(days: 200).description
        for (code, name) in [
            ("T-17", "Turning insert holder"), ("T-22", "Face mill 63 mm"), ("T-23", "End mill 12 mm"), ("TORQUE-5", "Torque wrench 5-25 Nm"),
        ] {
            try run(["tool", "add", code, "--name", name, "--calibrated-until", nextYear])
        }
        try run(["tool", "add", "GAUGE-OLD", "--name", "Bore gauge (overdue)", "--calibrated-until", context.today.adding(days: -30).description])
        for (code, name, qualification) in [("JDOE", "Jane Doe", "TURNING"), ("MSMITH", "Mo Smith", "MILLING"), ("KLEE", "Kim Lee", "ASSEMBLY")] {
            try run(["operator", "add", code, "--name", name])
            try run(["operator", "qualify", code, qualification, "--until", nextYear])
        }
        try run(["operator", "add", "TEMP1", "--name", "Agency temp"])
        for (code, name, approved) in [
            ("NORTHSTAR", "Northstar Steel", true), ("ALUCO", "AluCo Rolling", true), ("CHEMCO", "ChemCo Adhesives", true),
            ("FASTCO", "FastCo Fasteners", true), ("BEARCO", "BearCo Distribution", true), ("HEATCO", "HeatCo Thermal", true),
            ("GREYMARKET", "Grey Market Metals", false),
        ] { try run(["supplier", "add", code, "--name", name] + (approved ? ["--approved"] : [])) }
        try run(["supplier", "accredit", "HEATCO", "--process", "HEAT-TREAT", "--cert", "NADCAP-HT-55102", "--until", nextYear])
        for (code, name) in [("ACME-AERO", "Acme Aerospace"), ("BETA-MOTORS", "Beta Motors"), ("GAMMA-MARINE", "Gamma Marine")] {
            try run(["customer", "add", code, "--name", name])
        }
    }

    private mutating func receiving() throws {
        say("== Receiving and incoming inspection ==\n")
        try receive(
            "steel1",
            [
                "ST-4140", "1200kg", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-88412", "--heat", "H-2231",
                "--cert", "MTR-88412", "--po", "PO-7001", "--location", "QC-CAGE", "--received-at", daysAgo(6, hour: 8),
            ])
        try receive(
            "steel2",
            [
                "ST-4140", "800kg", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-88412", "--heat", "H-2231",
                "--cert", "MTR-88412", "--po", "PO-7002", "--location", "QC-CAGE", "--received-at", daysAgo(3, hour: 9),
            ])
        try receive(
            "steel3",
            [
                "ST-4140", "950kg", "--supplier", "NORTHSTAR", "--supplier-lot", "NS-88977", "--heat", "H-2305",
                "--cert", "MTR-88977", "--location", "QC-CAGE", "--received-at", daysAgo(5, hour: 14),
            ])
        try receive(
            "alu1",
            [
                "AL-6061", "400", "--supplier", "ALUCO", "--supplier-lot", "AC/24/0915", "--heat", "A-7781", "--cert", "COC-0915",
                "--location", "QC-CAGE", "--received-at", daysAgo(5, hour: 10),
            ])
        try receive(
            "alu2",
            [
                "AL-6061", "300", "--supplier", "ALUCO", "--supplier-lot", "AC/24/0922", "--heat", "A-7790", "--cert", "COC-0922",
                "--location", "QC-CAGE", "--received-at", daysAgo(2, hour: 10),
            ])
        try receive(
            "epoxy",
            ["EPOXY-A", "40kg", "--supplier", "CHEMCO", "--supplier-lot", "B-2211-A", "--location", "RACK-A1", "--received-at", daysAgo(4, hour: 11)])
        try receive(
            "bolts",
            ["BOLT-M8", "5000", "--supplier", "FASTCO", "--supplier-lot", "F-3310", "--location", "RACK-A1", "--received-at", daysAgo(4, hour: 11)])
        try receive(
            "bearings",
            [
                "BRG-6204", "200", "--supplier", "BEARCO", "--supplier-lot", "SKF-24-118", "--location", "RACK-A1", "--received-at",
                daysAgo(4, hour: 12),
            ])
        say("Receiving from an unapproved supplier is refused and writes nothing:")
        try run(["receive", "AL-6061", "100", "--supplier", "GREYMARKET", "--supplier-lot", "X1"], expectRefusal: true)
        try run(["inspect", lot("steel1"), "--pass", "--result", "hardness=31HRC", "--result", "UTS=980MPa", "--note", "MTR matches"])
        try run(["inspect", lot("steel2"), "--pass", "--result", "hardness=32HRC"])
        try run(["inspect", lot("steel3"), "--pass", "--result", "hardness=30HRC"])
        try run(["inspect", lot("alu1"), "--pass", "--result", "thickness=3.02mm"])
        try run(["inspect", lot("alu2"), "--fail", "--result", "thickness=2.71mm", "--note", "out of tolerance 3.0 +/- 0.1"])
        try run(["lot", "move", lot("steel1"), "--to", "RACK-A1"])
        try remember(["steel1-a", "steel1-b"], from: run(["lot", "split", lot("steel1"), "--qty", "250", "--qty", "250"]).filtering(skip: 1))
        try run(["lot", "move", lot("steel1-a"), "--to", "LINE-1"])
        try run(["lot", "adjust", lot("bolts"), "--qty", "4985", "--reason", "CYCLE-COUNT"])
    }

    private mutating func machining() throws {
        say("== Machining sub-assemblies ==\n")
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
        say("An overdue gauge and an unqualified operator are refused:")
        try workOrder("WO-SHAFT-3", "SHAFT-S", "5")
        try run(["issue", lot("steel1-b"), "6", "--wo", lot("WO-SHAFT-3")])
        try run(["op", "start", lot("WO-SHAFT-3"), "10", "--equipment", "LATHE-3", "--tool", "GAUGE-OLD", "--operator", "JDOE"], expectRefusal: true)
        try run(["op", "start", lot("WO-SHAFT-3"), "10", "--equipment", "LATHE-3", "--tool", "T-17", "--operator", "TEMP1"], expectRefusal: true)
    }

    /// One machining order: issue, turn or mill, (heat treat), produce a single lot of parts.
    private mutating func machine(
        _ role: String, _ item: String, _ quantity: String, material: String, kilograms: String, on equipment: String, tool: String,
        by person: String,
        output: String, heatTreat: Bool = false
    ) throws {
        try workOrder(role, item, quantity)
        let order = lot(role)
        try run(["issue", lot(material), kilograms, "--wo", order])
        try run(["op", "start", order, "10", "--equipment", equipment, "--tool", tool, "--operator", person])
        try run(["op", "consume", order, "10", lot(material), kilograms])
        try run(["op", "record", order, "10", "--param", "spindle=1800rpm", "--inspect", "OD=24.99mm", "--pass"])
        try run(["op", "complete", order, "10", "--good", quantity])
        if heatTreat {
            try run(["op", "start", order, "20", "--operator", person, "--processor", "HEATCO"])
            try run(["op", "record", order, "20", "--param", "temperature=845C", "--param", "soak=2h", "--inspect", "hardness=52HRC", "--pass"])
            try run(["op", "complete", order, "20", "--good", quantity, "--cert", "HT-\(order)"])
        }
        try remember([output], from: run(["produce", order, quantity, "--location", "LINE-1"]))
        try run(["wo", "close", order])
    }

    private mutating func assembly() throws {
        say("== Assembly: pumps by serial number, valves by lot ==\n")
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
        try workOrder("WO-VALVE-1", "VALVE-V20", "10")
        let valve1 = lot("WO-VALVE-1")
        for (material, quantity) in [("body1", "10"), ("bolts", "20"), ("epoxy", "0.1")] {
            try run(["issue", lot(material), quantity, "--wo", valve1])
        }
        try run(["op", "start", valve1, "10", "--equipment", "BENCH-2", "--tool", "TORQUE-5", "--operator", "KLEE"])
        for (material, quantity) in [("body1", "10"), ("bolts", "20"), ("epoxy", "0.1")] {
            try run(["op", "consume", valve1, "10", lot(material), quantity])
        }
        try remember(["valve1"], from: run(["produce", valve1, "10", "--shift", "A", "--location", "FG"]))
        try run(["op", "complete", valve1, "10", "--good", "10"])
        say("Two valve lots from one order, consumption not tied to either: the trace links by production window, never 'exact':")
        try workOrder("WO-VALVE-2", "VALVE-V20", "10")
        let valve2 = lot("WO-VALVE-2")
        for (material, quantity) in [("body1", "10"), ("bolts", "20"), ("epoxy", "0.1")] {
            try run(["issue", lot(material), quantity, "--wo", valve2])
        }
        try run(["op", "start", valve2, "10", "--equipment", "BENCH-2", "--tool", "TORQUE-5", "--operator", "KLEE"])
        for (material, quantity) in [("body1", "10"), ("bolts", "20"), ("epoxy", "0.1")] {
            try run(["op", "consume", valve2, "10", lot(material), quantity])
        }
        try remember(["valve2a"], from: run(["produce", valve2, "5", "--shift", "B", "--location", "FG"]))
        try remember(["valve2b"], from: run(["produce", valve2, "5", "--shift", "B", "--location", "FG"]))
        try run(["op", "complete", valve2, "10", "--good", "10"])
        try workOrder("WO-PUMP-4", "PUMP-P100", "2", release: false)
    }

    /// One pump order: each serial gets its own shaft, housing, two bearings and four bolts, consumed into it by name.
    private mutating func assemble(_ role: String, units: [(serial: String, shaft: String, housing: String)]) throws {
        try workOrder(role, "PUMP-P100", String(units.count))
        let order = lot(role)
        for (material, count) in [("shaft", 1), ("housing", 1)] {
            for source in Set(units.map { material == "shaft" ? $0.shaft : $0.housing }).sorted() {
                let used = units.filter { (material == "shaft" ? $0.shaft : $0.housing) == source }.count * count
                try run(["issue", lot(source), String(used), "--wo", order])
            }
        }
        try run(["issue", lot("bearings"), String(units.count * 2), "--wo", order])
        try run(["issue", lot("bolts"), String(units.count * 4), "--wo", order])
        try run(["op", "start", order, "10", "--equipment", "BENCH-1", "--tool", "TORQUE-5", "--operator", "KLEE"])
        try run(["produce", order, String(units.count), "--serials", units.map(\.serial).joined(separator: ","), "--shift", "A", "--location", "FG"])
        for unit in units {
            for (source, quantity) in [(unit.shaft, "1"), (unit.housing, "1"), ("bearings", "2"), ("bolts", "4")] {
                try run(["op", "consume", order, "10", lot(source), quantity, "--into", unit.serial])
            }
        }
        // Serials exist before they are assembled, so each unit's record names it: a record naming no unit belongs only to
        // what the order makes after it.
        for unit in units { try run(["op", "record", order, "10", "--param", "torque=22Nm", "--unit", unit.serial]) }
        try run(["op", "complete", order, "10", "--good", String(units.count)])
        try run(["op", "start", order, "20", "--equipment", "TESTRIG-1", "--operator", "KLEE"])
        for unit in units {
            try run(["op", "record", order, "20", "--param", "pressure=16bar", "--inspect", "leak=0.2ml/min", "--pass", "--unit", unit.serial])
        }
        try run(["op", "complete", order, "20", "--good", String(units.count)])
        try run(["wo", "close", order])
    }

    private mutating func shipping() throws {
        say("== Shipping, a return, a hold ==\n")
        try run(["ship", "--customer", "ACME-AERO", "--order", "SO-1001", "--serial", "SN-000001", "--serial", "SN-000002", "--serial", "SN-000005"])
        try run(["ship", "--customer", "BETA-MOTORS", "--order", "SO-2001", "--serial", "SN-000003", "--serial", "SN-000009"])
        try run(["ship", "--customer", "GAMMA-MARINE", "--order", "SO-3001", "\(lot("valve1")):6", lot("valve2a")])
        let shipment = "SH\(String(format: "%02d%03d", context.today.year % 100, context.today.ordinal))-002"
        try run(["return", shipment, "SN-000003", "1", "--reason", "CUSTOMER-RETURN"])
        try run(["lot", "hold", lot("steel2"), "--reason", "SUPPLIER-NCR", "--note", "Northstar NCR-1043 on heat H-2231"])
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The same JSON with the first `skip` lots dropped (a split lists its parent first).
    func filtering(skip: Int) -> [String: Any] {
        var copy = self
        if let lots = self["lots"] as? [[String: Any]] { copy["lots"] = Array(lots.dropFirst(skip)) }
        return copy
    }
}
