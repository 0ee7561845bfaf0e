import Foundation

/// What a storage backend does, split by intent so an interface asks only for what it uses. SQLite (`LotlineStore`, in
/// the store module) is the first conformer; another backend (PostgreSQL) conforms to the same protocols and runs the same scenario tests.
/// Every method blocks its caller; from async code, `perform` runs them off Swift's cooperative pool.

/// Decides commands and appends their events, or refuses and writes nothing.
public protocol CommandWriting: Sendable {
    /// With `signing`, the actor's electronic signature with that meaning follows the command's main event (the
    /// interface has checked the actor's password); a command that needs a signature is refused without one once the
    /// database has users.
    func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date, timeZone: TimeZone, signing: SignatureMeaning?
    ) throws -> Executed<Command.Outcome>

    /// Several commands decided and appended in order in one transaction, each at its own business time, under every
    /// rule one at a time would meet (none of them signed): all of them, or none and the first refusal, which names
    /// its step. A paper form entered after the fact is one such list.
    func executeAll(_ steps: [CommandStep], actor: String, timeZone: TimeZone) throws -> [LedgerEvent]
}

/// One command of a list recorded together, with when it happened.
public struct CommandStep: Sendable {
    public var command: any LotlineCommand
    public var at: Date
    /// A reference the ledger keeps unique (as an import line's `ref`): the same list refused the second time.
    public var ref: String?
    /// The step in its source's words (a line of a paper form), named in a refusal of it.
    public var label: String?

    public init(_ command: any LotlineCommand, at: Date, ref: String? = nil, label: String? = nil) {
        self.command = command
        self.at = at
        self.ref = ref
        self.label = label
    }
}

extension CommandWriting {
    public func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date, timeZone: TimeZone
    ) throws -> Executed<Command.Outcome> {
        try execute(command, actor: actor, at: date, timeZone: timeZone, signing: nil)
    }
}

/// Lots as they stand, one lot with its links, and one lot's history.
public protocol LotReading: Sendable {
    func lots(_ filter: LotFilter, today: CalendarDate) throws -> [Lot]
    func lotDetail(_ text: String) throws -> LotDetail
    func history(_ text: String) throws -> (lot: Lot, events: [LedgerEvent])
    /// Those of these lots whose item is export-controlled.
    func exportControlled(_ lots: [LotNumber]) throws -> Set<LotNumber>
}

/// The ledger's events themselves, filtered and paged: the audit trail.
public protocol LedgerReading: Sendable {
    /// At most `filter.limit` events, oldest first; an unknown lot is refused (with the nearest numbers), not an empty page.
    func events(_ filter: EventFilter) throws -> [LedgerEvent]
}

/// Work orders, and one order with the material it holds.
public protocol WorkOrderReading: Sendable {
    func workOrders(status: WorkOrderStatus?) throws -> [WorkOrder]
    func workOrderDetail(_ text: String) throws -> (order: WorkOrder, wip: [WorkInProcess])
    /// The schedule published last, or nil before the first.
    func latestSchedule() throws -> PublishedSchedule?
    /// The order planned against actual: operations' places and times, materials' lots.
    func workOrderVariance(_ text: String) throws -> WorkOrderVariance
    /// The lots of these items with stock in the building (any status but rejected), for allocation.
    func allocatableLots(of items: [PartNumber]) throws -> [AllocatableLot]
    /// What of each item is at each open order: issued, less returned (consumed or still there).
    func materialAtOrders() throws -> [WorkOrderNumber: [PartNumber: Decimal]]
}

/// Items, suppliers, named codes, tools, operators and accreditations.
public protocol MasterDataReading: Sendable {
    func items() throws -> [Item]
    func suppliers() throws -> [Supplier]
    func named<Kind: NamedKind>(_ kind: Kind.Type) throws -> [NamedRecord<Kind>]
    func tools() throws -> [Tool]
    func operators() throws -> [Operator]
    /// Work centers with their machines and shifts, by code.
    func workCenters() throws -> [WorkCenter]
    /// Every downtime recorded, oldest first.
    func downtimes() throws -> [Downtime]
    func accreditations(of supplier: SupplierCode?) throws -> [Accreditation]
    /// Reads through the state the rules see, so a name resolves (or is refused, with suggestions) as a command would.
    func withState<T>(_ body: (any LedgerState) throws -> T) throws -> T
    /// Every lot number scheme in force: the defaults, overridden by kind, overridden by item.
    func lotSchemes() throws -> [(origin: LotOrigin, item: PartNumber?, pattern: String)]
}

