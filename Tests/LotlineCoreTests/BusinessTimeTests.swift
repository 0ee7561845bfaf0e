import Foundation
import LotlineCore
import Testing

@Suite struct BusinessTimeTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test(arguments: [
        ("2026-11-27", "2026-11-27T00:00:00+01:00"), ("2026-11-27T08:30", "2026-11-27T08:30:00+01:00"),
        ("2026-07-01T08:30:15", "2026-07-01T08:30:15+02:00"), ("2026-11-27T08:30Z", "2026-11-27T08:30:00+00:00"),
        ("2026-11-27T08:30:00-05:00", "2026-11-27T08:30:00-05:00"),
    ])
    func keepsTheOffsetItWasGivenIn(text: String, stored: String) throws {
        #expect(try BusinessTime.parse(text, timeZone: berlin).text == stored)
    }

    @Test(arguments: ["yesterday", "2026-13-01", "2026-02-30", "2026-11-27T25:00", "2026-11-27T08:30+1", "27/11/2026"])
    func refusesMalformedTimes(text: String) {
        #expect { try BusinessTime.parse(text, timeZone: berlin) } throws: { ($0 as? LotlineError)?.code == "time-invalid" }
    }

    /// The year range holds for the moment in UTC as well as for the day as written, so UTC timestamps stay four-digit.
    @Test(arguments: ["9999-12-31T12:00-12:00", "1900-01-01T00:00+14:00", "1900-01-01T00:30+01:00", "1899-12-31"])
    func refusesMomentsOutsideTheYearsRecordedInUTC(text: String) {
        #expect { try BusinessTime.parse(text, timeZone: berlin) } throws: { ($0 as? LotlineError)?.code == "date-out-of-range" }
    }

    @Test func theLastAndFirstMomentsInRangeAreTaken() throws {
        #expect(try BusinessTime.parse("9999-12-31T11:59-12:00", timeZone: berlin).text == "9999-12-31T11:59:00-12:00")
        #expect(try BusinessTime.parse("1900-01-01T00:00Z", timeZone: berlin).text == "1900-01-01T00:00:00+00:00")
    }

    @Test func calendarDateChecksRealDays() throws {
        #expect(try CalendarDate.parse("2028-02-29").description == "2028-02-29")
        #expect(throws: LotlineError.self) { try CalendarDate.parse("2027-02-29") }
        #expect(CalendarDate(year: 2026, month: 12, day: 31).ordinal == 365)
        #expect(CalendarDate(year: 2026, month: 11, day: 27).adding(days: 180).description == "2027-05-26")
    }
}
