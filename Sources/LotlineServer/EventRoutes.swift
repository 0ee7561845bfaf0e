import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// A page of the audit trail, and the cursor that reads on from it (none on the last page).
struct EventPage: Encodable, Sendable {
    var events: [EventView]
    var nextAfter: Int64?
}

/// `GET /events?lot=&actor=&type=&from=&to=&after=&limit=`: the ledger itself, filtered, oldest first, paged by sequence
/// number (`after` = the page before's `next_after`), so a page never shifts when events are appended meanwhile.
func addEventRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.get("events", .permission(.read)) { request, context in
        let query = try QueryInput(request, allowed: ["lot", "actor", "type", "from", "to", "after", "limit"])
        let limit = try query.integer("limit", in: 1...1000) ?? 100
        if let type = query["type"], EventTypes.byName[type] == nil {
            throw LotlineError(
                .badInput, "type-invalid", "unknown event type '\(type)'", value: type,
                suggestions: EventTypes.byName.keys.sorted().filter { ImportFormat.editDistance($0, type) <= 3 })
        }
        var filter = EventFilter(
            lot: query["lot"], actor: query["actor"], type: query["type"],
            from: try query["from"].map { try moment($0, field: "from", environment.timeZone) },
            to: try query["to"].map { try moment($0, field: "to", environment.timeZone) },
            after: try query.integer("after", in: 0...Int.max).map(Int64.init), limit: limit)
        // Who was added, with which roles and whether a US person, is for admins and auditors.
        let user = try context.requireIdentity().user
        if !user.may(.readAccounts) {
            if let type = filter.type, type.hasPrefix("user.") {
                try context.require(.permission(.readAccounts), method: request.method, headers: request.headers)
            }
            filter.withoutAccounts = true
        }
        let asked = filter
        let events = try await environment.read(context) { try $0.events(asked) }
        return JSONBody(EventPage(events: events.map(EventView.init), nextAfter: events.count == limit ? events.last?.seq : nil))
    }
}

/// A date (its start, in the plant's time zone), a date and time, or a recorded timestamp as events carry it
/// (`2026-11-27T10:00:00.000Z`); a refusal names the parameter and echoes what was sent.
func moment(_ text: String, field: String, _ timeZone: TimeZone) throws -> Date {
    let recorded = ISO8601DateFormatter()
    recorded.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = recorded.date(from: text) { return date }
    do {
        return try BusinessTime.parse(text.count == 10 ? text + "T00:00" : text, timeZone: timeZone, field: field).date
    } catch let error as LotlineError {
        throw LotlineError(error.kind, "\(field)-invalid", "\(field): \(error.message)", value: text, suggestions: error.suggestions)
    }
}