/// Traces, reach, what was made from lots, and what was made with a machine, tool, operator or parameter.
public protocol GenealogyReading: Sendable {
    func trace(_ id: String, direction: TraceDirection, maxDepth: Int, today: CalendarDate, facts: Bool) throws -> [TraceNode]
    func reach(_ lots: [LotNumber], direction: TraceDirection) throws -> [GenealogyIndex.Step]
    func downstream(of lots: [LotNumber], today: CalendarDate) throws -> [Downstream]
    func producedWith(_ filter: ProductionFilter, today: CalendarDate) throws -> [ProducedWith]
}

/// Recalls and drills, and the report of a recall or of what one would reach.
public protocol RecallReading: Sendable {
    func recalls(drillsOnly: Bool) throws -> [RecallRecord]
    func recallReport(_ id: String, viaAncestor: String?, certainty: Certainty?, today: CalendarDate) throws -> RecallReport
    /// A receiving lot picked at random, as a quarterly drill prescribes; nil when nothing was received.
    func randomReceiptLot() throws -> LotNumber?
}

/// The ledger's own checks, and the projections rebuilt from it.
public protocol LedgerAuditing: Sendable {
    func verify() throws -> AuditReport
    /// The last event's position, as recorded at its append: cheap, unverified (`verify` checks it).
    func head() throws -> LedgerPosition
    /// The event whose hash this is, if the ledger holds one: a head recorded elsewhere anchors the chain.
    func eventSeq(hash: String) throws -> Int64?
    /// The chain, then every projection and the saved trace index compared with a replay of the ledger.
    func verifyProjections(scratchDirectory: String) throws -> ProjectionAudit
    func eventCount() throws -> Int
    /// Every projection replaced by replaying the ledger; the number of events replayed.
    func rebuild() throws -> Int
    /// Every projection's rows in a canonical text form, table by table: equal dumps are equal projections.
    func projectionDump() throws -> [String: [String]]
}

/// Everything an interface needs from storage.
public typealias LotlineBackend = CommandWriting & LotReading & LedgerReading & WorkOrderReading & MasterDataReading & GenealogyReading
    & RecallReading
    & LedgerAuditing & CredentialStoring & HistoryImporting

/// Runs blocking work (disk, locks) on a thread of its own and awaits it, so it never holds up the threads Swift's async
/// tasks share.
public func offCooperativePool<T: Sendable>(
    qos: DispatchQoS.QoSClass = .userInitiated, _ work: @escaping @Sendable () throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: qos).async { continuation.resume(with: Result { try work() }) }
    }
}

extension CommandWriting {
    /// Runs `body` with this backend off the cooperative pool: store calls block.
    public func perform<T: Sendable>(_ body: @escaping @Sendable (Self) throws -> T) async throws -> T {
        try await offCooperativePool { try body(self) }
    }
}

extension WorkOrderReading {
    public func workOrders() throws -> [WorkOrder] { try workOrders(status: nil) }
}

extension MasterDataReading {
    public func accreditations() throws -> [Accreditation] { try accreditations(of: nil) }
}

extension GenealogyReading {
    /// The whole tree with every lot's facts.
    public func trace(_ id: String, direction: TraceDirection, today: CalendarDate) throws -> [TraceNode] {
        try trace(id, direction: direction, maxDepth: 50, today: today, facts: true)
    }
}

extension RecallReading {
    public func recalls() throws -> [RecallRecord] { try recalls(drillsOnly: false) }

    public func recallReport(_ id: String, today: CalendarDate) throws -> RecallReport {
        try recallReport(id, viaAncestor: nil, certainty: nil, today: today)
    }
}

extension LedgerAuditing {
    /// The projection check with its scratch copy in the system's temporary directory.
    public func verifyProjections() throws -> ProjectionAudit {
        try verifyProjections(scratchDirectory: NSTemporaryDirectory())
    }
}
