import ArgumentParser
import LotlineApp
import LotlineCore

/// `customer`, `location` and `reason`: master data that is a code and a name.
struct NamedGroup<Kind: NamedKind>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Kind.noun, abstract: "Set up, list, show and rename \(Kind.plural).",
            subcommands: [Add.self, List.self, Show.self, Change.self])
    }

    struct Add: StoreCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(commandName: "add", abstract: "Add a \(Kind.noun).") }
        @Argument var code: String
        @Option(name: [.customLong("name"), .customLong("description")], help: "Its name or description.") var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(AddNamedRecord<Kind>(code: code, name: name))
            let record = executed.outcome.record
            return CLIOutput(text: "Added \(Kind.noun) \(record.code): \(record.name)", json: record)
        }
    }

    struct List: StoreCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(commandName: "list", abstract: "List \(Kind.plural).") }
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let records = try context.backend(creating: false).named(Kind.self)
            return CLIOutput(
                text: Table(headers: ["CODE", "NAME"], rows: records.map { [$0.code.rawValue, $0.name] }).render(), json: [Kind.plural: records])
        }
    }

    struct Show: StoreCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(commandName: "show", abstract: "Show one \(Kind.noun).") }
        @Argument var code: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let record = try context.backend(creating: false).withState { try $0.require(code, Kind.self) }
            return CLIOutput(text: Fields(pairs: [("Code", record.code.rawValue), ("Name", record.name)]).render(), json: record)
        }
    }

    struct Change: StoreCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "change", abstract: "Rename a \(Kind.noun); recorded as an event.")
        }
        @Argument var code: String
        @Option(name: [.customLong("name"), .customLong("description")], help: "The new name or description.") var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(ChangeNamedRecord<Kind>(code: code, name: name))
            let record = executed.outcome.record
            return CLIOutput(text: "Changed \(Kind.noun) \(record.code): \(record.name)", json: record)
        }
    }
}
