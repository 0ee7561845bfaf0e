import Foundation
import Scheduling

/// The benchmark instances kept with the tests, and their best known makespans.
enum SharedInstances {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Instances")

    static func read(_ family: String, _ name: String) throws -> ShopInstance {
        let text = try String(contentsOf: folder.appendingPathComponent(family).appendingPathComponent("\(name).txt"), encoding: .utf8)
        return try ShopInstance(text: text, name: name)
    }

    /// Every instance file of a family folder (`jobshop`, `flexible-jobshop`), by name.
    static func names(_ family: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(family).path)
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Instance name -> (lower bound, best known makespan).
    static func bounds() throws -> [String: (lower: Int, best: Int)] {
        let text = try String(contentsOf: folder.appendingPathComponent("best-known.tsv"), encoding: .utf8)
        var result: [String: (lower: Int, best: Int)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "\t")
            if cells.count >= 5, let lower = Int(cells[3]), let best = Int(cells[4]) { result[String(cells[0])] = (lower, best) }
        }
        return result
    }
}
