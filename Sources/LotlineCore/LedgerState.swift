import Foundation

/// The current state a rule reads to decide; the store implements it over its projections inside the command's transaction.
public protocol LedgerState {
    func item(_ part: PartNumber) throws -> Item?
    /// The item with this GTIN-14, if one has it.
    func item(gtin: String) throws -> Item?
    func supplier(_ code: SupplierCode) throws -> Supplier?
    /// A customer, location or reason code.
    func named<Kind: NamedKind>(_ code: Code<Kind>) throws -> NamedRecord<Kind>?
    func lot(_ number: LotNumber) throws -> Lot?
    /// Lots made from a supplier lot (by its search key), of one item when given, oldest first: what a supplier's
    /// label scanned at issue can mean.
    func lots(supplierLotKey: String, item: PartNumber?) throws -> [Lot]
    /// Lots received from the logistic unit (pallet, case) with this SSCC, oldest first.
    func lots(sscc: String) throws -> [Lot]
    /// Lot numbers near a normalized one that is not on file, as an index finds them (those after each of its prefixes in
    /// order, and the one before it): the candidates a typo is matched against, never every lot.
    func lotNumbers(near number: String) throws -> [String]
    /// The scheme set for this kind of lot of this item, else for this kind; nil when only the default applies.
    func scheme(for origin: LotOrigin, item: PartNumber) throws -> LotNumberScheme?
    func lastSequence(_ key: String) throws -> Int
    /// The heat recorded for a supplier's lot (by its search key), if that supplier lot was received before with one.
    func recordedHeat(supplier: SupplierCode, supplierLotKey: String) throws -> String?
    /// The ledger sequence number of the event that created the lot.
    func creatingEvent(of lot: LotNumber) throws -> Int64?
    /// The other lots whose heat is the receipt's: receipts of the same supplier lot, their splits, and composites that
    /// mix them (a heat corrected on one receipt is corrected on all of them).
    func lotsSharingHeat(with lot: LotNumber) throws -> [LotNumber]
    func tool(_ code: ToolCode) throws -> Tool?
    func workCenter(_ code: WorkCenterCode) throws -> WorkCenter?
    /// The latest published schedule's allocation of the item to the order, if it allocated any.
    func plannedLots(of item: PartNumber, for order: WorkOrderNumber) throws -> PlannedLots?
    /// The operations not yet started that a planner pinned to the machine, with their orders.
    func pinnedOperations(on machine: EquipmentCode) throws -> [(order: WorkOrder, operation: WorkOrderOperation)]
    /// The item's lots with stock in the building (released, in quarantine or on hold), for allocation and issue order.
    func stockLots(of item: PartNumber) throws -> [AllocatableLot]
    /// Released lots of the item with stock, not expiring before `usableOn`, that come before `lot` first expiring first,
    /// else first received (`receiptSeq`, then number): at most `limit`, first first.
    func olderUsableLots(item: PartNumber, than lot: LotNumber, expiresOn: CalendarDate?, receiptSeq: Int64, usableOn: CalendarDate, limit: Int)
        throws
        -> [LotNumber]
    /// The version of the schedule published last; 0 before the first.
    func latestScheduleVersion() throws -> Int
    func operatorRecord(_ code: OperatorCode) throws -> Operator?
    func accreditation(supplier: SupplierCode, process: ProcessCode) throws -> Accreditation?
    func bom(of item: PartNumber) throws -> [BomLine]
    func routing(of item: PartNumber) throws -> [RoutingOperation]
    func workOrder(_ number: WorkOrderNumber) throws -> WorkOrder?
    /// Every lot issued to the work order, with what is left of each there.
    func workInProcess(_ number: WorkOrderNumber) throws -> [WorkInProcess]
    /// What of one lot is at work orders (issued, not yet consumed or returned), order by order.
    func workInProcess(of lot: LotNumber) throws -> [WorkInProcess]
    func shipment(_ number: ShipmentNumber) throws -> Shipment?
    /// How much of a lot already came back from a shipment.
    func returnedQuantity(shipment: ShipmentNumber, lot: LotNumber) throws -> Decimal
    /// The lots an id names for a trace: an internal lot or serial, or every receipt of a supplier lot or heat number.
    func traceRoots(_ text: String) throws -> [Lot]
    /// Every lot behind this one (its inputs, their inputs, ...), not including itself.
    func ancestors(of lot: LotNumber) throws -> Set<LotNumber>
    /// What a recall from these lots reaches, classified, with customers and mass balances.
    func recallReport(id: String?, target: String, reason: String?, startingLots: [LotNumber], today: CalendarDate) throws -> RecallReport
    /// Whether any lot of this item exists (its unit and tracking can then no longer change).
    func hasLots(of item: PartNumber) throws -> Bool
    /// Material of these lots consumed at work orders that can still produce, so it may go into outputs not yet made.
    func awaitingOutput(of lots: [LotNumber]) throws -> [AwaitingOutput]
    /// The holds on what a work order makes from now on.
    func outputHolds(of order: WorkOrderNumber) throws -> [OutputHold]
    /// The open recalls holding a lot (a hold only their dispositions lift).
    func recallHolds(of lot: LotNumber) throws -> [String]
    /// A recall or drill by its id, with the lots it holds.
    func recall(_ id: String) throws -> RecallState?
    /// Every user, active or not, by name.
    func users() throws -> [User]
    func user(_ name: UserName) throws -> User?
    /// An API token or session by its public id.
    func accessKey(_ id: String) throws -> AccessKey?
    /// A user's password hash and run of wrong passwords, kept beside the ledger.
    func credential(_ name: UserName) throws -> Credential?
    /// The items whose lots only US persons see.
    func exportControlledItems() throws -> Set<PartNumber>
    /// Whether a lot has this number, seen or not: numbers are unique across the plant.
    func lotNumberTaken(_ number: LotNumber) throws -> Bool
}

