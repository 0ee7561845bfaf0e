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
    /// Server record time for every event of the batch.
    let recordedAt: Date
    public private(set) var eventCount = 0

    init(db: Database, traceIndex: TraceIndexHolder, actor: String, timeZone: TimeZone, recordedAt: Date) {
        self.db = db
        self.traceIndex = traceIndex
        self.actor = actor
        self.timeZone = timeZone
        self.recordedAt = recordedAt
    }

    /// Decides and appends one command as of a business time; a refusal throws and leaves the batch as it was.
    @discardableResult
    public func execute(_ command: some LotlineCommand, at date: Date) throws -> [LedgerEvent] {
        let context = CommandContext(actor: actor, now: BusinessTime(date: date, timeZone: timeZone), timeZone: timeZone)
        var events: [LedgerEvent] = []
        try db.inSavepoint {
            let pending = try command.decide(SQLiteLedgerState(db: db, traceIndex: traceIndex), context)
            events = try Ledger.append(pending, context: context, recordedAt: recordedAt, db: db)
            return .commit
        }
        eventCount += events.count
        return events
    }
}

extension LotlineStore {
    /// Runs `body` with a batch in one immediate transaction; everything it executed commits together, or nothing if it throws.
    public func batch<T>(actor: String, timeZone: TimeZone = .current, recordedAt: Date = Date(), _ body: (CommandBatch) throws -> T) throws -> T {
        let result = try write { db in
            try body(CommandBatch(db: db, traceIndex: traceIndex, actor: actor, timeZone: timeZone, recordedAt: recordedAt))
        }
        try read { db in try traceIndex.update(db) }
        return result
    }
}
