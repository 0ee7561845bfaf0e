import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// A trace on one screen: the chain both ways (or one way) from a lot, serial, supplier lot, heat or work order as an
/// indented table (every link with its certainty, machine, tool and operator, and each lot's facts), the same as a
/// graph, and the CSV export.
struct TracePage: PageView {
    static let template = "trace"
    var chrome: Chrome
    var id: String
    /// Which way the form's choice stands: `both` (the default), `forward` or `backward`.
    var both: Bool
    var forward: Bool
    var backward: Bool
    var direction: String
    var csv: [CSVLink]
    var folded: Bool
    var unfold: String
    var fold: String
    var trees: [Tree]
    var lots: Int
    /// When folded: how many lots the fold leaves out.
    var hidden: String?

    struct CSVLink: Sendable {
        var label: String
        var href: String
    }

    struct Tree: Sendable {
        /// "Backward: what is in it" or "Forward: where it went".
        var heading: String
        var root: String
        var count: Int
        var rows: [Row]
        var graph: String
    }

    struct Row: Sendable {
        var depth: Int
        /// `depth-N`: the style sheet indents by it (no inline style under the page's CSP).
        var indent: String
        var lot: String
        var href: String
        var item: String
        var quantity: String
        var status: String
        var location: String
        var relation: String
        var certainty: String
        var pathCertainty: String
        /// The path's weakest link is not `exact`: the row is marked so it is seen as a possibility, not a fact.
        var uncertain: Bool
        var workOrder: String?
        var equipment: String
        var tool: String
        var operatorCode: String
        var at: String
        var facts: [String]
        var repeated: Bool
        var withheld: String?
    }

    /// The traces shown, in order: backward then forward for both ways.
    init(id: String, traces: [(direction: TraceDirection, roots: [TraceNode])], foldDepth: Int?, chrome: Chrome) {
        self.chrome = chrome
        self.id = id
        let directions = traces.map(\.direction)
        both = directions.count > 1
        forward = !both && directions.first == .forward
        backward = !both && directions.first == .backward
        direction = both ? "both" : directions.first?.rawValue ?? "both"
        csv = directions.map {
            CSVLink(label: "Export CSV (\($0.rawValue))", href: "/web/trace.csv?direction=\($0.rawValue)&id=\(PageLinks.encoded(id))")
        }
        folded = foldDepth != nil
        unfold = PageLinks.trace(id, direction)
        fold = unfold + "&fold=1"
        var (shown, hidden) = (0, 0)
        trees = traces.flatMap { direction, roots in
            roots.map { root in
                let all = root.flattened()
                let visible = all.filter { foldDepth == nil || $0.depth <= foldDepth! }
                shown += visible.count
                hidden += all.count - visible.count
                return Tree(
                    heading: direction == .forward ? "Forward: where it went" : "Backward: what is in it", root: root.lot.rawValue,
                    count: visible.count, rows: visible.map { Row($0.node, depth: $0.depth, direction: direction) },
                    graph: TraceGraph(root: root, direction: direction).svg())
            }
        }
        lots = shown
        self.hidden = hidden > 0 ? "\(hidden) lots below the first level are folded away" : nil
    }
}

extension TracePage.Row {
    init(_ node: TraceNode, depth: Int, direction: TraceDirection) {
        self.depth = depth
        indent = "depth-\(min(depth, 12))"
        lot = node.lot.rawValue
        href = PageLinks.lot(node.lot.rawValue)
        item = node.item.rawValue
        quantity = node.quantity.description
        status = node.status.words
        location = node.location?.rawValue ?? ""
        let link = node.link
        relation = link.map { "\($0.relation) \($0.quantity)" } ?? "start"
        certainty = link?.certainty.rawValue ?? ""
        pathCertainty = node.pathCertainty.rawValue
        uncertain = node.pathCertainty != .exact
        workOrder = link?.workOrder.map { "\($0) op \(link?.operationSeq ?? 0)" + (link?.operationName.map { " \($0)" } ?? "") }
        equipment = link?.equipment?.rawValue ?? ""
        tool = link?.tool?.rawValue ?? ""
        operatorCode = link?.operatorCode?.rawValue ?? ""
        at = link?.at ?? ""
        facts = TraceRenderer.facts(node) + node.awaitingOutput.map(TraceRenderer.awaiting)
        repeated = node.repeated
        withheld = node.withheld.map { "\($0) more lot\($0 == 1 ? "" : "s") withheld here: export-controlled, shown to US persons only" }
    }
}

