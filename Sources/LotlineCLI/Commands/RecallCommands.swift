import ArgumentParser
import Foundation
import LotlineCore
import LotlineStore

struct RecallGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Recalls and mock-recall drills: affected lots, customers to notify, holds, mass balance.",
        subcommands: [Start.self, Report.self, Drill.self, Drills.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv
    }

    struct Start: StoreCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a recall: hold every affected lot still in the building, in one transaction, and print the report.")
        @Argument(help: "Lot, serial, supplier lot or heat number.") var id: String
        @Option var reason: String
        @Option(help: "The cause behind the defective unit ID: recall forward from it, reaching the unit's siblings.") var viaAncestor: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (store, events) = try context.execute(StartRecall(target: id, reason: reason, viaAncestor: viaAncestor))
            let started = try events[0].body() as! RecallStarted
            let report = try store.recallReport(started.recall, today: context.today)
            let text = "Recall \(started.recall) started: \(started.held.count) lots put on hold\n\n" + RecallRenderer.markdown(report)
            return CLIOutput(text: text, json: report)
        }
    }

    struct Report: StoreCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report a recall (by its id), or what a recall of any lot, supplier lot or heat would reach.")
        @Argument var id: String
        @Option var viaAncestor: String?
        @Option(help: "markdown (default) or csv; --json for JSON.") var format: Format = .markdown
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let report = try context.store(creating: false).recallReport(id, viaAncestor: viaAncestor, today: context.today)
            return CLIOutput(text: format == .csv ? RecallRenderer.csv(report) : RecallRenderer.markdown(report), json: report)
        }
    }

    struct Drill: StoreCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mock recall: the same report without holds, timed against the four-hour target, and recorded for auditors.")
        @Argument var id: String?
        @Flag(help: "Pick a random receiving lot, as the quarterly drill prescribes.") var random = false
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let started = Date()
            let store = try context.store(creating: false)
            guard let target = try random ? store.randomReceiptLot()?.rawValue : id else {
                throw LotlineError.badInput(
                    "drill-target-missing", random ? "there is no receiving lot to drill" : "name a lot, supplier lot or heat, or give --random")
            }
            let report = try store.recallReport(target, today: context.today)
            let elapsed = Date().timeIntervalSince(started)
            let (_, events) = try context.execute(RecordDrill(target: target, report: report, elapsedSeconds: elapsed))
            let drill = try events[0].body() as! RecallDrilled
            let verdict = elapsed <= 4 * 3600 ? "met" : "MISSED"
            var text = "Drill \(drill.drill) of \(target): \(String(format: "%.3f", elapsed)) s against the 4-hour target (\(verdict)); "
            text += "\(report.affected.count) lots affected, \(report.customers.count) customers to notify, "
            text += report.balanced ? "mass balance holds\n" : "MASS BALANCE GAP: \(drill.gaps.joined(separator: "; "))\n"
            return CLIOutput(text: text + "\n" + RecallRenderer.markdown(report), json: DrillView(drill: drill, report: report))
        }
    }

    struct DrillView: Encodable {
        var drill: RecallDrilled
        var report: RecallReport
    }

    struct Drills: StoreCommand {
        static let configuration = CommandConfiguration(abstract: "Past drills with their times and results, for auditors.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let drills = try context.store(creating: false).recalls(drillsOnly: true)
            let rows = drills.map {
                [
                    $0.id, $0.at, $0.actor, $0.target, String(format: "%.3f s", $0.elapsedSeconds ?? 0), String($0.affectedCount),
                    String($0.customerCount ?? 0),
                    ($0.balanced ?? false) ? "holds" : "GAP",
                ]
            }
            let table = Table(headers: ["DRILL", "AT", "BY", "TARGET", "ELAPSED", "LOTS", "CUSTOMERS", "BALANCE"], rows: rows)
            return CLIOutput(
                text: drills.isEmpty ? "No drills yet; run `lotline recall drill --random`.\n" : table.render(), json: ["drills": drills])
        }
    }
}

/// Recall reports as Markdown (also what the terminal shows) and CSV.
enum RecallRenderer {
    static func markdown(_ report: RecallReport) -> String {
        var out = "# \(report.id.map { "Recall \($0)" } ?? "Recall report"): \(report.target)\n\n"
        if let reason = report.reason { out += "Reason: \(reason)\n\n" }
        out += "Starting lots: \(report.startingLots.map(\.rawValue).joined(separator: ", "))\n\n"
        out += "## Customers to notify (\(report.customers.count))\n\n"
        out += table(
            ["customer", "name", "shipment", "order", "lot", "item", "quantity", "returned", "shipped at"],
            report.customers.flatMap { c in
                c.shipments.map {
                    [
                        c.customer.rawValue, c.name, $0.shipment.rawValue, $0.order, $0.lot.rawValue, $0.item.rawValue, "\($0.quantity)",
                        "\($0.returned)", $0.shippedAt,
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

    private static func table(_ headers: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "(none)\n\n" }
        let line = { (cells: [String]) in "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return ([line(headers), line(headers.map { _ in "---" })] + rows.map(line)).joined(separator: "\n") + "\n\n"
    }

    /// One row per disposition of each affected lot.
    static func csv(_ report: RecallReport) -> String {
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
        return rows.map { $0.map(TraceRenderer.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
