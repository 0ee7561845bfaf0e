import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore
import LotlineFixtures

/// Builds the sample plant (`DemoPlant`, command values run on the store) and prints each step as the line a user would
/// type for it, with what it recorded.
struct Demo: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a sample plant (receipts, inspections, work orders, serials, shipments, a bad heat) and show what to try next.")
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let store = try context.backend()
        let existing = try store.eventCount()
        let transcript = Transcript(context: context)
        var roles: [String: String] = [:]
        if existing > 0 {
            transcript.say("\(context.databasePath) already holds \(existing) events; the demo adds nothing to an existing database.")
            transcript.say("Use `lotline demo --db demo2.sqlite` for a fresh sample. What is in this one:\n")
            try transcript.run(["lot", "list"])
            try transcript.run(["audit", "verify"])
            // The demo's suggestions name its own lots and heat; this database has others.
            transcript.say("Try: `lotline trace forward LOT`, `lotline recall list`, `lotline lot list --status on_hold` on the lots above.")
        } else {
            transcript.say("Building a sample plant in \(context.databasePath)\n")
            let plant = try DemoPlant.build(on: store, actor: context.actor, now: context.now, timeZone: context.timeZone) { step in
                try transcript.show(step, store: store)
            }
            roles = Dictionary(plant.roles.map { ($0.role, $0.value) }, uniquingKeysWith: { first, _ in first })
            try transcript.run(["lot", "list", "--status", "on_hold"])
            try transcript.run(["wo", "list"])
            try labels(plant, transcript, context)
            try transcript.run(["audit", "verify"])
            transcript.tryNext(plant)
        }
        return CLIOutput(text: transcript.text, json: DemoView(database: context.databasePath, lots: roles))
    }

    /// One label of each kind, SVG and ZPL, in a folder beside the database (`demo.sqlite`: `demo-labels/`).
    private func labels(_ plant: DemoPlant, _ transcript: Transcript, _ context: CLIContext) throws {
        let database = URL(fileURLWithPath: context.databasePath)
        let folder = database.deletingLastPathComponent().appendingPathComponent(database.deletingPathExtension().lastPathComponent + "-labels")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        transcript.say("Labels, one of each kind, in \(folder.path):")
        for (role, symbology) in [("SN-000001", "gs1-128"), ("valve1", "datamatrix"), ("epoxy", "qr")] {
            let lot = plant.role(role) ?? role
            for format in ["svg", "zpl"] {
                let file = folder.appendingPathComponent("\(lot)-\(symbology).\(format)").path
                try transcript.run(["label", lot, "--symbology", symbology, "--format", format, "--output", file])
            }
        }
    }

    struct DemoView: Encodable {
        var database: String
        var lots: [String: String]
    }
}

/// What the demo prints: each step as a command line and what it recorded, and the reports it runs.
private final class Transcript {
    let context: CLIContext
    var text = ""

    init(context: CLIContext) { self.context = context }

    func say(_ line: String) { text += line + "\n" }

    /// A step of the plant: a heading, a note, a recorded command and what it did, or a refusal as the terminal shows it.
    func show(_ step: DemoPlant.Step, store: any LotlineBackend) throws {
        switch step {
        case .section(let title): say("== \(title) ==\n")
        case .note(let note): say(note)
        case .recorded(let command, let events):
            say("$ " + CommandLineForm.line(for: command))
            say(try answer(events, store: store))
        case .refused(let command, let error):
            say("$ " + CommandLineForm.line(for: command))
            say(error.rendered(remedy: \.rendered) + "\n")
        }
    }

    /// The events a command recorded, and each lot it touched as it now stands.
    private func answer(_ events: [LedgerEvent], store: any LotlineBackend) throws -> String {
        var lines = events.map { "  #\($0.seq) \($0.type)" }
        var seen: Set<LotNumber> = []
        for lot in try events.flatMap({ try $0.body().lots }) where seen.insert(lot).inserted {
            let now = try store.lotDetail(lot.rawValue).lot
            lines.append(
                "    \(now.number)  \(now.item)  \(now.quantity)  \(now.status(on: context.today).rawValue)"
                    + (now.location.map { "  at \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    /// Runs a report as a user would type it and prints what it printed.
    func run(_ arguments: [String]) throws {
        say("$ lotline " + arguments.map(CommandLineForm.quoted).joined(separator: " "))
        guard let command = try Lotline.parseAsRoot(arguments + passthrough) as? any StoreCommand else {
            throw LotlineError(.internal, "demo-step-invalid", "the demo step '\(arguments.joined(separator: " "))' is not a command")
        }
        say(try command.execute(context).text)
    }

    private var passthrough: [String] {
        var options: [String] = []
        if let db = context.global.db { options += ["--db", db] }
        if let user = context.global.user { options += ["--as", user] }
        return options
    }

    func tryNext(_ plant: DemoPlant) {
        let db = context.global.db.map { " --db \($0)" } ?? ""
        say("Heat H-2231 from Northstar turns out bad. Try next:")
        for line in [
            "lotline trace forward H-2231\(db)                    # every lot, serial, job and customer it reached",
            "lotline trace backward SN-000009\(db)                # what is inside one pump, down to heats and machines",
            "lotline trace where --equipment LATHE-3\(db)         # what that lathe made",
            "lotline recall drill H-2231\(db)                     # mock recall: timed, no holds",
            "lotline recall start H-2231 --reason 'Northstar NCR-1043: heat H-2231 below spec'\(db)",
            "lotline recall report RC\(String(format: "%02d", context.today.year % 100))-0001 --format csv\(db)",
            "lotline lot show \(plant.role("steel1") ?? "LOT")\(db)", "lotline history \(plant.role("steel2") ?? "LOT")\(db)",
            "lotline audit verify\(db)",
            "lotline schedule --seconds 2\(db)                   # the open orders on the machines, in shifts, around downtime",
            "lotline lot hold \(plant.role("steel1") ?? "LOT") --reason QC-HOLD\(db)   # then: the scheduled jobs it hits, re-allocated",
            "lotline wo variance \(plant.role("WO-SHAFT-3") ?? "WO")\(db)          # planned against actual",
        ] { say("  " + line) }
    }
}
