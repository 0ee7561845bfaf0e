import Foundation

/// A new item was set up.
public struct ItemDefined: EventBody, Hashable {
    public static let type = "item.defined"
    public var item: Item
}

/// An item's attributes were changed; the body holds the whole record after the change and the fields that changed.
public struct ItemChanged: EventBody, Hashable {
    public static let type = "item.changed"
    public var item: Item
    public var changed: [String]
}

public struct SupplierDefined: EventBody, Hashable {
    public static let type = "supplier.defined"
    public var supplier: Supplier
}

/// A supplier's name or approval changed; the body holds the record after the change.
public struct SupplierChanged: EventBody, Hashable {
    public static let type = "supplier.changed"
    public var supplier: Supplier
    public var changed: [String]
}

/// A defined or changed customer, location, reason or equipment record, whatever its kind: what the projection stores.
public protocol NamedRecordEvent: EventBody {
    var table: String { get }
    var code: String { get }
    var name: String { get }
}

extension NamedRecordDefined: NamedRecordEvent {
    public var table: String { Kind.table }
    public var code: String { record.code.rawValue }
    public var name: String { record.name }
}

extension NamedRecordChanged: NamedRecordEvent {
    public var table: String { Kind.table }
    public var code: String { record.code.rawValue }
    public var name: String { record.name }
}

/// A customer, location or reason code was set up.
public struct NamedRecordDefined<Kind: NamedKind>: EventBody, Hashable {
    public static var type: String { "\(Kind.noun).defined" }
    public var record: NamedRecord<Kind>
}

/// A customer, location or reason code was renamed; the body holds the record after the change.
public struct NamedRecordChanged<Kind: NamedKind>: EventBody, Hashable {
    public static var type: String { "\(Kind.noun).changed" }
    public var record: NamedRecord<Kind>
}

/// The lot number scheme for a kind of lot, or for one item's lots of that kind, was set.
public struct LotSchemeSet: EventBody, Hashable {
    public static let type = "lot_scheme.set"
    public var origin: LotOrigin
    public var item: PartNumber?
    public var scheme: LotNumberScheme
}
