import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// Master data, work orders and `trace where`: the CLI's other reads.
func addPlantRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.get("items", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(["items": try await environment.read(context) { try $0.items() }])
    }
    routes.get("suppliers", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(["suppliers": try await environment.read(context) { try $0.suppliers() }])
    }
    addNamedRoute(CustomerKind.self, to: routes, environment)
    addNamedRoute(LocationKind.self, to: routes, environment)
    addNamedRoute(ReasonKind.self, to: routes, environment)
    addNamedRoute(EquipmentKind.self, to: routes, environment)
    routes.get("tools", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(["tools": try await environment.read(context) { try $0.tools() }])
    }
    routes.get("operators", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody(["operators": try await environment.read(context) { try $0.operators() }])
    }
    routes.get("accreditations", .permission(.read)) { request, context in
        let query = try QueryInput(request, allowed: ["supplier"])
        let supplier = try query["supplier"].map(SupplierCode.parse)
        return JSONBody(["accreditations": try await environment.read(context) { try $0.accreditations(of: supplier) }])
    }
    routes.get("work-orders", .permission(.read)) { request, context in
        let status = try QueryInput(request, allowed: ["status"]).choice("status", WorkOrderStatus.self)
        return JSONBody(["work_orders": try await environment.read(context) { try $0.workOrders(status: status) }])
    }
    routes.get("work-orders/:number", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        let number = try context.path("number")
        let detail = try await environment.read(context) { try $0.workOrderDetail(number) }
        return JSONBody(WorkOrderView(order: detail.order, wip: detail.wip))
    }
    routes.get("work-orders/:number/variance", .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        let number = try context.path("number")
        return JSONBody(try await environment.read(context) { try $0.workOrderVariance(number) })
    }
    // What was made with a machine, tool, operator, outside processor or parameter (`param` repeats; all at one operation).
    routes.get("trace/where", .permission(.read)) { request, context in
        let query = try QueryInput(
            request, allowed: ["equipment", "tool", "operator", "processor", "param", "from", "to", "forward"], repeatable: ["param"])
        let asked = TraceWhere(
            equipment: query["equipment"], tool: query["tool"], operatorCode: query["operator"], processor: query["processor"],
            parameters: query.all("param"), from: query["from"], to: query["to"], forward: try query.bool("forward") ?? false)
        let session = try environment.session(context)
        return JSONBody(try await offCooperativePool { try session.traceWhere(asked) })
    }
    // A scanned label read and resolved, as `lotline scan` does: a read, though its data comes in a body (it holds
    // group separators and URIs a query string would mangle).
    routes.post("scan", .permission(.read)) { request, context in
        let body = try await BodyInput.read(request, context: context, allowed: ["data"])
        guard let data = try body.strings("data"), !data.isEmpty else {
            throw LotlineError.badInput("data-missing", "the body needs \"data\": the label's barcodes as the scanner sent them, a list of strings")
        }
        let session = try environment.session(context)
        return JSONBody(try await offCooperativePool { try session.readScan(data) })
    }
    // A reader's batch of RFID reads at a location, recorded as observations of the units they name (`rfid record`).
    routes.post("rfid/reads", .permission(.moveStock)) { request, context in
        let body = try await BodyInput.read(request, context: context, allowed: ["reads", "reader", "location"])
        guard let reads = try body.strings("reads") else {
            throw LotlineError.badInput("reads-missing", "the body needs \"reads\": the EPCs as hex, a list of strings")
        }
        let command = RecordRFIDReads(reads: reads, reader: try body.required("reader"), location: try body.string("location"))
        return try await recorded(command, signature: nil, environment, context)
    }
}

private func addNamedRoute<Kind: NamedKind>(_ kind: Kind.Type, to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.get(Kind.plural, .permission(.read)) { request, context in
        _ = try QueryInput(request, allowed: [])
        return JSONBody([Kind.plural: try await environment.read(context) { try $0.named(Kind.self) }])
    }
}

/// A work order with the material at it.
struct WorkOrderView: Encodable, Sendable {
    var order: WorkOrder
    var wip: [WorkInProcess]
}
