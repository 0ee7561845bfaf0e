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
            return CLIOutput(text: "Added supplier \(supplier.code): \(supplier.name) (\(supplier.approved ? "approved" : "not approved"))", json: supplier)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "List suppliers.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let suppliers = try context.store(creating: false).suppliers()
            let table = Table(headers: ["CODE", "NAME", "APPROVED"], rows: suppliers.map { [$0.code.rawValue, $0.name, $0.approved ? "yes" : "no"] })
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
            return CLIOutput(text: "Changed supplier \(supplier.code): \(supplier.name) (\(supplier.approved ? "approved" : "not approved"))", json: supplier)
        }
    }
}

struct CustomerGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customer", abstract: "Set up customers.", subcommands: [Add.self, List.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "Add a customer.")
        @Argument var code: String
        @Option var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(AddCustomer(code: code, name: name))
            let customer = try (events[0].body() as! CustomerDefined).customer
            return CLIOutput(text: "Added customer \(customer.code): \(customer.name)", json: customer)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "List customers.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let customers = try context.store(creating: false).customers()
            return CLIOutput(
                text: Table(headers: ["CODE", "NAME"], rows: customers.map { [$0.code.rawValue, $0.name] }).render(), json: ["customers": customers])
        }
    }
}

struct LocationGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "location", abstract: "Set up locations.", subcommands: [Add.self, List.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "Add a location.")
        @Argument var code: String
        @Option var description: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(AddLocation(code: code, description: description))
            let location = try (events[0].body() as! LocationDefined).location
            return CLIOutput(text: "Added location \(location.code): \(location.description)", json: location)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "List locations.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let locations = try context.store(creating: false).locations()
            return CLIOutput(
                text: Table(headers: ["CODE", "DESCRIPTION"], rows: locations.map { [$0.code.rawValue, $0.description] }).render(),
                json: ["locations": locations])
        }
    }
}

struct ReasonGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reason", abstract: "Reason codes for holds, rejections, adjustments and scrap.", subcommands: [Add.self, List.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "Add a reason code.")
        @Argument var code: String
        @Option var description: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (_, events) = try context.execute(AddReason(code: code, description: description))
            let reason = try (events[0].body() as! ReasonDefined).reason
            return CLIOutput(text: "Added reason \(reason.code): \(reason.description)", json: reason)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "List reason codes.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let reasons = try context.store(creating: false).reasons()
            return CLIOutput(
                text: Table(headers: ["CODE", "DESCRIPTION"], rows: reasons.map { [$0.code.rawValue, $0.description] }).render(),
                json: ["reasons": reasons])
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
