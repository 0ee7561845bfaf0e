import Foundation
import GRDB
import LotlineCore

/// Runs many commands in one transaction, for bulk paths (the plant generator, import): each command is decided against
/// the state its predecessors left and appended as usual (same rules, same hash chain), inside a savepoint, so a refused
/// command is undone alone and the batch goes on.
public final class CommandBatch {
    let db: Database
    let traceIndex: TraceIndexHolder
    public let actor: String
    public let timeZone: TimeZone
    /// Set by the importer: its commands are history (see `CommandContext.history`).
    public var history = false
    /// Server record time for every event of the batch.
    let recordedAt: Date
    public private(set) var eventCount = 0
    /// The chain's head after the last accepted command; stored once, when the batch ends.
    var head: LedgerHead
    /// Work orders read by earlier commands of the batch, reused until an event changes them.
    let workOrders = WorkOrderCache()

    init(db: Database, traceIndex: TraceIndexHolder, actor: String, timeZone: TimeZone, recordedAt: Date) throws {
        self.db = db
        self.traceIndex = traceIndex
        self.actor = try TextInput.actor(actor)
        self.timeZone = timeZone
        self.recordedAt = recordedAt
        self.head = try LedgerHead.read(db)
    }

    /// Decides and appends one command as of a business time; a refusal throws and leaves the batch as it was.
    /// A `ref` (the source record's external id) goes on the command's first event and is refused if any event has it.
    @discardableResult
    public func execute<Command: LotlineCommand>(_ command: Command, at date: Date, ref: String? = nil) throws -> Executed<Command.Outcome> {
        var context = CommandContext(actor: actor, now: BusinessTime(date: date, timeZone: timeZone), timeZone: timeZone)
        context.history = history
        // History is never in the future: a few minutes of clock skew between systems are tolerated.
        if date.timeIntervalSince(recordedAt) > 300 {
            throw LotlineError.badInput(
                "time-in-future", "the line is dated \(context.now.text), after now (\(BusinessTime(date: recordedAt, timeZone: timeZone).text))",
                value: context.now.text)
        }
        var head = self.head
        let events: [LedgerEvent]
        let outcome: Command.Outcome
        // A savepoint per command, through cached statements (GRDB's `inSavepoint` compiles its SQL every time).
        try db.run(sql: "SAVEPOINT command")
        do {
            if let ref { try Ledger.requireNew(ref: ref, db: db) }
            let all = SQLiteLedgerState(db: db, traceIndex: traceIndex, workOrders: workOrders)
            let state = try HiddenLotsState.seenBy(context.actor, all)
            try command.authorize(context.actor, in: state)
            // A batch (an import) signs nothing: what needs a signature is given one at a time.
            try command.requireSignature(nil, actor: context.actor, in: state)
            let decision = try command.decide(state, context)
            var pending = decision.events
            outcome = decision.outcome
            if !pending.isEmpty { pending[0].ref = ref }
            try ExportControl.requireFreeNumbers(of: pending.map(\.body), actor: context.actor, in: all)
            events = try Ledger.append(pending, context: context, recordedAt: recordedAt, after: &head, db: db)
            try ExportControl.requireHandler(of: pending.map(\.body), actor: context.actor, in: all)
            try db.run(sql: "RELEASE SAVEPOINT command")
        } catch {
            workOrders.clear()
            try db.run(sql: "ROLLBACK TO SAVEPOINT command")
            try db.run(sql: "RELEASE SAVEPOINT command")
            try Ledger.nameControlCharacterField(of: error, in: command)
        }
        workOrders.forget(changedBy: events)
        self.head = head
        eventCount += events.count
        return Executed(outcome, events: events)
    }
}

extension LotlineStore {
    /// Runs `body` with a batch in one immediate transaction; everything it executed commits together, or nothing if it throws.
    public func batch<T>(actor: String, timeZone: TimeZone = .current, recordedAt: Date = Date(), _ body: (CommandBatch) throws -> T) throws -> T {
        let result = try write { db in
            let batch = try CommandBatch(db: db, traceIndex: traceIndex, actor: actor, timeZone: timeZone, recordedAt: recordedAt)
            let result = try body(batch)
            try batch.head.write(db)
            return result
        }
        try read { db in try traceIndex.update(db) }
        return result
    }
}

/// Work orders as commands of one batch read them. Most of a plant's events are issues and consumptions, which change
/// no field of `WorkOrder` (material at the order is read apart); any other event drops the whole cache.
final class WorkOrderCache {
    private var orders: [String: WorkOrder] = [:]

    func load(_ number: WorkOrderNumber, _ read: () throws -> WorkOrder?) rethrows -> WorkOrder? {
        if let order = orders[number.rawValue] { return order }
        let order = try read()
        if let order { orders[number.rawValue] = order }
        return order
    }

    func forget(changedBy events: [LedgerEvent]) {
        if events.contains(where: { (try? $0.body().recorded).map(Self.changesWorkOrders) ?? true }) { clear() }
    }

    /// Whether an event may change a field of `WorkOrder`; every event is named, so a new one must say.
    private static func changesWorkOrders(_ recorded: RecordedEvent) -> Bool {
        switch recorded {
        case .materialIssued, .materialConsumed, .materialReturned, .operationRecorded: false
        // Users and their credentials: nothing of an order.
        case .userAdded, .userChanged, .userPasswordSet, .userTokenIssued, .userTokenRevoked, .userSignInFailed, .recordSigned: false
        // Units seen by a reader: nothing of an order.
        case .lotsObserved: false
        // Work centers and their time: capacity, not orders.
        case .workCenterSet, .workCenterShiftsSet, .downtimeRecorded, .schedulePublished: false
        case .itemDefined, .itemChanged, .supplierDefined, .supplierChanged, .namedRecord, .lotSchemeSet, .lotReceived, .lotInspected,
            .lotStatusChanged, .lotSplit, .lotsMerged, .lotMoved, .lotAdjusted, .lotScrapped, .lotReceiptCorrected, .bomLineSet, .bomLineRemoved,
            .routingOperationSet, .routingOperationRemoved, .toolDefined, .toolCalibrated, .operatorDefined, .operatorQualified,
            .supplierAccredited, .workOrderCreated, .workOrderStatusChanged, .operationStarted, .operationCompleted, .outputProduced, .lotsShipped,
            .shipmentReturned, .recallStarted, .recallDrilled, .recallLotDispositioned, .recallClosed, .importProgressed, .operationPinSet,
            .lotsChosen:
            true
        }
    }

    func clear() {
        orders.removeAll(keepingCapacity: true)
    }
}
