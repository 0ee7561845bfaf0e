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
    /// How passwords given to sign are checked (lockout).
    public var security = SecuritySettings()

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

    /// Decides and appends the command with the actor's electronic signature: the password typed again (checked, and a
    /// wrong one counted toward lockout and recorded) and its meaning. Without a signature, as `record`.
    public func record<Command: LotlineCommand>(_ command: Command, signature: SignatureInput?) throws -> Executed<Command.Outcome> {
        guard let signature else { return try record(command) }
        // Leave to act first: someone who may not do this is told so, and no wrong password of theirs is counted.
        try backend.withState { base in try command.authorize(actor, in: try HiddenLotsState.seenBy(actor, base)) }
        let meaning = try signature.check(actor: actor, accounts: Accounts(backend: backend, settings: security), at: now, timeZone: timeZone)
        return try backend.execute(command, actor: actor, at: now, timeZone: timeZone, signing: meaning)
    }

    /// The same, from async code.
    public func record<Command: LotlineCommand>(_ command: Command, signature: SignatureInput?) async throws -> Executed<Command.Outcome> {
        let session = self
        return try await offCooperativePool { try session.record(command, signature: signature) }
    }

    /// Any command, as an interface decoded it (the import format's name and fields): its events.
    public func recordAny(_ command: any LotlineCommand, signature: SignatureInput? = nil) async throws -> [LedgerEvent] {
        func run<Command: LotlineCommand>(_ command: Command) async throws -> [LedgerEvent] { try await record(command, signature: signature).events }
        return try await run(command)
    }

    /// What a change reports: its events, and the lots it touched as they now stand.
    public func changeView(_ events: [LedgerEvent], lots: [LotNumber]) throws -> ChangeView {
        try ChangeView(events: events, lots: lots, reading: backend, today: today)
    }

    /// Starts a recall (holds, then the report).
    public func startRecall(_ command: StartRecall, signature: SignatureInput? = nil) throws -> RecallStart.Result {
        let meaning = try signature?.check(actor: actor, accounts: Accounts(backend: backend, settings: security), at: now, timeZone: timeZone)
        var result = try RecallStart(command).run(in: backend, actor: actor, at: now, timeZone: timeZone, signing: meaning)
        (result.scheduleVersion, result.scheduled) = try rescheduleAway(from: Set(result.started.held.map(\.lot)))
        result.customerOrders = try customerOrders(behind: result.scheduled.map(\.workOrder) + (result.started.heldOrders ?? []).map(\.workOrder))
        return result
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

/// What a signer gives to sign one record: the password again, and what the signature means.
public struct SignatureInput: Sendable {
    public var password: String
    public var meaning: String

    public init(password: String, meaning: String) {
        self.password = password
        self.meaning = meaning
    }

    /// The meaning, once the password is the actor's. A missing or unknown meaning is refused before the password is
    /// tried, so it costs no attempt.
    func check(actor: String, accounts: Accounts, at now: Date, timeZone: TimeZone) throws -> SignatureMeaning {
        guard !meaning.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LotlineError.badInput(
                "signature-meaning-missing",
                "a signature needs a meaning: \(SignatureMeaning.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let meaning = try SignatureMeaning.parse(meaning)
        guard try accounts.hasUsers() else {
            throw LotlineError(
                .refused, "signature-needs-users", "this database has no users, so nobody can sign: add the first admin, then sign as a user")
        }
        guard !password.isEmpty else {
            throw LotlineError.badInput("signature-password-missing", "a signature needs the signer's password, typed again", value: actor)
        }
        do {
            _ = try accounts.signIn(actor, password: password, purpose: "signature", at: now, timeZone: timeZone)
        } catch let error as LotlineError where error.code == "sign-in-failed" {
            // The signer is signed in; only the password given to sign is wrong (and counted): not a reason to sign in again.
            throw LotlineError(
                .forbidden, "signature-failed",
                "the password given to sign is wrong; the change was not recorded (the failed attempt was, and counts toward a lockout)",
                value: actor)
        }
        return meaning
    }
}
