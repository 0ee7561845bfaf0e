import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// What the routes need: the plant's storage, and the clock and time zone that say what "today" is.
public struct ServerEnvironment: Sendable {
    public var backend: any LotlineBackend
    public var timeZone: TimeZone
    public var clock: @Sendable () -> Date

    public init(backend: any LotlineBackend, timeZone: TimeZone = .current, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.backend = backend
        self.timeZone = timeZone
        self.clock = clock
    }

    var today: CalendarDate { BusinessTime(date: clock(), timeZone: timeZone).day }

    /// Runs blocking storage work off the threads async tasks share.
    func read<T: Sendable>(_ body: @escaping @Sendable (any LotlineBackend) throws -> T) async throws -> T {
        let backend = self.backend
        return try await backend.perform { _ in try body(backend) }
    }
}

/// Every route of the API, each a thin call into the application layer: parse, call, answer with a wire view.
public func buildRouter(_ environment: ServerEnvironment) -> Router<LotlineRequestContext> {
    let router = Router(context: LotlineRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.get("health") { _, _ in
        let head = try await environment.read { try $0.head() }
        return JSONBody(HealthView(status: "ok", database: "reachable", events: head.seq, head: head.hash))
    }
    addLotRoutes(to: router, environment)
    addTraceRoutes(to: router, environment)
    addEventRoutes(to: router, environment)
    return router
}

struct HealthView: Encodable, Sendable {
    var status: String
    var database: String
    var events: Int64
    var head: String
}

func addLotRoutes(to router: Router<LotlineRequestContext>, _ environment: ServerEnvironment) {
    router.get("lots") { request, _ in
        let query = request.uri.queryParameters
        let filter = LotFilter(
            item: query["item"].map { PartNumber(rawValue: String($0).uppercased()) },
            status: try query["status"].map { text in
                guard let status = LotStatus(rawValue: String(text)) else {
                    throw LotlineError.badInput(
                        "status-invalid", "unknown status '\(text)'; one of: \(LotStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                        value: String(text))
                }
                return status
            },
            supplierLot: query["supplier_lot"].map(String.init), location: query["location"].map { LocationCode(rawValue: String($0).uppercased()) })
        let today = environment.today
        let lots = try await environment.read { try $0.lots(filter, today: today) }
        return JSONBody(["lots": lots.map { LotView($0, today: today) }])
    }
    router.get("lots/:lot") { _, context in
        let lot = try context.parameters.require("lot")
        let today = environment.today
        return JSONBody(LotDetailView(try await environment.read { try $0.lotDetail(lot) }, today: today))
    }
    router.get("lots/:lot/history") { _, context in
        let lot = try context.parameters.require("lot")
        let (found, events) = try await environment.read { try $0.history(lot) }
        return JSONBody(HistoryView(lot: found.number.rawValue, events: events.map(EventView.init)))
    }
}

func addTraceRoutes(to router: Router<LotlineRequestContext>, _ environment: ServerEnvironment) {
    router.get("trace/:direction/:id") { request, context in
        let text = try context.parameters.require("direction")
        guard let direction = TraceDirection(rawValue: text) else {
            throw LotlineError.notFound("direction-not-found", "a trace goes forward or backward, not '\(text)'", value: text)
        }
        let id = try context.parameters.require("id")
        let depth = try request.uri.queryParameters["depth"].map { try integer(String($0), field: "depth", in: 0...1000) } ?? 50
        let today = environment.today
        let roots = try await environment.read { try $0.trace(id, direction: direction, maxDepth: depth, today: today, facts: true) }
        return JSONBody(["roots": roots])
    }
    router.get("recalls") { _, _ in
        JSONBody(["recalls": try await environment.read { try $0.recalls() }])
    }
    router.get("recalls/:id/report") { _, context in
        let id = try context.parameters.require("id")
        let today = environment.today
        return JSONBody(try await environment.read { try $0.recallReport(id, today: today) })
    }
    router.get("audit/verify") { _, _ in
        JSONBody(try await environment.read { try $0.verify() })
    }
}
