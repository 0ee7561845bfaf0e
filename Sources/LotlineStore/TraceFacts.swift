import Foundation
import GRDB
import LotlineCore

/// The facts a trace tree shows at each lot (receipt and inspections, how it was made, shipments, work in process, and
/// forward, material awaiting output), read for every lot of the tree at once: a handful of queries, each over the list
/// of lots (`IN (SELECT value FROM json_each(?))`, so one statement on the lot indexes), not several per node.
struct TraceFacts {
    private var receipts: [LotNumber: ReceiptFacts] = [:]
    private var production: [LotNumber: ProductionFacts] = [:]
    private var shipments: [LotNumber: [ShipmentFacts]] = [:]
    private var workInProcess: [LotNumber: [WorkInProcessFacts]] = [:]
    private var awaiting: [LotNumber: [AwaitingOutput]] = [:]
    private var signatures: [LotNumber: [SignatureRecord]] = [:]

    /// With `reading` false (a trace that lists lots only), no facts but the forward trace's awaiting output.
    init(lots: [Lot], reading: Bool, awaitingOutput: Bool, db: Database) throws {
        let numbers = lots.map(\.number.rawValue).sorted()
        if awaitingOutput {
            awaiting = Dictionary(grouping: try SQLiteLedgerState(db: db).awaitingOutput(of: lots.map(\.number)), by: \.lot)
        }
        guard reading, !numbers.isEmpty else { return }
        let list = CanonicalJSON.encode(numbers)
        let inspections = try Self.inspections(list, db: db)
        for lot in lots where lot.origin == .receipt {
            guard let supplier = lot.supplier, let supplierLot = lot.supplierLot else { continue }
            receipts[lot.number] = ReceiptFacts(
                supplier: supplier, supplierLot: supplierLot, heat: lot.heat, certificate: lot.certificate, purchaseOrder: lot.purchaseOrder,
                receivedAt: lot.createdAt.text, inspections: inspections[lot.number] ?? [])
        }
        production = try Self.production(list, inspections: inspections, db: db)
        shipments = try Self.shipments(list, db: db)
        workInProcess = try Self.workInProcess(list, db: db)
        signatures = try Self.signatures(list, of: Set(lots.map(\.number)), db: db)
    }

    /// Each lot's shipment lines, for lots that are not a trace tree's (a recall's affected lots).
    static func shipments(of lots: [LotNumber], db: Database) throws -> [LotNumber: [ShipmentFacts]] {
        try shipments(CanonicalJSON.encode(lots.map(\.rawValue).sorted()), db: db)
    }

    /// Each lot's material still at work orders, for lots that are not a trace tree's.
    static func workInProcess(of lots: [LotNumber], db: Database) throws -> [LotNumber: [WorkInProcessFacts]] {
        try workInProcess(CanonicalJSON.encode(lots.map(\.rawValue).sorted()), db: db)
    }

    /// Puts each lot's facts on its node and every node below; a repeated node shows none, as before.
    func fill(_ node: inout TraceNode) {
        if !node.repeated {
            node.awaitingOutput = awaiting[node.lot] ?? []
            node.receipt = receipts[node.lot]
            node.production = production[node.lot]
            node.shipments = shipments[node.lot] ?? []
            node.workInProcess = workInProcess[node.lot] ?? []
            node.signatures = signatures[node.lot]
        }
        for index in node.children.indices { fill(&node.children[index]) }
    }

    private static let inList = "SELECT value FROM json_each(?)"

    /// The signatures on records of these lots, each under every one of them it names.
    private static func signatures(_ list: String, of lots: Set<LotNumber>, db: Database) throws -> [LotNumber: [SignatureRecord]] {
        var result: [LotNumber: [SignatureRecord]] = [:]
        for signature in try Ledger.events(
            db, where: "type = 'record.signed' AND seq IN (SELECT seq FROM lot_events WHERE lot IN (\(inList)))", arguments: [list]
        ).compactMap(SignatureRecord.init) {
            for lot in Set(signature.lots).intersection(lots) { result[lot, default: []].append(signature) }
        }
        return result
    }

    /// Each inspection of each lot, as `pass|fail name=value ...`, in the order they were made.
    private static func inspections(_ list: String, db: Database) throws -> [LotNumber: [String]] {
        var result: [LotNumber: [String]] = [:]
        for row in try db.fetchRows(sql: "SELECT * FROM inspections WHERE lot IN (\(inList)) ORDER BY seq", arguments: [list]) {
            let results = (try? JSONDecoder().decode([InspectionResult].self, from: Data((row["results"] as String).utf8))) ?? []
            let text = ([(row["passed"] as Bool) ? "pass" : "fail"] + results.map { "\($0.name)=\($0.value)" }).joined(separator: " ")
            result[LotNumber(rawValue: row["lot"]), default: []].append(text)
        }
        return result
    }

