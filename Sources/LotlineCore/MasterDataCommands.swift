import Foundation

/// Set up a supplier, approved or not.
public struct AddSupplier: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, name, approved
    }

    public var code: String
    public var name: String
    public var approved: Bool

    public init(code: String, name: String, approved: Bool) {
        self.code = code
        self.name = name
        self.approved = approved
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<SupplierDefined> {
        let supplier = Supplier(code: try SupplierCode.parse(code), name: try TextInput.required(name, field: "name"), approved: approved)
        guard try state.supplier(supplier.code) == nil else {
            throw LotlineError.refused(
                "supplier-exists", "supplier '\(supplier.code)' already exists", value: code, remedy: .change(.supplier, code: supplier.code.rawValue)
            )
        }
        return Decision(SupplierDefined(supplier: supplier))
    }
}

/// Rename a supplier, or approve or disapprove it.
public struct ChangeSupplier: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, name, approved, note
    }

    public var code: String
    public var name: String?
    public var approved: Bool?
    public var note: String?

    public init(code: String, name: String? = nil, approved: Bool? = nil, note: String? = nil) {
        self.code = code
        self.name = name
        self.approved = approved
        self.note = note
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<SupplierChanged> {
        let before = try state.requireSupplier(code)
        var supplier = before
        if let name { supplier.name = try TextInput.required(name, field: "name") }
        if let approved { supplier.approved = approved }
        let note = try TextInput.optional(note, field: "note")
        let changed = [("name", supplier.name != before.name), ("approved", supplier.approved != before.approved)].filter(\.1).map(\.0)
        guard !changed.isEmpty else {
            throw LotlineError.badInput("nothing-to-change", "the command changes nothing on supplier '\(supplier.code)'", value: code)
        }
        return Decision(SupplierChanged(supplier: supplier, changed: changed), reason: note)
    }
}

/// Set up a customer, location or reason code.
public struct AddNamedRecord<Kind: NamedKind>: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, name
    }

    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<NamedRecordDefined<Kind>> {
        let record = NamedRecord<Kind>(code: try Code<Kind>.parse(code), name: try TextInput.required(name, field: "name"))
        guard try state.named(record.code) == nil else {
            throw LotlineError.refused(
                "\(Kind.noun)-exists", "\(Kind.noun) '\(record.code)' already exists", value: code,
                remedy: RecordKind(rawValue: Kind.noun).map { .change($0, code: record.code.rawValue) })
        }
        return Decision(NamedRecordDefined(record: record))
    }
}

/// Rename a customer, location or reason code.
public struct ChangeNamedRecord<Kind: NamedKind>: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, name
    }

    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<NamedRecordChanged<Kind>> {
        var record = try state.require(code, Kind.self)
        let name = try TextInput.required(name, field: "name")
        guard name != record.name else {
            throw LotlineError.badInput("nothing-to-change", "\(Kind.noun) '\(record.code)' is already named '\(name)'", value: name)
        }
        record.name = name
        return Decision(NamedRecordChanged(record: record))
    }
}
