import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// Everything about one lot or serial on one page: status, quantities, where it came from, inspections, holds and
/// recalls with their reasons and signatures, its genealogy both ways, its labels and its whole history.
struct LotPage: PageView {
    static let template = "lot"
    var chrome: Chrome
    var lot: LotRow
    var origin: String
    var createdAt: String
    var storedStatus: String?
    var receipt: [Fact]
    var inspections: [InspectionRow]
    var signatures: [SignatureRow]
    var stops: [HistoryRow]
    var parents: [PortionRow]
    var children: [PortionRow]
    var history: [HistoryRow]
    var traceForward: String
    var traceBackward: String
    var labels: [LabelLink]
    /// What the signed-in user may do to the lot here, by their roles; nil when nothing.
    var actions: LotActions?
    var outcome: StationOutcome?

    struct Fact: Sendable {
        var name: String
        var value: String
    }

    struct InspectionRow: Sendable {
        var seq: String
        var at: String
        var outcome: String
        var results: String
        var inspector: String
        var note: String
    }

    struct PortionRow: Sendable {
        var lot: String
        var href: String
        var quantity: String
    }

    struct HistoryRow: Sendable {
        var seq: String
        var at: String
        var type: String
        var actor: String
        var reason: String
        var corrects: String
    }

    struct LabelLink: Sendable {
        var symbology: String
        var svg: String
        var zpl: String
    }

    init(detail: LotDetail, events: [LedgerEvent], today: CalendarDate, chrome: Chrome) {
        self.chrome = chrome
        let lot = detail.lot
        let view = LotView(lot, today: today)
        self.lot = LotRow(lot, today: today)
        origin = view.origin
        createdAt = view.createdAt
        storedStatus = lot.storedStatus == lot.status(on: today) ? nil : lot.storedStatus.words
        receipt = [
            ("Supplier", view.supplier), ("Supplier lot", view.supplierLot), ("Heat", view.heat), ("Certificate", view.certificate),
            ("Purchase order", view.purchaseOrder), ("Expires", view.expiresOn),
        ].compactMap { name, value in value.map { Fact(name: name, value: $0) } }
        inspections = InspectionRow.of(detail.inspections)
        signatures = detail.signatures.map(SignatureRow.init)
        let portion = { (portion: LotPortion) in
            PortionRow(lot: portion.lot.rawValue, href: PageLinks.lot(portion.lot.rawValue), quantity: portion.quantity.description)
        }
        parents = detail.parents.map(portion)
        children = detail.children.map(portion)
        history = events.map(HistoryRow.init)
        stops = history.filter { $0.type == "lot.status_changed" || $0.type.hasPrefix("recall.") }
        let number = lot.number.rawValue
        traceForward = PageLinks.trace(number, "forward")
        traceBackward = PageLinks.trace(number, "backward")
        labels = ["datamatrix", "gs1-128", "qr"].map {
            LabelLink(symbology: $0, svg: PageLinks.label(number, symbology: $0), zpl: PageLinks.label(number, symbology: $0, format: "zpl"))
        }
    }
}

/// A signature as pages show it: who (printed name), what it means, when, and the record it signs.
struct SignatureRow: Sendable {
    var printedName: String
    var signer: String
    var meaning: String
    var at: String
    var record: String
}

extension SignatureRow {
    init(_ signature: SignatureRecord) {
        printedName = signature.printedName
        signer = signature.signer
        meaning = signature.meaning.rawValue
        at = signature.at
        record = "event \(signature.signs) \(signature.signsType)"
    }
}

extension LotPage.InspectionRow {
    static func of(_ records: [InspectionRecord]) -> [LotPage.InspectionRow] {
        records.map {
            LotPage.InspectionRow(
                seq: String($0.seq), at: $0.at, outcome: $0.passed ? "pass" : "fail",
                results: $0.results.map { "\($0.name)=\($0.value)" }.joined(separator: ", "), inspector: $0.inspector, note: $0.note ?? "")
        }
    }
}

extension LotPage.HistoryRow {
    init(_ event: LedgerEvent) {
        let signed = (try? event.body()) as? RecordSigned
        seq = String(event.seq)
        at = event.businessTime
        type = event.type
        actor = event.actor
        reason = signed?.manifestLine ?? event.reason ?? ""
        corrects = event.corrects.map { "corrects \($0)" } ?? ""
    }
}

