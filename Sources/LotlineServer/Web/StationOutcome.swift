import Foundation
import LotlineApp
import LotlineCore

/// What a station shows after a scan or a submit: done (with what was recorded) or refused (with the rule and the
/// value). Each says so in words and with a mark, not by colour alone.
struct StationOutcome: Sendable {
    var done: Bool
    var headline: String
    var detail: String?
    var suggestions: [String]
    var lots: [LotRow]
    var events: [String]
    /// What a hold touched (scheduled jobs re-allocated, orders holding the lot, lots made from it), in lines.
    var impact: [String] = []

    static func refused(_ error: LotlineError) -> StationOutcome {
        // A wrong signature password is itself recorded (it counts toward a lockout): the page does not say "nothing".
        let counted = ["signature-failed", "user-locked"].contains(error.code)
        return StationOutcome(
            done: false, headline: counted ? "Refused: the change was not recorded" : "Refused: nothing was recorded",
            detail: error.message + " [\(error.code)]", suggestions: error.suggestions, lots: [], events: [])
    }

    static func recorded(_ headline: String, events: [LedgerEvent], lots: [Lot], today: CalendarDate) -> StationOutcome {
        StationOutcome(
            done: true, headline: headline, detail: nil, suggestions: [], lots: lots.map { LotRow($0, today: today) },
            events: events.map { "#\($0.seq) \($0.type)" })
    }
}

extension ServerEnvironment {
    /// Records a command as the page's user, under every rule the CLI and the API apply: the fields are the import
    /// format's, so a station can only do what a line of an import could. Answers the events and the lots they touched,
    /// as they now stand.
    func record(_ name: String, fields: [String: Any], signature: SignatureInput? = nil, for context: LotlineRequestContext) async throws -> (
        events: [LedgerEvent], lots: [Lot]
    ) {
        let session = try session(context)
        let events = try await session.recordAny(try ImportFormat.command(name, fields: fields), signature: signature)
        return (events, try await lots(touchedBy: events, for: context))
    }

    /// The lots the events touched, as they now stand.
    func lots(touchedBy events: [LedgerEvent], for context: LotlineRequestContext) async throws -> [Lot] {
        let numbers = events.lotsTouched
        return try await read(context) { backend in try numbers.map { try backend.lotDetail($0.rawValue).lot } }
    }
}
