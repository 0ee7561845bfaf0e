import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// The produce station: what a work order made (a lot, or serials), where it goes, and its labels to print at once.
struct ProduceStation: PageView {
    static let template = "produce"
    var chrome: Chrome
    var workOrder: String
    var orders: [OrderRow]
    var outcome: StationOutcome?
    /// The labels of what was made, one per lot or serial (at most `labelLimit`).
    var labels: [Label]

    struct Label: Sendable {
        var lot: String
        var src: String
    }

    static let labelLimit = 50
}

func addProduceStation(to pages: PageBuilder) {
    let environment = pages.environment
    let orders = { @Sendable (context: LotlineRequestContext) in
        try await environment.read(context) { try $0.workOrders(status: .released).map(OrderRow.init) }
    }
    pages.get("web/stations/produce", .permission(.produce)) { request, context, page in
        let view = ProduceStation(
            chrome: page.chrome("Produce", station: true), workOrder: request.uri.queryParameters["wo"].map(String.init) ?? "",
            orders: try await orders(context), labels: [])
        return try HTMLPage(view).response(from: request, context: context)
    }
    pages.post("web/stations/produce", .permission(.produce)) { request, context, page in
        let form = page.form
        var view = ProduceStation(chrome: page.chrome("Produce", station: true), workOrder: form["wo"] ?? "", orders: [], labels: [])
        var status = HTTPResponse.Status.ok
        do {
            var fields: [String: Any] = [
                "wo": workOrderNumber(scanned: try form.required("wo", "the work order")), "qty": try form.required("qty", "the quantity made"),
            ]
            if let count = form["serial_count"] {
                guard let number = Int(count), number > 0 else {
                    throw LotlineError.badInput(
                        "serial-count-invalid", "the number of serials is a whole number above 0, not '\(count)'", value: count)
                }
                fields["serial_count"] = number
            }
            for name in ["location", "shift"] { if let value = form[name] { fields[name] = value } }
            let (events, lots) = try await environment.record("produce", fields: fields, for: context)
            view.outcome = .recorded("Produced", events: events, lots: lots, today: environment.today)
            view.labels = lots.prefix(ProduceStation.labelLimit).map {
                ProduceStation.Label(lot: $0.number.rawValue, src: PageLinks.label($0.number.rawValue, symbology: "datamatrix"))
            }
        } catch let error as LotlineError where error.kind != .unauthenticated {
            view.outcome = .refused(error)
            status = Problem(error).status
        }
        view.orders = try await orders(context)
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
}