/// Who gives a command and when; rules take time from here, never from the clock.
public struct CommandContext: Sendable {
    public var actor: String
    public var now: BusinessTime
    public var timeZone: TimeZone
    /// True for a line of imported history: shop-floor facts an ERP never kept (the machine, the operator, a routing)
    /// may be missing and are recorded as not recorded, never invented; rules that need them say they were not checked.
    public var history = false

    public init(actor: String, now: BusinessTime, timeZone: TimeZone) {
        self.actor = actor
        self.now = now
        self.timeZone = timeZone
    }

    public var today: CalendarDate { now.day }
}

/// A user's request, as typed (nothing resolved yet); `decide` validates all of it and returns the events, or throws and writes nothing.
public protocol LotlineCommand: Sendable, Codable {
    /// What the command did, typed, for whoever gave it (most often its main event).
    associatedtype Outcome: Sendable
    func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<Outcome>
    /// What the acting user needs leave to do (their roles must grant it, once the database has users).
    var permission: Permission { get }
    /// Refuses an actor who may not give the command; checked by the store before `decide`, in the same transaction.
    func authorize(_ actor: String, in state: any LedgerState) throws
    /// Whether it must carry an electronic signature (once the database has users); checked by the store with `authorize`.
    func requiresSignature(in state: any LedgerState) throws -> Bool
}

/// A command's decision: the events to append, in order, and what the command did.
public struct Decision<Outcome: Sendable>: Sendable {
    public let outcome: Outcome
    public let events: [PendingEvent]

    public init(_ outcome: Outcome, events: [PendingEvent]) {
        self.outcome = outcome
        self.events = events
    }
}

/// A command carried out: what it did, and the events the ledger now holds for it.
public struct Executed<Outcome: Sendable>: Sendable {
    public let outcome: Outcome
    public let events: [LedgerEvent]

    public init(_ outcome: Outcome, events: [LedgerEvent]) {
        self.outcome = outcome
        self.events = events
    }
}

extension Decision where Outcome: EventBody {
    /// One main event, which is also the outcome, with the events that follow from it.
    public init(
        _ event: Outcome, reason: String? = nil, corrects: Int64? = nil, businessTime: BusinessTime? = nil, followedBy more: [PendingEvent] = []
    ) {
        self.init(event, events: [PendingEvent(event, reason: reason, corrects: corrects, businessTime: businessTime)] + more)
    }
}

extension LedgerState {
    /// Parses what a user typed as a code of this kind and looks it up; a miss is a not-found error naming the value and what to do.
    private func lookUp<Kind: CodeKind, Found>(
        _ text: String, _ find: (Code<Kind>) throws -> Found?, noun: String = Kind.noun, remedy: Remedy?
    ) throws -> Found {
        let code = try Code<Kind>.parse(text)
        guard let found = try find(code) else {
            throw LotlineError.notFound("\(Kind.noun)-not-found", "no \(noun) '\(text)'", value: text, remedy: remedy)
        }
        return found
    }

    /// The item a user named, or a not-found error that says how to set it up.
    public func requireItem(_ text: String) throws -> Item {
        try lookUp(text, item, remedy: .add(.item, code: text))
    }

    public func requireSupplier(_ text: String) throws -> Supplier {
        try lookUp(text, supplier, remedy: .add(.supplier, code: text))
    }

    /// The customer, location or reason a user named, or a not-found error that says how to find or add one.
    public func require<Kind: NamedKind>(_ text: String, _ kind: Kind.Type) throws -> NamedRecord<Kind> {
        try lookUp(text, named, remedy: RecordKind(rawValue: Kind.noun).map { .add($0, code: text) })
    }

    public func requireWorkCenter(_ text: String) throws -> WorkCenter {
        try lookUp(text, workCenter, noun: "work center", remedy: nil)
    }

    public func requireTool(_ text: String) throws -> Tool {
        try lookUp(text, tool, remedy: .add(.tool, code: text))
    }

    public func requireOperator(_ text: String) throws -> Operator {
        try lookUp(text, operatorRecord, remedy: .add(.operator, code: text))
    }

    public func requireWorkOrder(_ text: String) throws -> WorkOrder {
        try lookUp(text, workOrder, noun: "work order", remedy: .list(.workOrder))
    }

    public func requireShipment(_ text: String) throws -> Shipment {
        try lookUp(text, shipment, remedy: nil)
    }

    /// The lot a user typed or scanned, normalized; when missing, the error carries the nearest existing numbers.
    public func requireLot(_ text: String) throws -> Lot {
        let number = LotNumber(rawValue: LotNumberLookup.normalize(text))
        if !number.rawValue.isEmpty, let lot = try lot(number) { return lot }
        let suggestions = LotNumberLookup.suggestions(for: text, among: try lotNumbers(near: number.rawValue))
        throw LotlineError.notFound("lot-not-found", "no lot '\(text)'", value: text, suggestions: suggestions)
    }
}
