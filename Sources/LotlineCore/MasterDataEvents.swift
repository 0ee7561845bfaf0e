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

public struct CustomerDefined: EventBody, Hashable {
    public static let type = "customer.defined"
    public var customer: Customer
}

public struct LocationDefined: EventBody, Hashable {
    public static let type = "location.defined"
    public var location: Location
}

public struct ReasonDefined: EventBody, Hashable {
    public static let type = "reason.defined"
    public var reason: Reason
}

/// The lot number scheme for a kind of lot, or for one item's lots of that kind, was set.
public struct LotSchemeSet: EventBody, Hashable {
    public static let type = "lot_scheme.set"
    public var origin: LotOrigin
    public var item: PartNumber?
    public var scheme: LotNumberScheme
}
