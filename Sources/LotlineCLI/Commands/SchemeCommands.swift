import ArgumentParser
import LotlineApp
import LotlineCore

struct SchemeGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheme", abstract: "Lot number schemes, per kind of lot or per item.", subcommands: [Set.self, List.self])

    struct Set: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the scheme for a kind of lot (receipt, split, merge, production), or for one item's lots of that kind.",
            discussion: "Tokens: {YYYY} {YY} {MM} {DD} {DDD} (day of year) {SEQ:n} (required) {ITEM} {PARENT}. Example: R{YY}{DDD}-{SEQ:4}")
        @Argument var kind: LotOrigin
        @Argument var pattern: String
        @Option var item: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(SetLotScheme(origin: kind, pattern: pattern, item: item))
            let set = executed.outcome
            return CLIOutput(text: "Scheme for \(set.origin.rawValue) lots\(set.item.map { " of \($0)" } ?? ""): \(set.scheme.pattern)", json: set)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the schemes in force.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let schemes = try context.backend(creating: false).lotSchemes()
            let rows = schemes.map { [$0.origin.rawValue, $0.item?.rawValue ?? "(all)", $0.pattern] }
            let json = schemes.map { ["kind": $0.origin.rawValue, "item": $0.item?.rawValue ?? "", "pattern": $0.pattern] }
            return CLIOutput(text: Table(headers: ["KIND", "ITEM", "PATTERN"], rows: rows).render(), json: ["schemes": json])
        }
    }
}

extension LotOrigin: ExpressibleByArgument {}
