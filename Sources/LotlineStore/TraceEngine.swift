import Foundation
import GRDB
import LotlineCore

/// Walks the genealogy (splits, merges, returns and consumption edges) from one lot, forward or backward,
/// and gathers the facts a quality engineer needs at each lot.
struct TraceEngine {
    let db: Database
    let today: CalendarDate
    let index: GenealogyIndex

    /// The lots a trace starts from: an internal lot or serial, or every receipt of a supplier lot or heat number.
    static func roots(_ text: String, db: Database) throws -> [Lot] {
        let state = SQLiteLedgerState(db: db)
        if let lot = try state.lot(LotNumber(rawValue: LotNumberLookup.normalize(text))) { return [lot] }
        let key = LotNumberLookup.searchKey(text)
        let lots = try db.fetchRows(
            // Supplier lots first (both keys are indexed), then their receipts: never a scan of every lot.
            sql: """
                \(Rows.lotSelect)
                WHERE l.supplier_lot_id IN (SELECT id FROM supplier_lots WHERE lot_key = ? UNION SELECT id FROM supplier_lots WHERE heat_key = ?)
                    AND l.origin = 'receipt' ORDER BY l.created_seq
                """,
            arguments: [key, key]
        ).map(Rows.lot)
        if lots.isEmpty { _ = try state.requireLot(text) }
        return lots
    }

    func tree(from lot: Lot, direction: TraceDirection, maxDepth: Int) throws -> TraceNode {
        var visited: Set<LotNumber> = []
        return try node(lot, link: nil, direction: direction, depth: 0, maxDepth: maxDepth, pathCertainty: .exact, visited: &visited)
    }

    private func node(
        _ lot: Lot, link: TraceLink?, direction: TraceDirection, depth: Int, maxDepth: Int, pathCertainty: Certainty,
        visited: inout Set<LotNumber>
    ) throws -> TraceNode {
        var node = TraceNode(lot: lot, status: lot.status(on: today), link: link)
        node.pathCertainty = max(pathCertainty, link?.certainty ?? .exact)
        guard visited.insert(lot.number).inserted else {
            node.repeated = true
            return node
        }
        node.receipt = try receipt(lot)
        node.production = try production(lot.number)
        node.shipments = try shipments(lot.number)
        node.workInProcess = try workInProcess(lot.number)
        if direction == .forward { node.awaitingOutput = try SQLiteLedgerState(db: db).awaitingOutput(of: [lot.number]) }
        guard depth < maxDepth else { return node }
        for (next, link) in try neighbours(lot.number, direction) {
            node.children.append(
                try self.node(
                    next, link: link, direction: direction, depth: depth + 1, maxDepth: maxDepth, pathCertainty: node.pathCertainty, visited: &visited
                ))
        }
        return node
    }

    /// The lots one step away, with the link that joins them: adjacency from the index, details from the projections.
    func neighbours(_ lot: LotNumber, _ direction: TraceDirection) throws -> [(Lot, TraceLink)] {
        let state = SQLiteLedgerState(db: db)
        var result: [(Lot, TraceLink)] = []
        // In the order they happened (then by lot), whatever order the index holds them in.
        let links = index.edges(of: lot.rawValue, direction).map { index.link($0) }.sorted {
            ($0.ref, $0.output, $0.input) < ($1.ref, $1.output, $1.input)
        }
        for link in links {
            let otherNumber = direction == .forward ? link.output : link.input
            guard let other = try state.lot(LotNumber(rawValue: otherNumber)), let child = try state.lot(LotNumber(rawValue: link.output)) else {
                continue
            }
            let quantity = Quantity(link.quantity, direction == .forward ? child.quantity.unit : other.quantity.unit)
            guard link.relation == .consumed else {
                result.append((other, TraceLink(relation: child.origin.rawValue, quantity: quantity, certainty: .exact, at: child.createdAt.text)))
                continue
            }
            guard
                let row = try db.fetchRow(
                    sql: """
                        SELECT e.*, o.name AS op_name FROM genealogy_edges e
                        LEFT JOIN work_order_operations o ON o.work_order = e.work_order AND o.seq = e.op_seq
                        WHERE e.consume_seq = ? AND e.output = ?
                        """, arguments: [link.ref, link.output])
            else { continue }
            var trace = TraceLink(
                relation: "consumed", quantity: Rows.quantity(row["quantity"], row["unit"]), certainty: link.certainty, at: row["at"])
            trace.workOrder = WorkOrderNumber(rawValue: row["work_order"])
            trace.operationSeq = row["op_seq"]
            trace.operationName = row["op_name"]
            trace.equipment = (row["equipment"] as String?).map(EquipmentCode.init(rawValue:))
            trace.tool = (row["tool"] as String?).map(ToolCode.init(rawValue:))
            trace.operatorCode = OperatorCode(rawValue: row["operator"])
            result.append((other, trace))
        }
        return result
    }

