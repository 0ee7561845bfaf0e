import Foundation
import LotlineCore
import LotlineStore

/// One fact of where material really went in a generated plant, as the generator decided it: ground truth to measure
/// traces and recalls against. It is kept beside the plant (`generate` writes `<db>-truth.jsonl`), never read by the product.
///
/// - `received`: `input` is a heat, `output` a lot received from it;
/// - `consumed`: the lot `input` went into the lot `output` at `workOrder`, or, with no `output`, is still in work in
///   process at `workOrder` (an order stopped before it made anything);
/// - `split`: `output` is a child split from `input`;
/// - `merge`: `output` is the composite lot `input` was merged into.
public struct TruthLink: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case received, consumed, split, merge
    }

    enum CodingKeys: String, CodingKey {
        case kind, input, output
        case workOrder = "work_order"
    }

    public var kind: Kind
    public var input: String
    public var output: String?
    public var workOrder: String?

    public init(kind: Kind, input: String, output: String?, workOrder: String? = nil) {
        self.kind = kind
        self.input = input
        self.output = output
        self.workOrder = workOrder
    }

    /// The link as one line of JSON, keys in a fixed order (built by hand: a large plant writes millions of them).
    public var jsonLine: String {
        var line = "{\"kind\":\"\(kind.rawValue)\",\"input\":\(Self.quoted(input))"
        if let output { line += ",\"output\":\(Self.quoted(output))" }
        if let workOrder { line += ",\"work_order\":\(Self.quoted(workOrder))" }
        return line + "}"
    }

    private static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else { return "\"\(text)\"" }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

extension PlantGenerator {
    /// Where `generate` writes the ground truth of the plant in the database at `path`.
    public static func truthPath(forDatabase path: String) -> String { path + "-truth.jsonl" }

    /// Writes the ground truth as JSON lines, one link per line, in the order the generator decided them.
    public func writeTruth(to path: String) throws {
        guard let file = fopen(path, "w") else { throw LotlineError.badInput("file-unwritable", "cannot write '\(path)'", value: path) }
        defer { fclose(file) }
        for link in truth { fputs(link.jsonLine + "\n", file) }
    }
}

/// A generated plant's ground truth as a graph: what each heat's material truly reached, to measure recalls against.
public struct GroundTruth: Sendable {
    /// What one heat's material truly reached: the lots that contain it and the work orders holding it in WIP.
    public struct Reach: Sendable, Hashable {
        public var lots: Set<String> = []
        public var workOrders: Set<String> = []
    }

    private var receipts: [String: [String]] = [:]
    private var from: [String: [TruthLink]] = [:]

    public init(_ links: some Sequence<TruthLink>) {
        for link in links {
            if link.kind == .received, let lot = link.output {
                receipts[link.input, default: []].append(lot)
            } else {
                from[link.input, default: []].append(link)
            }
        }
    }

    /// Reads a truth file `generate` wrote; nil when there is none.
    public static func read(path: String) throws -> GroundTruth? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return GroundTruth(try text.split(separator: "\n").map { try decoder.decode(TruthLink.self, from: Data($0.utf8)) })
    }

    public var heats: [String] { receipts.keys.sorted() }

    /// The heat's receipt lots and everything their material truly went into, transitively.
    public func reach(ofHeat heat: String) -> Reach {
        var reach = Reach()
        var queue = receipts[heat] ?? []
        while let next = queue.popLast() {
            guard reach.lots.insert(next).inserted else { continue }
            for link in from[next] ?? [] {
                if let output = link.output {
                    queue.append(output)
                } else if let order = link.workOrder {
                    reach.workOrders.insert(order)
                }
            }
        }
        return reach
    }
}
