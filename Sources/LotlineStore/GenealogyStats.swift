import Foundation
import GRDB
import LotlineCore

/// The shape of a plant's genealogy: how many lots and links, and how many inputs an output has (fan-in) and outputs an input has (fan-out).
public struct GenealogyStats: Sendable, Codable {
    public var lots: Int
    public var lotsByOrigin: [String: Int]
    public var links: Int
    public var linksByCertainty: [String: Int]
    public var fanInMean: Double
    public var fanInMax: Int
    public var fanOutMean: Double
    public var fanOutMax: Int
    public var events: Int
}

extension LotlineStore {
    public func genealogyStats() throws -> GenealogyStats {
        try read { db in
            let lots = try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM lots") ?? 0
            var byOrigin: [String: Int] = [:]
            for row in try db.fetchRows(sql: "SELECT origin, COUNT(*) AS n FROM lots GROUP BY origin") { byOrigin[row["origin"]] = row["n"] }
            var byCertainty: [String: Int] = ["exact": try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM lot_parents") ?? 0]
            for row in try db.fetchRows(sql: "SELECT certainty, COUNT(*) AS n FROM genealogy_edges GROUP BY certainty") {
                byCertainty[row["certainty"], default: 0] += row["n"] as Int
            }
            let links = byCertainty.values.reduce(0, +)
            let union = "SELECT parent AS input, child AS output FROM lot_parents UNION ALL SELECT input, output FROM genealogy_edges"
            let fanIn = try db.fetchRow(sql: "SELECT AVG(n) AS mean, MAX(n) AS top FROM (SELECT COUNT(*) AS n FROM (\(union)) GROUP BY output)")
            let fanOut = try db.fetchRow(sql: "SELECT AVG(n) AS mean, MAX(n) AS top FROM (SELECT COUNT(*) AS n FROM (\(union)) GROUP BY input)")
            return GenealogyStats(
                lots: lots, lotsByOrigin: byOrigin, links: links, linksByCertainty: byCertainty, fanInMean: fanIn?["mean"] ?? 0,
                fanInMax: fanIn?["top"] ?? 0, fanOutMean: fanOut?["mean"] ?? 0, fanOutMax: fanOut?["top"] ?? 0,
                events: try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM events") ?? 0)
        }
    }
}
