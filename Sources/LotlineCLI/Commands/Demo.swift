import ArgumentParser
import Foundation
import LotlineCore
import LotlineStore

/// Builds a small sample plant by running real `lotline` commands, printing each one and what it answered.
struct Demo: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a sample plant (receipts, inspections, work orders, serials, shipments, a bad heat) and show what to try next.")
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let store = try context.store()
        let existing = try store.eventCount()
        var script = DemoScript(context: context)
        if existing > 0 {
            script.say("\(context.databasePath) already holds \(existing) events; the demo adds nothing to an existing database.")
            script.say("Use `lotline demo --db demo2.sqlite` for a fresh sample. What is in this one:\n")
            try script.run(["lot", "list"])
            try script.run(["audit", "verify"])
            // The demo's suggestions name its own lots and heat; this database has others.
            script.say("Try: `lotline trace forward LOT`, `lotline recall list`, `lotline lot list --status on_hold` on the lots above.")
        } else {
            try script.build()
            try script.run(["audit", "verify"])
            script.tryNext()
        }
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
        guard let command = try Lotline.parseAsRoot(arguments + passthrough) as? any StoreCommand else {
            throw LotlineError(.internal, "demo-step-invalid", "the demo step '\(arguments.joined(separator: " "))' is not a command")
        }
        do {
            let output = try command.execute(context)
            transcript += output.text + "\n"
            return (try? JSONSerialization.jsonObject(with: Data(output.jsonText.utf8))) as? [String: Any] ?? [:]
        } catch let error as LotlineError where expectRefusal {
            transcript += error.rendered(remedy: \.rendered) + "\n\n"
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

    func daysAgo(_ days: Int, hour: Int) -> String {
        let moment = BusinessTime(date: context.now.addingTimeInterval(Double(-days * 86_400)), timeZone: context.timeZone)
        return "\(moment.day)T\(String(format: "%02d", hour)):15"
    }

    mutating func tryNext() {
        let db = context.global.db.map { " --db \($0)" } ?? ""
        say("Heat H-2231 from Northstar turns out bad. Try next:")
        for line in [
            "lotline trace forward H-2231\(db)                    # every lot, serial, job and customer it reached",
            "lotline trace backward SN-000009\(db)                # what is inside one pump, down to heats and machines",
            "lotline trace where --equipment LATHE-3\(db)         # what that lathe made",
            "lotline recall drill H-2231\(db)                     # mock recall: timed, no holds",
            "lotline recall start H-2231 --reason 'Northstar NCR-1043: heat H-2231 below spec'\(db)",
            "lotline recall report RC\(String(format: "%02d", context.today.year % 100))-0001 --format csv\(db)",
            "lotline lot show \(lot("steel1"))\(db)", "lotline history \(lot("steel2"))\(db)", "lotline audit verify\(db)",
        ] { say("  " + line) }
    }
}
