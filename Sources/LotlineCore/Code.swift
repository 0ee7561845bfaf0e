import Foundation

/// Marks what a `Code` names, so a part number cannot be passed where a supplier code is expected.
public protocol CodeKind: Sendable {
    /// The noun used in messages: "item", "supplier".
    static var noun: String { get }
}

/// A typed master-data key (part number, supplier code, location...), stored upper-case and trimmed.
public struct Code<Kind: CodeKind>: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// Validates and normalizes what a user typed: surrounding spaces and case do not matter, Unicode dashes are plain dashes.
    public static func parse(_ text: String) throws -> Code {
        let normalized = LotNumberLookup.normalize(text)
        let allowed = normalized.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-_./".contains($0) }
        guard !normalized.isEmpty, normalized.count <= 40, allowed else {
            throw LotlineError.badInput(
                "\(Kind.noun)-code-invalid",
                "\(Kind.noun) code '\(text)' is not valid; use 1 to 40 letters, digits, '-', '_', '.' or '/'",
                value: text)
        }
        return Code(rawValue: normalized)
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum ItemKind: CodeKind { public static let noun = "item" }
public enum SupplierKind: CodeKind { public static let noun = "supplier" }
public enum CustomerKind: CodeKind { public static let noun = "customer" }
public enum LocationKind: CodeKind { public static let noun = "location" }
public enum ReasonKind: CodeKind { public static let noun = "reason" }
public enum LotKind: CodeKind { public static let noun = "lot" }
public enum EquipmentKind: CodeKind { public static let noun = "equipment" }
public enum ToolKind: CodeKind { public static let noun = "tool" }
public enum OperatorKind: CodeKind { public static let noun = "operator" }
public enum QualificationKind: CodeKind { public static let noun = "qualification" }
public enum ProcessKind: CodeKind { public static let noun = "process" }
public enum WorkOrderKind: CodeKind { public static let noun = "work-order" }
public enum ShipmentKind: CodeKind { public static let noun = "shipment" }

public typealias PartNumber = Code<ItemKind>
public typealias SupplierCode = Code<SupplierKind>
public typealias CustomerCode = Code<CustomerKind>
public typealias LocationCode = Code<LocationKind>
public typealias ReasonCode = Code<ReasonKind>
public typealias EquipmentCode = Code<EquipmentKind>
public typealias ToolCode = Code<ToolKind>
public typealias OperatorCode = Code<OperatorKind>
public typealias QualificationCode = Code<QualificationKind>
/// A special process such as HEAT-TREAT, PLATING or NDT.
public typealias ProcessCode = Code<ProcessKind>
public typealias WorkOrderNumber = Code<WorkOrderKind>
public typealias ShipmentNumber = Code<ShipmentKind>
/// An internal lot number: unique, generated from the lot scheme or entered to match it.
public typealias LotNumber = Code<LotKind>
