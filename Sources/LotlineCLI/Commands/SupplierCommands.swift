import ArgumentParser
import LotlineApp
import LotlineCore

struct SupplierGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supplier", abstract: "Set up suppliers and approve them.",
        subcommands: [Add.self, List.self, Show.self, Change.self, Accredit.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a supplier (unapproved unless --approved).")
        @Argument var code: String
        @Option var name: String
        @Flag(help: "The supplier is on the approved supplier list.") var approved = false
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(AddSupplier(code: code, name: name, approved: approved))
            let supplier = executed.outcome.supplier
            return CLIOutput(
                text: "Added supplier \(supplier.code): \(supplier.name) (\(supplier.approved ? "approved" : "not approved"))", json: supplier)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List suppliers.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let suppliers = try context.backend(creating: false).suppliers()
            let table = Table(
                headers: ["CODE", "NAME", "APPROVED"], rows: suppliers.map { [$0.code.rawValue, $0.name, $0.approved ? "yes" : "no"] })
            return CLIOutput(text: table.render(), json: ["suppliers": suppliers])
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one supplier with its special-process accreditations.")
        @Argument var code: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let store = try context.backend(creating: false)
            let supplier = try store.withState { try $0.requireSupplier(code) }
            let accreditations = try store.accreditations(of: supplier.code).map { AccreditationView($0, today: context.today) }
            var text = Fields(pairs: [("Code", supplier.code.rawValue), ("Name", supplier.name), ("Approved", supplier.approved ? "yes" : "no")])
                .render()
            text +=
                accreditations.isEmpty
                ? "\nNo special-process accreditations on file.\n"
                : "\nAccreditations\n"
                    + Table(
                        headers: ["PROCESS", "CERTIFICATE", "UNTIL", "STATUS"],
                        rows: accreditations.map { [$0.process, $0.certificate, $0.until, $0.status] }
                    ).render()
            return CLIOutput(text: text, json: SupplierView(supplier: supplier, accreditations: accreditations))
        }

        /// A supplier as `--json` shows it: its record's fields and its accreditations.
        struct SupplierView: Encodable {
            var supplier: Supplier
            var accreditations: [AccreditationView]

            func encode(to encoder: any Encoder) throws {
                try supplier.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(accreditations, forKey: .accreditations)
            }

            enum Key: String, CodingKey { case accreditations }
        }

        /// One accreditation, and whether it is current today or has lapsed.
        struct AccreditationView: Encodable {
            var process: String
            var certificate: String
            var until: String
            var status: String

            init(_ accreditation: Accreditation, today: CalendarDate) {
                process = accreditation.process.rawValue
                certificate = accreditation.certificate
                until = accreditation.until.description
                status = accreditation.until < today ? "lapsed" : "current"
            }
        }
    }

    struct Change: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "change", abstract: "Rename, approve or disapprove a supplier.")
        @Argument var code: String
        @Option var name: String?
        @Flag(inversion: .prefixedNo, help: "Approve (--approved) or remove approval (--no-approved).") var approved: Bool?
        @Option(help: "Why, e.g. the audit that approved them.") var note: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(ChangeSupplier(code: code, name: name, approved: approved, note: note))
            let supplier = executed.outcome.supplier
            return CLIOutput(
                text: "Changed supplier \(supplier.code): \(supplier.name) (\(supplier.approved ? "approved" : "not approved"))", json: supplier)
        }
    }
}
