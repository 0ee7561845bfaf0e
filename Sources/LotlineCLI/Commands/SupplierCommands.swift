import ArgumentParser
import LotlineCore
import LotlineStore

struct SupplierGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supplier", abstract: "Set up suppliers and approve them.",
        subcommands: [Add.self, List.self, Show.self, Change.self, Accredit.self])

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
