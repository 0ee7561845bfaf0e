import Foundation
import LotlineCore

/// A range of time as a user gives it: each end a date or a date and time in the plant's time zone; a day alone as the
/// end means the whole day.
public struct TimeRange: Sendable {
    public var from: Date?
    public var to: Date?

    public init(from: String?, to: String?, timeZone: TimeZone) throws {
        self.from = try from.map { try BusinessTime.parse($0, timeZone: timeZone, field: "from").date }
        self.to = try to.map { try BusinessTime.parse($0, timeZone: timeZone, field: "to").date }
        if let text = to, text.count == 10 { self.to = self.to?.addingTimeInterval(86_399) }
    }
}

/// `audit signatures`: every electronic signature in a time range, oldest first, with the printed name, the time,
/// the meaning and the record it signs (21 CFR 11.50).
public enum SignatureManifest {
    public static func read(_ backend: some LedgerReading, range: TimeRange) throws -> [SignatureRecord] {
        var records: [SignatureRecord] = []
        var after: Int64 = 0
        while true {
            let page = try backend.events(EventFilter(type: RecordSigned.type, from: range.from, to: range.to, after: after, limit: 1000))
            records += page.compactMap(SignatureRecord.init)
            guard page.count == 1000, let last = page.last else { return records }
            after = last.seq
        }
    }
}
