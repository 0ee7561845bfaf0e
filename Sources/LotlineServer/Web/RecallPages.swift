import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// Recalls and drills: the list, when the next quarterly drill is due, and a report for a recall, a drill or any target
/// (a preview, before anything is held).
struct RecallListPage: PageView {
    static let template = "recalls"
    var chrome: Chrome
    var recalls: [Record]
    var drills: [Record]
    var nextDrill: String
    /// The user may start a recall: the form (with its signature) is offered.
    var mayStart: Bool
    var target: String
    var reason: String
    var signature: SignatureFields
    var outcome: StationOutcome?

    struct Record: Sendable {
        var id: String
        var href: String
        var target: String
        var reason: String
        var affected: String
        var customers: String
        var balanced: String
        var at: String
        var elapsed: String
    }
}

extension RecallListPage.Record {
    init(_ record: RecallRecord) {
        id = record.id
        href = "/web/recalls/" + PageLinks.encoded(record.id)
        target = record.target
        reason = record.reason ?? ""
        affected = String(record.affectedCount)
        customers = record.customerCount.map(String.init) ?? "—"
        balanced = record.balanced.map { $0 ? "yes" : "NO: " + record.gaps.joined(separator: "; ") } ?? "—"
        at = record.at
        elapsed = record.elapsedSeconds.map { String(format: "%.2f s", $0) } ?? ""
    }
}

/// One recall's report (or a preview for a target) on one page: what is still in the building by location, what sits at
/// work orders, what went to which customer, the mass balance of each starting lot, and the holds and dispositions.
struct RecallPage: PageView {
    static let template = "recall"
    var chrome: Chrome
    var id: String
    var preview: Bool
    var target: String
    var reason: String?
    var closedAt: String?
    var csv: String
    var certainties: [Count]
    var locations: [Place]
    var orders: [Place]
    var customers: [Customer]
    var balances: [Balance]
    var balanced: Bool
    var holds: [Hold]
    /// Every lot the recall reaches, whatever became of it (consumed, scrapped, shipped, in stock): nothing is left out.
    var reached: [Reached]
    var withheld: String?
    /// For those who may run recalls, while the recall is open: the lots still held, to disposition (signed).
    var dispositions: Dispositions?
    var outcome: StationOutcome?

    struct Dispositions: Sendable {
        var recall: String
        var open: [String]
        var choices: [String]
        var reasons: [String]
        var signature: SignatureFields
        var closeSignature: SignatureFields
    }

    struct Reached: Sendable {
        var lot: String
        var href: String
        var item: String
        var status: String
        var certainty: String
        var inStock: String
        var consumed: String
        var scrapped: String
        var shipped: String
    }

    struct Count: Sendable {
        var certainty: String
        var lots: String
        var customers: String
    }

    /// A location or a work order with the affected lots there.
    struct Place: Sendable {
        var name: String
        var lots: [Stock]
    }

    struct Stock: Sendable {
        var lot: String
        var href: String
        var item: String
        var quantity: String
        var status: String
        var certainty: String
    }

    struct Customer: Sendable {
        var code: String
        var name: String
        var lines: [String]
    }

    struct Balance: Sendable {
        var lot: String
        var received: String
        var inStock: String
        var workInProcess: String
        var shipped: String
        var consumed: String
        var scrapped: String
        var gap: String
        /// Everything received is accounted for.
        var closes: Bool
    }

    struct Hold: Sendable {
        var lot: String
        var href: String
        var heldFrom: String
        var disposition: String
        var by: String
    }
}

