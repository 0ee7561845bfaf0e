import Foundation
import GS1
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// What the routes need: the plant's storage, sign-in, the clock and time zone that say what "today" is, and the list
/// of routes with who may call each (filled as the router is built).
public struct ServerEnvironment: Sendable {
    public var backend: any LotlineBackend
    public var timeZone: TimeZone
    public var clock: @Sendable () -> Date
    public var security: SecuritySettings
    public let declarations = RouteDeclarations()
    /// The web pages, declared like the API's routes (not part of the API's description).
    public let pages = RouteDeclarations()
    /// The nonces of the pages' forms sent so far.
    public let forms = FormNonces()
    /// The answers of lot and trace reads, kept while the ledger stands still.
    public var responseCache: ResponseCache

    public init(
        backend: any LotlineBackend, timeZone: TimeZone = .current, security: SecuritySettings = SecuritySettings(),
        clock: @escaping @Sendable () -> Date = { Date() }, responseCache: ResponseCache = ResponseCache(capacityBytes: 64 << 20)
    ) {
        self.backend = backend
        self.responseCache = responseCache
        self.timeZone = timeZone
        self.security = security
        self.clock = clock
    }

    var accounts: Accounts { Accounts(backend: backend, settings: security) }

    /// The plant as the signed-in user may see it (export control).
    func backend(for context: LotlineRequestContext) -> any LotlineBackend {
        ExportControlledBackend.seenBy(context.identity?.user, backend)
    }

    /// The signed-in user at work now: what a change is recorded as.
    func session(_ context: LotlineRequestContext) throws -> Session {
        let user = try context.requireIdentity().user
        var session = Session(backend: backend(for: context), actor: user.name.rawValue, now: clock(), timeZone: timeZone)
        session.security = security
        return session
    }

    var today: CalendarDate { BusinessTime(date: clock(), timeZone: timeZone).day }

    /// Runs blocking storage work off the threads async tasks share, on the plant as this request's user may see it.
    func read<T: Sendable>(_ context: LotlineRequestContext, _ body: @escaping @Sendable (any LotlineBackend) throws -> T) async throws -> T {
        let backend = backend(for: context)
        return try await ReadWorkers.shared.run { try body(backend) }
    }

    /// A read answered as JSON, encoded on the same thread as the read.
    func answer(_ context: LotlineRequestContext, _ body: @escaping @Sendable (any LotlineBackend) throws -> some Encodable) async throws
        -> EncodedJSON
    {
        let backend = backend(for: context)
        return try await ReadWorkers.shared.run { EncodedJSON(data: WireJSON.data(try body(backend))) }
    }

    /// The same, for a read whose answer depends only on the ledger, `today` and the reader's view: answered from the
    /// response cache while the ledger head is the one this request sees.
    func answer(
        _ context: LotlineRequestContext, keeping request: Request, today: CalendarDate,
        _ body: @escaping @Sendable (any LotlineBackend) throws -> some Encodable
    ) async throws -> EncodedJSON {
        guard responseCache.isEnabled else { return try await answer(context, body) }
        let (backend, cache) = (backend(for: context), responseCache)
        let key = ResponseCache.Key(
            request: "\(request.method) \(request.uri.description)", day: today, seesControlled: !(backend is ExportControlledBackend))
        return try await ReadWorkers.shared.run {
            let head = ResponseCache.Version(try backend.head())
            if let kept = cache.answer(key, head: head) { return EncodedJSON(data: kept) }
            let data = try WireJSON.data(try body(backend))
            cache.keep(data, for: key, head: head)
            return EncodedJSON(data: data)
        }
    }
}

