import Foundation
import GRDB
import LotlineCore

/// The same traces as the genealogy index, in one recursive SQL query: the cross-check for the index, and the baseline
/// the benchmark measures it against.
enum SQLTrace {
    static func reach(from starts: [String], _ direction: TraceDirection, db: Database) throws -> [GenealogyIndex.Step] {
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
            GenealogyIndex.Step(lot: $0["lot"], certainty: [Certainty.exact, .window, .order][$0["certainty"] as Int])
        }
    }

    /// The whole index, streamed from the link tables in one pass.
    static func loadIndex(_ db: Database) throws -> GenealogyIndex {
        var index = GenealogyIndex()
        let parents = try Row.fetchCursor(db, sql: "SELECT parent, child, quantity, seq FROM lot_parents ORDER BY seq, child")
        while let row = try parents.next() {
            index.append(
                input: row[0], output: row[1], quantity: row[2], certainty: .exact, relation: .lot, ref: row[3], workOrder: nil, deferAdjacency: true)
        }
        let edges = try Row.fetchCursor(
            db, sql: "SELECT input, output, quantity, certainty, consume_seq, work_order FROM genealogy_edges ORDER BY consume_seq, output")
        while let row = try edges.next() {
            let certainty: String = row[3]
            index.append(
                input: row[0], output: row[1], quantity: row[2], certainty: Certainty(rawValue: certainty) ?? .order, relation: .consumed,
                ref: row[4],
                workOrder: row[5], deferAdjacency: true)
        }
        index.compact()
        return index
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

    static func lotLink(_ row: Row) -> GenealogyIndex.Link {
        GenealogyIndex.Link(
            input: row[0], output: row[1], quantity: Decimal(string: row[2]) ?? 0, certainty: .exact, relation: .lot, ref: row[3], workOrder: nil)
    }

    static func edgeLink(_ row: Row) -> GenealogyIndex.Link {
        GenealogyIndex.Link(
            input: row[0], output: row[1], quantity: Decimal(string: row[2]) ?? 0, certainty: Certainty(rawValue: row[3]) ?? .order,
            relation: .consumed,
            ref: row[4], workOrder: row[5])
    }
}
