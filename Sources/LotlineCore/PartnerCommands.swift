import Foundation

/// Set up a supplier, approved or not.
public struct AddSupplier: LotlineCommand {
    public var code: String
    public var name: String
    public var approved: Bool

    public init(code: String, name: String, approved: Bool) {
        self.code = code
        self.name = name
        self.approved = approved
    }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> [PendingEvent] {
        let supplier = Supplier(code: try SupplierCode.parse(code), name: try TextInput.required(name, field: "name"), approved: approved)
        guard try state.supplier(supplier.code) == nil else {
            throw LotlineError.refused("supplier-exists", "supplier '\(supplier.code)' already exists; use `lotline supplier change`", value: code)
        }
        return [PendingEvent(SupplierDefined(supplier: supplier))]
    }
}

/// Rename a supplier, or approve or disapprove it.
public struct ChangeSupplier: LotlineCommand {
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

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> [PendingEvent] {
        let before = try state.requireSupplier(code)
        var supplier = before
        if let name { supplier.name = try TextInput.required(name, field: "name") }
        if let approved { supplier.approved = approved }
        let note = try TextInput.optional(note, field: "note")
        let changed = [("name", supplier.name != before.name), ("approved", supplier.approved != before.approved)].filter(\.1).map(\.0)
        guard !changed.isEmpty else {
            throw LotlineError.badInput("nothing-to-change", "the command changes nothing on supplier '\(supplier.code)'", value: code)
        }
        return [PendingEvent(SupplierChanged(supplier: supplier, changed: changed), reason: note)]
    }
}

public struct AddCustomer: LotlineCommand {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> [PendingEvent] {
        let customer = Customer(code: try CustomerCode.parse(code), name: try TextInput.required(name, field: "name"))
        guard try state.customer(customer.code) == nil else {
            throw LotlineError.refused("customer-exists", "customer '\(customer.code)' already exists", value: code)
        }
        return [PendingEvent(CustomerDefined(customer: customer))]
    }
}

public struct AddLocation: LotlineCommand {
    public var code: String
    public var description: String

    public init(code: String, description: String) {
        self.code = code
        self.description = description
    }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> [PendingEvent] {
        let location = Location(code: try LocationCode.parse(code), description: try TextInput.required(description, field: "description"))
        guard try state.location(location.code) == nil else {
            throw LotlineError.refused("location-exists", "location '\(location.code)' already exists", value: code)
        }
        return [PendingEvent(LocationDefined(location: location))]
    }
}

public struct AddReason: LotlineCommand {
    public var code: String
    public var description: String

    public init(code: String, description: String) {
        self.code = code
        self.description = description
    }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> [PendingEvent] {
        let reason = Reason(code: try ReasonCode.parse(code), description: try TextInput.required(description, field: "description"))
        guard try state.reason(reason.code) == nil else {
            throw LotlineError.refused("reason-exists", "reason code '\(reason.code)' already exists", value: code)
        }
        return [PendingEvent(ReasonDefined(reason: reason))]
    }
}

/// Set the lot number scheme for a kind of lot, or for one item's lots of that kind.
public struct SetLotScheme: LotlineCommand {
    public var origin: LotOrigin
    public var pattern: String
    public var item: String?

    public init(origin: LotOrigin, pattern: String, item: String? = nil) {
        self.origin = origin
        self.pattern = pattern
        self.item = item
    }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> [PendingEvent] {
        let scheme = try LotNumberScheme(pattern)
        let part = try item.map { try state.requireItem($0).part }
        return [PendingEvent(LotSchemeSet(origin: origin, item: part, scheme: scheme))]
    }
}