/// Every route of the API, each a thin call into the application layer: parse, call, answer with a wire view.
public func buildRouter(_ environment: ServerEnvironment) -> Router<LotlineRequestContext> {
    // HEAD answers wherever GET does, with the same headers.
    let router = Router(context: LotlineRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AccessKeyAuthenticator(environment: environment))
    router.add(middleware: AccessLog())
    let routes = RouteBuilder(router: router, declarations: environment.declarations)
    routes.get("health", .anyone) { request, context in
        _ = try QueryInput(request, allowed: [])
        let head = try await environment.read(context) { try $0.head() }
        return JSONBody(HealthView(status: "ok", database: "reachable", events: head.seq, head: head.hash))
    }
    addAccountRoutes(to: routes, environment)
    addLotRoutes(to: routes, environment)
    addTraceRoutes(to: routes, environment)
    addEventRoutes(to: routes, environment)
    addPlantRoutes(to: routes, environment)
    addRecallRoutes(to: routes, environment)
    addCommandRoutes(to: routes, environment)
    addImportRoute(to: routes, environment)
    addPages(to: router, environment)
    // The description of every route above, as the router declared it.
    let declarations = environment.declarations
    routes.get("openapi.json", .anyone) { request, _ in
        _ = try QueryInput(request, allowed: [])
        let document = openAPIDocument(declarations.all)
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
    refuseOtherMethods(on: router)
    return router
}

/// Every other method on a path that exists is 405 with the methods it takes (`Allow`), not a 404 that says the path is
/// not there. Added last, over the routes as registered.
func refuseOtherMethods(on router: Router<LotlineRequestContext>) {
    let byPath = Dictionary(grouping: router.routes, by: { $0.path.description })
    for (_, routes) in byPath {
        let taken = Set(routes.map(\.method))
        let allow = (taken.contains(.get) ? taken.union([.head]) : taken).map(\.rawValue).sorted().joined(separator: ", ")
        for method in [HTTPRequest.Method.post, .put, .patch, .delete, .options] where !taken.contains(method) {
            router.on(routes[0].path, method: method) { request, _ -> Response in
                var problem = Problem(
                    .methodNotAllowed, code: "method-not-allowed", kind: "http", detail: "\(request.method) is not taken here; allowed: \(allow)")
                problem.headers[.allow] = allow
                throw problem
            }
        }
    }
}

struct HealthView: Encodable, Sendable {
    var status: String
    var database: String
    var events: Int64
    var head: String
}

func addLotRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.get("lots", .permission(.read)) { request, context in
        let query = try QueryInput(request, allowed: ["item", "status", "supplier_lot", "location"])
        let filter = LotFilter(
            item: query["item"].map { PartNumber(rawValue: $0.uppercased()) },
            status: try query["status"].map { text in
                guard let status = LotStatus(rawValue: text.lowercased()) else {
                    throw LotlineError.badInput(
                        "status-invalid", "unknown status '\(text)'; one of: \(LotStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                        value: text)
                }
                return status
            },
            supplierLot: query["supplier_lot"], location: query["location"].map { LocationCode(rawValue: $0.uppercased()) })
        let today = environment.today
        return try await environment.answer(context) { ["lots": try $0.lots(filter, today: today).map { LotView($0, today: today) }] }
    }
    routes.get("lots/:lot", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        let lot = try context.path("lot")
        let today = environment.today
        return try await environment.answer(context, keeping: request, today: today) { LotDetailView(try $0.lotDetail(lot), today: today) }
    }
    // A lot's or serial's label as `lotline label` makes it: SVG (the default) or ZPL.
    routes.get("lots/:lot/label", .permission(.read)) { request, context in
        let query = try QueryInput(request, allowed: ["symbology", "format", "domain"])
        let symbology = try query.choice("symbology", LabelSymbology.self) ?? .datamatrix
        let format = try query.choice("format", LabelFormat.self) ?? .svg
        let (lot, domain) = (try context.path("lot"), query["domain"] ?? "https://id.gs1.org")
        let session = try environment.session(context)
        let label = try await offCooperativePool { try session.label(for: lot, symbology: symbology, domain: domain) }
        return format == .svg
            ? DocumentBody(text: label.svg(), contentType: "image/svg+xml") : DocumentBody(text: label.zpl(), contentType: "text/plain")
    }
    // What to write on a unit's RFID tag (`rfid encode`).
    routes.get("lots/:lot/epc", .permission(.read)) { request, context in
        let query = try QueryInput(request, allowed: ["company_prefix_length", "scheme", "filter"])
        guard let length = try query.integer("company_prefix_length", in: 6...12) else {
            throw LotlineError.badInput("company-prefix-length-missing", "give company_prefix_length: the GS1 company prefix's digits, 6 to 12")
        }
        let scheme = try query.choice("scheme", SGTIN.Scheme.self) ?? .sgtin198
        let (unit, filter) = (try context.path("lot"), try query.integer("filter", in: 0...7) ?? 1)
        let session = try environment.session(context)
        return JSONBody(
            try await offCooperativePool { try session.tagEncoding(for: unit, scheme: scheme, companyPrefixLength: length, filter: filter) })
    }
    routes.get("lots/:lot/history", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        let lot = try context.path("lot")
        return try await environment.answer(context) {
            let (found, events) = try $0.history(lot)
            return HistoryView(lot: found.number.rawValue, events: events.map(EventView.init))
        }
    }
}

func addTraceRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.get("trace/:direction/:id", .permission(.read)) { request, context in
        let query = try QueryInput(request, allowed: ["depth"])
        let text = try context.path("direction")
        guard let direction = TraceDirection(rawValue: text) else {
            throw LotlineError.notFound("direction-not-found", "a trace goes forward or backward, not '\(text)'", value: text)
        }
        let id = try context.path("id")
        let depth = try query.integer("depth", in: 0...1000) ?? 50
        let today = environment.today
        return try await environment.answer(context, keeping: request, today: today) {
            ["roots": try $0.trace(id, direction: direction, maxDepth: depth, today: today, facts: true)]
        }
    }
    routes.get("recalls", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(["recalls": try await environment.read(context) { try $0.recalls() }])
    }
    routes.get("recalls/:id/report", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        let id = try context.path("id")
        let today = environment.today
        return JSONBody(try await environment.read(context) { try $0.recallReport(id, today: today) })
    }
    routes.get("audit/signatures", .permission(.read)) { request, context in
        let query = try QueryInput(request, allowed: ["from", "to"])
        let range = try TimeRange(from: query["from"], to: query["to"], timeZone: environment.timeZone)
        return JSONBody(["signatures": try await environment.read(context) { try SignatureManifest.read($0, range: range) }])
    }
    routes.get("audit/verify", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(try await environment.read(context) { try $0.verify() })
    }
}
