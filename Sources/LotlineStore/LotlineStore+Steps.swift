import Foundation
import LotlineCore

extension LotlineStore {
    public func executeAll(_ steps: [CommandStep], actor: String, timeZone: TimeZone) throws -> [LedgerEvent] {
        let actor = try TextInput.actor(actor)
        return try batch(actor: actor, timeZone: timeZone) { batch in
            var events: [LedgerEvent] = []
            for (index, step) in steps.enumerated() {
                func run<Command: LotlineCommand>(_ command: Command) throws -> [LedgerEvent] {
                    try batch.execute(command, at: step.at, ref: step.ref).events
                }
                do {
                    events += try run(step.command)
                } catch let error as LotlineError {
                    throw LotlineError(
                        error.kind, error.code,
                        "step \(index + 1) of \(steps.count)\(step.label.map { " (\($0))" } ?? ""): \(error.message); none of the steps was recorded",
                        value: error.value, suggestions: error.suggestions, remedy: error.remedy)
                }
            }
            return events
        }
    }
}
