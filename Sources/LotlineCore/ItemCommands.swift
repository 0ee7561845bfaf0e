import Foundation

/// Set up a new item.
public struct AddItem: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case part, description, tracking, gtin
        case unit = "uom", shelfLifeDays = "shelf_life", inspectionRequired = "inspect", exportControlled = "export_controlled", lotScheme =
            "lot_scheme", finalInspection = "final_inspection", minShelfLifeDays = "min_shelf_life", issueOrder = "issue_order"
    }

    public var part: String
    public var description: String
    public var unit: String
    public var tracking: Tracking = .lot
    public var shelfLifeDays: Int?
    public var inspectionRequired = false
    public var exportControlled = false
    /// A receipt lot number scheme just for this item.
    public var lotScheme: String?
    /// What is made of it waits for a passed final inspection of each lot or serial.
    public var finalInspection: Bool?
    /// GTIN-8, -12, -13 or -14; stored as 14 digits.
    public var gtin: String?
    /// Days a lot must have left when used, for the schedule to allocate it.
    public var minShelfLifeDays: Int?
    /// Issuing a younger lot ahead of an older usable one without a reason: warn (default) or refuse.
    public var issueOrder: IssueOrder?

    public init(part: String, description: String, unit: String) {
        self.part = part
        self.description = description
        self.unit = unit
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<ItemDefined> {
        let code = try PartNumber.parse(part)
        let item = Item(
            part: code, description: try TextInput.required(description, field: "description"), unit: try TextInput.unit(unit),
            tracking: tracking, shelfLifeDays: try ShelfLife.check(shelfLifeDays), inspectionRequired: inspectionRequired,
            exportControlled: exportControlled, finalInspection: finalInspection ?? false, gtin: try gtin.map(GTIN.parse),
            minShelfLifeDays: try ShelfLife.check(minShelfLifeDays))
        var defined = item
        defined.issueOrder = issueOrder == .refuse ? .refuse : nil
        try GTIN.requireFree(item, in: state)
        let scheme = try lotScheme.map { try LotNumberScheme($0) }
        guard try state.item(code) == nil else {
            throw LotlineError.refused("item-exists", "item '\(code)' already exists", value: part, remedy: .change(.item, code: code.rawValue))
        }
        let schemeSet = scheme.map { PendingEvent(LotSchemeSet(origin: .receipt, item: code, scheme: $0)) }
        return Decision(ItemDefined(item: defined), followedBy: schemeSet.map { [$0] } ?? [])
    }
}

/// Change an item's attributes; unit and tracking are fixed once lots of the item exist.
public struct ChangeItem: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case part, description, tracking, gtin
        case unit = "uom", shelfLifeDays = "shelf_life", inspectionRequired = "inspect", exportControlled = "export_controlled"
        case finalInspection = "final_inspection", minShelfLifeDays = "min_shelf_life", issueOrder = "issue_order"
    }

    public var part: String
    public var description: String?
    public var unit: String?
    public var tracking: Tracking?
    /// Days of shelf life; 0 removes it.
    public var shelfLifeDays: Int?
    public var inspectionRequired: Bool?
    public var finalInspection: Bool?
    public var exportControlled: Bool?
    /// A GTIN-8, -12, -13 or -14, or `none` to take the item's off.
    public var gtin: String?
    /// Days a lot must have left when used; 0 removes the minimum.
    public var minShelfLifeDays: Int?
    public var issueOrder: IssueOrder?

    public init(part: String) { self.part = part }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<ItemChanged> {
        let before = try state.requireItem(part)
        var item = before
        if let description { item.description = try TextInput.required(description, field: "description") }
        if let unit { item.unit = try TextInput.unit(unit) }
        if let tracking { item.tracking = tracking }
        if let shelfLifeDays { item.shelfLifeDays = shelfLifeDays == 0 ? nil : try ShelfLife.check(shelfLifeDays) }
        if let minShelfLifeDays { item.minShelfLifeDays = minShelfLifeDays == 0 ? nil : try ShelfLife.check(minShelfLifeDays) }
        if let issueOrder { item.issueOrder = issueOrder == .refuse ? .refuse : nil }
        if let inspectionRequired { item.inspectionRequired = inspectionRequired }
        if let finalInspection { item.finalInspection = finalInspection }
        if let gtin {
            // `none` takes a GTIN off (a wrong one would otherwise hold its number for good).
            item.gtin = gtin.trimmed.lowercased() == "none" ? nil : try GTIN.parse(gtin)
            try GTIN.requireFree(item, in: state)
        }
        if let exportControlled, exportControlled != before.exportControlled {
            try Authorization.requireUSPerson(context.actor, to: "change whether an item is export-controlled", in: state)
            item.exportControlled = exportControlled
        }
        if (item.unit != before.unit || item.tracking != before.tracking), try state.hasLots(of: item.part) {
            throw LotlineError.refused(
                "item-has-lots", "item '\(item.part)' already has lots, so its unit and tracking cannot change; set up a new item instead",
                value: part)
        }
        let changed = [
            ("description", item.description != before.description), ("unit", item.unit != before.unit),
            ("tracking", item.tracking != before.tracking), ("shelf_life_days", item.shelfLifeDays != before.shelfLifeDays),
            ("inspection_required", item.inspectionRequired != before.inspectionRequired),
            ("final_inspection", item.finalInspection != before.finalInspection),
            ("export_controlled", item.exportControlled != before.exportControlled), ("gtin", item.gtin != before.gtin),
            ("min_shelf_life_days", item.minShelfLifeDays != before.minShelfLifeDays), ("issue_order", item.issueOrder != before.issueOrder),
        ].filter(\.1).map(\.0)
        guard !changed.isEmpty else {
            throw LotlineError.badInput("nothing-to-change", "the command changes nothing on item '\(item.part)'; give a new value", value: part)
        }
        return Decision(ItemChanged(item: item, changed: changed))
    }
}

enum ShelfLife {
    static func check(_ days: Int?) throws -> Int? {
        guard let days else { return nil }
        guard (1...36_500).contains(days) else {
            throw LotlineError.badInput("shelf-life-invalid", "shelf life must be 1 to 36500 days, got \(days)", value: String(days))
        }
        return days
    }
}
