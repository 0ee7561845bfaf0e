import Foundation
import LotlineCore
import Scheduling

/// One instance's line of `lotline schedule bench`, and its JSON: the schedule with jobs and operations from 0 and
/// machines numbered as in the file, so anyone can check it.
struct ScheduleBenchResult: Encodable {
    struct Operation: Encodable {
        var job: Int
        var op: Int
        var machine: Int
        var start: Int
        var end: Int
    }

    var instance: String
    var jobs: Int
    var machines: Int
    var makespan: Int
    var bestKnown: Int?
    var gapPercent: Double?
    var lowerBound: Int
    var seconds: Double
    var iterations: Int
    var stop: String
    var operations: [Operation]

    init(instance: ShopInstance, found: ShopSearchResult, seconds: Duration, bestKnown: Int?) {
        self.instance = instance.name
        self.jobs = instance.jobs.count
        self.machines = instance.machineCount
        self.makespan = found.makespan
        self.bestKnown = bestKnown
        self.gapPercent = bestKnown.map { $0 > 0 ? Double(found.makespan - $0) / Double($0) * 100 : 0 }
        self.lowerBound = found.lowerBound
        self.seconds = seconds.inSeconds
        self.iterations = found.iterations
        self.stop = found.stop.rawValue
        self.operations = found.schedule.entries
            .sorted { ($0.job, $0.operation) < ($1.job, $1.operation) }
            .map { Operation(job: $0.job, op: $0.operation, machine: $0.machine + instance.machineNumberBase, start: $0.start, end: $0.end) }
    }

    /// One row per instance, then the mean and worst gap over those with a best known makespan.
    static func table(_ results: [ScheduleBenchResult]) -> String {
        var rows = results.map { result in
            [
                result.instance, "\(result.jobs) x \(result.machines)", String(result.makespan), result.bestKnown.map(String.init) ?? "-",
                result.gapPercent.map(percent) ?? "-", String(format: "%.2f", result.seconds), String(result.iterations), result.stop,
            ]
        }
        let gaps = results.compactMap(\.gapPercent)
        if !gaps.isEmpty {
            let total = results.map(\.seconds).reduce(0, +)
            rows.append([
                "mean of \(gaps.count)", "", "", "", percent(gaps.reduce(0, +) / Double(gaps.count)),
                String(format: "%.2f", total / Double(results.count)), "", "",
            ])
            rows.append(["worst", "", "", "", percent(gaps.max() ?? 0), "", "", ""])
        }
        return Table(headers: ["INSTANCE", "SIZE", "MAKESPAN", "BEST KNOWN", "GAP", "SECONDS", "ITERATIONS", "STOP"], rows: rows).render()
    }

    private static func percent(_ value: Double) -> String { String(format: "%.2f%%", value) }
}

/// Best known makespans by instance name, from a TSV with a header naming `instance` and `upper_bound` columns.
struct BestKnownMakespans {
    private var byName: [String: Int] = [:]

    /// From `explicit` when given, or else from the first `best-known.tsv` in the folders of `files` and up to two
    /// folders above each.
    init(explicit: String?, near files: [String]) throws {
        if let explicit {
            guard let text = try? String(contentsOfFile: explicit, encoding: .utf8) else {
                throw LotlineError.notFound("best-known-not-found", "no best-known file at \(explicit)", value: explicit)
            }
            byName = try Self.parse(text, path: explicit)
            return
        }
        var folders: [String] = []
        for file in files {
            var folder = ((file as NSString).standardizingPath as NSString).deletingLastPathComponent
            for _ in 0..<3 {
                if !folders.contains(folder) { folders.append(folder) }
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent("best-known.tsv")
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                byName.merge(try Self.parse(text, path: path)) { first, _ in first }
            }
        }
    }

    subscript(name: String) -> Int? { byName[name] }

    private static func parse(_ text: String, path: String) throws -> [String: Int] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: "\t").map(String.init) }
        guard let header = lines.first, let nameColumn = header.firstIndex(of: "instance"), let boundColumn = header.firstIndex(of: "upper_bound")
        else {
            throw LotlineError.badInput("best-known-invalid", "\(path) needs a header row with columns instance and upper_bound", value: path)
        }
        var result: [String: Int] = [:]
        for row in lines.dropFirst() where row.count > max(nameColumn, boundColumn) {
            if let bound = Int(row[boundColumn]) { result[row[nameColumn]] = bound }
        }
        return result
    }
}
