import Foundation
import LotlineCore

/// The plant as a reader who is not a US person sees it: lots of export-controlled items, and everything that names
/// them, do not exist. A controlled lot asked for by number is "not found" (and never suggested for a typo); lists,
/// histories, the audit trail and recall reports leave them out; a trace stops before one and says how many lots it
/// withheld there, never which. Changes go to the store, which refuses any that would touch such a lot.
public struct ExportControlledBackend: LotlineBackend {
    public let base: any LotlineBackend

    /// The backend as this user may see it: itself for a US person, or while the database has no users.
    public static func seenBy(_ user: User?, _ backend: any LotlineBackend) -> any LotlineBackend {
        guard let user, !user.usPerson else { return backend }
        return ExportControlledBackend(base: backend)
    }

    init(base: any LotlineBackend) { self.base = base }

    /// The parts whose lots are withheld.
    private func controlledItems() throws -> Set<PartNumber> { Set(try base.items().filter(\.exportControlled).map(\.part)) }

    /// Runs a read; a lot-not-found refusal keeps only the suggestions the reader may see.
    private func hiding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LotlineError where !error.suggestions.isEmpty {
            let hidden = try base.exportControlled(error.suggestions.map(LotNumber.init(rawValue:)))
            throw LotlineError(
                error.kind, error.code, error.message, value: error.value,
                suggestions: error.suggestions.filter { !hidden.contains(LotNumber(rawValue: $0)) },
                remedy: error.remedy)
        }
    }

    private func notFound(_ text: String) -> LotlineError { LotlineError.notFound("lot-not-found", "no lot '\(text)'", value: text) }

    /// The events that touch no withheld lot.
    private func visible(_ events: [LedgerEvent]) throws -> [LedgerEvent] {
        let lots = events.map { (try? $0.body().lots) ?? [] }
        let hidden = try base.exportControlled(Array(Set(lots.flatMap { $0 })))
        return zip(events, lots).filter { $0.1.allSatisfy { !hidden.contains($0) } }.map(\.0)
    }

    // MARK: Lots

    public func lots(_ filter: LotFilter, today: CalendarDate) throws -> [Lot] {
        let controlled = try controlledItems()
        return try base.lots(filter, today: today).filter { !controlled.contains($0.item) }
    }

    public func lotDetail(_ text: String) throws -> LotDetail {
        var detail = try hiding { try base.lotDetail(text) }
        let controlled = try controlledItems()
        guard !controlled.contains(detail.lot.item) else { throw notFound(text) }
        let hidden = try base.exportControlled((detail.parents + detail.children).map(\.lot))
        detail.parents.removeAll { hidden.contains($0.lot) }
        detail.children.removeAll { hidden.contains($0.lot) }
        detail.signatures = try redacted(detail.signatures)
        return detail
    }

    public func history(_ text: String) throws -> (lot: Lot, events: [LedgerEvent]) {
        let found = try hiding { try base.history(text) }
        guard try !controlledItems().contains(found.lot.item) else { throw notFound(text) }
        return (found.lot, try visible(found.events))
    }

    public func exportControlled(_ lots: [LotNumber]) throws -> Set<LotNumber> { try base.exportControlled(lots) }

    // MARK: The audit trail

    public func events(_ filter: EventFilter) throws -> [LedgerEvent] {
        if let text = filter.lot, let lot = try? base.lotDetail(text).lot, try controlledItems().contains(lot.item) { throw notFound(text) }
        var filter = filter
        filter.withoutExportControlled = true
        return try hiding { try base.events(filter) }
    }

    // MARK: Work orders

    public func workOrders(status: WorkOrderStatus?) throws -> [WorkOrder] {
        let orders = try base.workOrders(status: status)
        let hidden = try base.exportControlled(orders.flatMap(\.outputs))
        return orders.map { order in
            var order = order
            order.outputs.removeAll(where: hidden.contains)
            return order
        }
    }

    /// An order that makes a controlled item shows what it consumed, never the numbers of what it made.
    public func workOrderDetail(_ text: String) throws -> (order: WorkOrder, wip: [WorkInProcess]) {
        var (order, wip) = try base.workOrderDetail(text)
        let hidden = try base.exportControlled(wip.map(\.lot) + order.outputs)
        order.outputs.removeAll(where: hidden.contains)
        return (order, wip.filter { !hidden.contains($0.lot) })
    }

    /// Materials of controlled items are left out, with every lot of them.
    public func workOrderVariance(_ text: String) throws -> WorkOrderVariance {
        var variance = try base.workOrderVariance(text)
        let controlled = try controlledItems()
        variance.materials.removeAll { controlled.contains($0.item) }
        return variance
    }

    // MARK: Master data

    public func items() throws -> [Item] { try base.items() }
    public func suppliers() throws -> [Supplier] { try base.suppliers() }
    public func named<Kind: NamedKind>(_ kind: Kind.Type) throws -> [NamedRecord<Kind>] { try base.named(kind) }
    public func tools() throws -> [Tool] { try base.tools() }
    public func workCenters() throws -> [WorkCenter] { try base.workCenters() }
    public func downtimes() throws -> [Downtime] { try base.downtimes() }
    public func latestSchedule() throws -> PublishedSchedule? { try base.latestSchedule() }
    public func materialAtOrders() throws -> [WorkOrderNumber: [PartNumber: Decimal]] { try base.materialAtOrders() }

    /// Lots of controlled items are not allocated by a reader who may not see them.
    public func allocatableLots(of items: [PartNumber]) throws -> [AllocatableLot] {
        let lots = try base.allocatableLots(of: items)
        let hidden = try base.exportControlled(lots.map(\.number))
        return lots.filter { !hidden.contains($0.number) }
    }
    public func operators() throws -> [Operator] { try base.operators() }
    public func accreditations(of supplier: SupplierCode?) throws -> [Accreditation] { try base.accreditations(of: supplier) }
    public func withState<T>(_ body: (any LedgerState) throws -> T) throws -> T { try base.withState(body) }
    public func lotSchemes() throws -> [(origin: LotOrigin, item: PartNumber?, pattern: String)] { try base.lotSchemes() }

    // MARK: Genealogy

    public func trace(_ id: String, direction: TraceDirection, maxDepth: Int, today: CalendarDate, facts: Bool) throws -> [TraceNode] {
        let controlled = try controlledItems()
        let roots = try hiding { try base.trace(id, direction: direction, maxDepth: maxDepth, today: today, facts: facts) }
        let shown = roots.filter { !controlled.contains($0.item) }
        guard !shown.isEmpty || roots.isEmpty else { throw notFound(id) }
        let hidden = try hiddenLots(of: shown.flatMap { $0.flattened().flatMap { $0.node.signatures ?? [] } })
        return shown.map { Self.pruned($0, controlled, hidden) }
    }

    /// The controlled lots these signatures name.
    private func hiddenLots(of signatures: [SignatureRecord]) throws -> Set<LotNumber> {
        try base.exportControlled(Array(Set(signatures.flatMap(\.lots))))
    }

    /// The signatures, each without the controlled lots it also names (a recall start's, a split's): the signature
    /// shows, their numbers do not.
    private func redacted(_ signatures: [SignatureRecord]) throws -> [SignatureRecord] {
        Self.redacted(signatures, try hiddenLots(of: signatures))
    }

    static func redacted(_ signatures: [SignatureRecord], _ hidden: Set<LotNumber>) -> [SignatureRecord] {
        signatures.map { signature in
            var signature = signature
            signature.lots.removeAll(where: hidden.contains)
            return signature
        }
    }

    /// The node without its controlled children, each counted with everything beyond it.
    static func pruned(_ node: TraceNode, _ controlled: Set<PartNumber>, _ hiddenLots: Set<LotNumber>) -> TraceNode {
        var node = node
        let withheld = node.children.filter { controlled.contains($0.item) }.map(count).reduce(0, +)
        node.children = node.children.filter { !controlled.contains($0.item) }.map { pruned($0, controlled, hiddenLots) }
        node.signatures = node.signatures.map { redacted($0, hiddenLots) }
        if withheld > 0 { node.withheld = (node.withheld ?? 0) + withheld }
        return node
    }

    private static func count(_ node: TraceNode) -> Int { 1 + node.children.map(count).reduce(0, +) }

    public func reach(_ lots: [LotNumber], direction: TraceDirection) throws -> [GenealogyIndex.Step] {
        let steps = try base.reach(lots, direction: direction)
        let hidden = try base.exportControlled(steps.map { LotNumber(rawValue: $0.lot) })
        return steps.filter { !hidden.contains(LotNumber(rawValue: $0.lot)) }
    }

    public func downstream(of lots: [LotNumber], today: CalendarDate) throws -> [Downstream] {
        let controlled = try controlledItems()
        return try base.downstream(of: lots, today: today).filter { !controlled.contains($0.item) }
    }

    public func producedWith(_ filter: ProductionFilter, today: CalendarDate) throws -> [ProducedWith] {
        let controlled = try controlledItems()
        return try base.producedWith(filter, today: today).filter { !controlled.contains($0.item) }
    }

    // MARK: Recalls

    public func recalls(drillsOnly: Bool) throws -> [RecallRecord] {
        try base.recalls(drillsOnly: drillsOnly).compactMap { record in
            let hidden = try base.exportControlled(record.startingLots + record.heldLots)
            // A recall of a controlled lot names it in its target: the reader does not learn it exists.
            if !record.startingLots.isEmpty, record.startingLots.allSatisfy(hidden.contains) { return nil }
            var record = record
            record.startingLots.removeAll(where: hidden.contains)
            record.heldLots.removeAll(where: hidden.contains)
            return record
        }
    }

    public func recallReport(_ id: String, viaAncestor: String?, certainty: Certainty?, today: CalendarDate) throws -> RecallReport {
        let report = try hiding { try base.recallReport(id, viaAncestor: viaAncestor, certainty: certainty, today: today) }
        return try visible(report, asked: id)
    }

    /// The report without the controlled lots it reaches, counted.
    func visible(_ report: RecallReport, asked id: String) throws -> RecallReport {
        var report = report
        let controlled = try controlledItems()
        let hidden = try base.exportControlled(
            report.startingLots + report.affected.map(\.lot) + report.balances.map(\.lot) + report.holds.map(\.lot) + report.awaitingOutput.map(\.lot)
        )
        if !report.startingLots.isEmpty, report.startingLots.allSatisfy(hidden.contains) { throw notFound(id) }
        let withheld = report.affected.filter { controlled.contains($0.item) }.count
        report.startingLots.removeAll(where: hidden.contains)
        report.affected.removeAll { controlled.contains($0.item) }
        report.balances.removeAll { hidden.contains($0.lot) }
        report.holds.removeAll { hidden.contains($0.lot) }
        report.awaitingOutput.removeAll { hidden.contains($0.lot) || controlled.contains($0.item) }
        report.customers = report.customers.compactMap { notice in
            var notice = notice
            notice.shipments.removeAll { controlled.contains($0.item) || hidden.contains($0.lot) }
            return notice.shipments.isEmpty ? nil : notice
        }
        report.signatures = try report.signatures.map(redacted)
        if withheld > 0 { report.withheld = withheld }
        return report
    }

    public func randomReceiptLot() throws -> LotNumber? { try base.randomReceiptLot() }

    // MARK: Writing, auditing, credentials: the store's own

    public func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date, timeZone: TimeZone, signing: SignatureMeaning?
    ) throws -> Executed<Command.Outcome> {
        try hiding { try base.execute(command, actor: actor, at: date, timeZone: timeZone, signing: signing) }
    }

    public func executeAll(_ steps: [CommandStep], actor: String, timeZone: TimeZone) throws -> [LedgerEvent] {
        try hiding { try base.executeAll(steps, actor: actor, timeZone: timeZone) }
    }

    public func verify() throws -> AuditReport { try base.verify() }
    public func head() throws -> LedgerPosition { try base.head() }
    public func eventSeq(hash: String) throws -> Int64? { try base.eventSeq(hash: hash) }
    public func verifyProjections(scratchDirectory: String) throws -> ProjectionAudit {
        try base.verifyProjections(scratchDirectory: scratchDirectory)
    }
    public func eventCount() throws -> Int { try base.eventCount() }
    public func rebuild() throws -> Int { try base.rebuild() }
    public func projectionDump() throws -> [String: [String]] { try base.projectionDump() }

    public func execute<Command: LotlineCommand>(
        _ command: Command, actor: String, at date: Date, timeZone: TimeZone, alongside change: CredentialChange
    ) throws -> Executed<Command.Outcome> {
        try base.execute(command, actor: actor, at: date, timeZone: timeZone, alongside: change)
    }

    public func write(_ change: CredentialChange) throws { try base.write(change) }
    public func users() throws -> [User] { try base.users() }
    public func user(_ name: UserName) throws -> User? { try base.user(name) }
    public func credential(_ name: UserName) throws -> Credential? { try base.credential(name) }
    public func accessKey(secretHash: String) throws -> (key: AccessKey, user: User, keysValidFrom: Date?)? {
        try base.accessKey(secretHash: secretHash)
    }
    public func accessKeys(of user: UserName?) throws -> [AccessKey] { try base.accessKeys(of: user) }

    // An import's lines are decided as the actor sees the plant (the store's own rule).
    public func importPosition(_ digest: String) throws -> ImportProgressed? { try base.importPosition(digest) }
    public func importLines(
        _ lines: some Sequence<String>, source: ImportSource?, restart: Bool, atomic: Bool, actor: String, timeZone: TimeZone,
        batchSize: Int, progress: (ImportReport) -> Void
    ) throws -> ImportReport {
        try base.importLines(
            lines, source: source, restart: restart, atomic: atomic, actor: actor, timeZone: timeZone, batchSize: batchSize, progress: progress)
    }
}