/// The trace's starting points: a lot, serial, supplier lot or heat (the backend resolves those), or a work order, whose
/// outputs are traced.
func traceRoots(_ id: String, direction: TraceDirection, backend: any LotlineBackend, today: CalendarDate) throws -> [TraceNode] {
    do {
        return try backend.trace(id, direction: direction, maxDepth: 50, today: today, facts: true)
    } catch let error as LotlineError where error.kind == .notFound {
        guard let order = try? backend.workOrders().first(where: { $0.number.rawValue == id.uppercased() }) else { throw error }
        guard !order.outputs.isEmpty else {
            throw LotlineError.notFound("work-order-has-no-output", "work order \(order.number) has made nothing yet to trace", value: id)
        }
        return try order.outputs.flatMap { try backend.trace($0.rawValue, direction: direction, maxDepth: 50, today: today, facts: true) }
    }
}

func addTracePages(to pages: PageBuilder) {
    let environment = pages.environment
    pages.get("web/trace", .permission(.read)) { request, context, page in
        let query = request.uri.queryParameters
        let id = (query["id"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        // One way when asked; both ways (what is in it, then where it went) otherwise.
        let directions = TraceDirection(rawValue: query["direction"].map(String.init) ?? "").map { [$0] } ?? [.backward, .forward]
        let today = environment.today
        let traces =
            id.isEmpty
            ? []
            : try await environment.read(context) { backend in
                try directions.map { ($0, try traceRoots(id, direction: $0, backend: backend, today: today)) }
            }
        let title = id.isEmpty ? "Trace" : directions.count > 1 ? "Trace \(id) both ways" : "Trace \(directions[0].rawValue) \(id)"
        let fold = query["fold"].flatMap { Int(String($0)) }
        let view = TracePage(id: id, traces: traces.map { (direction: $0.0, roots: $0.1) }, foldDepth: fold, chrome: page.chrome(title))
        return try HTMLPage(view).response(from: request, context: context)
    }
    pages.get("web/trace.csv", .permission(.read)) { request, context, _ in
        let query = request.uri.queryParameters
        let id = (query["id"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let direction = TraceDirection(rawValue: query["direction"].map(String.init) ?? "") ?? .forward
        let today = environment.today
        let roots = try await environment.read(context) { try traceRoots(id, direction: direction, backend: $0, today: today) }
        return csvDownload(TraceRenderer.csv(roots), name: "trace-\(direction.rawValue)-\(id)")
    }
}

/// A CSV file to download, named from a value the user gave, kept to ASCII letters, digits and dashes (a name is never
/// a way into the header).
func csvDownload(_ text: String, name: String) -> Response {
    var headers = PageHeaders.common
    headers[.contentType] = "text/csv; charset=utf-8"
    let safe = String(name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }.prefix(100))
    headers[.contentDisposition] = "attachment; filename=\"\(safe.isEmpty ? "export" : safe).csv\""
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
}

/// The trace page's HTML for an id, as a signed-in reader gets it, and how many lots its table shows: what the benchmark
/// times (the read and the rendering, no HTTP).
public func renderTracePage(_ id: String, direction: TraceDirection, backend: any LotlineBackend, today: CalendarDate) throws -> (
    html: String, lots: Int
) {
    let roots = try traceRoots(id, direction: direction, backend: backend, today: today)
    let view = TracePage(
        id: id, traces: [(direction: direction, roots: roots)], foldDepth: nil, chrome: Chrome(title: "Trace", user: nil, csrf: "", current: ""))
    return (PageRenderer.shipped.render(view), view.lots)
}
