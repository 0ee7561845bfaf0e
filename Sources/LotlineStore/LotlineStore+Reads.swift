import Foundation
import GRDB
import LotlineCore

extension LotlineStore {
    /// The state rules see, for callers that resolve names (lots by scanned text) the same way commands do.
    public func withState<T>(_ body: (any LedgerState) throws -> T) throws -> T {
        try read { db in try body(SQLiteLedgerState(db: db)) }
    }

    public func items() throws -> [Item] {
        try read { db in try db.fetchRows(sql: "SELECT * FROM items ORDER BY part").map(Rows.item) }
    }

    public func suppliers() throws -> [Supplier] {
        try read { db in try db.fetchRows(sql: "SELECT * FROM suppliers ORDER BY code").map(Rows.supplier) }
    }

    /// Every customer, location or reason code, by code.
    public func named<Kind: NamedKind>(_ kind: Kind.Type) throws -> [NamedRecord<Kind>] {
        try read { db in try db.fetchRows(sql: "SELECT * FROM \(Kind.table) ORDER BY code").map(Rows.named) }
    }

    /// Every scheme in force: the defaults, overridden by kind, overridden by item.
    public func lotSchemes() throws -> [(origin: LotOrigin, item: PartNumber?, pattern: String)] {
        let stored = try read { db in try db.fetchRows(sql: "SELECT * FROM lot_schemes ORDER BY origin, item") }
        let set = stored.map { row -> (origin: LotOrigin, item: PartNumber?, pattern: String) in
            let item: String = row["item"]
            return (LotOrigin(rawValue: row["origin"]) ?? .receipt, item.isEmpty ? nil : PartNumber(rawValue: item), row["pattern"])
        }
        let defaults = LotOrigin.allCases.filter { origin in !set.contains { $0.origin == origin && $0.item == nil } }
            .map { (origin: $0, item: PartNumber?.none, pattern: $0.defaultScheme.pattern) }
        return (defaults + set).sorted { ($0.origin.rawValue, $0.item?.rawValue ?? "") < ($1.origin.rawValue, $1.item?.rawValue ?? "") }
    }

    /// Lots matching the filter, oldest first; the status filter applies to the status that rules today (so `expired` works).
    public func lots(_ filter: LotFilter, today: CalendarDate) throws -> [Lot] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let item = filter.item {
            conditions.append("l.item = ?")
            arguments.append(item.rawValue)
        }
        if let location = filter.location {
            conditions.append("l.location = ?")
            arguments.append(location.rawValue)
        }
        if let supplierLot = filter.supplierLot {
            conditions.append("(s.lot_key = ? OR s.heat_key = ?)")
            arguments += [LotNumberLookup.searchKey(supplierLot), LotNumberLookup.searchKey(supplierLot)]
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let lots = try read { db in
            try db.fetchRows(sql: Rows.lotSelect + whereClause + " ORDER BY l.created_seq, l.number", arguments: StatementArguments(arguments))
                .map(Rows.lot)
        }
        guard let status = filter.status else { return lots }
        return lots.filter { $0.status(on: today) == status }
    }

    /// One lot with its parents, children and inspections; the text is normalized as a scan would be.
    public func lotDetail(_ text: String) throws -> LotDetail {
        try read { db in
            let lot = try SQLiteLedgerState(db: db).requireLot(text)
            let portions = { (sql: String) in
                try db.fetchRows(sql: sql, arguments: [lot.number.rawValue]).map {
                    LotPortion(lot: LotNumber(rawValue: $0["lot"]), quantity: Quantity(Decimal(string: $0["quantity"]) ?? 0, lot.quantity.unit))
                }
            }
            let parents = try portions("SELECT parent AS lot, quantity FROM lot_parents WHERE child = ? ORDER BY seq, parent")
            let children = try portions("SELECT child AS lot, quantity FROM lot_parents WHERE parent = ? ORDER BY seq, child")
            let inspections = try db.fetchRows(sql: "SELECT * FROM inspections WHERE lot = ? ORDER BY seq", arguments: [lot.number.rawValue])
                .map { row in
                    InspectionRecord(
                        seq: row["seq"], passed: row["passed"],
                        results: (try? JSONDecoder().decode([InspectionResult].self, from: Data((row["results"] as String).utf8))) ?? [],
                        note: row["note"], inspector: row["inspector"], at: row["at"])
                }
            let signatures = try Ledger.events(
                db, where: "type = 'record.signed' AND seq IN (SELECT seq FROM lot_events WHERE lot = ?)", arguments: [lot.number.rawValue]
            ).compactMap(SignatureRecord.init)
            return LotDetail(lot: lot, parents: parents, children: children, inspections: inspections, signatures: signatures)
        }
    }

    public func exportControlled(_ lots: [LotNumber]) throws -> Set<LotNumber> {
        guard !lots.isEmpty else { return [] }
        return try read { db in
            var found: Set<LotNumber> = []
            // In chunks: SQLite takes a bounded number of arguments.
            for chunk in stride(from: 0, to: lots.count, by: 500).map({ Array(lots[$0..<min($0 + 500, lots.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                found.formUnion(
                    try String.fetchAll(
                        db,
                        sql: "SELECT l.number FROM lots l JOIN items i ON i.part = l.item WHERE i.export_controlled = 1 AND l.number IN (\(marks))",
                        arguments: StatementArguments(chunk.map(\.rawValue))
                    ).map(LotNumber.init(rawValue:)))
            }
            return found
        }
    }

    /// Every event that touched the lot, oldest first.
    public func events(_ filter: EventFilter) throws -> [LedgerEvent] {
        try read { db in
            var conditions = ["seq > ?"]
            var arguments: StatementArguments = [filter.after ?? 0]
            if let text = filter.lot {
                conditions.append("seq IN (SELECT seq FROM lot_events WHERE lot = ?)")
                _ = arguments.append(contentsOf: [try SQLiteLedgerState(db: db).requireLot(text).number.rawValue])
            }
            if let actor = filter.actor {
                conditions.append("actor = ?")
                _ = arguments.append(contentsOf: [actor])
            }
            if let type = filter.type {
                conditions.append("type = ?")
                _ = arguments.append(contentsOf: [type])
            }
            if filter.withoutAccounts { conditions.append("type NOT LIKE 'user.%'") }
            if filter.withoutExportControlled {
                conditions.append(
                    """
                    seq NOT IN (SELECT le.seq FROM lot_events le JOIN lots l ON l.number = le.lot JOIN items i ON i.part = l.item
                        WHERE i.export_controlled = 1)
                    """)
            }
            // Recorded times are UTC timestamps of one width, so they compare as text.
            if let from = filter.from {
                conditions.append("recorded_at >= ?")
                _ = arguments.append(contentsOf: [Ledger.recordedTimestamp(from)])
            }
            if let to = filter.to {
                conditions.append("recorded_at < ?")
                _ = arguments.append(contentsOf: [Ledger.recordedTimestamp(to)])
            }
            _ = arguments.append(contentsOf: [max(0, filter.limit)])
            return try db.fetchRows(
                sql: "SELECT * FROM events WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?", arguments: arguments
            ).map(Ledger.event(from:))
        }
    }

    public func history(_ text: String) throws -> (lot: Lot, events: [LedgerEvent]) {
        try read { db in
            let lot = try SQLiteLedgerState(db: db).requireLot(text)
            let events = try Ledger.events(db, where: "seq IN (SELECT seq FROM lot_events WHERE lot = ?)", arguments: [lot.number.rawValue])
            return (lot, events)
        }
    }
}
