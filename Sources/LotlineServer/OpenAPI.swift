import Foundation
import HTTPTypes
import LotlineCore

/// What the API description says of one route beyond its method, path and access: its query parameters, its body and
/// what it answers. Routes are described here by "METHOD /path"; a test fails when a route has no description, a
/// description names no route, or the query parameters described differ from those the route takes.
struct RouteDoc {
    var summary: String
    var query: [String] = []
    var body: [String: Any]?
    /// What the body is sent as.
    var bodyType = "application/json"
    var status = 200
    var response: [String: Any]
    /// The media types the answer comes as (each with `response` as its schema).
    var responseTypes = ["application/json"]
}

/// The OpenAPI 3.1 document of the router: every route as declared (method, path, who may call it), with its
/// parameters, body, answer and the problem documents its refusals are.
public func openAPIDocument(_ routes: [DeclaredRoute]) -> [String: Any] {
    var paths: [String: [String: Any]] = [:]
    for route in routes {
        let path = openAPIPath(route.path)
        let doc = routeDoc(route.method, path) ?? RouteDoc(summary: "(undescribed)", response: [:])
        var parameters: [[String: Any]] = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
            ["name": String($0.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string", "minLength": 1]]
        }
        parameters += doc.query.map { name in
            var parameter: [String: Any] = ["name": name, "in": "query", "required": false, "schema": queryType(name)]
            if name == "param" { parameter["schema"] = ["type": "array", "items": ["type": "string", "minLength": 1]]; parameter["explode"] = true }
            return parameter
        }
        var operation: [String: Any] = [
            "summary": doc.summary, "operationId": "\(route.method.rawValue.lowercased())\(path.replacingOccurrences(of: "/", with: "_"))",
            "x-access": route.access.description,
            "responses": responses(doc, route),
        ]
        if !parameters.isEmpty { operation["parameters"] = parameters }
        if let body = doc.body { operation["requestBody"] = ["required": true, "content": [doc.bodyType: ["schema": body]]] }
        operation["security"] = route.access == .anyone ? [] : [["bearer": []], ["session": []]]
        paths[path, default: [:]][route.method.rawValue.lowercased()] = operation
    }
    return [
        "openapi": "3.1.0",
        "info": [
            "title": "Lotline", "version": "1",
            "description": "Lot tracking and traceability on a tamper-evident ledger. Errors are application/problem+json with a stable code.",
        ],
        "paths": paths,
        "components": [
            "schemas": schemas,
            "securitySchemes": [
                "bearer": ["type": "http", "scheme": "bearer", "description": "An API token from POST /tokens or `lotline token issue`."],
                "session": [
                    "type": "apiKey", "in": "cookie", "name": sessionCookie, "description": "From POST /login; changes also send X-CSRF-Token.",
                ],
            ],
        ],
    ]
}

/// A router path (`/lots/:lot` or `/lots/{lot}`) as OpenAPI writes it: `/lots/{lot}`.
public func openAPIPath(_ path: String) -> String {
    "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
}

private func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
private func list(_ key: String, of item: [String: Any] = ["type": "object"]) -> [String: Any] {
    ["type": "object", "required": [key], "properties": [key: ["type": "array", "items": item]]]
}
private var text: [String: Any] { ["type": "string"] }
private var integer: [String: Any] { ["type": "integer"] }
private var boolean: [String: Any] { ["type": "boolean"] }

private func object(_ required: [String], _ properties: [String: Any], open: Bool = true) -> [String: Any] {
    var schema: [String: Any] = ["type": "object", "required": required, "properties": properties]
    if !open { schema["additionalProperties"] = false }
    return schema
}

private func queryType(_ name: String) -> [String: Any] {
    switch name {
    case "limit": ["type": "integer", "minimum": 1, "maximum": 1000]
    case "after": ["type": "integer", "minimum": 0]
    case "depth": ["type": "integer", "minimum": 0, "maximum": 1000]
    case "forward", "atomic", "restart": ["type": "boolean"]
    case "symbology": ["type": "string", "enum": ["gs1-128", "datamatrix", "qr"]]
    case "format": ["type": "string", "enum": ["svg", "zpl"]]
    case "scheme": ["type": "string", "enum": ["sgtin-198", "sgtin-96"]]
    case "company_prefix_length": ["type": "integer", "minimum": 6, "maximum": 12]
    case "filter": ["type": "integer", "minimum": 0, "maximum": 7]
    default: ["type": "string", "minLength": 1]
    }
}

private func responses(_ doc: RouteDoc, _ route: DeclaredRoute) -> [String: Any] {
    let problem: [String: Any] = ["content": ["application/problem+json": ["schema": ref("Problem")]]]
    var answers: [String: Any] = [
        String(doc.status): [
            "description": doc.summary, "content": Dictionary(uniqueKeysWithValues: doc.responseTypes.map { ($0, ["schema": doc.response]) }),
        ],
        "400": ["description": "Malformed: a parameter, field or body the route does not take, or a value out of range"].merging(problem) { $1 },
        "404": ["description": "Not found"].merging(problem) { $1 },
        "405": ["description": "Another method"].merging(problem) { $1 },
        "409": ["description": "Refused by a rule"].merging(problem) { $1 },
        "503": ["description": "The database is busy or unavailable"].merging(problem) { $1 },
    ]
    if route.access != .anyone {
        answers["401"] = ["description": "Not signed in"].merging(problem) { $1 }
        answers["403"] = ["description": "A role that does not allow it, a missing CSRF token or signature"].merging(problem) { $1 }
    } else {
        answers["401"] = ["description": "A wrong password"].merging(problem) { $1 }
        answers["403"] = ["description": "A missing CSRF token"].merging(problem) { $1 }
    }
    answers["413"] = ["description": "The body is too large"]
    return answers
}

/// The description of one route; nil when it has none (the test names it).
func routeDoc(_ method: HTTPRequest.Method, _ path: String) -> RouteDoc? {
    if method == .post, path.hasPrefix("/commands/") {
        let name = path.dropFirst("/commands/".count).replacingOccurrences(of: "/", with: " ")
        return RouteDoc(
            summary: "lotline \(name): recorded as the signed-in user, now",
            body: ["type": "object", "properties": ["signature": ref("SignatureInput")], "additionalProperties": true], status: 201,
            response: ref("Change"))
    }
    return routeDocs["\(method.rawValue) \(path)"]
}

private var signatureBody: [String: Any] { ["signature": ref("SignatureInput")] }

var routeDocs: [String: RouteDoc] {
    [
        "GET /health": RouteDoc(summary: "Liveness, the database reachable, the ledger's head", response: ref("Health")),
        "POST /login": RouteDoc(
            summary: "Sign in: a session cookie and the CSRF token its changes send",
            body: object(["user", "password"], ["user": text, "password": text], open: false), response: ref("SignedIn")),
        "POST /logout": RouteDoc(summary: "End the session and clear its cookie", response: ["type": "object"]),
        "GET /me": RouteDoc(summary: "Who is signed in, and how", response: ref("Me")),
        "GET /tokens": RouteDoc(summary: "Your API tokens (everyone's for an admin)", response: list("tokens", of: ref("AccessKey"))),
        "POST /tokens": RouteDoc(
            summary: "Issue an API token, shown once",
            body: object(["label", "expires"], ["label": text, "expires": text, "user": text], open: false),
            status: 201, response: ref("IssuedToken")),
        "DELETE /tokens/{id}": RouteDoc(summary: "Revoke an API token", response: ["type": "object"]),
        "GET /users": RouteDoc(summary: "Users, their roles and standing", response: list("users", of: ref("User"))),
        "POST /users": RouteDoc(
            summary: "Add a user",
            body: object(
                ["name", "full_name", "password"],
                ["name": text, "full_name": text, "password": text, "us_person": boolean, "roles": ["type": "array", "items": text]], open: false),
            status: 201, response: ref("User")),
        "PATCH /users/{name}": RouteDoc(
            summary: "Change a user's roles, name, US-person status, or disable or enable them",
            body: object([], ["full_name": text, "roles": ["type": "array", "items": text], "us_person": boolean, "active": boolean], open: false),
            response: ref("User")),
        "PUT /users/{name}/password": RouteDoc(
            summary: "Set a password (an admin), or change your own (with current_password)",
            body: object(["password"], ["password": text, "current_password": text], open: false), response: ["type": "object"]),
        "GET /lots": RouteDoc(
            summary: "Lots as they stand", query: ["item", "location", "status", "supplier_lot"], response: list("lots", of: ref("Lot"))),
        "GET /lots/{lot}": RouteDoc(summary: "A lot with its parents, children, inspections and signatures", response: ref("LotDetail")),
        "GET /lots/{lot}/label": RouteDoc(
            summary: "A lot's or serial's label with its GS1 barcode: SVG, or ZPL with format=zpl", query: ["domain", "format", "symbology"],
            response: ["type": "string"], responseTypes: ["image/svg+xml", "text/plain"]),
        "GET /lots/{lot}/epc": RouteDoc(
            summary: "The EPC (SGTIN) to write on a serial-numbered unit's RFID tag", query: ["company_prefix_length", "filter", "scheme"],
            response: ref("TagEncoding")),
        "GET /lots/{lot}/history": RouteDoc(summary: "Every event that touched a lot, oldest first", response: ref("History")),
        "GET /trace/{direction}/{id}": RouteDoc(
            summary: "Trace forward to customers or backward to suppliers", query: ["depth"], response: list("roots", of: ref("TraceNode"))),
        "GET /trace/where": RouteDoc(
            summary: "What was made with a machine, tool, operator, outside processor or parameter",
            query: ["equipment", "forward", "from", "operator", "param", "processor", "to", "tool"],
            response: object(
                ["produced"],
                ["produced": ["type": "array", "items": ["type": "object"]], "downstream": ["type": "array", "items": ["type": "object"]]])),
        "POST /scan": RouteDoc(
            summary: "Read a scanned label: its GS1 AIs and what they name (item, lot, receipts)",
            body: object(["data"], ["data": ["type": "array", "items": text, "minItems": 1]], open: false), response: ref("ScanReading")),
        "POST /rfid/reads": RouteDoc(
            summary: "Record a reader's RFID reads (EPC hex) at a location as observations of the serials they name",
            body: object(["reads", "reader"], ["reads": ["type": "array", "items": text], "reader": text, "location": text], open: false),
            status: 201, response: ref("Change")),
        "GET /recalls": RouteDoc(summary: "Recalls and drills", response: list("recalls", of: ref("RecallRecord"))),
        "POST /recalls": RouteDoc(
            summary: "Start a recall (signed): the affected lots in the building go on hold",
            body: object(
                ["target", "reason"], ["target": text, "reason": text, "via_ancestor": text, "certainty": text].merging(signatureBody) { $1 },
                open: false),
            status: 201, response: object(["started", "report"], ["started": ["type": "object"], "report": ref("RecallReport")])),
        "GET /recalls/drills": RouteDoc(summary: "Past drills", response: list("drills", of: ref("RecallRecord"))),
        "POST /recalls/drills": RouteDoc(
            summary: "A mock recall, timed and recorded, holding nothing", body: object([], ["target": text, "random": boolean], open: false),
            status: 201, response: object(["drill", "report"], ["drill": ["type": "object"], "report": ref("RecallReport")])),
        "GET /recalls/{id}/report": RouteDoc(
            summary: "A recall's report, or what a recall of a lot or heat would reach", response: ref("RecallReport")),
        "POST /recalls/{id}/dispositions": RouteDoc(
            summary: "Decide what happens to a lot a recall holds (signed)",
            body: object(
                ["lot", "disposition", "reason"], ["lot": text, "disposition": text, "reason": text, "note": text].merging(signatureBody) { $1 },
                open: false),
            status: 201, response: ref("Change")),
        "POST /recalls/{id}/close": RouteDoc(
            summary: "Close a recall (signed)", body: object([], signatureBody, open: false), status: 201, response: ref("Change")),
        "POST /import": RouteDoc(
            summary: "Import history: one command per line, as `lotline import` reads a file; the same bytes again apply nothing twice",
            query: ["atomic", "name", "restart"], body: ["type": "string", "minLength": 1], bodyType: "application/x-ndjson",
            response: ref("ImportReport")),
        "GET /events": RouteDoc(
            summary: "The audit trail: the ledger's events, filtered, paged by sequence number",
            query: ["actor", "after", "from", "limit", "lot", "to", "type"], response: ref("EventPage")),
        "GET /audit/verify": RouteDoc(summary: "Verify the hash chain and every signature's binding", response: ref("AuditReport")),
        "GET /audit/signatures": RouteDoc(
            summary: "The signature manifest", query: ["from", "to"], response: list("signatures", of: ref("Signature"))),
        "GET /items": RouteDoc(summary: "Items", response: list("items")),
        "GET /suppliers": RouteDoc(summary: "Suppliers", response: list("suppliers")),
        "GET /customers": RouteDoc(summary: "Customers", response: list("customers")),
        "GET /locations": RouteDoc(summary: "Locations", response: list("locations")),
        "GET /reasons": RouteDoc(summary: "Reason codes", response: list("reasons")),
        "GET /equipment": RouteDoc(summary: "Equipment", response: list("equipment")),
        "GET /tools": RouteDoc(summary: "Tools and their calibration", response: list("tools")),
        "GET /operators": RouteDoc(summary: "Operators and their qualifications", response: list("operators")),
        "GET /accreditations": RouteDoc(summary: "Special-process accreditations", query: ["supplier"], response: list("accreditations")),
        "GET /work-orders": RouteDoc(summary: "Work orders", query: ["status"], response: list("work_orders")),
        "GET /work-orders/{number}": RouteDoc(
            summary: "A work order with the material at it",
            response: object(["order", "wip"], ["order": ["type": "object"], "wip": ["type": "array"]])),
        "GET /work-orders/{number}/variance": RouteDoc(
            summary: "A work order planned against actual: operations' machines and times, materials' lots, substitutions",
            response: object(
                ["work_order", "item", "quantity", "status", "operations", "materials"],
                [
                    "work_order": text, "item": text, "quantity": ["type": "object"], "status": text, "operations": ["type": "array"],
                    "materials": ["type": "array"],
                ])),
        "GET /openapi.json": RouteDoc(summary: "This document", response: ["type": "object"]),
    ]
}

var schemas: [String: Any] {
    [
        "Problem": object(
            ["type", "title", "status", "detail", "code", "kind"],
            [
                "type": text, "title": text, "status": integer, "detail": text, "code": text, "kind": text, "value": text,
                "suggestions": ["type": "array", "items": text], "remedy": ["type": "object"],
            ]),
        "SignatureInput": object(["password", "meaning"], ["password": text, "meaning": text], open: false),
        "Health": object(["status", "database", "events", "head"], ["status": text, "database": text, "events": integer, "head": text]),
        "User": object(
            ["name", "full_name", "roles", "us_person", "active"],
            ["name": text, "full_name": text, "roles": ["type": "array", "items": text], "us_person": boolean, "active": boolean]),
        "SignedIn": object(["user", "csrf_token", "expires"], ["user": ref("User"), "csrf_token": text, "expires": text]),
        "Me": object(
            ["user", "via", "key", "permissions"], ["user": ref("User"), "via": text, "key": text, "permissions": ["type": "array", "items": text]]),
        "AccessKey": object(
            ["id", "kind", "user", "label", "created", "expires", "state"],
            ["id": text, "kind": text, "user": text, "label": text, "created": text, "expires": text, "revoked": text, "state": text]),
        "IssuedToken": object(["token", "key"], ["token": text, "key": ref("AccessKey")]),
        "Lot": object(
            ["number", "item", "quantity", "unit", "status", "stored_status", "origin", "created_at"],
            [
                "number": text, "item": text, "quantity": text, "unit": text, "status": text, "stored_status": text, "location": text, "origin": text,
                "supplier": text, "supplier_lot": text, "heat": text, "certificate": text, "purchase_order": text, "expires_on": text,
                "created_at": text,
            ]),
        "Event": object(
            ["seq", "id", "type", "actor", "business_time", "recorded_at", "hash", "payload"],
            [
                "seq": integer, "id": text, "type": text, "actor": text, "business_time": text, "recorded_at": text, "reason": text,
                "corrects": integer,
                "ref": text, "hash": text, "payload": ["type": "object"],
            ]),
        "ImportReport": object(
            ["lines", "imported", "events", "refused", "failures", "committed", "seconds", "already_imported", "last_committed_line"],
            [
                "lines": integer, "imported": integer, "events": integer, "refused": integer, "committed": boolean, "seconds": ["type": "number"],
                "resumed_after": integer, "already_imported": boolean, "last_committed_line": integer,
                "failures": [
                    "type": "array",
                    "items": object(["line", "code", "message"], ["line": integer, "code": text, "message": text]),
                ],
            ]),
        "Change": object(
            ["events", "lots"],
            [
                "events": ["type": "array", "items": ref("Event")], "lots": ["type": "array", "items": ref("Lot")],
                "impact": object(
                    ["lot", "scheduled", "at_orders", "made_from", "customer_orders"],
                    [
                        "lot": text, "scheduled": ["type": "array"], "at_orders": ["type": "array"], "made_from": ["type": "array"],
                        "customer_orders": ["type": "array"], "schedule_version": integer,
                    ]),
            ]),
        "LotDetail": object(
            ["lot", "parents", "children", "inspections", "signatures"],
            [
                "lot": ref("Lot"), "parents": ["type": "array"], "children": ["type": "array"], "inspections": ["type": "array"],
                "signatures": ["type": "array", "items": ref("Signature")],
            ]),
        "History": object(["lot", "events"], ["lot": text, "events": ["type": "array", "items": ref("Event")]]),
        "TraceNode": object(
            ["lot", "item", "status", "children"],
            [
                "lot": text, "item": text, "status": text, "withheld": integer, "children": ["type": "array", "items": ref("TraceNode")],
                "signatures": ["type": "array", "items": ref("Signature")],
            ]),
        "RecallReport": object(
            ["target", "starting_lots", "affected", "customers", "balances"],
            [
                "id": text, "target": text, "starting_lots": ["type": "array", "items": text], "affected": ["type": "array"],
                "customers": ["type": "array"],
                "balances": ["type": "array"], "withheld": integer,
            ]),
        "TagEncoding": object(
            ["unit", "item", "gtin", "scheme", "hex", "uri", "tag_uri"],
            ["unit": text, "item": text, "gtin": text, "scheme": text, "hex": text, "uri": text, "tag_uri": text]),
        "ScanReading": object(
            ["barcodes", "elements", "receipts", "sscc_lots", "unchecked"],
            [
                "barcodes": [
                    "type": "array",
                    "items": object(["form"], ["form": text, "symbology_identifier": text, "symbology": text]),
                ],
                "text": text, "bracketed": text, "element_string": text, "digital_link": text, "gtin": text, "item": text,
                "item_description": text, "batch": text, "serial": text, "expires": text, "quantity": text, "sscc": text, "lot": ref("Lot"),
                "lot_problem": text, "receipts": ["type": "array", "items": text], "sscc_lots": ["type": "array", "items": text],
                "unchecked": ["type": "array", "items": text],
                "elements": ["type": "array", "items": object(["ai", "title", "value"], ["ai": text, "title": text, "value": text])],
            ]),
        "RecallRecord": object(["id", "kind", "target"], ["id": text, "kind": text, "target": text]),
        "EventPage": object(["events"], ["events": ["type": "array", "items": ref("Event")], "next_after": integer]),
        "AuditReport": object(["ok", "event_count", "head_hash"], ["ok": boolean, "event_count": integer, "head_hash": text]),
        "Signature": object(
            ["seq", "at", "signer", "printed_name", "meaning", "signs", "signs_type", "lots"],
            [
                "seq": integer, "at": text, "signer": text, "printed_name": text, "meaning": text, "signs": integer, "signs_type": text,
                "lots": ["type": "array", "items": text],
            ]),
    ]
}
