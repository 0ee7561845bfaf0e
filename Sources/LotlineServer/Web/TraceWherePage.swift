import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// A trace from a machine, tool or operator (and a time range): every lot and serial made at an operation that ran
/// with all of them, each linking to its page and its own trace forward; `trace where` of the CLI and the API.
struct TraceWherePage: PageView {
    static let template = "trace-where"
    var chrome: Chrome
    var equipment: String
    var tool: String
    var operatorCode: String
    /// One process-parameter condition (`spindle>1500rpm`), optional.
    var parameter: String
    var from: String
    var to: String
    var searched: Bool
    var produced: [Produced]

    struct Produced: Sendable {
        var lot: String
        var href: String
        var forward: String
        var item: String
        var quantity: String
        var status: String
        var workOrder: String
        var startedAt: String
        var parameters: String
    }
}

func addTraceWherePage(to pages: PageBuilder) {
    let environment = pages.environment
    pages.get("web/trace/where", .permission(.read)) { request, context, page in
        let query = request.uri.queryParameters
        let value = { (name: String) in (query[name[...]].map(String.init) ?? "").trimmingCharacters(in: .whitespaces) }
        var view = TraceWherePage(
            chrome: page.chrome("Trace by machine, tool or operator"), equipment: value("equipment"), tool: value("tool"),
            operatorCode: value("operator"), parameter: value("param"), from: value("from"), to: value("to"), searched: false, produced: [])
        let given = { (text: String) in text.isEmpty ? nil : text }
        if [view.equipment, view.tool, view.operatorCode, view.parameter].contains(where: { !$0.isEmpty }) {
            let search = TraceWhere(
                equipment: given(view.equipment), tool: given(view.tool), operatorCode: given(view.operatorCode),
                parameters: view.parameter.isEmpty ? [] : [view.parameter], from: given(view.from), to: given(view.to))
            let (today, timeZone) = (environment.today, environment.timeZone)
            let result = try await environment.read(context) { try search.run(in: $0, today: today, timeZone: timeZone) }
            view.searched = true
            view.produced = result.produced.map {
                TraceWherePage.Produced(
                    lot: $0.lot.rawValue, href: PageLinks.lot($0.lot.rawValue), forward: PageLinks.trace($0.lot.rawValue, "forward"),
                    item: $0.item.rawValue, quantity: $0.quantity.description, status: $0.status.words,
                    workOrder: "\($0.workOrder) op \($0.operationSeq) \($0.operationName)", startedAt: $0.startedAt,
                    parameters: $0.parameters.joined(separator: ", "))
            }
        }
        return try HTMLPage(view).response(from: request, context: context)
    }
}