    private func receipt(_ lot: Lot) throws -> ReceiptFacts? {
        guard lot.origin == .receipt, let supplier = lot.supplier, let supplierLot = lot.supplierLot else { return nil }
        let inspections = try inspections(of: lot.number)
        return ReceiptFacts(
            supplier: supplier, supplierLot: supplierLot, heat: lot.heat, certificate: lot.certificate, purchaseOrder: lot.purchaseOrder,
            receivedAt: lot.createdAt.text, inspections: inspections)
    }

    /// Each inspection of the lot itself, as `pass|fail name=value ...`.
    private func inspections(of lot: LotNumber) throws -> [String] {
        try db.fetchRows(sql: "SELECT * FROM inspections WHERE lot = ? ORDER BY seq", arguments: [lot.rawValue]).map { row in
            let results = (try? JSONDecoder().decode([InspectionResult].self, from: Data((row["results"] as String).utf8))) ?? []
            return ([(row["passed"] as Bool) ? "pass" : "fail"] + results.map { "\($0.name)=\($0.value)" }).joined(separator: " ")
        }
    }

    private func production(_ lot: LotNumber) throws -> ProductionFacts? {
        guard let output = try db.fetchRow(sql: "SELECT * FROM outputs WHERE lot = ?", arguments: [lot.rawValue]) else { return nil }
        let order: String = output["work_order"]
        // A record belongs to the units it names, or else to what the order made after it: never to a unit made before.
        let records = try db.fetchRows(
            sql: """
                SELECT r.* FROM operation_records r WHERE r.work_order = ?
                    AND (r.units IS NULL AND r.seq < ? OR r.units IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(r.units) WHERE value = ?))
                ORDER BY r.id
                """, arguments: [order, output["seq"] as Int64, lot.rawValue])
        let operations = try db.fetchRows(sql: "SELECT * FROM work_order_operations WHERE work_order = ? ORDER BY seq", arguments: [order]).map {
            row in
            let seq: Int = row["seq"]
            let mine = records.filter { ($0["op_seq"] as Int) == seq }
            return OperationFacts(
                seq: seq, name: row["name"], equipment: (row["equipment"] as String?).map(EquipmentCode.init(rawValue:)),
                tool: (row["tool"] as String?).map(ToolCode.init(rawValue:)),
                operatorCode: (row["operator"] as String?).map(OperatorCode.init(rawValue:)),
                processor: (row["processor"] as String?).map(SupplierCode.init(rawValue:)), processorCertificate: row["processor_certificate"],
                startedAt: row["started_at"], completedAt: row["completed_at"],
                parameters: mine.filter { ($0["kind"] as String) == "parameter" }.map {
                    "\($0["name"] as String)=\($0["value"] as String)\(($0["unit"] as String?) ?? "")"
                },
                inspections: mine.filter { ($0["kind"] as String) == "inspection" }.map {
                    "\($0["name"] as String)=\($0["value"] as String) \(($0["passed"] as Bool) ? "pass" : "fail")"
                })
        }
        var facts = ProductionFacts(workOrder: WorkOrderNumber(rawValue: order), producedAt: output["at"], shift: output["shift"], operations: operations)
        facts.inspections = try inspections(of: lot)
        return facts
    }

    func shipments(_ lot: LotNumber) throws -> [ShipmentFacts] {
        try db.fetchRows(
            sql:
                "SELECT s.*, l.quantity, l.unit, l.returned FROM shipment_lines l JOIN shipments s ON s.number = l.shipment WHERE l.lot = ? ORDER BY s.seq",
            arguments: [lot.rawValue]
        ).map {
            ShipmentFacts(
                shipment: ShipmentNumber(rawValue: $0["number"]), customer: CustomerCode(rawValue: $0["customer"]), order: $0["sales_order"],
                quantity: Rows.quantity($0["quantity"], $0["unit"]), returned: Rows.quantity($0["returned"], $0["unit"]), shippedAt: $0["shipped_at"])
        }
    }

    func workInProcess(_ lot: LotNumber) throws -> [WorkInProcessFacts] {
        try db.fetchRows(sql: "SELECT * FROM wip WHERE lot = ? ORDER BY work_order", arguments: [lot.rawValue]).compactMap { row in
            let wip = Rows.wip(row)
            return wip.remaining.isZero ? nil : WorkInProcessFacts(workOrder: WorkOrderNumber(rawValue: row["work_order"]), remaining: wip.remaining)
        }
    }
}

