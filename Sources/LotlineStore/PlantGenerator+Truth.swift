import Foundation
import LotlineCore

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
