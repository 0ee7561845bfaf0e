import Foundation

/// How units of an item are told apart: by lot, or one by one by serial number.
public enum Tracking: String, Sendable, Hashable, Codable, CaseIterable {
    case lot, serial
}

/// A part the plant buys, makes or ships.
public struct Item: Sendable, Hashable, Codable {
    public var part: PartNumber
    public var description: String
    public var unit: String
    public var tracking: Tracking
    /// Days from receipt or production until a lot expires; nil when it does not expire.
    public var shelfLifeDays: Int?
    /// Whether a receipt waits in quarantine for incoming inspection.
    public var inspectionRequired: Bool
    public var exportControlled: Bool
    /// Whether what is made of it waits in quarantine until a passed final inspection of each lot or serial accepts it.
    public var finalInspection: Bool
    /// The item's GTIN-14 (a shorter GTIN padded with zeros), by which a GS1 barcode's (01) finds it.
    public var gtin: String?
    /// Days a lot must still have before it expires when it is used, for the schedule to allocate it.
    public var minShelfLifeDays: Int?
    /// What issuing a lot ahead of an older usable one does without a reason: warn (nil) or refuse.
    public var issueOrder: IssueOrder?

    public init(
        part: PartNumber, description: String, unit: String, tracking: Tracking = .lot, shelfLifeDays: Int? = nil,
        inspectionRequired: Bool = false, exportControlled: Bool = false, finalInspection: Bool = false, gtin: String? = nil,
        minShelfLifeDays: Int? = nil
    ) {
        self.gtin = gtin
        self.minShelfLifeDays = minShelfLifeDays
        self.finalInspection = finalInspection
        self.part = part
        self.description = description
        self.unit = unit
        self.tracking = tracking
        self.shelfLifeDays = shelfLifeDays
        self.inspectionRequired = inspectionRequired
        self.exportControlled = exportControlled
    }
}

/// What issuing a lot ahead of an older usable lot of its item (first expiring, else first received) does when no
/// reason is given: the issue is recorded with a warning naming the older lots, or refused.
public enum IssueOrder: String, Sendable, Hashable, Codable, CaseIterable {
    case warn, refuse
}

/// A company material is bought from; only approved suppliers can be received from.
public struct Supplier: Sendable, Hashable, Codable {
    public var code: SupplierCode
    public var name: String
    public var approved: Bool

    public init(code: SupplierCode, name: String, approved: Bool) {
        self.code = code
        self.name = name
        self.approved = approved
    }
}

/// Master data that is a code and a name: customers, locations, reason codes.
public protocol NamedKind: CodeKind {
    /// Plural, for list output: "customers".
    static var plural: String { get }
    /// The table that holds the current records.
    static var table: String { get }
}

/// A customer, a location or a reason code: a typed code and its name.
public struct NamedRecord<Kind: NamedKind>: Sendable, Hashable, Codable {
    public var code: Code<Kind>
    public var name: String

    public init(code: Code<Kind>, name: String) {
        self.code = code
        self.name = name
    }
}

extension CustomerKind: NamedKind {
    public static let plural = "customers"
    public static let table = "customers"
}

extension LocationKind: NamedKind {
    public static let plural = "locations"
    public static let table = "locations"
}

extension ReasonKind: NamedKind {
    public static let plural = "reasons"
    public static let table = "reasons"
}

extension EquipmentKind: NamedKind {
    public static let plural = "equipment"
    public static let table = "equipment"
}

/// A machine an operation runs on.
public typealias Equipment = NamedRecord<EquipmentKind>
/// A company goods are shipped to.
public typealias Customer = NamedRecord<CustomerKind>
/// A place in the plant where lots are kept: a rack, a cage, a line-side bin.
public typealias Location = NamedRecord<LocationKind>
/// Why a hold, rejection, adjustment or scrap happened; reasons are master data so reports can count them.
public typealias Reason = NamedRecord<ReasonKind>

extension Item {
    enum CodingKeys: String, CodingKey {
        case part, description, unit, tracking, shelfLifeDays, inspectionRequired, exportControlled, finalInspection, gtin, minShelfLifeDays,
            issueOrder
    }

    /// Reads items recorded before `finalInspection` existed as not needing it, and before GTINs as having none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            part: try c.decode(PartNumber.self, forKey: .part), description: try c.decode(String.self, forKey: .description),
            unit: try c.decode(String.self, forKey: .unit), tracking: try c.decode(Tracking.self, forKey: .tracking),
            shelfLifeDays: try c.decodeIfPresent(Int.self, forKey: .shelfLifeDays),
            inspectionRequired: try c.decode(Bool.self, forKey: .inspectionRequired),
            exportControlled: try c.decode(Bool.self, forKey: .exportControlled),
            finalInspection: try c.decodeIfPresent(Bool.self, forKey: .finalInspection) ?? false,
            gtin: try c.decodeIfPresent(String.self, forKey: .gtin), minShelfLifeDays: try c.decodeIfPresent(Int.self, forKey: .minShelfLifeDays))
        issueOrder = try c.decodeIfPresent(IssueOrder.self, forKey: .issueOrder)
    }
}
