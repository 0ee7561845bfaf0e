import Foundation
import LotlineCore

/// Recall reports as Markdown (also what the terminal shows) and CSV.
public enum RecallRenderer {
    public static func markdown(_ report: RecallReport) -> String {
        var out = "# \(report.id.map { "Recall \($0)" } ?? "Recall report"): \(report.target)\n\n"
        if let reason = report.reason { out += "Reason: \(reason)\n\n" }
        out += "Starting lots: \(report.startingLots.map(\.rawValue).joined(separator: ", "))\n\n"
        if let closed = report.closedAt { out += "Closed \(closed)\n\n" }
        if let disagreement = report.traceIndexDisagreed { out += "**Warning:** \(disagreement).\n\n" }
        if let withheld = report.withheld {
            out += "**Withheld:** \(withheld) more affected lot\(withheld == 1 ? "" : "s") of export-controlled items, shown to US persons only.\n\n"
        }
        if let signatures = report.signatures {
            out +=
                "Signed: "
                + signatures.map { "\($0.printedName) (\($0.signer)), \($0.meaning.rawValue), \($0.at): \($0.signsType)" }.joined(separator: "; ")
                + "\n\n"
        }
        out += certainties(report)
        let certaintyOf = Dictionary(report.affected.map { ($0.lot, $0.certainty) }, uniquingKeysWith: min)
        out += "## Customers to notify (\(report.customers.count))\n\n"
        out += table(
            ["customer", "name", "shipment", "order", "lot", "item", "quantity", "returned", "shipped at", "certainty"],
            report.customers.flatMap { c in
                c.shipments.map {
                    [
                        c.customer.rawValue, c.name, $0.shipment.rawValue, $0.order, $0.lot.rawValue, $0.item.rawValue, "\($0.quantity)",
                        "\($0.returned)", $0.shippedAt, certaintyOf[$0.lot]?.rawValue ?? "",
                    ]
                }
            })
        let inStock = report.affected.filter { !$0.inStock.isZero }.sorted {
            ($0.location?.rawValue ?? "", $0.lot) < ($1.location?.rawValue ?? "", $1.lot)
        }
        out += "## In stock, by location (\(inStock.count))\n\n"
        out += table(
            ["location", "lot", "item", "quantity", "status", "certainty"],
            inStock.map {
                [$0.location?.rawValue ?? "-", $0.lot.rawValue, $0.item.rawValue, "\($0.inStock)", $0.status.rawValue, $0.certainty.rawValue]
            })
        let wip = report.affected.flatMap { lot in lot.workInProcess.map { (lot, $0) } }.sorted { $0.1.workOrder < $1.1.workOrder }
        out += "## In WIP, by work order (\(wip.count))\n\n"
        out += table(
            ["work order", "lot", "item", "quantity", "status"],
            wip.map { [$1.workOrder.rawValue, $0.lot.rawValue, $0.item.rawValue, "\($1.remaining)", $0.status.rawValue] })
        out += "## Consumed at work orders, output not yet made (\(report.awaitingOutput.count))\n\n"
        out += table(
            ["work order", "operation", "makes", "lot consumed", "quantity", "certainty", "future output held by"],
            report.awaitingOutput.map {
                [
                    $0.workOrder.rawValue, "\($0.operationSeq) \($0.operationName ?? "")", $0.item.rawValue, $0.lot.rawValue, "\($0.quantity)",
                    Certainty.order.rawValue, $0.outputHeldBy.isEmpty ? "NOT HELD" : $0.outputHeldBy.joined(separator: ", "),
                ]
            })
        if report.id != nil { out += holds(report) }
        let used = report.affected.filter { !$0.consumed.isZero || !$0.scrapped.isZero }
        out += "## Consumed and scrapped (\(used.count))\n\n"
        out += table(["lot", "item", "consumed", "scrapped"], used.map { [$0.lot.rawValue, $0.item.rawValue, "\($0.consumed)", "\($0.scrapped)"] })
        out += "## Mass balance\n\n"
        out += table(
            ["lot", "received", "adjusted", "in stock", "WIP", "shipped", "scrapped", "consumed", "gap"],
            report.balances.map {
                [
                    $0.lot.rawValue, "\($0.received)", "\($0.adjusted)", "\($0.inStock)", "\($0.workInProcess)", "\($0.shipped)", "\($0.scrapped)",
                    "\($0.consumed)",
                    $0.holds ? "0" : "**\(Quantity.format($0.gap))**",
                ]
            })
        out +=
            report.balanced
            ? "Balance holds: received = in stock + WIP + shipped + scrapped + consumed.\n" : "**Balance gap: material is unaccounted for.**\n"
        return out
    }

