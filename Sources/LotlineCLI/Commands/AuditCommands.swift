import ArgumentParser
import LotlineCore
import LotlineStore

struct AuditGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Prove the records were not altered.", subcommands: [Verify.self])

    struct Verify: StoreCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain; print the event count and head hash, or name the first altered event and exit 70.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let report = try context.store(creating: false).verify()
            guard report.ok else {
                let text = "FAILED: \(report.message ?? "the ledger does not verify")\nchecked \(report.eventCount) events"
                return CLIOutput(text: text, json: report, exitCode: CLIRunner.Exit.integrity)
            }
            return CLIOutput(text: "OK: \(report.eventCount) events, head \(report.headHash)", json: report)
        }
    }
}

struct AdminGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin", abstract: "Maintenance.", subcommands: [Rebuild.self])

    struct Rebuild: StoreCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild every projection (lots, master data, genealogy) from the ledger; refused if the ledger does not verify.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let count = try context.store(creating: false).rebuild()
            return CLIOutput(text: "Rebuilt all projections from \(count) events", json: ["events_replayed": count])
        }
    }
}
