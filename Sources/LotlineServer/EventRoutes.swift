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
func addEventRoutes(to router: Router<LotlineRequestContext>, _ environment: ServerEnvironment) {
    router.get("events") { request, _ in
        let query = request.uri.queryParameters
        let text = { (name: String) in query[Substring(name)].map(String.init) }
        let limit = try text("limit").map { try integer($0, field: "limit", in: 1...1000) } ?? 100
        let filter = EventFilter(
            lot: text("lot"), actor: text("actor"), type: text("type"), from: try text("from").map { try moment($0, environment.timeZone) },
            to: try text("to").map { try moment($0, environment.timeZone) },
            after: try text("after").map { Int64(try integer($0, field: "after", in: 0...Int.max)) }, limit: limit)
        let events = try await environment.read { try $0.events(filter) }
        return JSONBody(EventPage(events: events.map(EventView.init), nextAfter: events.count == limit ? events.last?.seq : nil))
    }
}

/// A whole number in range, or a refusal naming the field.
func integer(_ text: String, field: String, in range: ClosedRange<Int>) throws -> Int {
    guard let value = Int(text), range.contains(value) else {
        throw LotlineError.badInput(
            "\(field)-invalid", "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'", value: text)
    }
    return value
}

/// A date (its start, in the plant's time zone) or a date and time.
func moment(_ text: String, _ timeZone: TimeZone) throws -> Date {
    try BusinessTime.parse(text.count == 10 ? text + "T00:00" : text, timeZone: timeZone, field: "time").date
}
