import Foundation
import LotlineCore

/// What a hold touches, in lines; nothing when it touches nothing.
public enum HoldImpactText {
    public static func render(_ impact: HoldImpact) -> String {
        let text = lines(impact)
        return text.isEmpty ? "" : text.joined(separator: "\n") + "\n"
    }

    public static func lines(_ impact: HoldImpact) -> [String] {
        guard !impact.isEmpty else { return [] }
        var lines = scheduled(impact.scheduled, version: impact.scheduleVersion)
        if !impact.atOrders.isEmpty {
            lines.append("Already at work orders (for a person to deal with):")
            for order in impact.atOrders { lines.append("  \(order.workOrder): \(order.stillThere) still there, \(order.consumed) consumed") }
        }
        if !impact.madeFrom.isEmpty {
            lines.append("Already made from it: " + impact.madeFrom.map { "\($0.lot) [\($0.certainty.rawValue)]" }.joined(separator: ", "))
        }
        return lines + customers(impact.customerOrders)
    }

    /// The scheduled operations that had the held material, and their material now.
    public static func scheduled(_ scheduled: [HoldImpact.Affected], version: Int?) -> [String] {
        guard !scheduled.isEmpty else { return [] }
        return ["Scheduled to use it (schedule version \(version.map(String.init) ?? "-") re-allocates):"]
            + scheduled.map { op in
                let now =
                    op.cannotSchedule.map { "cannot schedule: \($0)" }
                    ?? "now from "
                    + (op.newLots.map { "\($0.lot) \($0.quantity)" } + op.awaits.map { "the output of \($0)" }).joined(separator: ", ")
                return "  \(op.workOrder) op \(op.seq) on \(op.machine?.rawValue ?? "(outside)") \(op.start.minuteText): \(op.quantity) -> \(now)"
            }
    }

    /// The customers' orders waiting on the affected work orders.
    public static func customers(_ orders: [HoldImpact.CustomerOrder]) -> [String] {
        guard !orders.isEmpty else { return [] }
        return ["Customer orders behind them:"]
            + orders.map { order in
                "  \(order.customer)" + (order.salesOrder.map { " order \($0)" } ?? "") + ": "
                    + order.workOrders.map(\.rawValue).joined(separator: ", ")
            }
    }
}

extension BusinessTime {
    /// `2026-12-03 14:00`: the business time to the minute, in its own offset.
    public var minuteText: String { String(text.prefix(16)).replacingOccurrences(of: "T", with: " ") }
}
