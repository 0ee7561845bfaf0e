import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

struct AuditGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Prove the records were not altered.", subcommands: [Verify.self, Signatures.self])

    struct Signatures: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "signatures", abstract: "The signature manifest: every electronic signature, who signed, when, meaning and record.")
        @Option(help: "From this date or date and time (recorded time).") var from: String?
        @Option(help: "To this date (the whole day) or date and time.") var to: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let range = try TimeRange(from: from, to: to, timeZone: context.timeZone)
            let records = try SignatureManifest.read(context.backend(creating: false), range: range)
            let rows = records.map {
                [
                    $0.at, $0.printedName, $0.signer, $0.meaning.rawValue, "\($0.signs) \($0.signsType)",
                    $0.lots.map(\.rawValue).joined(separator: " "),
                ]
            }
            return CLIOutput(
                text: Table(headers: ["AT", "SIGNED BY", "USER", "MEANING", "RECORD", "LOTS"], rows: rows).render()
                    + "\(records.count) signature\(records.count == 1 ? "" : "s")",
                json: ["signatures": records])
        }
    }

    struct Verify: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute the hash chain; print the event count and head hash, or name the first altered event and exit 70.",
            discussion: """
                --projections also replays the ledger into a scratch database and compares every projection table, and the saved \
                trace index, with the live ones. --expect-head checks that the ledger still holds an event with a head hash you \
                recorded elsewhere (a printout, another system): the anchor that makes rewriting the whole file detectable.
                """)
        @Flag(help: "Also replay the ledger and compare every projection table and the saved trace index with it.") var projections = false
        @Option(help: "A head hash recorded elsewhere earlier: the ledger must still hold that event.") var expectHead: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let store = try context.backend(creating: false)
            let report = try store.verify()
            guard report.ok else {
                let text = "FAILED: \(report.message ?? "the ledger does not verify")\nchecked \(report.eventCount) events"
                return CLIOutput(text: text, json: report, exitCode: CLIRunner.Exit.integrity)
            }
            var text = "OK: \(report.eventCount) events, head \(report.headHash)"
            if let expectHead {
                guard let anchored = try store.eventSeq(hash: expectHead.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()) else {
                    return CLIOutput(
                        text: "FAILED: no event of this ledger has the expected head hash \(expectHead); the ledger was rewritten or is another one",
                        json: report, exitCode: CLIRunner.Exit.integrity)
                }
                text += "\nAnchored: event \(anchored) has the expected hash; the history up to it is the one recorded"
            }
            guard projections else { return CLIOutput(text: text, json: report) }
            let audit = try store.verifyProjections()
            text += String(
                format: "\nProjections: %d tables, %d rows, compared with the ledger replayed in %.1f s", audit.tables, audit.rows, audit.seconds)
            if let difference = audit.difference {
                return CLIOutput(text: "FAILED: \(difference)\n" + text, json: audit, exitCode: CLIRunner.Exit.integrity)
            }
            guard audit.indexOK else { return CLIOutput(text: "FAILED: \(audit.index)\n" + text, json: audit, exitCode: CLIRunner.Exit.integrity) }
            text += "\nTrace index: \(audit.index)"
            return CLIOutput(text: text, json: audit)
        }
    }
}

struct AdminGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin", abstract: "Maintenance.", subcommands: [Rebuild.self])

    struct Rebuild: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract: "Rebuild every projection (lots, master data, genealogy) from the ledger; refused if the ledger does not verify.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let count = try context.backend(creating: false).rebuild()
            return CLIOutput(text: "Rebuilt all projections from \(count) events", json: ["events_replayed": count])
        }
    }
}
