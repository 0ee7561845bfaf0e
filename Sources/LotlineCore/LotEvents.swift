import Foundation

/// A sequence value a generated lot number used, so the counter moves on.
public struct SequenceUse: Sendable, Hashable, Codable {
    public var key: String
    public var value: Int
}

/// Material arrived from a supplier and became an internal lot linked to the supplier's lot.
public struct LotReceived: EventBody, Hashable {
    public static let type = "lot.received"
    public var lot: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var supplier: SupplierCode
    public var supplierLot: String
    public var heat: String?
    public var certificate: String?
    public var purchaseOrder: String?
    public var expiresOn: CalendarDate?
    public var location: LocationCode?
    public var status: LotStatus
    public var receivedAt: BusinessTime
    public var sequence: SequenceUse?
    /// The supplier label's GS1 data, bracketed, when the receipt was scanned: what the barcodes said, as evidence.
    public var scan: String? = nil
    /// The SSCC of the pallet or case it came on, when its label was scanned.
    public var sscc: String? = nil
    public var lots: [LotNumber] { [lot] }
}

/// One measured or observed value of an inspection.
public struct InspectionResult: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An inspection was recorded and moved the lot to released or rejected.
public struct LotInspected: EventBody, Hashable {
    public static let type = "lot.inspected"
    public var lot: LotNumber
    public var passed: Bool
    public var results: [InspectionResult]
    public var note: String?
    public var from: LotStatus
    public var to: LotStatus
    public var lots: [LotNumber] { [lot] }
}

/// A quality decision: hold, release or reject.
public struct LotStatusChanged: EventBody, Hashable {
    public static let type = "lot.status_changed"
    public var lot: LotNumber
    public var from: LotStatus
    public var to: LotStatus
    public var reason: ReasonCode
    public var note: String?
    /// On a hold: the work orders that consumed the lot and can still produce; their future output is born on hold.
    public var heldOrders: [WorkOrderNumber]?
    public var lots: [LotNumber] { [lot] }
}

/// Part of a lot was divided into child lots that keep the parent link.
public struct LotSplit: EventBody, Hashable {
    public static let type = "lot.split"
    public var parent: LotNumber
    public var children: [LotPortion]
    public var remaining: Quantity
    public var sequences: [SequenceUse]
    /// The lots this event used up (nothing left in stock or at any work order), which end in its final status; nil in
    /// events recorded before events said so (their projection works it out from the quantities).
    public var emptied: [LotNumber]? = nil
    public var lots: [LotNumber] { [parent] + children.map(\.lot) }
}

/// Lots of one item were combined into a composite lot whose parents are every input with its quantity.
public struct LotsMerged: EventBody, Hashable {
    public static let type = "lot.merged"
    public var output: LotNumber
    public var item: PartNumber
    public var inputs: [LotPortion]
    public var quantity: Quantity
    public var status: LotStatus
    public var expiresOn: CalendarDate?
    public var location: LocationCode?
    public var sequence: SequenceUse?
    /// Every heat the inputs came from, when they came from any (absent in events recorded before heats were kept).
    public var heats: [String]?
    /// The lots this event used up (nothing left in stock or at any work order), which end in its final status; nil in
    /// events recorded before events said so (their projection works it out from the quantities).
    public var emptied: [LotNumber]? = nil
    public var lots: [LotNumber] { inputs.map(\.lot) + [output] }
}

public struct LotMoved: EventBody, Hashable {
    public static let type = "lot.moved"
    public var lot: LotNumber
    public var from: LocationCode?
    public var to: LocationCode
    public var lots: [LotNumber] { [lot] }
}

/// A lot's quantity was set to what was counted.
public struct LotAdjusted: EventBody, Hashable {
    public static let type = "lot.adjusted"
    public var lot: LotNumber
    public var from: Quantity
    public var to: Quantity
    public var reason: ReasonCode
    public var note: String?
    /// The lots this event used up (nothing left in stock or at any work order), which end in its final status; nil in
    /// events recorded before events said so (their projection works it out from the quantities).
    public var emptied: [LotNumber]? = nil
    public var lots: [LotNumber] { [lot] }
}

/// Some or all of a lot was scrapped.
public struct LotScrapped: EventBody, Hashable {
    public static let type = "lot.scrapped"
    public var lot: LotNumber
    public var quantity: Quantity
    public var remaining: Quantity
    public var reason: ReasonCode
    public var note: String?
    /// The lots this event used up (nothing left in stock or at any work order), which end in its final status; nil in
    /// events recorded before events said so (their projection works it out from the quantities).
    public var emptied: [LotNumber]? = nil
    public var lots: [LotNumber] { [lot] }
}

/// The receiving data of a lot was corrected; the event names the receipt it corrects.
public struct LotReceiptCorrected: EventBody, Hashable {
    public static let type = "lot.receipt_corrected"
    public var lot: LotNumber
    public var supplierLot: String?
    public var heat: String?
    public var certificate: String?
    public var purchaseOrder: String?
    public var expiresOn: CalendarDate?
    public var note: String
    /// The other lots a heat correction changes too (same supplier lot, splits, composites), so each one's history
    /// shows it; absent in events recorded before this was kept.
    public var alsoChanges: [LotNumber]?
    public var lots: [LotNumber] { [lot] + (alsoChanges ?? []) }
}
