import Foundation
import LotlineCore

extension Session {
    /// Decides the command under every rule recording it would apply, and writes nothing: a station checks each scan
    /// this way as it is made, before the whole is recorded (the record then decides again, so nothing is assumed).
    public func check<Command: LotlineCommand>(_ command: Command) throws {
        try backend.withState { base in
            let state = try HiddenLotsState.seenBy(actor, base)
            try command.authorize(actor, in: state)
            _ = try command.decide(state, commandContext)
        }
    }
}

extension Session {
    /// Records several commands together as this session's user, each at its own time: all, or none and the first
    /// refusal (a filled paper traveler entered after the fact).
    public func recordAll(_ steps: [CommandStep]) throws -> [LedgerEvent] {
        try backend.executeAll(steps, actor: actor, timeZone: timeZone)
    }
}