/// The forms of the lot page: hold (anyone who handles material), release or reject (quality, signed), inspect (signed
/// when it is a final acceptance: the rules say when, and refuse it unsigned).
struct LotActions: Sendable {
    var hold: Bool
    var release: Bool
    var inspect: Bool
    /// Correct a receipt's recorded facts (signed); only a received lot has them.
    var correct: Bool
    var reasons: [String]
    var releaseSignature: SignatureFields
    var inspectSignature: SignatureFields

    var correctSignature: SignatureFields

    init?(_ user: User?, reasons: [String], received: Bool = false) {
        guard let user else { return nil }
        (hold, release, inspect, correct) = (user.may(.hold), user.may(.release), user.may(.inspect), received && user.may(.correct))
        guard hold || release || inspect || correct else { return nil }
        correctSignature = SignatureFields("correct", default: .approved)
        self.reasons = reasons
        releaseSignature = SignatureFields("release", default: .approved)
        inspectSignature = SignatureFields("inspect", default: .approved)
    }
}

func addLotPages(to pages: PageBuilder) {
    let environment = pages.environment
    let render = {
        @Sendable
        (
            request: Request, context: LotlineRequestContext, page: PageRequest, lot: String, outcome: StationOutcome?,
            status: HTTPResponse.Status
        ) async throws -> Response in
        let today = environment.today
        let (detail, events, reasons) = try await environment.read(context) { backend in
            let detail = try backend.lotDetail(lot)
            return (detail, try backend.history(detail.lot.number.rawValue).events, try backend.named(ReasonKind.self).map(\.code.rawValue))
        }
        var view = LotPage(detail: detail, events: events, today: today, chrome: page.chrome("Lot \(detail.lot.number)"))
        view.actions = LotActions(page.user, reasons: reasons.sorted(), received: detail.lot.origin == .receipt)
        view.outcome = outcome
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
    pages.get("web/lots/:lot", .permission(.read)) { request, context, page in
        try await render(request, context, page, try context.path("lot"), nil, .ok)
    }
    pages.post("web/lots/:lot", .permission(.read)) { request, context, page in
        let (lot, form) = (try context.path("lot"), page.form)
        do {
            let action = form["action"] ?? ""
            var fields: [String: Any] = ["lot": lot]
            if let note = form["note"] { fields["note"] = note }
            let name: String
            var signature: SignatureInput?
            switch action {
            case "hold", "release", "reject":
                name = "lot " + action
                fields["reason"] = try form.required("reason", "the reason")
                if action != "hold" { signature = try SignatureFields.input(form) }
            case "correct":
                name = "lot correct"
                fields["note"] = try form.required("note", "why the receipt is corrected")
                for field in ["supplier_lot", "heat", "cert", "po", "expires"] { if let value = form[field] { fields[field] = value } }
                signature = try SignatureFields.input(form)
            case "inspect":
                name = "inspect"
                fields["result"] = form.lines("result")
                fields["pass"] = try form.bool("pass", "whether it passed")
                if !(form.fields["password"] ?? "").isEmpty { signature = try SignatureFields.input(form) }
            default:
                throw LotlineError.badInput("action-invalid", "the form names no action: hold, release, reject, inspect or correct", value: action)
            }
            if action == "hold" {
                // A hold answers with what it touches: the scheduled jobs re-allocated, the orders holding the lot.
                let session = try environment.session(context)
                let hold = ChangeLotStatus(lot: lot, action: .hold, reason: try form.required("reason", "the reason"), note: form["note"])
                let (executed, impact) = try await offCooperativePool { try session.hold(hold) }
                var outcome = StationOutcome.recorded(
                    "Recorded: hold", events: executed.events, lots: try await environment.lots(touchedBy: executed.events, for: context),
                    today: environment.today)
                outcome.impact = HoldImpactText.lines(impact)
                return try await render(request, context, page, lot, outcome, .ok)
            }
            let (events, lots) = try await environment.record(name, fields: fields, signature: signature, for: context)
            let outcome = StationOutcome.recorded("Recorded: \(action)", events: events, lots: lots, today: environment.today)
            return try await render(request, context, page, lot, outcome, .ok)
        } catch let error as LotlineError {
            return try await render(request, context, page, lot, .refused(error), Problem(error).status)
        }
    }
}
