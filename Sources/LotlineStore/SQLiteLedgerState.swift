import Foundation
import GRDB
import LotlineCore

/// The current state, read from the projections inside the command's own transaction.
struct SQLiteLedgerState: LedgerState {
    let db: Database
    /// The store's genealogy index, for the traces recalls need; a state made for plain lookups has none, and a trace
    /// through it is a bug (never a silent build of the whole index).
    var traceIndex: TraceIndexHolder?
    /// A batch's work orders, when the command runs in one.
    var workOrders: WorkOrderCache?

    func item(_ part: PartNumber) throws -> Item? {
        try db.fetchRow(sql: "SELECT * FROM items WHERE part = ?", arguments: [part.rawValue]).map(Rows.item)
    }

    func item(gtin: String) throws -> Item? {
        try db.fetchRow(sql: "SELECT * FROM items WHERE gtin = ?", arguments: [gtin]).map(Rows.item)
    }

    func supplier(_ code: SupplierCode) throws -> Supplier? {
        try db.fetchRow(sql: "SELECT * FROM suppliers WHERE code = ?", arguments: [code.rawValue]).map(Rows.supplier)
    }

    func named<Kind: NamedKind>(_ code: Code<Kind>) throws -> NamedRecord<Kind>? {
        try db.fetchRow(sql: "SELECT * FROM \(Kind.table) WHERE code = ?", arguments: [code.rawValue]).map(Rows.named)
    }

    func lot(_ number: LotNumber) throws -> Lot? {
        try db.fetchRow(sql: "\(Rows.lotSelect) WHERE l.number = ?", arguments: [number.rawValue]).map(Rows.lot)
    }

    func lots(supplierLotKey: String, item: PartNumber?) throws -> [Lot] {
        let itemCondition = item == nil ? "" : " AND l.item = ?"
        return try db.fetchRows(
            sql: "\(Rows.lotSelect) WHERE s.lot_key = ?\(itemCondition) ORDER BY l.created_seq, l.number LIMIT 100",
            arguments: StatementArguments([supplierLotKey] + (item.map { [$0.rawValue] } ?? []))
        ).map(Rows.lot)
    }

    func lots(sscc: String) throws -> [Lot] {
        try db.fetchRows(sql: "\(Rows.lotSelect) WHERE l.sscc = ? ORDER BY l.created_seq, l.number LIMIT 100", arguments: [sscc]).map(Rows.lot)
    }

    func lotNumbers(near number: String) throws -> [String] {
        let characters = Array(number)
        // The probes grow with the square of the length: a number longer than any scheme makes gets no suggestions,
        // so a pasted page of text costs nothing (a request can carry 80 KB).
        guard characters.count <= Self.longestSuggestedNumber else { return [] }
        var found: Set<String> = []
        // For each place in the second half of the number where a key may have slipped, the lots that share what comes
        // before it (a range of the primary key) and match one character changed, left out or typed too many there, and the
        // first few that follow that prefix (a number typed short or wrong at its end).
        for place in stride(from: characters.count, through: max(1, characters.count / 2), by: -1) {
            let prefix = String(characters[..<place])
            let typed = String(characters[place...])
            let after = String(typed.dropFirst())
            found.formUnion(
                try db.fetchAll(
                    String.self,
                    sql: """
                        SELECT number FROM lots WHERE number >= ?1 AND number < ?1 || char(65535)
                        AND (number GLOB ?2 OR number GLOB ?3 OR number = ?4) LIMIT 8
                        """,
                    arguments: [prefix, Self.glob(prefix) + "?" + Self.glob(after), Self.glob(prefix) + "?" + Self.glob(typed), prefix + after]))
            found.formUnion(
                try db.fetchAll(
                    String.self, sql: "SELECT number FROM lots WHERE number >= ?1 AND number < ?1 || char(65535) ORDER BY number LIMIT 8",
                    arguments: [prefix]))
        }
        return found.sorted()
    }

    /// The longest typed number near which lots are looked for.
    static let longestSuggestedNumber = 64

    /// Text matched literally in a GLOB pattern.
    private static func glob(_ text: String) -> String {
        text.map { "*?[".contains($0) ? "[\($0)]" : String($0) }.joined()
    }

    func scheme(for origin: LotOrigin, item: PartNumber) throws -> LotNumberScheme? {
        let pattern = try db.fetchOne(
            String.self, sql: "SELECT pattern FROM lot_schemes WHERE origin = ? AND item IN (?, '') ORDER BY item DESC LIMIT 1",
            arguments: [origin.rawValue, item.rawValue])
        return try pattern.map { try LotNumberScheme($0) }
    }

