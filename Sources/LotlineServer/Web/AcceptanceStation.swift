import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// The final acceptance station: scan the unit or lot as made, see it, record the final inspection, and sign it (the
/// rules require the signature for an item that waits for final inspection, and refuse it unsigned).
struct AcceptanceStation: PageView {
    static let template = "acceptance"
    var chrome: Chrome
    var unit: LotRow?
    var inspections: [LotPage.InspectionRow]
    var signature: SignatureFields
    var outcome: StationOutcome?
}

func addAcceptanceStation(to pages: PageBuilder) {
    let environment = pages.environment
    let title = "Final acceptance"
    let blank = { @Sendable (page: PageRequest) in
        AcceptanceStation(chrome: page.chrome(title, station: true), inspections: [], signature: SignatureFields("accept", default: .approved))
    }
    pages.get("web/stations/acceptance", .permission(.inspect)) { request, context, page in
        try HTMLPage(blank(page)).response(from: request, context: context)
    }
    pages.post("web/stations/acceptance", .permission(.inspect)) { request, context, page in
        let form = page.form
        var view = blank(page)
        var status = HTTPResponse.Status.ok
        let today = environment.today
        do {
            let number: String
            if form["action"] == "accept" {
                number = try form.required("lot", "the unit")
                let signature = (form.fields["password"] ?? "").isEmpty ? nil : try SignatureFields.input(form)
                var fields: [String: Any] = [
                    "lot": number, "result": form.lines("result"), "pass": try form.bool("pass", "whether it passed"),
                ]
                if let note = form["note"] { fields["note"] = note }
                let (events, lots) = try await environment.record("inspect", fields: fields, signature: signature, for: context)
                view.outcome = .recorded("Inspection recorded", events: events, lots: lots, today: today)
            } else {
                let scan = try form.required("scan", "the unit: scan its label")
                let session = try environment.session(context)
                let reading = try await offCooperativePool { try session.readScan([scan]) }
                guard let lot = reading.lot?.number else {
                    throw LotlineError.notFound("lot-not-found", reading.lotProblem ?? "the scan names no lot or serial", value: scan)
                }
                number = lot
            }
            let detail = try await environment.read(context) { try $0.lotDetail(number) }
            view.unit = LotRow(detail.lot, today: today)
            view.inspections = LotPage.InspectionRow.of(detail.inspections)
        } catch let error as LotlineError {
            view.outcome = .refused(error)
            status = Problem(error).status
            if let number = form["lot"], let detail = try? await environment.read(context, { try $0.lotDetail(number) }) {
                view.unit = LotRow(detail.lot, today: today)
                view.inspections = LotPage.InspectionRow.of(detail.inspections)
            }
        }
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
}
