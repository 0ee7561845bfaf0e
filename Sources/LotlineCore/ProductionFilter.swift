import Foundation

/// What `trace where` asks about: an operation of a work order that ran with every one of these at once (AND: the same
/// operation, on that machine, with that tool, by that operator or outside processor, with those parameters), started
/// inside the range.
public struct ProductionFilter: Sendable, Hashable {
    public var equipment: EquipmentCode?
    public var tool: ToolCode?
    public var operatorCode: OperatorCode?
    public var processor: SupplierCode?
    public var parameters: [ParameterCondition]
    public var from: Date?
    public var to: Date?

    public init(
        equipment: EquipmentCode? = nil, tool: ToolCode? = nil, operatorCode: OperatorCode? = nil, processor: SupplierCode? = nil,
        parameters: [ParameterCondition] = [], from: Date? = nil, to: Date? = nil
    ) {
        self.equipment = equipment
        self.tool = tool
        self.operatorCode = operatorCode
        self.processor = processor
        self.parameters = parameters
        self.from = from
        self.to = to
    }

    /// True when no dimension is named: a time range alone would list every unit made.
    public var namesNothing: Bool {
        equipment == nil && tool == nil && operatorCode == nil && processor == nil && parameters.isEmpty
    }

    /// True when an operation started at `started` lies inside the range.
    public func covers(_ started: Date) -> Bool {
        !(from.map { started < $0 } ?? false) && !(to.map { started > $0 } ?? false)
    }
}

/// One parameter condition: `NAME` (recorded at all), `NAME=VALUE`, or a comparison `NAME>VALUE`, `>=`, `<`, `<=`.
/// Names compare without regard to case; numbers compare as numbers (`845` matches `845.0C`), a unit given must match.
public struct ParameterCondition: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case greaterOrEqual = ">=", lessOrEqual = "<=", equal = "=", greater = ">", less = "<"
    }

    public var name: String
    public var comparison: Comparison?
    /// The value as `op record` would store it: a number without its unit, or text.
    public var value: ProcessParameter?
    public let description: String

    public static func parse(_ text: String) throws -> ParameterCondition {
        guard let at = text.firstIndex(where: { "<>=".contains($0) }) else {
            let name = text.trimmed
            guard !name.isEmpty else { throw invalid(text) }
            return ParameterCondition(name: name, comparison: nil, value: nil, description: name)
        }
        let next = text.index(after: at)
        let wide = text[at] != "=" && next < text.endIndex && text[next] == "="
        let range = at..<(wide ? text.index(after: next) : next)
        let comparison = Comparison(rawValue: String(text[range]))!
        let name = String(text[..<range.lowerBound]).trimmed
        let rest = String(text[range.upperBound...]).trimmed
        guard !name.isEmpty, !rest.isEmpty, !"<>=".contains(rest.first!) else { throw invalid(text) }
        let value = try RecordOperation.parameter("\(name)=\(rest)")
        if comparison != Comparison.equal && Decimal(string: value.value) == nil {
            throw LotlineError.badInput(
                "param-not-number",
                "'\(rest)' in the parameter filter \(text) is not a number (with an optional unit) to compare with \(comparison.rawValue)",
                value: text)
        }
        return ParameterCondition(name: name, comparison: comparison, value: value, description: "\(name)\(comparison.rawValue)\(rest)")
    }

    private static func invalid(_ text: String) -> LotlineError {
        .badInput(
            "param-invalid", "parameter filter '\(text)' is not NAME, NAME=VALUE, NAME>VALUE, NAME>=VALUE, NAME<VALUE or NAME<=VALUE", value: text)
    }

    /// True when a recorded parameter satisfies the condition.
    public func matches(_ recorded: ProcessParameter) -> Bool {
        guard recorded.name.caseInsensitiveCompare(name) == .orderedSame else { return false }
        guard let comparison, let value else { return true }
        if let unit = value.unit, recorded.unit?.caseInsensitiveCompare(unit) != .orderedSame { return false }
        guard let wanted = Decimal(string: value.value), let actual = Decimal(string: recorded.value) else {
            return comparison == .equal && recorded.value.caseInsensitiveCompare(value.value) == .orderedSame
        }
        switch comparison {
        case .equal: return actual == wanted
        case .greater: return actual > wanted
        case .greaterOrEqual: return actual >= wanted
        case .less: return actual < wanted
        case .lessOrEqual: return actual <= wanted
        }
    }
}