    /// Lots and customers per certainty, and what a `--certainty` narrowing left out.
    public static func certainties(_ report: RecallReport) -> String {
        var out = "## Reach by certainty\n\n"
        out += table(
            ["certainty", "lots", "customers", "meaning"],
            report.byCertainty.map { [$0.certainty.rawValue, String($0.lots), String($0.customers), meaning($0.certainty)] })
        if let narrowed = report.certainty {
            let lots = report.leftOut.reduce(0) { $0 + $1.lots }
            let customers = Set(report.leftOut.flatMap(\.customerCodes)).subtracting(report.customers.map(\.customer))
            out += "**Narrowed to \(narrowed.rawValue) and stronger: left out \(lots) lots reached only by "
            out += report.leftOut.map(\.certainty.rawValue).joined(separator: "/")
            out +=
                " links, and \(customers.count) customers\(customers.isEmpty ? "" : " (" + customers.sorted().map(\.rawValue).joined(separator: ", ") + ")").**\n\n"
        }
        return out
    }

    public static func meaning(_ certainty: Certainty) -> String {
        switch certainty {
        case .exact: "recorded: the material is in it"
        case .window: "best guess: the first output made after the consumption"
        case .possible: "could contain it: a later output of the same order"
        case .order: "consumed at an order that has not made its output yet"
        }
    }

    /// The lots a recall holds with their dispositions, and the work orders whose future output it holds.
    public static func holds(_ report: RecallReport) -> String {
        let open = report.holds.filter { $0.disposition == nil }.count
        var out = "## Held lots and dispositions (\(report.holds.count), \(open) undispositioned)\n\n"
        out += table(
            ["lot", "held from", "disposition", "reason", "note", "by", "at"],
            report.holds.map {
                [
                    $0.lot.rawValue, $0.heldFrom.rawValue, $0.disposition?.rawValue ?? "UNDISPOSITIONED", $0.reason?.rawValue ?? "", $0.note ?? "",
                    $0.actor ?? "", $0.at ?? "",
                ]
            })
        out += "## Work orders whose future output is held (\(report.heldOrders.count))\n\n"
        out += report.heldOrders.isEmpty ? "(none)\n\n" : report.heldOrders.map(\.rawValue).joined(separator: ", ") + "\n\n"
        return out
    }

    private static func table(_ headers: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "(none)\n\n" }
        let line = { (cells: [String]) in "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return ([line(headers), line(headers.map { _ in "---" })] + rows.map(line)).joined(separator: "\n") + "\n\n"
    }

    /// One row per disposition of each affected lot.
    public static func csv(_ report: RecallReport) -> String {
        var rows = [
            [
                "disposition", "lot", "item", "quantity", "unit", "status", "certainty", "location", "work_order", "customer", "shipment",
                "sales_order",
            ]
        ]
        for lot in report.affected {
            let base = { (disposition: String, quantity: Quantity) in
                [
                    disposition, lot.lot.rawValue, lot.item.rawValue, Quantity.format(quantity.amount), quantity.unit, lot.status.rawValue,
                    lot.certainty.rawValue,
                ]
            }
            if !lot.inStock.isZero { rows.append(base("in_stock", lot.inStock) + [lot.location?.rawValue ?? "", "", "", "", ""]) }
            for w in lot.workInProcess { rows.append(base("wip", w.remaining) + ["", w.workOrder.rawValue, "", "", ""]) }
            for s in lot.shipments { rows.append(base("shipped", s.quantity) + ["", "", s.customer.rawValue, s.shipment.rawValue, s.order]) }
            if !lot.consumed.isZero { rows.append(base("consumed", lot.consumed) + ["", "", "", "", ""]) }
            if !lot.scrapped.isZero { rows.append(base("scrapped", lot.scrapped) + ["", "", "", "", ""]) }
        }
        let status = Dictionary(report.affected.map { ($0.lot, $0.status.rawValue) }, uniquingKeysWith: { a, _ in a })
        for pending in report.awaitingOutput {
            rows.append([
                "awaiting_output", pending.lot.rawValue, pending.item.rawValue, Quantity.format(pending.quantity.amount), pending.quantity.unit,
                status[pending.lot] ?? "", Certainty.order.rawValue, "", pending.workOrder.rawValue, "", "", "",
            ])
        }
        return rows.map { $0.map(TraceRenderer.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
