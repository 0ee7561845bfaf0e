import Foundation
import GS1
import Hummingbird
import LotlineApp
import LotlineCore

/// The paper traveler of a work order, for when a station is down: the routing with blanks for who, on what, with which
/// lots and what was measured, the material to issue, the sign-offs, and a GS1 DataMatrix of the order number (AI 91,
/// company internal) that the stations' work-order fields read. The same page takes a filled traveler back.
struct TravelerPage: PageView {
    static let template = "traveler"
    var chrome: Chrome
    var number: String
    var item: String
    var quantity: String
    var due: String
    var status: String
    var symbol: String
    var symbolData: String
    var components: [Component]
    var operations: [OperationStation.Step]
    /// Blank rows to write lots on, per component.
    var blanks: [Int]
    var entry: Bool
    var outcome: StationOutcome?
    /// Closing the order is its batch release: offered, signed, to those who may close orders.
    var closeSignature: SignatureFields?

    struct Component: Sendable {
        var component: String
        var per: String
        var total: String
    }
}

extension TravelerPage {
    init(_ order: WorkOrder, chrome: Chrome, entry: Bool) {
        self.chrome = chrome
        number = order.number.rawValue
        item = order.item.rawValue
        quantity = order.quantity.description
        due = order.due?.description ?? "—"
        status = order.status.rawValue
        components = order.components.map {
            Component(
                component: $0.component.rawValue, per: $0.quantityPer.description,
                total: Quantity.format($0.quantityPer.amount * order.quantity.amount) + " " + $0.quantityPer.unit)
        }
        operations = OperationStation.Order(order, wip: [], chosen: nil).operations
        blanks = [1, 2, 3]
        self.entry = entry
        (symbol, symbolData) = Self.symbol(for: order.number.rawValue)
    }

    /// The order number as GS1 DataMatrix `(91)NUMBER`; a number GS1 cannot carry is encoded as plain data.
    static func symbol(for number: String) -> (svg: String, data: String) {
        let gs1 = try? GS1Message([GS1Element(ai: "91", value: number)])
        let data = gs1?.elementString() ?? number
        guard let matrix = try? DataMatrix.encode(data, gs1: gs1 != nil) else { return ("", number) }
        let (module, quiet) = (4, 2)
        let size = (matrix.width + 2 * quiet) * module
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"order-symbol\" width=\"\(size)\" height=\"\((matrix.height + 2 * quiet) * module)\" role=\"img\" aria-label=\"DataMatrix of \(markupEscaped(gs1?.bracketed ?? number))\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        for rectangle in matrix.rectangles {
            svg +=
                "<rect x=\"\((rectangle.x + quiet) * module)\" y=\"\((rectangle.y + quiet) * module)\" width=\"\(rectangle.width * module)\" height=\"\(rectangle.height * module)\" fill=\"#000\"/>"
        }
        return (svg + "</svg>", gs1?.bracketed ?? number)
    }
}

/// A work-order number as typed or scanned from a traveler: `(91)WO26-0006`, its element string with a symbology
/// identifier, or the number itself.
func workOrderNumber(scanned text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    for prefix in ["]d2", "]C1", "]Q3"] where trimmed.hasPrefix(prefix) {
        if let message = try? GS1Message(elementString: String(trimmed.dropFirst(3)), associations: false), let number = message["91"] {
            return number
        }
    }
    if trimmed.hasPrefix("(91)"), let message = try? GS1Message(bracketed: trimmed, associations: false), let number = message["91"] { return number }
    return trimmed
}

func addTravelerPages(to pages: PageBuilder) {
    let environment = pages.environment
    let order = { @Sendable (context: LotlineRequestContext, number: String) in
        try await environment.read(context) { try $0.workOrderDetail(workOrderNumber(scanned: number)).order }
    }
    pages.get("web/work-orders/:wo/traveler", .permission(.read)) { request, context, page in
        let found = try await order(context, try context.path("wo"))
        var view = TravelerPage(found, chrome: page.chrome("Traveler \(found.number)"), entry: page.user?.may(.produce) ?? false)
        if page.user?.may(.closeWorkOrder) == true, found.status != .closed { view.closeSignature = SignatureFields("close", default: .released) }
        return try HTMLPage(view).response(from: request, context: context)
    }
    pages.post("web/work-orders/:wo/close", .permission(.closeWorkOrder)) { request, context, page in
        let found = try await order(context, try context.path("wo"))
        var view = TravelerPage(found, chrome: page.chrome("Traveler \(found.number)"), entry: page.user?.may(.produce) ?? false)
        var status = HTTPResponse.Status.ok
        do {
            let signature = try SignatureFields.input(page.form)
            let (events, lots) = try await environment.record(
                "wo close", fields: ["number": found.number.rawValue], signature: signature, for: context)
            view.outcome = .recorded("Closed: the batch is released", events: events, lots: lots, today: environment.today)
        } catch let error as LotlineError {
            view.outcome = .refused(error)
            view.closeSignature = SignatureFields("close", default: .released)
            status = Problem(error).status
        }
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
    // A filled traveler, typed back in: every part filled becomes one command, recorded all or nothing under the user's
    // roles and the same rules; the same sheet entered again is refused by the ledger (a unique ref).
    pages.post("web/work-orders/:wo/traveler", .permission(.produce)) { request, context, page in
        let found = try await order(context, try context.path("wo"))
        var view = TravelerPage(found, chrome: page.chrome("Traveler \(found.number)"), entry: true)
        var status = HTTPResponse.Status.ok
        do {
            let (now, timeZone) = (environment.clock(), environment.timeZone)
            let steps = try TravelerEntry(form: page.form, order: found, now: BusinessTime(date: now, timeZone: timeZone).text, timeZone: timeZone)
                .steps()
            guard !steps.isEmpty else { throw LotlineError.badInput("traveler-empty", "the traveler has nothing filled in") }
            // The sheet is known by what it says: the same sheet entered again is refused by the ledger (its first step's
            // reference is unique), whoever enters it and however long after.
            let fingerprint = "traveler:\(found.number):" + HexDigest.sha256(Data(steps.map(\.description).joined(separator: "\n").utf8)).prefix(32)
            var commands: [CommandStep] = []
            for (index, step) in steps.enumerated() {
                let at = try BusinessTime.parse(step.at, timeZone: timeZone, field: "time").date
                guard at <= now else {
                    throw LotlineError.badInput(
                        "traveler-time-in-future", "\(step.description): \(step.at) is later than now; a traveler records what happened",
                        value: step.at)
                }
                commands.append(
                    CommandStep(
                        try ImportFormat.command(step.name, fields: step.fields), at: at, ref: index == 0 ? fingerprint : nil,
                        label: step.description))
            }
            let (session, sheet) = (try environment.session(context), commands)
            let events = try await offCooperativePool { try session.recordAll(sheet) }
            // What the sheet touched, as it now stands: what it made among them, with links to their labels.
            let lots = try await environment.lots(touchedBy: events, for: context)
            view.outcome = StationOutcome.recorded("Entered \(steps.count) lines", events: events, lots: lots, today: environment.today)
        } catch let error as LotlineError where error.kind != .unauthenticated {
            view.outcome = .refused(error)
            status = Problem(error).status
        }
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
}