    /// How each made lot was made: its order's operations with the parameters and inspections recorded for that unit.
    private static func production(
        _ list: String, inspections: [LotNumber: [String]], db: Database
    ) throws -> [LotNumber: ProductionFacts] {
        let outputs = try db.fetchRows(sql: "SELECT * FROM outputs WHERE lot IN (\(inList))", arguments: [list])
        guard !outputs.isEmpty else { return [:] }
        // A record belongs to the units it names, or else to what the order made after it: never to a unit made before.
        var records: [String: [Row]] = [:]
        for row in try db.fetchRows(
            sql: """
                SELECT r.*, o.lot AS made_unit FROM outputs o JOIN operation_records r ON r.work_order = o.work_order
                WHERE o.lot IN (\(inList)) AND \(recordBelongs(toUnit: "o.lot", madeAt: "o.seq"))
                ORDER BY r.id
                """, arguments: [list])
        {
            records[row["made_unit"], default: []].append(row)
        }
        let orders = CanonicalJSON.encode(Array(Set(outputs.map { $0["work_order"] as String })).sorted())
        let operations = Dictionary(
            grouping: try db.fetchRows(
                sql: "SELECT * FROM work_order_operations WHERE work_order IN (\(inList)) ORDER BY work_order, seq", arguments: [orders]),
            by: { $0["work_order"] as String })
        var result: [LotNumber: ProductionFacts] = [:]
        for output in outputs {
            let lot = LotNumber(rawValue: output["lot"])
            let order: String = output["work_order"]
            let mine = records[lot.rawValue] ?? []
            var facts = ProductionFacts(
                workOrder: WorkOrderNumber(rawValue: order), producedAt: output["at"], shift: output["shift"],
                operations: (operations[order] ?? []).map { operation($0, records: mine) })
            facts.inspections = inspections[lot] ?? []
            result[lot] = facts
        }
        return result
    }

    private static func operation(_ row: Row, records: [Row]) -> OperationFacts {
        let seq: Int = row["seq"]
        let mine = records.filter { ($0["op_seq"] as Int) == seq }
        var facts = OperationFacts(
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
        facts.jobCertificate = row["job_certificate"]
        facts.notRecorded = Rows.strings(row["not_recorded"])
        facts.unchecked = Rows.strings(row["unchecked"])
        return facts
    }

    private static func shipments(_ list: String, db: Database) throws -> [LotNumber: [ShipmentFacts]] {
        var result: [LotNumber: [ShipmentFacts]] = [:]
        for row in try db.fetchRows(
            sql: """
                SELECT s.*, l.lot, l.quantity, l.unit, l.returned FROM shipment_lines l JOIN shipments s ON s.number = l.shipment
                WHERE l.lot IN (\(inList)) ORDER BY s.seq
                """, arguments: [list])
        {
            result[LotNumber(rawValue: row["lot"]), default: []].append(
                ShipmentFacts(
                    shipment: ShipmentNumber(rawValue: row["number"]), customer: CustomerCode(rawValue: row["customer"]),
                    order: row["sales_order"], quantity: Rows.quantity(row["quantity"], row["unit"]),
                    returned: Rows.quantity(row["returned"], row["unit"]), shippedAt: row["shipped_at"]))
        }
        return result
    }

    private static func workInProcess(_ list: String, db: Database) throws -> [LotNumber: [WorkInProcessFacts]] {
        var result: [LotNumber: [WorkInProcessFacts]] = [:]
        // Nearly every row is material long since consumed: a row whose issued text is its consumed text, nothing returned,
        // certainly has none left and is not read; every other row is decided by its quantities.
        let open = "WHERE lot IN (\(inList)) AND NOT (issued = consumed AND returned = '0') ORDER BY work_order"
        for row in try db.fetchRows(sql: "SELECT * FROM wip \(open)", arguments: [list]) {
            let wip = Rows.wip(row)
            guard !wip.remaining.isZero else { continue }
            result[LotNumber(rawValue: row["lot"]), default: []].append(
                WorkInProcessFacts(workOrder: WorkOrderNumber(rawValue: row["work_order"]), remaining: wip.remaining))
        }
        return result
    }
}
