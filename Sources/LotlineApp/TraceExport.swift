import Foundation
import LotlineCore

/// Turns trace trees into what people read and what spreadsheets import.
public enum TraceRenderer {
    public static func text(_ root: TraceNode, direction: TraceDirection) -> String {
        var lines: [String] = []
        render(root, prefix: "", childPrefix: "", direction: direction, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func render(_ node: TraceNode, prefix: String, childPrefix: String, direction: TraceDirection, into lines: inout [String]) {
        var head = "\(node.lot)  \(node.item)  \(node.quantity)  \(node.status.rawValue)"
        if let location = node.location { head += "  @\(location)" }
        if let link = node.link { head = "\(describe(link, direction: direction)) \(direction == .forward ? "->" : "<-") " + head }
        if node.repeated { head += "  (shown above)" }
        lines.append(prefix + head)
        for fact in facts(node) { lines.append(childPrefix + "    " + fact) }
        if let withheld = node.withheld {
            lines.append(
                childPrefix + "    \(withheld) more lot\(withheld == 1 ? "" : "s") withheld here: export-controlled, shown to US persons only")
        }
        // Work orders that consumed this lot and have not made their output yet are nodes of their own, before the lots.
        let count = node.awaitingOutput.count + node.children.count
        for (index, pending) in node.awaitingOutput.enumerated() {
            lines.append(childPrefix + (index == count - 1 ? "└─ " : "├─ ") + awaiting(pending))
        }
        for (index, child) in node.children.enumerated() {
            let last = node.awaitingOutput.count + index == count - 1
            render(
                child, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "), direction: direction,
                into: &lines)
        }
    }

    public static func awaiting(_ pending: AwaitingOutput) -> String {
        let held = pending.outputHeldBy.isEmpty ? "" : "; its output is born on hold (\(pending.outputHeldBy.joined(separator: ", ")))"
        return "consumed \(pending.quantity) [order] -> \(pending.workOrder) op \(pending.operationSeq)"
            + (pending.operationName.map { " \($0)" } ?? "") + "  \(pending.item)  output not yet made" + held
    }

    public static func describe(_ link: TraceLink, direction: TraceDirection) -> String {
        var text = "\(link.relation) \(link.quantity) [\(link.certainty.rawValue)]"
        if let order = link.workOrder {
            text += " \(order) op \(link.operationSeq ?? 0)\(link.operationName.map { " \($0)" } ?? "")"
            let resources = [link.equipment?.rawValue, link.tool?.rawValue, link.operatorCode?.rawValue].compactMap { $0 }
            if !resources.isEmpty { text += " (\(resources.joined(separator: ", ")))" }
            if let deviation = link.deviation { text += " off the BOM: \(deviation)" }
        }
        return text
    }

    public static func facts(_ node: TraceNode) -> [String] {
        var facts: [String] = []
        if let r = node.receipt {
            facts.append(
                "received \(r.receivedAt) from \(r.supplier) lot \(r.supplierLot)" + (r.heat.map { " heat \($0)" } ?? "")
                    + (r.certificate.map { " cert \($0)" } ?? "") + (r.purchaseOrder.map { " PO \($0)" } ?? ""))
            facts += r.inspections.map { "incoming inspection: \($0)" }
        }
        if let expires = node.expiresOn { facts.append("expires \(expires)") }
        if let heats = node.mixedHeats { facts.append("composite of heat\(heats.count == 1 ? "" : "s") \(heats.joined(separator: ", "))") }
        if let p = node.production {
            facts.append("made on \(p.workOrder) at \(p.producedAt)" + (p.shift.map { " shift \($0)" } ?? ""))
            for op in p.operations where op.startedAt != nil {
                var resources: [String] = []
                if let processor = op.processor { resources.append("at \(processor) (\(op.processorCertificate ?? "no cert"))") }
                if let certificate = op.jobCertificate { resources.append("job cert \(certificate)") }
                resources += [op.equipment?.rawValue, op.tool?.rawValue, op.operatorCode?.rawValue].compactMap { $0 }
                let details = [
                    resources.joined(separator: " "), op.notRecorded.map { "\($0.joined(separator: ", ")) not recorded" } ?? "",
                    op.unchecked.map { "\($0.joined(separator: ", ")) not checked" } ?? "", op.parameters.joined(separator: ", "),
                    op.inspections.joined(separator: ", "),
                ].filter { !$0.isEmpty }
                facts.append("op \(op.seq) \(op.name): " + details.joined(separator: "; "))
            }
            facts += p.inspections.map { "final inspection: \($0)" }
        }
        for s in node.shipments {
            facts.append(
                "shipped \(s.quantity) to \(s.customer) on \(s.shipment) (order \(s.order), \(s.shippedAt))"
                    + (s.returned.isZero ? "" : ", \(s.returned) returned"))
        }
        for w in node.workInProcess { facts.append("waiting at \(w.workOrder): \(w.remaining)") }
        for s in node.signatures ?? [] {
            facts.append("signed \(s.meaning.rawValue) by \(s.printedName) (\(s.signer)) at \(s.at): event \(s.signs) \(s.signsType)")
        }
        return facts
    }

    public static let csvHeader = [
        "depth", "lot", "item", "quantity", "unit", "status", "location", "relation", "link_quantity", "certainty", "path_certainty", "work_order",
        "operation", "equipment", "tool", "operator", "at", "supplier", "supplier_lot", "heat", "certificate", "customer", "shipment", "sales_order",
        "shipped_quantity",
    ]

    /// One row per lot and, for shipped lots, one per shipment.
    public static func csv(_ roots: [TraceNode]) -> String {
        var rows = [csvHeader]
        for root in roots {
            for (depth, node) in root.flattened() {
                let link = node.link
                let base = [
                    String(depth), node.lot.rawValue, node.item.rawValue, Quantity.format(node.quantity.amount), node.quantity.unit,
                    node.status.rawValue,
                    node.location?.rawValue ?? "", link?.relation ?? "", link.map { Quantity.format($0.quantity.amount) } ?? "",
                    link?.certainty.rawValue ?? "", node.pathCertainty.rawValue, link?.workOrder?.rawValue ?? "",
                    link?.operationSeq.map(String.init) ?? "",
                    link?.equipment?.rawValue ?? "", link?.tool?.rawValue ?? "", link?.operatorCode?.rawValue ?? "", link?.at ?? "",
                    node.receipt?.supplier.rawValue ?? "", node.receipt?.supplierLot ?? "",
                    node.receipt?.heat ?? node.mixedHeats?.joined(separator: "|") ?? "", node.receipt?.certificate ?? "",
                ]
                if node.shipments.isEmpty {
                    rows.append(base + ["", "", "", ""])
                } else {
                    rows += node.shipments.map { base + [$0.customer.rawValue, $0.shipment.rawValue, $0.order, Quantity.format($0.quantity.amount)] }
                }
                // A work order that consumed the lot but has not made its output: a row of its own, one level down.
                for pending in node.awaitingOutput {
                    var row = [String](repeating: "", count: csvHeader.count)
                    row[0] = String(depth + 1)
                    row[1] = pending.workOrder.rawValue
                    row[2] = pending.item.rawValue
                    (row[7], row[8], row[9], row[10]) = ("consumed", Quantity.format(pending.quantity.amount), "order", "order")
                    (row[11], row[12]) = (pending.workOrder.rawValue, String(pending.operationSeq))
                    rows.append(row)
                }
            }
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A field as RFC 4180 quotes it; a text a spreadsheet would run as a formula (`=`, `+`, `@`, a tab or carriage
    /// return first, or `-` before anything but a number) gets a `'` in front, so a supplier's heat number can never be
    /// a formula in a quality engineer's spreadsheet.
    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && text.filter { $0 == "." }.count <= 1
    }

    public static func csvField(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+@\t\r".contains(first) || (first == "-" && !Self.isNumber(value.dropFirst())) {
            value = "'" + value
        }
        return value.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}

/// One lot (or work order still to make its output) a trace reached: the compact answer of `trace --format lots`.
public struct ReachedLot: Encodable {
    public var depth: Int
    public var lot: String
    public var item: String
    /// `start`, `split`, `merge`, `return`, `consumed`, or `awaiting_output` for a work order that has not made its output.
    public var relation: String
    /// The weakest certainty on the path from the starting lot.
    public var pathCertainty: Certainty
    /// The lot it was reached from.
    public var via: String?

    /// Every lot of a tree once (a lot shown twice is listed where it was first reached), depth first.
    public static func rows(_ root: TraceNode) -> [ReachedLot] {
        var rows: [ReachedLot] = []
        func walk(_ node: TraceNode, depth: Int, via: String?) {
            guard !node.repeated else { return }
            rows.append(
                ReachedLot(
                    depth: depth, lot: node.lot.rawValue, item: node.item.rawValue, relation: node.link?.relation ?? "start",
                    pathCertainty: node.pathCertainty, via: via))
            for pending in node.awaitingOutput {
                rows.append(
                    ReachedLot(
                        depth: depth + 1, lot: pending.workOrder.rawValue, item: pending.item.rawValue, relation: "awaiting_output",
                        pathCertainty: .order, via: node.lot.rawValue))
            }
            for child in node.children { walk(child, depth: depth + 1, via: node.lot.rawValue) }
        }
        walk(root, depth: 0, via: nil)
        return rows
    }

    public static func csv(_ rows: [ReachedLot]) -> String {
        let lines =
            [["depth", "lot", "item", "relation", "path_certainty", "via"]]
            + rows.map { [String($0.depth), $0.lot, $0.item, $0.relation, $0.pathCertainty.rawValue, $0.via ?? ""] }
        return lines.map { $0.map(TraceRenderer.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
