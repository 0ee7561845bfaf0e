import Foundation
import GRDB
import GRDBSQLite
import LotlineCore

/// The same traces as the genealogy index, in one recursive SQL query: the cross-check for the index, and the baseline
/// the benchmark measures it against.
public enum SQLTrace {
    public static func reach(from starts: [String], _ direction: TraceDirection, db: Database) throws -> [GenealogyIndex.Step] {
        let (near, far) = direction == .forward ? ("parent", "child") : ("child", "parent")
        let (edgeNear, edgeFar) = direction == .forward ? ("input", "output") : ("output", "input")
        let placeholders = Array(repeating: "(?)", count: starts.count).joined(separator: ", ")
        let sql = """
            WITH RECURSIVE
            start(lot) AS (VALUES \(placeholders)),
            reach(lot, certainty) AS (
                SELECT lot, 0 FROM start
                UNION
                SELECT p.\(far), reach.certainty FROM reach JOIN lot_parents p ON p.\(near) = reach.lot
                UNION
                SELECT e.\(edgeFar), max(reach.certainty, CASE e.certainty WHEN 'exact' THEN 0 WHEN 'window' THEN 1 ELSE 2 END)
                FROM reach JOIN genealogy_edges e ON e.\(edgeNear) = reach.lot
            )
            SELECT lot, min(certainty) AS certainty FROM reach GROUP BY lot
            """
        return try db.fetchRows(sql: sql, arguments: StatementArguments(starts)).map {
            GenealogyIndex.Step(lot: $0["lot"], certainty: GenealogyIndex.certainties[$0["certainty"] as Int])
        }
    }

    /// The whole index, streamed from the link tables in one pass, reading each row's text in place (no strings made).
    static func loadIndex(_ db: Database) throws -> GenealogyIndex {
        var index = GenealogyIndex()
        index.reserveLots(try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM lots") ?? 0)
        // In storage order: edge ids need no order, and sorting a million rows would cost more than reading them.
        try scan(db, sql: "SELECT parent, child, quantity, seq FROM lot_parents") { statement in
            index.append(
                input: text(statement, 0), output: text(statement, 1), quantity: text(statement, 2), certainty: .exact, relation: .lot,
                ref: sqlite3_column_int64(statement, 3), deferAdjacency: true)
        }
        try scan(db, sql: "SELECT input, output, quantity, certainty, consume_seq FROM genealogy_edges") {
            statement in
            let certainty: Certainty =
                switch sqlite3_column_text(statement, 3)?.pointee {
                case UInt8(ascii: "e"): .exact
                case UInt8(ascii: "w"): .window
                default: .possible
                }
            index.append(
                input: text(statement, 0), output: text(statement, 1), quantity: text(statement, 2), certainty: certainty, relation: .consumed,
                ref: sqlite3_column_int64(statement, 4), deferAdjacency: true)
        }
        index.compact()
        return index
    }

    /// Steps through a query's rows with SQLite's own API.
    private static func scan(_ db: Database, sql: String, row: (OpaquePointer) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw LotlineError(
                    .unavailable, "index-load-failed", "reading genealogy failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            try row(handle)
        }
    }

    /// A text column's UTF-8 bytes, valid until the next step.
    private static func text(_ statement: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// Every link, for building the index in one pass.
    static func allLinks(_ db: Database) throws -> [GenealogyIndex.Link] {
        var links: [GenealogyIndex.Link] = []
        let parents = try Row.fetchCursor(db, sql: "SELECT parent, child, quantity, seq FROM lot_parents ORDER BY seq, child")
        while let row = try parents.next() {
            links.append(lotLink(row))
        }
        let edges = try Row.fetchCursor(
            db, sql: "SELECT input, output, quantity, certainty, consume_seq, work_order FROM genealogy_edges ORDER BY consume_seq, output")
        while let row = try edges.next() {
            links.append(edgeLink(row))
        }
        return links
    }

    public static func lotLink(_ row: Row) -> GenealogyIndex.Link {
        GenealogyIndex.Link(
            input: row[0], output: row[1], quantity: Decimal(string: row[2]) ?? 0, certainty: .exact, relation: .lot, ref: row[3], workOrder: nil)
    }

    static func edgeLink(_ row: Row) -> GenealogyIndex.Link {
        GenealogyIndex.Link(
            input: row[0], output: row[1], quantity: Decimal(string: row[2]) ?? 0, certainty: Certainty(rawValue: row[3]) ?? .possible,
            relation: .consumed,
            ref: row[4], workOrder: row[5])
    }
}
