import Foundation
import GRDB
import LotlineCore

/// Walks the genealogy (splits, merges, returns and consumption edges) from one lot, forward or backward,
/// and gathers the facts a quality engineer needs at each lot.
struct TraceEngine {
    let db: Database
    let today: CalendarDate
    let index: GenealogyIndex
    /// False for an answer that lists the lots reached and no more (`--format lots`): each lot's facts are not read.
    var facts = true

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

    /// The tree from one lot: first its shape from the index (lots and links), then every shown lot's facts, read for
    /// all of them at once, a few queries in all however large the tree.
    func tree(from lot: Lot, direction: TraceDirection, maxDepth: Int) throws -> TraceNode {
        var shown: [LotNumber: Lot] = [:]
        var root = try node(lot, link: nil, direction: direction, depth: 0, maxDepth: maxDepth, pathCertainty: .exact, shown: &shown)
        let facts = try TraceFacts(
            lots: Array(shown.values), reading: self.facts, awaitingOutput: direction == .forward, db: db)
        facts.fill(&root)
        return root
    }

    private func node(
        _ lot: Lot, link: TraceLink?, direction: TraceDirection, depth: Int, maxDepth: Int, pathCertainty: Certainty,
        shown: inout [LotNumber: Lot]
    ) throws -> TraceNode {
        var node = TraceNode(lot: lot, status: lot.status(on: today), link: link)
        node.pathCertainty = max(pathCertainty, link?.certainty ?? .exact)
        guard shown[lot.number] == nil else {
            node.repeated = true
            return node
        }
        shown[lot.number] = lot
        guard depth < maxDepth else { return node }
        for (next, link) in try neighbours(lot.number, direction) {
            node.children.append(
                try self.node(
                    next, link: link, direction: direction, depth: depth + 1, maxDepth: maxDepth, pathCertainty: node.pathCertainty, shown: &shown))
        }
        return node
    }

    /// The lots one step away, with the link that joins them: adjacency from the index, details from the projections,
    /// read for all the neighbours at once (two queries a lot, however many links it has).
    func neighbours(_ lot: LotNumber, _ direction: TraceDirection) throws -> [(Lot, TraceLink)] {
        // In the order they happened (then by lot), whatever order the index holds them in.
        let links = index.edges(of: lot.rawValue, direction).map { index.link($0) }.sorted {
            ($0.ref, $0.output, $0.input) < ($1.ref, $1.output, $1.input)
        }
        guard !links.isEmpty else { return [] }
        let lots = try lots(Set(links.flatMap { [$0.input, $0.output] }))
        let consumed = links.filter { $0.relation == .consumed }
        var edges: [String: Row] = [:]
        if !consumed.isEmpty {
            for row in try db.fetchRows(
                sql: """
                    SELECT e.*, o.name AS op_name, w.deviation FROM genealogy_edges e
                    LEFT JOIN work_order_operations o ON o.work_order = e.work_order AND o.seq = e.op_seq
                    LEFT JOIN wip w ON w.work_order = e.work_order AND w.lot = e.input
                    WHERE e.consume_seq IN (SELECT value FROM json_each(?)) AND e.output IN (SELECT value FROM json_each(?))
                    """,
                arguments: [CanonicalJSON.encode(Set(consumed.map(\.ref)).sorted()), CanonicalJSON.encode(Set(consumed.map(\.output)).sorted())])
            {
                edges["\(row["consume_seq"] as Int64) \(row["output"] as String)"] = row
            }
        }
        var result: [(Lot, TraceLink)] = []
        for link in links {
            guard let other = lots[direction == .forward ? link.output : link.input], let child = lots[link.output] else { continue }
            let quantity = Quantity(link.quantity, direction == .forward ? child.quantity.unit : other.quantity.unit)
            guard link.relation == .consumed else {
                result.append((other, TraceLink(relation: child.origin.rawValue, quantity: quantity, certainty: .exact, at: child.createdAt.text)))
                continue
            }
            guard let row = edges["\(link.ref) \(link.output)"] else { continue }
            var trace = TraceLink(
                relation: "consumed", quantity: Rows.quantity(row["quantity"], row["unit"]), certainty: link.certainty, at: row["at"])
            trace.workOrder = WorkOrderNumber(rawValue: row["work_order"])
            trace.operationSeq = row["op_seq"]
            trace.operationName = row["op_name"]
            trace.deviation = (row["deviation"] as String?).map(ReasonCode.init(rawValue:))
            trace.equipment = (row["equipment"] as String?).map(EquipmentCode.init(rawValue:))
            trace.tool = (row["tool"] as String?).map(ToolCode.init(rawValue:))
            trace.operatorCode = (row["operator"] as String?).map(OperatorCode.init(rawValue:))
            result.append((other, trace))
        }
        return result
    }