extension RecallPage {
    init(_ report: RecallReport, chrome: Chrome) {
        self.chrome = chrome
        id = report.id ?? report.target
        preview = report.id == nil
        target = report.target
        reason = report.reason
        closedAt = report.closedAt
        csv = "/web/recalls/\(PageLinks.encoded(id))/report.csv"
        certainties = report.byCertainty.map {
            Count(certainty: $0.certainty.rawValue, lots: String($0.lots), customers: String($0.customers))
        }
        let stock = { (lot: AffectedLot, quantity: Quantity) in
            Stock(
                lot: lot.lot.rawValue, href: PageLinks.lot(lot.lot.rawValue), item: lot.item.rawValue, quantity: quantity.description,
                status: lot.status.words, certainty: lot.certainty.rawValue)
        }
        let inStock = report.affected.filter { !$0.inStock.isZero }
        locations = Dictionary(grouping: inStock, by: { $0.location?.rawValue ?? "no location" }).sorted { $0.key < $1.key }.map {
            Place(name: $0.key, lots: $0.value.map { stock($0, $0.inStock) })
        }
        let waiting = report.affected.flatMap { lot in lot.workInProcess.filter { !$0.remaining.isZero }.map { (lot, $0) } }
        orders = Dictionary(grouping: waiting, by: { $0.1.workOrder.rawValue }).sorted { $0.key < $1.key }.map {
            Place(name: $0.key, lots: $0.value.map { stock($0.0, $0.1.remaining) })
        }
        customers = report.customers.map { notice in
            Customer(
                code: notice.customer.rawValue, name: notice.name,
                lines: notice.shipments.map {
                    "\($0.shipment) (order \($0.order), \($0.shippedAt)): \($0.quantity) of \($0.item) lot \($0.lot)"
                        + ($0.returned.isZero ? "" : ", \($0.returned) returned")
                })
        }
        balances = report.balances.map {
            Balance(
                lot: $0.lot.rawValue, received: $0.received.description + ($0.adjusted.isZero ? "" : " (adjusted \($0.adjusted))"),
                inStock: $0.inStock.description,
                workInProcess: $0.workInProcess.description, shipped: $0.shipped.description, consumed: $0.consumed.description,
                scrapped: $0.scrapped.description, gap: Quantity.format($0.gap), closes: $0.holds)
        }
        balanced = report.balanced
        holds = report.holds.map {
            Hold(
                lot: $0.lot.rawValue, href: PageLinks.lot($0.lot.rawValue), heldFrom: $0.heldFrom.rawValue,
                disposition: $0.disposition?.rawValue ?? "open",
                by: [$0.actor, $0.at, $0.reason?.rawValue, $0.note].compactMap { $0 }.joined(separator: " · "))
        }
        reached = report.affected.map { lot in
            Reached(
                lot: lot.lot.rawValue, href: PageLinks.lot(lot.lot.rawValue), item: lot.item.rawValue,
                status: lot.status.words, certainty: lot.certainty.rawValue,
                inStock: lot.inStock.description, consumed: lot.consumed.description, scrapped: lot.scrapped.description,
                shipped: lot.shipments.map { "\($0.quantity) to \($0.customer)" }.joined(separator: ", "))
        }
        withheld = report.withheld.map { "\($0) export-controlled lots are left out for you" }
    }
}

