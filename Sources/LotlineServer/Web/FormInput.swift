import Foundation
import Hummingbird
import LotlineCore
import NIOCore

/// A submitted HTML form (`application/x-www-form-urlencoded`): its fields by name, the last value of a repeated one
/// kept in `all`.
struct FormInput: Sendable {
    var fields: [String: String] = [:]
    var all: [String: [String]] = [:]

    /// A form is small: anything past 64 KiB is not one of ours.
    static let limit = 64 * 1024

    static func read(_ request: Request, context: LotlineRequestContext) async throws -> FormInput {
        let buffer = try await request.body.collect(upTo: limit)
        return FormInput(text: String(buffer: buffer))
    }

    init(text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            let (name, value) = (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
            fields[name] = value
            all[name, default: []].append(value)
        }
    }

    /// A field's value, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The non-blank lines of a field (a scanner's reads, one per line).
    func lines(_ name: String) -> [String] {
        (fields[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A yes/no field as the forms send it: `true` or `false`, nothing else.
    func bool(_ name: String, _ label: String) throws -> Bool {
        let value = try required(name, label)
        guard value == "true" || value == "false" else {
            throw LotlineError.badInput("\(name)-invalid", "\(label): true or false, not '\(value)'", value: value)
        }
        return value == "true"
    }

    func required(_ name: String, _ label: String) throws -> String {
        guard let value = self[name] else { throw LotlineError.badInput("\(name)-missing", "fill in \(label)") }
        return value
    }
}
