import ArgumentParser
import Foundation
import LotlineCore
import LotlineStore

/// Builds a small sample plant by running real `lotline` commands, printing each one and what it answered.
struct Demo: StoreCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a sample plant (items, suppliers, receipts, an inspection, a split, a hold) and show what to try next.")
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let store = try context.store()
        let existing = try store.eventCount()
        var script = DemoScript(context: context)
        if existing > 0 {
            script.say("\(context.databasePath) already holds \(existing) events; the demo adds nothing to an existing database.")
            script.say("Use `lotline demo --db demo2.sqlite` for a fresh sample. What is in this one:\n")
            try script.run(["lot", "list"])
        } else {
            try script.build()
        }
        try script.run(["audit", "verify"])
        script.tryNext()
        let lots = Dictionary(script.lots.map { ($0.role, $0.value) }, uniquingKeysWith: { first, _ in first })
        return CLIOutput(text: script.transcript, json: DemoView(database: context.databasePath, lots: lots))
    }

    struct DemoView: Encodable {
        var database: String
        var lots: [String: String]
    }
}

/// The demo's steps and the transcript they leave.
struct DemoScript {
    let context: CLIContext
    var transcript = ""
    /// Lots the demo made, by role, for the suggestions at the end.
    var lots: [(role: String, value: String)] = []

    init(context: CLIContext) { self.context = context }

    mutating func say(_ line: String) { transcript += line + "\n" }

    func lot(_ role: String) -> String { lots.first { $0.role == role }?.value ?? role }

    /// Runs one command as a user would type it; a refusal is printed, not thrown, when `expectRefusal` is set.
    @discardableResult
    mutating func run(_ arguments: [String], expectRefusal: Bool = false) throws -> [String: Any] {
        transcript += "$ lotline " + arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") + "\n"
        let command = try Lotline.parseAsRoot(arguments + passthrough) as! any StoreCommand
        do {
            let output = try command.execute(context)
            transcript += output.text + "\n"
            return (try? JSONSerialization.jsonObject(with: Data(output.jsonText.utf8))) as? [String: Any] ?? [:]
        } catch let error as LotlineError where expectRefusal {
            transcript += error.description + "\n\n"
            return [:]
        }
    }

    /// Receives and remembers the new lot under a role name.
    mutating func receive(_ role: String, _ arguments: [String]) throws {
        let json = try run(["receive"] + arguments)
        let number = ((json["lots"] as? [[String: Any]])?.first?["number"] as? String) ?? ""
        lots.append((role, number))
    }

    private var passthrough: [String] {
        var options: [String] = []
        if let db = context.global.db { options += ["--db", db] }
        if let user = context.global.user { options += ["--as", user] }
        return options
    }

    private func daysAgo(_ days: Int, hour: Int) -> String {
        let moment = BusinessTime(date: context.now.addingTimeInterval(Double(-days * 86_400)), timeZone: context.timeZone)
        return "\(moment.day)T\(String(format: "%02d", hour)):15"
    }

    mutating func build() throws {
        say("Building a sample plant in \(context.databasePath)\n")
        for (code, description) in [
            ("QC-HOLD", "Quality hold pending investigation"), ("SUPPLIER-NCR", "Supplier nonconformance"), ("CYCLE-COUNT", "Cycle count"),
            ("DAMAGE", "Damaged in handling"),
        ] { try run(["reason", "add", code, "--description", description]) }
        for (code, description) in [
            ("RCV", "Receiving dock"), ("QC-CAGE", "Quarantine cage"), ("RACK-A1", "Raw stock rack A1"), ("LINE-1", "Line 1 lineside"),
        ] {
            try run(["location", "add", code, "--description", description])
        }
        try run(["item", "add", "ST-4140", "--description", "4140 steel bar 50 mm", "--uom", "kg", "--inspect"])
        try run(["item", "add", "AL-6061", "--description", "6061-T6 aluminium sheet", "--uom", "kg", "--inspect"])
        try run(["item", "add", "EPOXY-A", "--description", "Structural epoxy, part A", "--uom", "kg", "--shelf-life", "180"])
        try run(["item", "add", "BOLT-M8", "--description", "M8x30 bolt, grade 10.9", "--uom", "ea"])
        try run(["supplier", "add", "NORTHSTAR", "--name", "Northstar Steel", "--approved"])
        try run(["supplier", "add", "ALUCO", "--name", "AluCo Rolling", "--approved"])
        try run(["supplier", "add", "CHEMCO", "--name", "ChemCo Adhesives", "--approved"])
        try run(["supplier", "add", "GREYMARKET", "--name", "Grey Market Metals"])
        try run(["customer", "add", "ACME-AERO", "--name", "Acme Aerospace"])
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
                "--cert", "MTR-88977", "--location", "QC-CAGE", "--received-at", daysAgo(1, hour: 14),
            ])
        try receive(
            "alu",
            [
                "AL-6061", "400", "--supplier", "ALUCO", "--supplier-lot", "AC/24/0915", "--cert", "COC-0915", "--location", "QC-CAGE",
                "--received-at", daysAgo(5, hour: 10),
            ])
        try receive(
            "epoxy",
            [
                "EPOXY-A", "40kg", "--supplier", "CHEMCO", "--supplier-lot", "B-2211-A", "--location", "RACK-A1",
                "--received-at", daysAgo(4, hour: 11),
            ])
        try receive(
            "bolts",
            [
                "BOLT-M8", "5000", "--supplier", "NORTHSTAR", "--supplier-lot", "F-3310", "--location", "RACK-A1",
                "--received-at", daysAgo(4, hour: 11),
            ])
        say("Receiving from an unapproved supplier is refused and writes nothing:")
        try run(["receive", "AL-6061", "100", "--supplier", "GREYMARKET", "--supplier-lot", "X1"], expectRefusal: true)
        try run(["inspect", lot("steel1"), "--pass", "--result", "hardness=31HRC", "--result", "UTS=980MPa", "--note", "MTR matches"])
        try run(["inspect", lot("steel2"), "--pass", "--result", "hardness=32HRC"])
        try run(["inspect", lot("alu"), "--fail", "--result", "thickness=2.71mm", "--note", "out of tolerance 3.0 +/- 0.1"])
        try run(["lot", "move", lot("steel1"), "--to", "RACK-A1"])
        try run(["lot", "split", lot("steel1"), "--qty", "250", "--qty", "250"])
        try run(["lot", "move", "\(lot("steel1"))-01", "--to", "LINE-1"])
        try run(["lot", "hold", lot("steel2"), "--reason", "SUPPLIER-NCR", "--note", "Northstar NCR-1043 on heat H-2231"])
        try run(["lot", "adjust", lot("bolts"), "--qty", "4985", "--reason", "CYCLE-COUNT"])
        try run(["lot", "list"])
    }

    mutating func tryNext() {
        let db = context.global.db.map { " --db \($0)" } ?? ""
        say("Try next:")
        for line in [
            "lotline lot show \(lot("steel1"))\(db)", "lotline history \(lot("steel2"))\(db)",
            "lotline lot list --supplier-lot h2231\(db)          # supplier lot or heat, any case or dashes",
            "lotline lot release \(lot("steel2")) --reason QC-HOLD --note 'NCR closed'\(db)",
            "lotline lot merge \(lot("steel1"))-02 \(lot("steel1"))-01\(db)", "lotline inspect \(lot("steel3")) --pass\(db)",
            "lotline audit verify\(db)",
        ] { say("  " + line) }
    }
}
