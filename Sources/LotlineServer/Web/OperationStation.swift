import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// The operation station: one operation of one work order at a time. A pending operation starts on a machine, with a
/// tool, by an operator; a started one takes material by scan, records parameters and in-process inspections, and
/// completes with its good and scrap quantities. Each form is one command under the same rules as everywhere else.
struct OperationStation: PageView {
    static let template = "operation"
    var chrome: Chrome
    var workOrder: String
    var order: Order?
    var orders: [OrderRow]
    var outcome: StationOutcome?

    struct Order: Sendable {
        var number: String
        var item: String
        var quantity: String
        var operations: [Step]
        /// The operation the forms act on.
        var current: Step?
        var material: [String]
    }

    struct Step: Sendable {
        var seq: String
        var name: String
        var workCenter: String
        var status: String
        var resources: String
        var href: String
        var pending: Bool
        var started: Bool
        var chosen: Bool
    }
}

extension OperationStation.Order {
    init(_ order: WorkOrder, wip: [WorkInProcess], chosen: Int?) {
        number = order.number.rawValue
        item = order.item.rawValue
        quantity = order.quantity.description
        let seq = chosen ?? order.operations.first { $0.status != .completed }?.routing.seq
        operations = order.operations.map { operation in
            OperationStation.Step(
                seq: String(operation.routing.seq), name: operation.routing.name, workCenter: operation.routing.workCenter,
                status: operation.status.rawValue,
                resources: [operation.equipment?.rawValue, operation.tool?.rawValue, operation.operatorCode?.rawValue, operation.processor?.rawValue]
                    .compactMap { $0 }.joined(separator: ", "),
                href: "/web/stations/operation?wo=\(PageLinks.encoded(order.number.rawValue))&seq=\(operation.routing.seq)",
                pending: operation.status == .pending, started: operation.status == .started, chosen: operation.routing.seq == seq)
        }
        current = operations.first { $0.chosen }
        material = wip.map { "\($0.lot) \($0.remaining)" }
    }
}

func addOperationStation(to pages: PageBuilder) {
    let environment = pages.environment
    let render = {
        @Sendable
        (
            request: Request, context: LotlineRequestContext, page: PageRequest, wo: String?, seq: Int?, outcome: StationOutcome?,
            status: HTTPResponse.Status
        ) async throws -> Response in
        var view = OperationStation(chrome: page.chrome("Operation", station: true), workOrder: wo ?? "", orders: [], outcome: outcome)
        if let wo, !wo.isEmpty {
            let detail = try await environment.read(context) { try $0.workOrderDetail(workOrderNumber(scanned: wo)) }
            view.order = OperationStation.Order(detail.order, wip: detail.wip, chosen: seq)
        } else {
            view.orders = try await environment.read(context) { try $0.workOrders(status: .released).map(OrderRow.init) }
        }
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
    pages.get("web/stations/operation", .permission(.produce)) { request, context, page in
        let query = request.uri.queryParameters
        return try await render(request, context, page, query["wo"].map(String.init), query["seq"].flatMap { Int(String($0)) }, nil, .ok)
    }
    pages.post("web/stations/operation", .permission(.produce)) { request, context, page in
        let form = page.form
        let (wo, seq) = (workOrderNumber(scanned: form["wo"] ?? ""), form["seq"].flatMap(Int.init))
        do {
            let (name, fields) = try OperationTask.fields(form, wo: wo, seq: seq)
            let (events, lots) = try await environment.record(name, fields: fields, for: context)
            let outcome = StationOutcome.recorded(OperationTask.done[name] ?? "Recorded", events: events, lots: lots, today: environment.today)
            return try await render(request, context, page, wo, seq, outcome, .ok)
        } catch let error as LotlineError where error.kind != .unauthenticated {
            return try await render(request, context, page, wo, seq, .refused(error), Problem(error).status)
        }
    }
}

/// The four forms of the operation station as import-format commands.
enum OperationTask {
    static let done = ["op start": "Started", "op consume": "Consumed", "op record": "Recorded", "op complete": "Completed"]

    static func fields(_ form: FormInput, wo: String, seq: Int?) throws -> (String, [String: Any]) {
        guard !wo.isEmpty else { throw LotlineError.badInput("wo-missing", "choose the work order") }
        guard let seq else { throw LotlineError.badInput("seq-missing", "choose the operation") }
        var fields: [String: Any] = ["wo": wo, "seq": seq]
        let copy = { (names: [String]) in for name in names { if let value = form[name] { fields[name] = value } } }
        switch form["task"] {
        case "start":
            copy(["equipment", "tool", "operator", "processor"])
            return ("op start", fields)
        case "consume":
            fields["scan"] = try form.required("scan", "the lot: scan its label")
            fields["qty"] = try form.required("qty", "the quantity")
            return ("op consume", fields)
        case "record":
            fields["param"] = form.lines("param")
            fields["inspect"] = form.lines("inspect")
            if !form.lines("inspect").isEmpty { fields["pass"] = try form.bool("pass", "whether the inspection passed") }
            return ("op record", fields)
        case "complete":
            fields["good"] = try form.required("good", "the good quantity")
            copy(["scrap", "reason", "cert"])
            return ("op complete", fields)
        default:
            throw LotlineError.badInput("task-invalid", "the form names no task: start, consume, record or complete", value: form["task"])
        }
    }
}
