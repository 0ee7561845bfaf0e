import ArgumentParser
import LotlineApp
import LotlineCore

struct ItemGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item", abstract: "Set up and change items (part numbers).", subcommands: [Add.self, List.self, Show.self, Change.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an item.")
        @Argument(help: "Part number.") var part: String
        @Option(help: "What the item is.") var description: String
        @Option(help: "Unit of measure: kg, ea, m, L ...") var uom: String
        @Option(help: "lot or serial.") var tracking: Tracking = .lot
        @Option(help: "Days from receipt until a lot expires.") var shelfLife: Int?
        @Option(help: "Days a lot must still have when used, for the schedule to allocate it.") var minShelfLife: Int?
        @Option(help: "Issuing a lot ahead of an older usable one without a reason: warn (default) or refuse.") var issueOrder: IssueOrder?
        @Flag(help: "Receipts wait in quarantine for incoming inspection.") var inspect = false
        @Flag(help: "The item is export-controlled (ITAR/EAR).") var exportControlled = false
        @Flag(help: "What is made of it waits in quarantine until a passed final inspection of each lot or serial accepts it.")
        var finalInspection = false
        @Option(help: "Receipt lot number scheme for this item, e.g. 'ST{YY}{MM}-{SEQ:3}'.") var lotScheme: String?
        @Option(help: "GTIN-8, -12, -13 or -14: a scanned GS1 barcode's (01) finds the item by it.") var gtin: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = AddItem(part: part, description: description, unit: uom)
            command.tracking = tracking
            command.shelfLifeDays = shelfLife
            command.minShelfLifeDays = minShelfLife
            command.issueOrder = issueOrder
            command.inspectionRequired = inspect
            command.exportControlled = exportControlled
            command.finalInspection = finalInspection
            command.lotScheme = lotScheme
            command.gtin = gtin
            let executed = try context.execute(command)
            let item = executed.outcome.item
            return CLIOutput(text: "Added item \(item.part): \(item.description) (\(item.unit))", json: ItemView(item, events: executed.events))
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List items.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let items = try context.backend(creating: false).items()
            let rows = items.map {
                [
                    $0.part.rawValue, $0.description, $0.unit, $0.tracking.rawValue, $0.shelfLifeDays.map { "\($0) d" } ?? "-",
                    $0.inspectionRequired ? "yes" : "no", $0.exportControlled ? "yes" : "no", $0.gtin ?? "-",
                ]
            }
            let table = Table(headers: ["PART", "DESCRIPTION", "UOM", "TRACKING", "SHELF LIFE", "INSPECT", "EXPORT CTRL", "GTIN"], rows: rows)
            return CLIOutput(text: table.render(), json: ["items": items.map { ItemView($0) }])
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one item.")
        @Argument var part: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let item = try context.backend(creating: false).withState { try $0.requireItem(part) }
            let fields = Fields(pairs: [
                ("Part", item.part.rawValue), ("Description", item.description), ("Unit", item.unit), ("Tracking", item.tracking.rawValue),
                ("Shelf life", item.shelfLifeDays.map { "\($0) days" } ?? "none"),
                ("Minimum shelf life", item.minShelfLifeDays.map { "\($0) days left when used" }),
                ("Issue order", item.issueOrder == .refuse ? "refuse a younger lot ahead of an older one without a reason" : "warn"),
                ("Inspection", item.inspectionRequired ? "required" : "not required"),
                ("Final inspection", item.finalInspection ? "required: what is made waits for acceptance" : "not required"),
                ("Export controlled", item.exportControlled ? "yes" : "no"), ("GTIN", item.gtin ?? "none"),
            ])
            return CLIOutput(text: fields.render(), json: ItemView(item))
        }
    }

    struct Change: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "change", abstract: "Change an item; the change is recorded as an event.")
        @Argument var part: String
        @Option var description: String?
        @Option var uom: String?
        @Option var tracking: Tracking?
        @Option(help: "Days of shelf life; 0 removes it.") var shelfLife: Int?
        @Option(help: "Days a lot must still have when used; 0 removes it.") var minShelfLife: Int?
        @Option(help: "warn or refuse: issuing a lot ahead of an older usable one without a reason.") var issueOrder: IssueOrder?
        @Option(help: "true or false.") var inspect: Bool?
        @Option(help: "true or false.") var exportControlled: Bool?
        @Option(help: "true or false: what is made of it waits for a passed final inspection.") var finalInspection: Bool?
        @Option(help: "GTIN-8, -12, -13 or -14; none takes it off.") var gtin: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = ChangeItem(part: part)
            command.description = description
            command.unit = uom
            command.tracking = tracking
            command.shelfLifeDays = shelfLife
            command.minShelfLifeDays = minShelfLife
            command.issueOrder = issueOrder
            command.inspectionRequired = inspect
            command.exportControlled = exportControlled
            command.finalInspection = finalInspection
            command.gtin = gtin
            let executed = try context.execute(command)
            let item = executed.outcome.item
            let changed = executed.outcome.changed
            return CLIOutput(text: "Changed item \(item.part): \(changed.joined(separator: ", "))", json: ItemView(item, events: executed.events))
        }
    }
}

extension Tracking: ExpressibleByArgument {}
extension IssueOrder: ExpressibleByArgument {}

struct ItemView: Encodable {
    var part: String
    var description: String
    var unit: String
    var tracking: String
    var shelfLifeDays: Int?
    var minShelfLifeDays: Int?
    var inspectionRequired: Bool
    var exportControlled: Bool
    var gtin: String?
    var events: [EventView]?

    init(_ item: Item, events: [LedgerEvent]? = nil) {
        part = item.part.rawValue
        description = item.description
        unit = item.unit
        tracking = item.tracking.rawValue
        shelfLifeDays = item.shelfLifeDays
        minShelfLifeDays = item.minShelfLifeDays
        inspectionRequired = item.inspectionRequired
        exportControlled = item.exportControlled
        gtin = item.gtin
        self.events = events?.map(EventView.init)
    }
}
