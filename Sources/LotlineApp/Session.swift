import Foundation
import LotlineCore

/// One user at work on a plant: the backend, who is acting, and the moment. Every interface goes through it the same
/// way: the CLI makes one per run, the server one per request (the user from its login, the moment from the clock).
///
/// A change a user asks for (receive, inspect, issue, consume, produce, ship, hold, split ...) is a command value from
/// the core, recorded here; reads that need more than one backend call (a recall's start, a drill, `trace where`, what a
/// change touched) are use cases here; plain reads (a lot, its history, a trace, a report) are the backend's own.
public struct Session: Sendable {
    public let backend: any LotlineBackend
    public let actor: String
    public let now: Date
    public let timeZone: TimeZone

    public init(backend: any LotlineBackend, actor: String, now: Date, timeZone: TimeZone) {
        self.backend = backend
        self.actor = actor
        self.now = now
        self.timeZone = timeZone
    }

    /// The plant's business day at `now`: what expiry and "today" in reports are measured against.
    public var today: CalendarDate { BusinessTime(date: now, timeZone: timeZone).day }

    /// Who and when, as a command's rules see them.
    public var commandContext: CommandContext {
        CommandContext(actor: actor, now: BusinessTime(date: now, timeZone: timeZone), timeZone: timeZone)
    }

    /// Decides the command under the rules and appends its events, or refuses it and writes nothing.
    public func record<Command: LotlineCommand>(_ command: Command) throws -> Executed<Command.Outcome> {
        try backend.execute(command, actor: actor, at: now, timeZone: timeZone)
    }

    /// The same, from async code (the server), without blocking the threads async tasks share.
    public func record<Command: LotlineCommand>(_ command: Command) async throws -> Executed<Command.Outcome> {
        let (actor, now, timeZone) = (self.actor, self.now, self.timeZone)
        return try await backend.perform { backend in try backend.execute(command, actor: actor, at: now, timeZone: timeZone) }
    }

    /// Any command, as an interface decoded it (the import format's name and fields): its events.
    public func recordAny(_ command: any LotlineCommand) async throws -> [LedgerEvent] {
        func run<Command: LotlineCommand>(_ command: Command) async throws -> [LedgerEvent] { try await record(command).events }
        return try await run(command)
    }

    /// What a change reports: its events, and the lots it touched as they now stand.
    public func changeView(_ events: [LedgerEvent], lots: [LotNumber]) throws -> ChangeView {
        try ChangeView(events: events, lots: lots, reading: backend, today: today)
    }

    /// Starts a recall (holds, then the report).
    public func startRecall(_ command: StartRecall) throws -> RecallStart.Result {
        try RecallStart(command).run(in: backend, actor: actor, at: now, timeZone: timeZone)
    }

    /// A mock recall, timed and recorded, holding nothing.
    public func drill(_ drill: RecallDrill) throws -> RecallDrill.Result {
        try drill.run(in: backend, actor: actor, at: now, timeZone: timeZone)
    }

    /// What was made with a machine, tool, operator, processor or parameter (and, forward, everything made from it).
    public func traceWhere(_ query: TraceWhere) throws -> TraceWhere.Result {
        try query.run(in: backend, today: today, timeZone: timeZone)
    }
}
