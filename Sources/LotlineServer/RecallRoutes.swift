import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// Starting a recall (signed), a mock-recall drill, each disposition (signed) and the closing (signed).
func addRecallRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.post("recalls", .permission(.recall)) { request, context in
        var fields = try await BodyInput.read(request, context: context, allowed: ["target", "reason", "via_ancestor", "certainty", "signature"])
            .fields
        let signature = try signatureInput(fields.removeValue(forKey: "signature"))
        let body = BodyInput(fields: fields)
        let command = StartRecall(
            target: try body.required("target"), reason: try body.required("reason"), viaAncestor: try body.string("via_ancestor"),
            certainty: try body.string("certainty").map { try choice($0, field: "certainty", Certainty.self) })
        let session = try environment.session(context)
        let result = try await offCooperativePool { try session.startRecall(command, signature: signature) }
        return JSONBody(
            RecallStartView(
                started: result.started, report: result.report, scheduled: result.scheduled, scheduleVersion: result.scheduleVersion,
                customerOrders: result.customerOrders), status: .created)
    }
    routes.get("recalls/drills", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(["drills": try await environment.read(context) { try $0.recalls(drillsOnly: true) }])
    }
    routes.post("recalls/drills", .permission(.recall)) { request, context in
        let body = try await BodyInput.read(request, context: context, allowed: ["target", "random"])
        let drill = RecallDrill(target: try body.string("target"), random: try body.bool("random") ?? false)
        let session = try environment.session(context)
        return JSONBody(try await offCooperativePool { try session.drill(drill) }, status: .created)
    }
    routes.post("recalls/:id/dispositions", .permission(.recall)) { request, context in
        var fields = try await BodyInput.read(request, context: context, allowed: ["lot", "disposition", "reason", "note", "signature"]).fields
        let signature = try signatureInput(fields.removeValue(forKey: "signature"))
        let body = BodyInput(fields: fields)
        let command = DispositionRecallLot(
            recall: try context.path("id"), lot: try body.required("lot"),
            disposition: try choice(try body.required("disposition"), field: "disposition", RecallDisposition.self),
            reason: try body.required("reason"),
            note: try body.string("note"))
        return try await recorded(command, signature: signature, environment, context)
    }
    routes.post("recalls/:id/close", .permission(.recall)) { request, context in
        var fields = try await BodyInput.read(request, context: context, allowed: ["signature"]).fields
        let signature = try signatureInput(fields.removeValue(forKey: "signature"))
        return try await recorded(CloseRecall(recall: try context.path("id")), signature: signature, environment, context)
    }
}

/// A command recorded as the signed-in user (signed, when a signature came), answered with its events and lots.
func recorded(
    _ command: some LotlineCommand, signature: SignatureInput?, _ environment: ServerEnvironment, _ context: LotlineRequestContext
) async throws -> JSONBody<ChangeView> {
    let session = try environment.session(context)
    if let hold = command as? ChangeLotStatus, hold.action == .hold {
        // A hold answers with what it touches, in the same response.
        return JSONBody(
            try await offCooperativePool {
                let (executed, impact) = try session.hold(hold, signature: signature)
                var view = try session.changeView(executed.events, lots: executed.events.lotsTouched)
                view.impact = impact
                return view
            }, status: .created)
    }
    let events = try await session.recordAny(command, signature: signature)
    return JSONBody(try await offCooperativePool { try session.changeView(events, lots: events.lotsTouched) }, status: .created)
}

/// What starting a recall did: the start (what it held) and the report as it now stands.
struct RecallStartView: Encodable, Sendable {
    var started: RecallStarted
    var report: RecallReport
    /// The scheduled operations that had a held lot, and their lots now (or why they cannot be scheduled).
    var scheduled: [HoldImpact.Affected]
    var scheduleVersion: Int?
    var customerOrders: [HoldImpact.CustomerOrder]
}
