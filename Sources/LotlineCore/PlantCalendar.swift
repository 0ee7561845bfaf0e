import Foundation

/// Plant time as the scheduler counts it: whole minutes from the moment a schedule starts, and each machine's working
/// windows in those minutes (its work center's shifts, less downtime).
struct PlantCalendar {
    let origin: Date
    let timeZone: TimeZone
    let horizon: Int
    /// Capacity is laid out to three horizons, so work that does not fit in the horizon still gets a place (and is then
    /// reported unscheduled) instead of none: the search keeps minimising what does fit.
    let planningEnd: Int

    init(now: Date, timeZone: TimeZone, horizonDays: Int) {
        origin = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        self.timeZone = timeZone
        horizon = horizonDays * 24 * 60
        planningEnd = horizon * 3
    }

    /// Minutes from the origin, rounded down.
    func minute(_ date: Date) -> Int { Int((date.timeIntervalSince(origin) / 60).rounded(.down)) }

    func time(_ minute: Int) -> BusinessTime { BusinessTime(date: origin.addingTimeInterval(Double(minute) * 60), timeZone: timeZone) }

    /// When a center with these shifts works, to the planning end; around the clock when it has none.
    func windows(shifts: [Shift]) -> [Range<Int>] {
        guard !shifts.isEmpty else { return [0..<planningEnd] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: origin)
        var windows: [Range<Int>] = []
        for offset in -1...(planningEnd / 1440 + 1) {
            guard let day = calendar.date(byAdding: .day, value: offset, to: today) else { continue }
            let isoWeekday = (calendar.component(.weekday, from: day) + 5) % 7 + 1
            for shift in shifts where shift.days.contains(isoWeekday) {
                guard let start = calendar.date(bySettingHour: shift.start / 60, minute: shift.start % 60, second: 0, of: day) else { continue }
                let from = minute(start)
                let (lower, upper) = (max(0, from), min(planningEnd, from + shift.length))
                if lower < upper { windows.append(lower..<upper) }
            }
        }
        return windows
    }

    /// `windows` without the minutes in `blocked`.
    static func subtract(_ blocked: [Range<Int>], from windows: [Range<Int>]) -> [Range<Int>] {
        var result = windows
        for block in blocked where !block.isEmpty {
            result = result.flatMap { window -> [Range<Int>] in
                guard window.overlaps(block) else { return [window] }
                return [window.lowerBound..<max(window.lowerBound, block.lowerBound), min(window.upperBound, block.upperBound)..<window.upperBound]
                    .filter { !$0.isEmpty }
            }
        }
        return result
    }
}