func addRecallPages(to pages: PageBuilder) {
    let environment = pages.environment
    let recallPage = {
        @Sendable
        (
            request: Request, context: LotlineRequestContext, page: PageRequest, id: String, outcome: StationOutcome?,
            status: HTTPResponse.Status
        ) async throws -> Response in
        let today = environment.today
        let (report, reasons, drills) = try await environment.read(context) {
            (
                try $0.recallReport(id, today: today), try $0.named(ReasonKind.self).map(\.code.rawValue).sorted(),
                Set(try $0.recalls(drillsOnly: true).map(\.id))
            )
        }
        let title = report.id.map { "Recall \($0): \(report.target)" } ?? "Recall preview: \(report.target)"
        var view = RecallPage(report, chrome: page.chrome(title))
        view.outcome = outcome
        let open = report.holds.filter { $0.disposition == nil }.map(\.lot.rawValue)
        if let recall = report.id, !drills.contains(recall), report.closedAt == nil, page.user?.may(.recall) == true {
            view.dispositions = RecallPage.Dispositions(
                recall: recall, open: open, choices: RecallDisposition.allCases.map(\.rawValue), reasons: reasons,
                signature: SignatureFields("disposition", default: .approved), closeSignature: SignatureFields("close", default: .approved))
        }
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
    let list = { @Sendable (context: LotlineRequestContext, page: PageRequest) async throws -> RecallListPage in
        let records = try await environment.read(context) { try $0.recalls() }
        let drills = records.filter { $0.kind == "drill" }
        let last = drills.map(\.at).max()
        let nextDrill =
            last.flatMap { try? BusinessTime.parse($0, timeZone: environment.timeZone) }.map {
                let due = Calendar(identifier: .gregorian).date(byAdding: .month, value: 3, to: $0.date) ?? $0.date
                return
                    "The next quarterly drill is due by \(BusinessTime(date: due, timeZone: environment.timeZone).day) (three months after the last, \(last ?? ""))."
            } ?? "No drill has been run yet: one is due now."
        return RecallListPage(
            chrome: page.chrome("Recalls and drills"), recalls: records.filter { $0.kind != "drill" }.map(RecallListPage.Record.init),
            drills: drills.map(RecallListPage.Record.init), nextDrill: nextDrill, mayStart: page.user?.may(.recall) ?? false,
            target: page.form["target"] ?? "", reason: page.form["reason"] ?? "", signature: SignatureFields("recall", default: .approved))
    }
    pages.get("web/recalls", .permission(.read)) { request, context, page in
        try HTMLPage(try await list(context, page)).response(from: request, context: context)
    }
    // Starting a recall holds everything it reaches: a signed act, refused without the signer's password.
    pages.post("web/recalls", .permission(.recall)) { request, context, page in
        do {
            let command = StartRecall(
                target: try page.form.required("target", "what to recall: a lot, serial, supplier lot or heat"),
                reason: try page.form.required("reason", "the reason"), viaAncestor: nil, certainty: nil)
            let signature = try SignatureFields.input(page.form)
            let session = try environment.session(context)
            let result = try await offCooperativePool { try session.startRecall(command, signature: signature) }
            return PageBuilder.redirect(to: "/web/recalls/" + PageLinks.encoded(result.started.recall))
        } catch let error as LotlineError where error.code != "sign-in-required" {
            var view = try await list(context, page)
            view.outcome = .refused(error)
            return try HTMLPage(view, status: Problem(error).status).response(from: request, context: context)
        }
    }
    pages.get("web/recalls/:id/report.csv", .permission(.read)) { request, context, _ in
        let id = try context.path("id")
        let today = environment.today
        let report = try await environment.read(context) { try $0.recallReport(id, today: today) }
        return csvDownload(RecallRenderer.csv(report), name: "recall-\(id)")
    }
    pages.get("web/find-recall", .permission(.read)) { request, _, _ in
        let target = (request.uri.queryParameters["target"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        return PageBuilder.redirect(to: target.isEmpty ? "/web/recalls" : "/web/recalls/" + PageLinks.encoded(target))
    }
    pages.get("web/recalls/:id", .permission(.read)) { request, context, page in
        let text = try context.path("id")
        let today = environment.today
        return try await recallPage(request, context, page, text, nil, .ok)
    }
    // A recalled lot's disposition, and the recall's close: signed acts of whoever runs recalls.
    pages.post("web/recalls/:id", .permission(.recall)) { request, context, page in
        let (id, form) = (try context.path("id"), page.form)
        do {
            let signature = try SignatureFields.input(form)
            let session = try environment.session(context)
            let events: [LedgerEvent]
            if form["action"] == "close" {
                events = try await session.record(CloseRecall(recall: id), signature: signature).events
            } else {
                let text = try form.required("disposition", "the disposition")
                guard let disposition = RecallDisposition(rawValue: text) else {
                    throw LotlineError.badInput(
                        "disposition-invalid",
                        "unknown disposition '\(text)'; one of: \(RecallDisposition.allCases.map(\.rawValue).joined(separator: ", "))",
                        value: text)
                }
                let command = DispositionRecallLot(
                    recall: id, lot: try form.required("lot", "the lot"), disposition: disposition, reason: try form.required("reason", "the reason"),
                    note: form["note"])
                events = try await session.record(command, signature: signature).events
            }
            let outcome = StationOutcome.recorded(
                form["action"] == "close" ? "Recall closed" : "Dispositioned", events: events, lots: [], today: environment.today)
            return try await recallPage(request, context, page, id, outcome, .ok)
        } catch let error as LotlineError {
            return try await recallPage(request, context, page, id, .refused(error), Problem(error).status)
        }
    }
    // A drill: the same report, timed, nothing held.
    pages.post("web/recalls/drills", .permission(.recall)) { request, context, page in
        do {
            let target = page.form["target"]
            let drill = RecallDrill(target: target, random: target == nil)
            let session = try environment.session(context)
            let result = try await offCooperativePool { try session.drill(drill) }
            return PageBuilder.redirect(to: "/web/recalls/" + PageLinks.encoded(result.drill.drill))
        } catch let error as LotlineError {
            var view = try await list(context, page)
            view.outcome = .refused(error)
            return try HTMLPage(view, status: Problem(error).status).response(from: request, context: context)
        }
    }
}
