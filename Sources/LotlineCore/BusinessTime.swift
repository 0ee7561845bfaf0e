import Foundation

/// When something happened on the floor, with the UTC offset of the place it happened: `2026-11-27T08:30:00+01:00`.
public struct BusinessTime: Sendable, Hashable, Codable, CustomStringConvertible {
    public let date: Date
    public let offsetSeconds: Int

    public init(date: Date, offsetSeconds: Int) {
        self.date = date
        self.offsetSeconds = offsetSeconds
    }

    /// The moment `date` in the given time zone's offset at that moment.
    public init(date: Date, timeZone: TimeZone) {
        self.init(date: date, offsetSeconds: timeZone.secondsFromGMT(for: date))
    }

    public var description: String { text }

    /// ISO 8601 with seconds and the offset, the form stored in the ledger.
    public var text: String {
        let p = CivilTime.parts(seconds: date.timeIntervalSince1970, offset: offsetSeconds)
        let offset = abs(offsetSeconds)
        return "\(CivilTime.pad(p.year, 4))-\(CivilTime.pad(p.month, 2))-\(CivilTime.pad(p.day, 2))T\(CivilTime.pad(p.hour, 2)):"
            + "\(CivilTime.pad(p.minute, 2)):\(CivilTime.pad(p.second, 2))\(offsetSeconds < 0 ? "-" : "+")"
            + "\(CivilTime.pad(offset / 3600, 2)):\(CivilTime.pad(offset % 3600 / 60, 2))"
    }

    /// UTC with milliseconds, `2026-11-27T10:00:00.123Z`: the form of the ledger's record time.
    public static func utcTimestamp(_ date: Date) -> String {
        let p = CivilTime.parts(seconds: date.timeIntervalSince1970, offset: 0)
        return "\(CivilTime.pad(p.year, 4))-\(CivilTime.pad(p.month, 2))-\(CivilTime.pad(p.day, 2))T\(CivilTime.pad(p.hour, 2)):"
            + "\(CivilTime.pad(p.minute, 2)):\(CivilTime.pad(p.second, 2)).\(CivilTime.pad(p.millisecond, 3))Z"
    }

    /// The moment a record time (`utcTimestamp`) stands for.
    public static func utcTimestampDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The calendar day this moment falls on where it happened.
    public var day: CalendarDate {
        let p = CivilTime.parts(seconds: date.timeIntervalSince1970, offset: offsetSeconds)
        return CalendarDate(year: p.year, month: p.month, day: p.day)
    }

    /// Accepts `2026-11-27`, `2026-11-27T08:30`, `2026-11-27T08:30:15`, with an optional `Z` or `+01:00`;
    /// without an offset the time is read in `timeZone`.
    public static func parse(_ text: String, timeZone: TimeZone, field: String = "time") throws -> BusinessTime {
        // Built only on failure: lots are read (and their times parsed) for nearly every command.
        var invalid: LotlineError {
            LotlineError.badInput(
                "time-invalid", "\(field) '\(text)' is not a date or time; use 2026-11-27 or 2026-11-27T08:30 (optionally with Z or +01:00)",
                value: text)
        }
        var rest = Substring(text.trimmed)
        guard rest.count >= 10 else { throw invalid }
        let datePart = rest.prefix(10)
        rest = rest.dropFirst(10)
        let day: CalendarDate
        do {
            day = try CalendarDate.parse(String(datePart), field: field)
        } catch let error as LotlineError where error.code == "date-out-of-range" {
            throw error
        } catch {
            throw invalid
        }
        var hour = 0
        var minute = 0
        var second = 0
        var offset: Int?
        if rest.first == "T" || rest.first == " " {
            rest = rest.dropFirst()
            let clock = rest.prefix { $0.isNumber || $0 == ":" }
            rest = rest.dropFirst(clock.count)
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { throw invalid }
            hour = parts[0]!
            minute = parts[1]!
            second = parts.count == 3 ? parts[2]! : 0
            guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { throw invalid }
            if rest == "Z" {
                offset = 0
                rest = ""
            } else if let sign = rest.first, sign == "+" || sign == "-" {
                let digits = rest.dropFirst().split(separator: ":").map { Int($0) }
                guard digits.count == 2, let h = digits[0], let m = digits[1], h < 15, m < 60 else { throw invalid }
                offset = (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
                rest = ""
            }
        }
        guard rest.isEmpty else { throw invalid }
        let local = CivilTime.days(year: day.year, month: day.month, day: day.day) * 86_400 + hour * 3600 + minute * 60 + second
        if let offset {
            return try inRange(BusinessTime(date: Date(timeIntervalSince1970: Double(local - offset)), offsetSeconds: offset), text, field)
        }
        // Without an offset the time is wall-clock time where it happened; find that zone's offset at that moment.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { throw invalid }
        return try inRange(BusinessTime(date: date, timeZone: timeZone), text, field)
    }

    /// The local day is checked as it is read; the moment must lie in the same years in UTC too (`9999-12-31T20:00-12:00`
    /// is in year 10000 there), or stored UTC timestamps would not sort and compare as text.
    private static func inRange(_ time: BusinessTime, _ text: String, _ field: String) throws -> BusinessTime {
        let year = CivilTime.parts(seconds: time.date.timeIntervalSince1970, offset: 0).year
        guard (1900...9999).contains(year) else {
            throw LotlineError.badInput(
                "date-out-of-range", "\(field) '\(text)' falls outside the years 1900 to 9999 that Lotline records (in UTC)", value: text)
        }
        return time
    }
}

extension BusinessTime {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try BusinessTime.parse(text, timeZone: .utc)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// A calendar day without a time, such as an expiry date: `2027-03-31`.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Strictly `YYYY-MM-DD`, and a day that exists (no 2026-02-30).
    public static func parse(_ text: String, field: String = "date") throws -> CalendarDate {
        let parts = text.trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year)
        else {
            throw LotlineError.badInput("date-invalid", "\(field) '\(text)' is not a valid date; use YYYY-MM-DD, e.g. 2027-03-31", value: text)
        }
        guard (1900...9999).contains(year) else {
            throw LotlineError.badInput(
                "date-out-of-range", "\(field) '\(text)' is outside the years 1900 to 9999 that Lotline records", value: text)
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// This day moved by a number of days.
    public func adding(days: Int) -> CalendarDate {
        let moved = CivilTime.civil(days: CivilTime.days(year: year, month: month, day: day) + days)
        return CalendarDate(year: moved.year, month: moved.month, day: moved.day)
    }

    /// Day of the year, 1 to 366.
    public var ordinal: Int {
        (1..<month).reduce(0) { $0 + CalendarDate.days(inMonth: $1, year: year) } + day
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        self = try CalendarDate.parse(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension TimeZone {
    /// UTC, in which stored times are read back: made once, not at every parse.
    public static let utc = TimeZone(secondsFromGMT: 0)!
}
