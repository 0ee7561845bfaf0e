import Foundation
import LotlineCore

/// A published schedule as a Gantt chart in SVG, drawn here: one row per machine (and one per work center for outside
/// processes), a bar per operation labelled with its order and operation, fixed operations dashed, operations flagged
/// (a held lot's impact) outlined in red, day lines, and a line at now.
public struct ScheduleGantt: Sendable {
    public var schedule: PublishedSchedule
    public var now: Date
    /// Operations to outline in red, as "WORK-ORDER SEQ".
    public var flagged: Set<String>

    public init(schedule: PublishedSchedule, now: Date, flagged: Set<String> = []) {
        self.schedule = schedule
        self.now = now
        self.flagged = flagged
    }

    static let labelWidth = 170.0
    static let chartWidth = 1100.0
    static let rowHeight = 28.0
    static let top = 44.0
    static let palette = ["#4e79a7", "#59a14f", "#9c755f", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#f28e2b", "#bab0ac", "#86bcb6"]

    /// The rows, in order: each machine by work center, then outside processes by work center.
    var rows: [String] {
        let machines = Set(schedule.operations.compactMap { op in op.machine.map { "\(op.workCenter) / \($0)" } })
        let outside = Set(schedule.operations.filter { $0.machine == nil }.map { "\($0.workCenter) / outside" })
        return machines.sorted() + outside.sorted()
    }

    public func svg() -> String {
        let rows = rows
        let start = schedule.from.date
        let end = max(schedule.operations.map(\.end.date).max() ?? start, start.addingTimeInterval(3600))
        let span = end.timeIntervalSince(start)
        let scale = Self.chartWidth / span
        func x(_ date: Date) -> Double { Self.labelWidth + max(0, date.timeIntervalSince(start)) * scale }
        let height = Self.top + Double(rows.count) * Self.rowHeight + 16
        let width = Self.labelWidth + Self.chartWidth + 20
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" \
            font-family="sans-serif" font-size="11" role="img" aria-label="Schedule version \(schedule.version)">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="8" y="18" font-size="14" font-weight="bold">Schedule version \(schedule.version) from \(markupEscaped(schedule.from.text))</text>

            """
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: schedule.from.offsetSeconds) ?? .gmt
        var day = calendar.startOfDay(for: start)
        while day <= end {
            if day >= start {
                let lineX = x(day)
                svg += "<line x1=\"\(f(lineX))\" y1=\"\(f(Self.top - 12))\" x2=\"\(f(lineX))\" y2=\"\(f(height - 16))\" stroke=\"#cccccc\"/>\n"
                svg +=
                    "<text x=\"\(f(lineX + 3))\" y=\"\(f(Self.top - 4))\" fill=\"#555555\">\(BusinessTime(date: day, offsetSeconds: schedule.from.offsetSeconds).day)</text>\n"
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        for (index, row) in rows.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            if index % 2 == 1 { svg += "<rect x=\"0\" y=\"\(f(y))\" width=\"\(Int(width))\" height=\"\(f(Self.rowHeight))\" fill=\"#f4f4f4\"/>\n" }
            svg += "<text x=\"8\" y=\"\(f(y + 18))\">\(markupEscaped(row))</text>\n"
        }
        for op in schedule.operations {
            let row = op.machine.map { "\(op.workCenter) / \($0)" } ?? "\(op.workCenter) / outside"
            guard let index = rows.firstIndex(of: row) else { continue }
            let y = Self.top + Double(index) * Self.rowHeight + 4
            let left = x(op.start.date)
            let barWidth = max(2, x(op.end.date) - left)
            let key = "\(op.workOrder) \(op.seq)"
            let color = Self.palette[abs(Self.stableHash(op.workOrder.rawValue)) % Self.palette.count]
            let outline =
                flagged.contains(key)
                ? " stroke=\"#d62728\" stroke-width=\"3\"" : op.fixed != nil ? " stroke=\"#222222\" stroke-dasharray=\"4 2\"" : " stroke=\"#ffffff\""
            svg +=
                "<g><title>\(markupEscaped("\(op.workOrder) op \(op.seq): \(op.start.text) to \(op.end.text)\(op.fixed.map { " (\($0.rawValue))" } ?? "")\(flagged.contains(key) ? ": held material" : "")"))</title>"
            svg +=
                "<rect x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(Self.rowHeight - 8))\" rx=\"3\" fill=\"\(color)\"\(outline)/>"
            if barWidth > 70 {
                svg += "<text x=\"\(f(left + 4))\" y=\"\(f(y + 14))\" fill=\"#ffffff\">\(markupEscaped("\(op.workOrder) \(op.seq)"))</text>"
            }
            svg += "</g>\n"
        }
        if now >= start && now <= end {
            let nowX = x(now)
            svg +=
                "<line x1=\"\(f(nowX))\" y1=\"\(f(Self.top - 12))\" x2=\"\(f(nowX))\" y2=\"\(f(height - 16))\" stroke=\"#d62728\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(f(nowX + 3))\" y=\"\(f(height - 4))\" fill=\"#d62728\">now</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The same colour for an order in every run (Swift's `hashValue` changes between processes).
    static func stableHash(_ text: String) -> Int { text.utf8.reduce(7) { ($0 &* 31 &+ Int($1)) & 0x7fff_ffff } }
}

extension Session {
    /// The operations a hold touches, as "WORK-ORDER SEQ": those still allocated a lot now on hold, and every operation of
    /// an order whose material (issued or consumed) is on hold.
    public func heldLotImpacts(in schedule: PublishedSchedule) throws -> Set<String> {
        try backend.withState { state in
            var held: [LotNumber: Bool] = [:]
            func onHold(_ lot: LotNumber) throws -> Bool {
                if let known = held[lot] { return known }
                let answer = try state.lot(lot)?.storedStatus == .onHold
                held[lot] = answer
                return answer
            }
            var stopped: [WorkOrderNumber: Bool] = [:]
            var flagged = Set<String>()
            for op in schedule.operations {
                if stopped[op.workOrder] == nil {
                    stopped[op.workOrder] =
                        try !state.outputHolds(of: op.workOrder).isEmpty
                        || state.workInProcess(op.workOrder).contains { try onHold($0.lot) }
                }
                if try stopped[op.workOrder] == true || (op.allocations ?? []).contains(where: { try onHold($0.lot) }) {
                    flagged.insert("\(op.workOrder) \(op.seq)")
                }
            }
            return flagged
        }
    }
}
