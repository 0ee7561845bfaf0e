import Foundation

public enum WorkCenterKind: CodeKind { public static let noun = "work-center" }
/// A work center: a group of machines any of which can run its operations (LATHES, MILLS, ASSEMBLY).
public typealias WorkCenterCode = Code<WorkCenterKind>

/// A work center, its machines and its weekly working time.
public struct WorkCenter: Sendable, Hashable, Codable {
    public var code: WorkCenterCode
    public var name: String
    /// The machines (equipment) that run the center's operations, each one operation at a time.
    public var machines: [EquipmentCode]
    /// When the center works each week; empty when it works around the clock.
    public var shifts: [Shift]

    public init(code: WorkCenterCode, name: String, machines: [EquipmentCode], shifts: [Shift] = []) {
        self.code = code
        self.name = name
        self.machines = machines
        self.shifts = shifts
    }
}

/// A weekly working period: on the listed days, from `start` to `end` (minutes after midnight, plant time); a shift
/// whose end is not after its start ends the next day (a night shift).
public struct Shift: Sendable, Hashable, Codable, CustomStringConvertible {
    /// ISO weekdays: 1 Monday ... 7 Sunday.
    public var days: [Int]
    public var start: Int
    public var end: Int

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Reads `mon-fri 06:00-14:00`, `sat 06:00-12:00` or `mon,wed,fri 22:00-06:00`.
    public static func parse(_ text: String) throws -> Shift {
        let refusal = LotlineError.badInput(
            "shift-invalid", "a shift is days and hours, like 'mon-fri 06:00-14:00' or 'sat,sun 22:00-06:00', got '\(text)'", value: text)
        let parts = text.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw refusal }
        var days: [Int] = []
        for piece in parts[0].split(separator: ",") {
            let ends = piece.split(separator: "-", omittingEmptySubsequences: false).map { dayNames.firstIndex(of: String($0)) }
            guard (1...2).contains(ends.count), let first = ends.first ?? nil, let last = ends.last ?? nil else { throw refusal }
            var day = first
            while true {
                days.append(day + 1)
                if day == last { break }
                day = (day + 1) % 7
            }
        }
        let hours = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard hours.count == 2, let start = minutes(hours[0]), let end = minutes(hours[1]), start < 24 * 60, start != end || start == 0 else {
            throw refusal
        }
        return Shift(days: Array(Set(days)).sorted(), start: start, end: end == 0 && start == 0 ? 24 * 60 : end)
    }

    private static func minutes(_ text: Substring) -> Int? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces.allSatisfy({ $0.count == 2 }), let hour = Int(pieces[0]), let minute = Int(pieces[1]),
            (0...24).contains(hour), (0..<60).contains(minute), hour < 24 || minute == 0
        else { return nil }
        return hour * 60 + minute
    }

    /// How long the shift lasts, in minutes.
    public var length: Int { end > start ? end - start : end + 24 * 60 - start }

    public var description: String {
        let names = days.map { Self.dayNames[$0 - 1] }
        let dayText: String
        if days.count > 2, days.last! - days.first! == days.count - 1 {
            dayText = "\(names.first!)-\(names.last!)"
        } else {
            dayText = names.joined(separator: ",")
        }
        func clock(_ minutes: Int) -> String { "\(CivilTime.pad(minutes / 60, 2)):\(CivilTime.pad(minutes % 60, 2))" }
        return "\(dayText) \(clock(start))-\(clock(end))"
    }
}

/// A time a work center, or one of its machines, cannot work: a breakdown, maintenance, a holiday.
public struct Downtime: Sendable, Hashable, Codable {
    public var workCenter: WorkCenterCode
    /// The machine down; nil when the whole center is.
    public var machine: EquipmentCode?
    public var from: BusinessTime
    public var to: BusinessTime
    public var reason: ReasonCode
    public var note: String?

    public init(workCenter: WorkCenterCode, machine: EquipmentCode?, from: BusinessTime, to: BusinessTime, reason: ReasonCode, note: String?) {
        self.workCenter = workCenter
        self.machine = machine
        self.from = from
        self.to = to
        self.reason = reason
        self.note = note
    }
}