    func lastSequence(_ key: String) throws -> Int {
        try db.fetchOne(Int.self, sql: "SELECT last FROM lot_sequences WHERE key = ?", arguments: [key]) ?? 0
    }

    func recordedHeat(supplier: SupplierCode, supplierLotKey: String) throws -> String? {
        try db.fetchOne(
            String.self, sql: "SELECT heat FROM supplier_lots WHERE supplier = ? AND lot_key = ?", arguments: [supplier.rawValue, supplierLotKey])
    }

    func lotsSharingHeat(with lot: LotNumber) throws -> [LotNumber] {
        try db.fetchAll(
            String.self,
            sql: """
                WITH RECURSIVE affected(number) AS (
                    SELECT number FROM lots WHERE supplier_lot_id = (SELECT supplier_lot_id FROM lots WHERE number = ?1)
                    UNION
                    SELECT p.child FROM lot_parents p JOIN affected a ON p.parent = a.number
                        JOIN lots l ON l.number = p.child WHERE l.origin IN ('merge', 'split')
                )
                SELECT number FROM affected WHERE number != ?1 ORDER BY number
                """, arguments: [lot.rawValue]
        ).map(LotNumber.init(rawValue:))
    }

    func creatingEvent(of lot: LotNumber) throws -> Int64? {
        try db.fetchOne(Int64.self, sql: "SELECT created_seq FROM lots WHERE number = ?", arguments: [lot.rawValue])
    }

    func stockLots(of item: PartNumber) throws -> [AllocatableLot] {
        try db.fetchRows(
            sql: """
                SELECT number, item, quantity, unit, status, expires_on, created_seq FROM lots
                WHERE item = ? AND status IN ('released', 'quarantine', 'on_hold') ORDER BY created_seq, number
                """, arguments: [item.rawValue]
        ).map { row in
            AllocatableLot(
                number: LotNumber(rawValue: row["number"]), item: item, quantity: Rows.quantity(row["quantity"], row["unit"]),
                status: LotStatus(rawValue: row["status"]) ?? .onHold, expiresOn: Rows.date(row["expires_on"]), receiptSeq: row["created_seq"])
        }.filter { $0.quantity.amount > 0 }
    }

    /// Each part is a range of the index on (item, status, expires_on, created_seq), read in its order and cut at
    /// `limit`: an issue costs a few index steps, however many lots the item has.
    func olderUsableLots(item: PartNumber, than lot: LotNumber, expiresOn: CalendarDate?, receiptSeq: Int64, usableOn: CalendarDate, limit: Int)
        throws
        -> [LotNumber]
    {
        func numbers(_ condition: String, _ arguments: StatementArguments) throws -> [String] {
            try String.fetchAll(
                db,
                sql: """
                    SELECT number FROM lots INDEXED BY lots_item_status_expiry_seq
                    WHERE item = ? AND status = 'released' AND quantity != '0' AND \(condition)
                    ORDER BY expires_on, created_seq, number LIMIT \(limit)
                    """, arguments: [item.rawValue] + arguments)
        }
        // Lots that expire (first expiring first) come before those that do not (first received first).
        var found: [String]
        if let expiresOn {
            found = try numbers("expires_on >= ? AND expires_on < ?", [usableOn.description, expiresOn.description])
            found += try numbers(
                "expires_on = ? AND (created_seq < ? OR (created_seq = ? AND number < ?))",
                [expiresOn.description, receiptSeq, receiptSeq, lot.rawValue])
        } else {
            found = try numbers("expires_on >= ?", [usableOn.description])
            found += try numbers(
                "expires_on IS NULL AND (created_seq < ? OR (created_seq = ? AND number < ?))", [receiptSeq, receiptSeq, lot.rawValue])
        }
        return found.filter { $0 != lot.rawValue }.prefix(limit).map(LotNumber.init(rawValue:))
    }

