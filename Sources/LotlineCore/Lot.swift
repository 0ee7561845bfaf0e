import Foundation

/// The current state of one internal lot, as the projections hold it.
public struct Lot: Sendable, Hashable, Codable {
    public var number: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    /// The stored status; read `status(on:)` for what the lot may be used for today.
    public var storedStatus: LotStatus
    /// The status before a hold, restored when the hold is released.
    public var heldFrom: LotStatus?
    public var location: LocationCode?
    public var origin: LotOrigin
    public var supplier: SupplierCode?
    public var supplierLot: String?
    public var heat: String?
    /// The heats a composite lot mixes: set on merged lots (and split children of them), whose material has no single heat.
    public var mixedHeats: [String]?
    public var certificate: String?
    public var purchaseOrder: String?
    public var expiresOn: CalendarDate?
    public var createdAt: BusinessTime

    /// Every heat the lot's material is known to come from directly: its own, or all of a composite's.
    public var heats: [String] { mixedHeats ?? heat.map { [$0] } ?? [] }

    /// The heats of several lots, in order, each once: what a composite of them mixes.
    public static func heats(of lots: [Lot]) -> [String] {
        var heats: [String] = []
        for heat in lots.flatMap(\.heats) where !heats.contains(heat) { heats.append(heat) }
        return heats
    }

    public init(
        number: LotNumber, item: PartNumber, quantity: Quantity, storedStatus: LotStatus, heldFrom: LotStatus? = nil,
        location: LocationCode? = nil, origin: LotOrigin, supplier: SupplierCode? = nil, supplierLot: String? = nil,
        heat: String? = nil, certificate: String? = nil, purchaseOrder: String? = nil, expiresOn: CalendarDate? = nil,
        createdAt: BusinessTime
    ) {
        self.number = number
        self.item = item
        self.quantity = quantity
        self.storedStatus = storedStatus
        self.heldFrom = heldFrom
        self.location = location
        self.origin = origin
        self.supplier = supplier
        self.supplierLot = supplierLot
        self.heat = heat
        self.certificate = certificate
        self.purchaseOrder = purchaseOrder
        self.expiresOn = expiresOn
        self.createdAt = createdAt
    }

    /// The status that rules today: a lot still in the building past its expiry date is expired.
    public func status(on today: CalendarDate) -> LotStatus {
        if storedStatus.isInStock, storedStatus != .rejected, let expiresOn, expiresOn < today { return .expired }
        return storedStatus
    }
}

/// One input of a split or merge: which lot, and how much of it.
public struct LotPortion: Sendable, Hashable, Codable {
    public var lot: LotNumber
    public var quantity: Quantity

    public init(lot: LotNumber, quantity: Quantity) {
        self.lot = lot
        self.quantity = quantity
    }
}

extension Lot {
    /// One unit made under its serial number (a serial-tracked item's production); a serial-tracked item's lot bought in
    /// bulk is not one.
    public func isSerialUnit(of item: Item) -> Bool { item.tracking == .serial && origin == .production }
}
