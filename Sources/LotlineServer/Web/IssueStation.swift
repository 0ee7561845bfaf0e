import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// The issue station: scan the work order, then each lot's label with the quantity to issue. A lot the order may not
/// take (held, expired, recalled, the wrong item) is refused on screen with the reason, and nothing is written.
struct IssueStation: PageView {
    static let template = "issue"
    var chrome: Chrome
    var workOrder: String
    var orders: [OrderRow]
    var outcome: StationOutcome?
}

func addIssueStation(to pages: PageBuilder) {
    let environment = pages.environment
    let orders = { @Sendable (context: LotlineRequestContext) in
        try await environment.read(context) {
            try $0.workOrders(status: .released).map(OrderRow.init)
        }
    }
    pages.get("web/stations/issue", .permission(.produce)) { request, context, page in
        let view = IssueStation(
            chrome: page.chrome("Issue to work order", station: true), workOrder: request.uri.queryParameters["wo"].map(String.init) ?? "",
            orders: try await orders(context))
        return try HTMLPage(view).response(from: request, context: context)
    }
    pages.post("web/stations/issue", .permission(.produce)) { request, context, page in
        let form = page.form
        var view = IssueStation(chrome: page.chrome("Issue to work order", station: true), workOrder: form["wo"] ?? "", orders: [])
        var status = HTTPResponse.Status.ok
        do {
            let scan = try form.required("scan", "the lot: scan its label")
            let fields: [String: Any] = [
                "wo": workOrderNumber(scanned: try form.required("wo", "the work order")), "scan": scan,
                "qty": try form.required("qty", "the quantity"),
            ]
            let (events, lots) = try await environment.record("issue", fields: fields, for: context)
            view.outcome = .recorded("Issued to \(view.workOrder)", events: events, lots: lots, today: environment.today)
        } catch let error as LotlineError where error.kind != .unauthenticated {
            view.outcome = .refused(error)
            status = Problem(error).status
        }
        view.orders = try await orders(context)
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
}