    func latestScheduleVersion() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT max(version) FROM schedules") ?? 0
    }

    func pinnedOperations(on machine: EquipmentCode) throws -> [(order: WorkOrder, operation: WorkOrderOperation)] {
        try db.fetchRows(
            sql: "SELECT work_order, seq FROM work_order_operations WHERE pin_machine = ? AND status = 'pending' ORDER BY work_order, seq",
            arguments: [machine.rawValue]
        ).compactMap { row in
            guard let order = try workOrder(WorkOrderNumber(rawValue: row["work_order"])), let op = order.operation(row["seq"]) else { return nil }
            return (order, op)
        }
    }

    func plannedLots(of item: PartNumber, for order: WorkOrderNumber) throws -> PlannedLots? {
        guard let version = try Int.fetchOne(db, sql: "SELECT max(version) FROM schedules") else { return nil }
        let lots = try db.fetchRows(
            sql: """
                SELECT a.lot, a.quantity, a.unit FROM schedule_allocations a JOIN lots l ON l.number = a.lot
                WHERE a.version = ? AND a.work_order = ? AND l.item = ? ORDER BY a.rowid
                """,
            arguments: [version, order.rawValue, item.rawValue]
        ).map { LotPortion(lot: LotNumber(rawValue: $0["lot"]), quantity: Rows.quantity($0["quantity"], $0["unit"])) }
        return lots.isEmpty ? nil : PlannedLots(version: version, lots: lots)
    }

    func workCenter(_ code: WorkCenterCode) throws -> WorkCenter? {
        try WorkCenterRows.workCenter(code, db: db)
    }

    func tool(_ code: ToolCode) throws -> Tool? {
        try db.fetchRow(sql: "SELECT * FROM tools WHERE code = ?", arguments: [code.rawValue]).map(Rows.tool)
    }

    func operatorRecord(_ code: OperatorCode) throws -> Operator? {
        guard let row = try db.fetchRow(sql: "SELECT * FROM operators WHERE code = ?", arguments: [code.rawValue]) else { return nil }
        let qualifications = try db.fetchRows(sql: "SELECT * FROM qualifications WHERE operator = ? ORDER BY code", arguments: [code.rawValue])
            .map { Qualification(code: QualificationCode(rawValue: $0["code"]), until: Rows.date($0["until"])!) }
        return Operator(code: code, name: row["name"], qualifications: qualifications)
    }

    func accreditation(supplier: SupplierCode, process: ProcessCode) throws -> Accreditation? {
        try db.fetchRow(
            sql: "SELECT * FROM accreditations WHERE supplier = ? AND process = ?", arguments: [supplier.rawValue, process.rawValue]
        ).map {
            Accreditation(supplier: supplier, process: process, certificate: $0["certificate"], until: Rows.date($0["until"])!)
        }
    }

    func bom(of item: PartNumber) throws -> [BomLine] {
        try db.fetchRows(sql: "SELECT * FROM bom_lines WHERE item = ? ORDER BY component", arguments: [item.rawValue]).map(Rows.bomLine)
    }

    func routing(of item: PartNumber) throws -> [RoutingOperation] {
        try db.fetchRows(sql: "SELECT * FROM routing_operations WHERE item = ? ORDER BY seq", arguments: [item.rawValue]).map(Rows.routing)
    }

    func workOrder(_ number: WorkOrderNumber) throws -> WorkOrder? {
        guard let workOrders else { return try readWorkOrder(number) }
        return try workOrders.load(number) { try readWorkOrder(number) }
    }

    private func readWorkOrder(_ number: WorkOrderNumber) throws -> WorkOrder? {
        guard let row = try db.fetchRow(sql: "SELECT * FROM work_orders WHERE number = ?", arguments: [number.rawValue]) else { return nil }
        let unit: String = row["unit"]
        let components = try db.fetchRows(
            sql: "SELECT * FROM work_order_components WHERE work_order = ? ORDER BY component", arguments: [number.rawValue]
        ).map(Rows.bomLine)
        let operations = try db.fetchRows(
            sql: "SELECT * FROM work_order_operations WHERE work_order = ? ORDER BY seq", arguments: [number.rawValue]
        ).map { Rows.workOrderOperation($0, unit: unit) }
        let outputs = try db.fetchAll(
            String.self, sql: "SELECT lot FROM outputs WHERE work_order = ? ORDER BY seq, lot", arguments: [number.rawValue]
        )
        .map(LotNumber.init(rawValue:))
        var order = WorkOrder(
            number: number, item: PartNumber(rawValue: row["item"]), quantity: Rows.quantity(row["quantity"], unit), due: Rows.date(row["due"]),
            status: WorkOrderStatus(rawValue: row["status"]) ?? .planned, components: components, operations: operations,
            produced: Rows.quantity(row["produced"], unit), outputs: outputs)
        order.customer = (row["customer"] as String?).map(CustomerCode.init(rawValue:))
        order.salesOrder = row["sales_order"]
        let chosen = try db.fetchRows(sql: "SELECT * FROM chosen_lots WHERE work_order = ? ORDER BY item", arguments: [number.rawValue]).map {
            ChosenLots(
                item: PartNumber(rawValue: $0["item"]), lots: (Rows.strings($0["lots"]) ?? []).map(LotNumber.init(rawValue:)),
                reason: ReasonCode(rawValue: $0["reason"]), note: $0["note"])
        }
        order.chosenLots = chosen.isEmpty ? nil : chosen
        return order
    }

    func workInProcess(_ number: WorkOrderNumber) throws -> [WorkInProcess] {
        try db.fetchRows(sql: "SELECT * FROM wip WHERE work_order = ? ORDER BY lot", arguments: [number.rawValue]).map(Rows.wip)
    }

    func workInProcess(of lot: LotNumber) throws -> [WorkInProcess] {
        try db.fetchRows(sql: "SELECT * FROM wip WHERE lot = ? ORDER BY work_order", arguments: [lot.rawValue]).map { row in
            var wip = Rows.wip(row)
            wip.workOrder = WorkOrderNumber(rawValue: row["work_order"])
            return wip
        }
    }

    func shipment(_ number: ShipmentNumber) throws -> Shipment? {
        guard let row = try db.fetchRow(sql: "SELECT * FROM shipments WHERE number = ?", arguments: [number.rawValue]) else { return nil }
        let lines = try db.fetchRows(sql: "SELECT * FROM shipment_lines WHERE shipment = ? ORDER BY lot", arguments: [number.rawValue])
            .map { LotPortion(lot: LotNumber(rawValue: $0["lot"]), quantity: Rows.quantity($0["quantity"], $0["unit"])) }
        return Shipment(
            number: number, customer: CustomerCode(rawValue: row["customer"]), order: row["sales_order"], lines: lines, shippedAt: row["shipped_at"])
    }

    func returnedQuantity(shipment: ShipmentNumber, lot: LotNumber) throws -> Decimal {
        let text = try db.fetchOne(
            String.self, sql: "SELECT returned FROM shipment_lines WHERE shipment = ? AND lot = ?", arguments: [shipment.rawValue, lot.rawValue])
        return text.flatMap { Decimal(string: $0) } ?? 0
    }

    func traceRoots(_ text: String) throws -> [Lot] {
        try TraceEngine.roots(text, db: db)
    }

    func ancestors(of lot: LotNumber) throws -> Set<LotNumber> {
        try genealogy().with(db) { index in
            Set(index.reach(from: [lot.rawValue], .backward).map { LotNumber(rawValue: $0.lot) }).subtracting([lot])
        }
    }

    func recallReport(id: String?, target: String, reason: String?, startingLots: [LotNumber], today: CalendarDate) throws -> RecallReport {
        let traceIndex = try genealogy()
        let report = try traceIndex.with(db) { index in
            try RecallEngine(db: db, today: today, index: index).report(id: id, target: target, reason: reason, startingLots: startingLots)
        }
        // A cache that disagreed with the projections is dropped: the next trace builds it from them.
        if report.traceIndexDisagreed != nil { traceIndex.invalidate() }
        return report
    }

    private func genealogy() throws -> TraceIndexHolder {
        guard let traceIndex else {
            throw LotlineError(.internal, "trace-index-missing", "this read of the ledger state was given no genealogy index")
        }
        return traceIndex
    }

    func hasLots(of item: PartNumber) throws -> Bool {
        try db.fetchOne(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM lots WHERE item = ?)", arguments: [item.rawValue]) ?? false
    }
}

