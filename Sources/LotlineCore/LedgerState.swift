import Foundation

/// The current state a rule reads to decide; the store implements it over its projections inside the command's transaction.
public protocol LedgerState {
    func item(_ part: PartNumber) throws -> Item?
    func supplier(_ code: SupplierCode) throws -> Supplier?
    func customer(_ code: CustomerCode) throws -> Customer?
    func location(_ code: LocationCode) throws -> Location?
    func reason(_ code: ReasonCode) throws -> Reason?
    func lot(_ number: LotNumber) throws -> Lot?
    /// Every internal lot number, for suggestions when one is not found.
    func allLotNumbers() throws -> [String]
    /// The scheme set for this kind of lot of this item, else for this kind; nil when only the default applies.
    func scheme(for origin: LotOrigin, item: PartNumber) throws -> LotNumberScheme?
    func lastSequence(_ key: String) throws -> Int
    /// The heat recorded for a supplier's lot (by its search key), if that supplier lot was received before with one.
    func recordedHeat(supplier: SupplierCode, supplierLotKey: String) throws -> String?
    /// The ledger sequence number of the event that created the lot.
    func creatingEvent(of lot: LotNumber) throws -> Int64?
    /// Whether any lot of this item exists (its unit and tracking can then no longer change).
    func hasLots(of item: PartNumber) throws -> Bool
}

/// Who gives a command and when; rules take time from here, never from the clock.
public struct CommandContext: Sendable {
    public var actor: String
    public var now: BusinessTime
    public var timeZone: TimeZone

    public init(actor: String, now: BusinessTime, timeZone: TimeZone) {
        self.actor = actor
        self.now = now
        self.timeZone = timeZone
    }

    public var today: CalendarDate { now.day }
}

/// A user's request, as typed (nothing resolved yet); `decide` validates all of it and returns the events, or throws and writes nothing.
public protocol LotlineCommand: Sendable, Codable {
    func decide(_ state: any LedgerState, _ context: CommandContext) throws -> [PendingEvent]
}

extension LedgerState {
    /// The item a user named, or a not-found error that says how to set it up.
    public func requireItem(_ text: String) throws -> Item {
        let part = try PartNumber.parse(text)
        guard let item = try item(part) else {
            throw LotlineError.notFound("item-not-found", "no item '\(text)'; add it with `lotline item add`", value: text)
        }
        return item
    }

    public func requireSupplier(_ text: String) throws -> Supplier {
        let code = try SupplierCode.parse(text)
        guard let supplier = try supplier(code) else {
            throw LotlineError.notFound("supplier-not-found", "no supplier '\(text)'; add it with `lotline supplier add`", value: text)
        }
        return supplier
    }

    public func requireCustomer(_ text: String) throws -> Customer {
        let code = try CustomerCode.parse(text)
        guard let customer = try customer(code) else {
            throw LotlineError.notFound("customer-not-found", "no customer '\(text)'; add it with `lotline customer add`", value: text)
        }
        return customer
    }

    public func requireLocation(_ text: String) throws -> Location {
        let code = try LocationCode.parse(text)
        guard let location = try location(code) else {
            throw LotlineError.notFound("location-not-found", "no location '\(text)'; add it with `lotline location add`", value: text)
        }
        return location
    }

    public func requireReason(_ text: String) throws -> Reason {
        let code = try ReasonCode.parse(text)
        guard let reason = try reason(code) else {
            throw LotlineError.notFound(
                "reason-not-found", "no reason code '\(text)'; see `lotline reason list` or add one with `lotline reason add`", value: text)
        }
        return reason
    }

    /// The lot a user typed or scanned, normalized; when missing, the error carries the nearest existing numbers.
    public func requireLot(_ text: String) throws -> Lot {
        let number = LotNumber(rawValue: LotNumberLookup.normalize(text))
        if !number.rawValue.isEmpty, let lot = try lot(number) { return lot }
        let suggestions = LotNumberLookup.suggestions(for: text, among: try allLotNumbers())
        throw LotlineError.notFound("lot-not-found", "no lot '\(text)'", value: text, suggestions: suggestions)
    }
}
