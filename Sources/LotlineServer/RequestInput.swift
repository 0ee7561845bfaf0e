import Foundation
import Hummingbird
import LotlineCore

/// A route's query parameters, checked before anything is read: each named at most once, none empty, none unknown. A
/// mistyped filter (`Status=`, `itme=`) is refused with the nearest name rather than ignored, so a typo never reads as
/// "no filter" and returns the whole plant.
struct QueryInput {
    private let values: [String: String]
    private let lists: [String: [String]]

    /// `repeatable` names parameters that may come more than once (`param=a&param=b`).
    init(_ request: Request, allowed: Set<String>, repeatable: Set<String> = []) throws {
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard allowed.contains(name) else {
                let nearest = ImportFormat.nearestName(to: name, among: allowed.sorted())
                throw LotlineError(
                    .badInput, "parameter-unknown",
                    "unknown query parameter '\(name)'"
                        + (nearest.map { "; did you mean '\($0)'?" }
                            ?? (allowed.isEmpty
                                ? "; this route takes no query parameters" : "; one of: \(allowed.sorted().joined(separator: ", "))")),
                    value: name, suggestions: nearest.map { [$0] } ?? [])
            }
            guard values[name] == nil || repeatable.contains(name) else {
                throw LotlineError.badInput("parameter-repeated", "query parameter '\(name)' is given more than once", value: name)
            }
            guard !value.isEmpty else {
                throw LotlineError.badInput("parameter-empty", "query parameter '\(name)' is empty: give a value or leave it out", value: name)
            }
            values[name] = String(value)
            lists[name, default: []].append(String(value))
        }
        self.values = values
        self.lists = lists
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Every value of a repeatable parameter, in order.
    func all(_ name: String) -> [String] { lists[name] ?? [] }

    /// `true` or `false`, or a refusal naming the parameter.
    func bool(_ name: String) throws -> Bool? {
        guard let text = values[name] else { return nil }
        guard let value = Bool(text) else {
            throw LotlineError.badInput("\(name)-invalid", "\(name) must be true or false, got '\(text)'", value: text)
        }
        return value
    }

    /// One of an enumeration's values, or a refusal that lists them.
    func choice<Value: RawRepresentable & CaseIterable>(_ name: String, _ type: Value.Type) throws -> Value? where Value.RawValue == String {
        try values[name].map { try LotlineServer.choice($0, field: name, type) }
    }

    /// A whole number in range, or a refusal naming the parameter.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        try values[name].map { try LotlineServer.integer($0, field: name, in: range) }
    }
}

/// One of an enumeration's values, or a refusal naming the field and listing them.
func choice<Value: RawRepresentable & CaseIterable>(_ text: String, field: String, _ type: Value.Type) throws -> Value
where Value.RawValue == String {
    guard let value = Value(rawValue: text.lowercased()) else {
        throw LotlineError.badInput(
            "\(field)-invalid", "\(field) must be one of: \(Value.allCases.map(\.rawValue).joined(separator: ", ")); got '\(text.prefix(80))'",
            value: String(text.prefix(80)))
    }
    return value
}

/// A whole number in range, or a refusal naming the field.
func integer(_ text: String, field: String, in range: ClosedRange<Int>) throws -> Int {
    guard let value = Int(text), range.contains(value) else {
        throw LotlineError.badInput(
            "\(field)-invalid", "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'", value: text)
    }
    return value
}

extension LotlineRequestContext {
    /// A path segment as the client meant it: percent-encoding decoded (`R26330%2D0001` is `R26330-0001`).
    func path(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        guard let decoded = raw.removingPercentEncoding else {
            throw LotlineError.badInput("path-invalid", "the \(name) in the path is not valid percent-encoding: '\(raw)'", value: raw)
        }
        return decoded
    }
}