/// Turns projection rows into core values.
enum Rows {
    /// Read by position in `lot(_:)`: lots are read for nearly every command, and GRDB finds a column by name by
    /// lower-casing it each time.
    static let lotSelect = """
        SELECT l.number, l.item, l.quantity, l.unit, l.status, l.held_from, l.location, l.origin, s.supplier, s.lot, s.heat,
            l.certificate, l.purchase_order, l.expires_on, l.created_at, l.heats
        FROM lots l LEFT JOIN supplier_lots s ON s.id = l.supplier_lot_id
        """

    static func item(_ row: Row) -> Item {
        var item = Item(
            part: PartNumber(rawValue: row["part"]), description: row["description"], unit: row["unit"],
            tracking: Tracking(rawValue: row["tracking"]) ?? .lot, shelfLifeDays: row["shelf_life_days"],
            inspectionRequired: row["inspection_required"], exportControlled: row["export_controlled"], finalInspection: row["final_inspection"],
            gtin: row["gtin"], minShelfLifeDays: row["min_shelf_life_days"])
        item.issueOrder = (row["issue_order"] as String?).flatMap(IssueOrder.init(rawValue:))
        return item
    }

    static func named<Kind: NamedKind>(_ row: Row) -> NamedRecord<Kind> {
        NamedRecord(code: Code(rawValue: row["code"]), name: row["name"])
    }