    /// These lots as they stand, by number, in one query.
    private func lots(_ numbers: Set<String>) throws -> [String: Lot] {
        let rows = try db.fetchRows(
            sql: "\(Rows.lotSelect) WHERE l.number IN (SELECT value FROM json_each(?))", arguments: [CanonicalJSON.encode(numbers.sorted())])
        return Dictionary(rows.map(Rows.lot).map { ($0.number.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension LotlineStore {
    /// A trace tree from every lot the id names (a lot, a serial, or all receipts of a supplier lot or heat).
    /// With `facts` false, the nodes carry the lots and links only (no receipt, production, shipment or WIP facts).
    public func trace(_ id: String, direction: TraceDirection, maxDepth: Int = 50, today: CalendarDate, facts: Bool = true) throws -> [TraceNode] {
        try readIndexed { db, index in
            let engine = TraceEngine(db: db, today: today, index: index, facts: facts)
            return try TraceEngine.roots(id, db: db).map { try engine.tree(from: $0, direction: direction, maxDepth: maxDepth) }
        }
    }

    /// Builds the genealogy index (or catches it up) and saves its snapshot beside the database: after an import or a
    /// generated plant, so the first trace of the next process is fast.
    @discardableResult
    public func buildTraceIndex() throws -> (lots: Int, edges: Int, bytes: Int) {
        let built = try readIndexed { _, index in (index.lotCount, index.edgeCount, index.approximateBytes) }
        try saveTraceIndexIfStale()
        return built
    }

    /// Saves the index snapshot when the index is built and the file is missing or far behind; a separate step, never
    /// part of a read (a CLI run ends with it; a server would run it on a timer).
    public func saveTraceIndexIfStale() throws {
        try read { db in try traceIndex.saveIfStale(db) }
    }

    /// The lots a trace reaches and the certainty of each, from the genealogy index.
    public func reach(_ lots: [LotNumber], direction: TraceDirection) throws -> [GenealogyIndex.Step] {
        try readIndexed { _, index in index.reach(from: lots.map(\.rawValue), direction) }
    }

    /// The same, by one recursive SQL query: the cross-check and the benchmark's baseline.
    public func reachBySQL(_ lots: [LotNumber], direction: TraceDirection) throws -> [GenealogyIndex.Step] {
        try read { db in try SQLTrace.reach(from: lots.map(\.rawValue), direction, db: db) }
    }
}

extension LotlineStore {
    /// Every lot and serial made from `lots`, however many steps on, from the genealogy index (the lots themselves left out).
    public func downstream(of lots: [LotNumber], today: CalendarDate) throws -> [Downstream] {
        let starting = Set(lots)
        return try readIndexed { db, index in
            let steps = index.reach(from: lots.map(\.rawValue), .forward)
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

/// SQL that keeps an operation record (`r`) only for the unit it belongs to: the units it names, or else what the order
/// made after it (never a unit made before). Arguments: the unit's output ledger seq, then the unit's number.
let recordBelongsToUnit = recordBelongs(toUnit: "?", madeAt: "?")

/// The same rule over columns: the unit's number and its output ledger seq as SQL expressions.
func recordBelongs(toUnit unit: String, madeAt: String) -> String {
    "(r.units IS NULL AND r.seq < \(madeAt) OR r.units IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(r.units) WHERE value = \(unit)))"
}

extension LotlineStore {
    /// Every lot and serial made on a work order one of whose operations matched every dimension of the filter at once,
    /// the operation started inside the range. A parameter counts for a unit when its record names the unit, or names no
    /// unit and was recorded before the unit was made (the rule traces show records by). Codes that name nothing on file
    /// are refused, so a typo never reads as "nothing was made with it".
    public func producedWith(_ filter: ProductionFilter, today: CalendarDate) throws -> [ProducedWith] {
        guard !filter.namesNothing else {
            throw LotlineError.badInput(
                "resource-missing", "name at least one of --equipment, --tool, --operator, --processor or --param", value: nil)
        }
        return try read { db in
            let state = SQLiteLedgerState(db: db)
            var conditions = ["o.started_at IS NOT NULL"]
            var arguments: [any DatabaseValueConvertible] = []
            if let code = filter.equipment {
                conditions.append("o.equipment = ?")
                arguments.append(try state.require(code.rawValue, EquipmentKind.self).code.rawValue)
            }
            if let code = filter.tool {
                conditions.append("o.tool = ?")
                arguments.append(try state.requireTool(code.rawValue).code.rawValue)
            }
            if let code = filter.operatorCode {
                conditions.append("o.operator = ?")
                arguments.append(try state.requireOperator(code.rawValue).code.rawValue)
            }
            if let code = filter.processor {
                conditions.append("o.processor = ?")
                arguments.append(try state.requireSupplier(code.rawValue).code.rawValue)
            }
            for condition in filter.parameters {
                conditions.append(
                    """
                    EXISTS (SELECT 1 FROM operation_records r WHERE r.work_order = o.work_order AND r.op_seq = o.seq
                        AND r.kind = 'parameter' AND r.name = ? COLLATE NOCASE)
                    """)
                arguments.append(condition.name)
            }
            let rows = try db.fetchRows(
                sql: """
                    SELECT o.work_order, o.seq, o.name, o.started_at, out.lot, out.at, out.seq AS output_seq FROM work_order_operations o
                    JOIN outputs out ON out.work_order = o.work_order
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY out.at_epoch, out.lot, o.seq
                    """, arguments: StatementArguments(arguments))
            return try rows.compactMap { row -> ProducedWith? in
                let started = try BusinessTime.parse(row["started_at"], timeZone: .utc).date
                guard filter.covers(started) else { return nil }
                let lot = LotNumber(rawValue: row["lot"])
                var matched: [String] = []
                if !filter.parameters.isEmpty {
                    let recorded = try Self.parameters(
                        order: row["work_order"], operation: row["seq"], unit: lot, madeAt: row["output_seq"], db: db)
                    for condition in filter.parameters {
                        let hits = recorded.filter(condition.matches)
                        guard !hits.isEmpty else { return nil }
                        matched += hits.map { "\($0.name)=\($0.value)\($0.unit ?? "")" }
                    }
                }
                guard let found = try state.lot(lot) else { return nil }
                return ProducedWith(
                    lot: found.number, item: found.item, quantity: found.quantity, status: found.status(on: today),
                    workOrder: WorkOrderNumber(rawValue: row["work_order"]),
                    operationSeq: row["seq"], operationName: row["name"], startedAt: row["started_at"], producedAt: row["at"],
                    parameters: matched)
            }
        }
    }

    /// The parameters recorded at an operation that belong to a unit made at ledger position `madeAt`.
    private static func parameters(order: String, operation: Int, unit: LotNumber, madeAt: Int64, db: Database) throws -> [ProcessParameter] {
        try db.fetchRows(
            sql: """
                SELECT r.name, r.value, r.unit FROM operation_records r
                WHERE r.work_order = ? AND r.op_seq = ? AND r.kind = 'parameter'
                    AND \(recordBelongsToUnit)
                ORDER BY r.seq, r.id
                """, arguments: [order, operation, madeAt, unit.rawValue]
        ).map { ProcessParameter(name: $0["name"], value: $0["value"], unit: $0["unit"]) }
    }
}
