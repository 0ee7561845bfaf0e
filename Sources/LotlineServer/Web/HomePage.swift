import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// Where a signed-in user starts: find a lot or serial, the stations their roles may use, and the lots stopped today
/// (on hold or in quarantine).
struct HomePage: PageView {
    static let template = "home"
    var chrome: Chrome
    var stations: [NavLink]
    var held: LotTable?
    var quarantined: LotTable?
}

/// Lots shown as a table; nil where there are none (the page says so instead).
struct LotTable: Sendable {
    var rows: [LotRow]

    static func of(_ lots: [Lot], today: CalendarDate) -> LotTable? {
        lots.isEmpty ? nil : LotTable(rows: lots.map { LotRow($0, today: today) })
    }
}

/// A lot in a list: its number links to its page.
struct LotRow: Sendable {
    var number: String
    var href: String
    var item: String
    var quantity: String
    var status: String
    var location: String
    var supplierLot: String
    var expires: String

    init(_ lot: Lot, today: CalendarDate) {
        let view = LotView(lot, today: today)
        number = view.number
        href = PageLinks.lot(view.number)
        item = view.item
        quantity = "\(view.quantity) \(view.unit)"
        status = lot.status(on: today).words
        location = view.location ?? "—"
        supplierLot = view.supplierLot ?? "—"
        expires = view.expiresOn ?? "—"
    }
}

func addHomePages(to pages: PageBuilder) {
    let environment = pages.environment
    pages.get("web", .permission(.read)) { request, context, page in
        let today = environment.today
        let (held, quarantined) = try await environment.read(context) {
            (try $0.lots(LotFilter(status: .onHold), today: today), try $0.lots(LotFilter(status: .quarantine), today: today))
        }
        let user = try page.requireUser()
        let view = HomePage(
            chrome: page.chrome("Home"),
            stations: NavLink.offered(to: user, current: page.path).filter { $0.href.hasPrefix("/web/stations/") },
            held: .of(held, today: today), quarantined: .of(quarantined, today: today))
        return try HTMLPage(view).response(from: request, context: context)
    }
    // The search box: a lot or serial goes to its page, anything else (a supplier lot, a heat) to its trace.
    pages.get("web/find", .permission(.read)) { request, context, _ in
        let query = (request.uri.queryParameters["q"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return PageBuilder.redirect(to: "/web/") }
        let lot = try? await environment.read(context) { try $0.lotDetail(query).lot.number.rawValue }
        return PageBuilder.redirect(to: lot.map(PageLinks.lot) ?? PageLinks.trace(query, "forward"))
    }
    pages.get("", .anyone) { _, _, _ in PageBuilder.redirect(to: "/web/") }
}