    /// A JSON array of strings stored in a column; nil when the column is null.
    static func strings(_ text: String?) -> [String]? {
        text.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    }

    static func quantity(_ text: String, _ unit: String) -> Quantity {
        Quantity(Decimal(string: text) ?? 0, unit)
    }

    static func date(_ text: String?) -> CalendarDate? {
        text.flatMap { try? CalendarDate.parse($0) }
    }

    static func tool(_ row: Row) -> Tool {
        Tool(code: ToolCode(rawValue: row["code"]), name: row["name"], calibratedUntil: date(row["calibrated_until"]))
    }

    static func bomLine(_ row: Row) -> BomLine {
        BomLine(component: PartNumber(rawValue: row["component"]), quantityPer: quantity(row["quantity_per"], row["unit"]))
    }

    static func routing(_ row: Row) -> RoutingOperation {
        RoutingOperation(
            seq: row["seq"], name: row["name"], workCenter: row["work_center"],
            qualification: (row["qualification"] as String?).map(QualificationCode.init(rawValue:)),
            specialProcess: (row["special_process"] as String?).map(ProcessCode.init(rawValue:)), finalInspection: row["final_inspection"],
            setupMinutes: (row["setup_minutes"] as String?).flatMap { Decimal(string: $0) },
            runMinutes: (row["run_minutes"] as String?).flatMap { Decimal(string: $0) },
            alternatives: strings(row["alternatives"])?.map(WorkCenterCode.init(rawValue:)))
    }

    static func workOrderOperation(_ row: Row, unit: String) -> WorkOrderOperation {
        var operation = WorkOrderOperation(routing: routing(row), status: OperationStatus(rawValue: row["status"]) ?? .pending)
        operation.equipment = (row["equipment"] as String?).map(EquipmentCode.init(rawValue:))
        operation.tool = (row["tool"] as String?).map(ToolCode.init(rawValue:))
        operation.operatorCode = (row["operator"] as String?).map(OperatorCode.init(rawValue:))
        operation.processor = (row["processor"] as String?).map(SupplierCode.init(rawValue:))
        operation.processorCertificate = row["processor_certificate"]
        operation.jobCertificate = row["job_certificate"]
        operation.notRecorded = strings(row["not_recorded"])
        operation.unchecked = strings(row["unchecked"])
        operation.startedAt = row["started_at"]
        operation.completedAt = row["completed_at"]
        operation.good = (row["good"] as String?).map { quantity($0, unit) }
        operation.scrap = (row["scrap"] as String?).map { quantity($0, unit) }
        if let start = (row["pin_start"] as String?).flatMap({ try? BusinessTime.parse($0, timeZone: .utc) }) {
            operation.pin = OperationPin(machine: (row["pin_machine"] as String?).map(EquipmentCode.init(rawValue:)), start: start)
        }
        return operation
    }

    static func wip(_ row: Row) -> WorkInProcess {
        let unit: String = row["unit"]
        var wip = WorkInProcess(
            lot: LotNumber(rawValue: row["lot"]), issued: quantity(row["issued"], unit), consumed: quantity(row["consumed"], unit),
            returned: quantity(row["returned"], unit))
        wip.deviation = (row["deviation"] as String?).map(ReasonCode.init(rawValue:))
        return wip
    }

    static func supplier(_ row: Row) -> Supplier {
        Supplier(code: SupplierCode(rawValue: row["code"]), name: row["name"], approved: row["approved"])
    }

    static func lot(_ row: Row) -> Lot {
        var lot = Lot(
            number: LotNumber(rawValue: row[0]), item: PartNumber(rawValue: row[1]),
            quantity: Quantity(Decimal(string: row[2]) ?? 0, row[3]), storedStatus: LotStatus(rawValue: row[4]) ?? .onHold,
            heldFrom: (row[5] as String?).flatMap(LotStatus.init(rawValue:)), location: (row[6] as String?).map(LocationCode.init(rawValue:)),
            origin: LotOrigin(rawValue: row[7]) ?? .receipt, supplier: (row[8] as String?).map(SupplierCode.init(rawValue:)),
            supplierLot: row[9], heat: row[10], certificate: row[11], purchaseOrder: row[12],
            expiresOn: (row[13] as String?).flatMap { try? CalendarDate.parse($0) },
            createdAt: (try? BusinessTime.parse(row[14], timeZone: .utc)) ?? BusinessTime(date: Date(timeIntervalSince1970: 0), offsetSeconds: 0))
        lot.mixedHeats = strings(row[15])
        return lot
    }
}
