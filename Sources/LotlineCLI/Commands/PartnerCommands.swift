import ArgumentParser
import LotlineCore
import LotlineStore

struct SupplierGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supplier", abstract: "Set up suppliers and approve them.", subcommands: [Add.self, List.self, Show.self, Change.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "Add a supplier (unapproved unless --approved).")
        @Argument var code: String
        @Option var name: String
        @Flag(help: "The supplier is on the approved supplier list.") var approved = false
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(AddSupplier(code: code, name: name, approved: approved))
            let supplier = try (events[0].body() as! SupplierDefined).supplier
            return CLIOutput(
                text: "Added supplier \(supplier.code): \(supplier.name) (\(supplier.approved ? "approved" : "not approved"))", json: supplier)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "List suppliers.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let suppliers = try context.store(creating: false).suppliers()
            let table = Table(
                headers: ["CODE", "NAME", "APPROVED"], rows: suppliers.map { [$0.code.rawValue, $0.name, $0.approved ? "yes" : "no"] })
            return CLIOutput(text: table.render(), json: ["suppliers": suppliers])
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "Show one supplier.")
        @Argument var code: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let supplier = try context.store(creating: false).withState { try $0.requireSupplier(code) }
            let fields = Fields(pairs: [("Code", supplier.code.rawValue), ("Name", supplier.name), ("Approved", supplier.approved ? "yes" : "no")])
            return CLIOutput(text: fields.render(), json: supplier)
        }
    }

    struct Change: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "Rename, approve or disapprove a supplier.")
        @Argument var code: String
        @Option var name: String?
        @Flag(inversion: .prefixedNo, help: "Approve (--approved) or remove approval (--no-approved).") var approved: Bool?
        @Option(help: "Why, e.g. the audit that approved them.") var note: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(ChangeSupplier(code: code, name: name, approved: approved, note: note))
            let supplier = try (events[0].body() as! SupplierChanged).supplier
            return CLIOutput(
                text: "Changed supplier \(supplier.code): \(supplier.name) (\(supplier.approved ? "approved" : "not approved"))", json: supplier)
        }
    }
}

/// `customer`, `location` and `reason`: master data that is a code and a name.
struct NamedGroup<Kind: NamedKind>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Kind.noun, abstract: "Set up, list, show and rename \(Kind.plural).",
            subcommands: [Add.self, List.self, Show.self, Change.self])
    }

    struct Add: StoreCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: "Add a \(Kind.noun).") }
        @Argument var code: String
        @Option(name: [.customLong("name"), .customLong("description")], help: "Its name or description.") var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(AddNamedRecord<Kind>(code: code, name: name))
            let record = try (events[0].body() as! NamedRecordDefined<Kind>).record
            return CLIOutput(text: "Added \(Kind.noun) \(record.code): \(record.name)", json: record)
        }
    }

    struct List: StoreCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: "List \(Kind.plural).") }
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let records = try context.store(creating: false).named(Kind.self)
            return CLIOutput(
                text: Table(headers: ["CODE", "NAME"], rows: records.map { [$0.code.rawValue, $0.name] }).render(), json: [Kind.plural: records])
        }
    }

    struct Show: StoreCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: "Show one \(Kind.noun).") }
        @Argument var code: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let record = try context.store(creating: false).withState { try $0.require(code, Kind.self) }
            return CLIOutput(text: Fields(pairs: [("Code", record.code.rawValue), ("Name", record.name)]).render(), json: record)
        }
    }

    struct Change: StoreCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: "Rename a \(Kind.noun); recorded as an event.") }
        @Argument var code: String
        @Option(name: [.customLong("name"), .customLong("description")], help: "The new name or description.") var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(ChangeNamedRecord<Kind>(code: code, name: name))
            let record = try (events[0].body() as! NamedRecordChanged<Kind>).record
            return CLIOutput(text: "Changed \(Kind.noun) \(record.code): \(record.name)", json: record)
        }
    }
}

struct SchemeGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheme", abstract: "Lot number schemes, per kind of lot or per item.", subcommands: [Set.self, List.self])

    struct Set: StoreCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the scheme for a kind of lot (receipt, split, merge, production), or for one item's lots of that kind.",
            discussion: "Tokens: {YYYY} {YY} {MM} {DD} {DDD} (day of year) {SEQ:n} (required) {ITEM} {PARENT}. Example: R{YY}{DDD}-{SEQ:4}")
        @Argument var kind: LotOrigin
        @Argument var pattern: String
        @Option var item: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(SetLotScheme(origin: kind, pattern: pattern, item: item))
            let set = try events[0].body() as! LotSchemeSet
            return CLIOutput(text: "Scheme for \(set.origin.rawValue) lots\(set.item.map { " of \($0)" } ?? ""): \(set.scheme.pattern)", json: set)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "List the schemes in force.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let schemes = try context.store(creating: false).lotSchemes()
            let rows = schemes.map { [$0.origin.rawValue, $0.item?.rawValue ?? "(all)", $0.pattern] }
            let json = schemes.map { ["kind": $0.origin.rawValue, "item": $0.item?.rawValue ?? "", "pattern": $0.pattern] }
            return CLIOutput(text: Table(headers: ["KIND", "ITEM", "PATTERN"], rows: rows).render(), json: ["schemes": json])
        }
    }
}

extension LotOrigin: ExpressibleByArgument {}