extension LotlineStore {
    /// A trace tree from every lot the id names (a lot, a serial, or all receipts of a supplier lot or heat).
    public func trace(_ id: String, direction: TraceDirection, maxDepth: Int = 50, today: CalendarDate) throws -> [TraceNode] {
        try read { db in
            try traceIndex.with(db) { index in
                let engine = TraceEngine(db: db, today: today, index: index)
                return try TraceEngine.roots(id, db: db).map { try engine.tree(from: $0, direction: direction, maxDepth: maxDepth) }
            }
        }
    }

    /// The lots a trace reaches and the certainty of each, from the genealogy index.
    public func reach(_ lots: [LotNumber], direction: TraceDirection) throws -> [GenealogyIndex.Step] {
        try read { db in try traceIndex.with(db) { $0.reach(from: lots.map(\.rawValue), direction) } }
    }

    /// The same, by one recursive SQL query: the cross-check and the benchmark's baseline.
    public func reachBySQL(_ lots: [LotNumber], direction: TraceDirection) throws -> [GenealogyIndex.Step] {
        try read { db in try SQLTrace.reach(from: lots.map(\.rawValue), direction, db: db) }
    }
}

/// A lot made (directly or further on) from lots a `trace where` found.
public struct Downstream: Sendable, Codable, Hashable {
    public var lot: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var status: LotStatus
    public var location: LocationCode?
    /// The weakest link on the strongest path from the lots found.
    public var certainty: Certainty
}

extension LotlineStore {
    /// Every lot and serial made from `lots`, however many steps on, from the genealogy index (the lots themselves left out).
    public func downstream(of lots: [LotNumber], today: CalendarDate) throws -> [Downstream] {
        let starting = Set(lots)
        return try read { db in
            let steps = try traceIndex.with(db) { $0.reach(from: lots.map(\.rawValue), .forward) }
            let state = SQLiteLedgerState(db: db)
            return try steps.compactMap { step -> Downstream? in
                let number = LotNumber(rawValue: step.lot)
                guard !starting.contains(number), let lot = try state.lot(number) else { return nil }
                return Downstream(
                    lot: lot.number, item: lot.item, quantity: lot.quantity, status: lot.status(on: today), location: lot.location,
                    certainty: step.certainty)
            }
        }
    }
}

/// A resource a `trace where` asks about.
public enum ProductionResource: Sendable {
    case equipment(EquipmentCode)
    case tool(ToolCode)
    case operatorCode(OperatorCode)
}

/// A lot or serial produced on a work order one of whose operations used a resource.
public struct ProducedWith: Sendable, Codable, Hashable {
    public var lot: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var status: LotStatus
    public var workOrder: WorkOrderNumber
    public var operationSeq: Int
    public var operationName: String
    public var startedAt: String
    public var producedAt: String
}

extension LotlineStore {
    /// Every lot and serial made on a work order whose operation ran with the resource, the operation started inside the range.
    public func producedWith(_ resource: ProductionResource, from: Date?, to: Date?, today: CalendarDate) throws -> [ProducedWith] {
        let (column, code): (String, String) =
            switch resource {
            case .equipment(let code): ("equipment", code.rawValue)
            case .tool(let code): ("tool", code.rawValue)
            case .operatorCode(let code): ("operator", code.rawValue)
            }
        return try read { db in
            let rows = try db.fetchRows(
                sql: """
                    SELECT o.work_order, o.seq, o.name, o.started_at, out.lot, out.at FROM work_order_operations o
                    JOIN outputs out ON out.work_order = o.work_order
                    WHERE o.\(column) = ? AND o.started_at IS NOT NULL ORDER BY out.at_epoch, out.lot, o.seq
                    """, arguments: [code])
            let state = SQLiteLedgerState(db: db)
            return try rows.compactMap { row -> ProducedWith? in
                let started = try BusinessTime.parse(row["started_at"], timeZone: .utc).date
                if let from, started < from { return nil }
                if let to, started > to { return nil }
                guard let lot = try state.lot(LotNumber(rawValue: row["lot"])) else { return nil }
                return ProducedWith(
                    lot: lot.number, item: lot.item, quantity: lot.quantity, status: lot.status(on: today),
                    workOrder: WorkOrderNumber(rawValue: row["work_order"]),
                    operationSeq: row["seq"], operationName: row["name"], startedAt: row["started_at"], producedAt: row["at"])
            }
        }
    }
}
