import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// The shipping station: the customer and their order, then each lot's or serial's label. Every scan is checked at
/// once against the rules shipping applies (a held, recalled, expired or unreleased lot is refused there, with the
/// reason, and is not added); "Ship" records the whole and shows the packing slip.
struct ShipStation: PageView {
    static let template = "ship"
    var chrome: Chrome
    var customer: String
    var order: String
    /// What is on the shipment so far (carried from scan to scan, a hidden field each).
    var scanned: [LotRow]
    var customers: [String]
    var outcome: StationOutcome?
    var slip: PackingSlip?

    /// What went on the truck, to print and put in the box.
    struct PackingSlip: Sendable {
        var shipment: String
        var customer: String
        var order: String
        var at: String
        var lines: [SlipLine]
    }

    struct SlipLine: Sendable {
        var lot: String
        var item: String
        var quantity: String
    }
}

func addShipStation(to pages: PageBuilder) {
    let environment = pages.environment
    let customers = { @Sendable (context: LotlineRequestContext) in
        try await environment.read(context) { try $0.named(CustomerKind.self).map(\.code.rawValue).sorted() }
    }
    let rows = { @Sendable (context: LotlineRequestContext, lines: [String]) in
        let today = environment.today
        return try await environment.read(context) { backend in try lines.map { LotRow(try backend.lotDetail($0).lot, today: today) } }
    }
    pages.get("web/stations/ship", .permission(.ship)) { request, context, page in
        let view = ShipStation(
            chrome: page.chrome("Ship", station: true), customer: "", order: "", scanned: [], customers: try await customers(context))
        return try HTMLPage(view).response(from: request, context: context)
    }
    pages.post("web/stations/ship", .permission(.ship)) { request, context, page in
        let form = page.form
        var lines = (form.all["line"] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var view = ShipStation(
            chrome: page.chrome("Ship", station: true), customer: form["customer"] ?? "", order: form["order"] ?? "", scanned: [],
            customers: try await customers(context))
        var status = HTTPResponse.Status.ok
        do {
            let session = try environment.session(context)
            if form["action"] == "ship" {
                guard !lines.isEmpty else { throw LotlineError.badInput("lots-missing", "scan what ships first") }
                let fields: [String: Any] = [
                    "customer": try form.required("customer", "the customer"), "order": try form.required("order", "the order"), "lots": lines,
                ]
                let (events, lots) = try await environment.record("ship", fields: fields, for: context)
                view.outcome = .recorded("Shipped", events: events, lots: lots, today: environment.today)
                let shipped = events.compactMap { try? $0.body() as? LotsShipped }.first
                // What went on the truck, as the shipment recorded it (the lots now hold what is left: often nothing).
                let items = Dictionary(lots.map { ($0.number, $0.item.rawValue) }, uniquingKeysWith: { first, _ in first })
                view.slip = ShipStation.PackingSlip(
                    shipment: shipped?.shipment.rawValue ?? "", customer: view.customer, order: view.order, at: events.first?.businessTime ?? "",
                    lines: (shipped?.lines ?? []).map {
                        ShipStation.SlipLine(lot: $0.lot.rawValue, item: items[$0.lot] ?? "", quantity: $0.quantity.description)
                    })
                lines = []
                (view.customer, view.order) = ("", "")
            } else {
                let scan = try form.required("scan", "the lot or serial: scan its label")
                let reading = try await offCooperativePool { try session.readScan([scan]) }
                guard let lot = reading.lot?.number else {
                    throw LotlineError.notFound("lot-not-found", reading.lotProblem ?? "the scan names no lot or serial", value: scan)
                }
                guard !lines.contains(lot) else { throw LotlineError.refused("lot-scanned-twice", "\(lot) is on this shipment already", value: lot) }
                let ship = Ship(
                    customer: try form.required("customer", "the customer first"), order: try form.required("order", "the order first"),
                    lots: lines + [lot])
                try await offCooperativePool { try session.check(ship) }
                lines.append(lot)
                view.outcome = StationOutcome(
                    done: true, headline: "Added \(lot): not shipped yet", detail: "Scan the next, or ship what is listed.", suggestions: [],
                    lots: [],
                    events: [])
            }
        } catch let error as LotlineError where error.kind != .unauthenticated {
            view.outcome = .refused(error)
            status = Problem(error).status
        }
        view.scanned = try await rows(context, lines)
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
}
