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

    public init(
        part: PartNumber, description: String, unit: String, tracking: Tracking = .lot, shelfLifeDays: Int? = nil,
        inspectionRequired: Bool = false, exportControlled: Bool = false
    ) {
        self.part = part
        self.description = description
        self.unit = unit
        self.tracking = tracking
        self.shelfLifeDays = shelfLifeDays
        self.inspectionRequired = inspectionRequired
        self.exportControlled = exportControlled
    }
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

/// A company goods are shipped to.
public struct Customer: Sendable, Hashable, Codable {
    public var code: CustomerCode
    public var name: String

    public init(code: CustomerCode, name: String) {
        self.code = code
        self.name = name
    }
}

/// A place in the plant where lots are kept: a rack, a cage, a line-side bin.
public struct Location: Sendable, Hashable, Codable {
    public var code: LocationCode
    public var description: String

    public init(code: LocationCode, description: String) {
        self.code = code
        self.description = description
    }
}

/// Why a hold, rejection, adjustment or scrap happened; reasons are master data so reports can count them.
public struct Reason: Sendable, Hashable, Codable {
    public var code: ReasonCode
    public var description: String

    public init(code: ReasonCode, description: String) {
        self.code = code
        self.description = description
    }
}
