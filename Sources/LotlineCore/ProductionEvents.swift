/// A component line was added to (or changed on) an item's bill of material.
public struct BomLineSet: EventBody, Hashable {
    public static let type = "bom.line_set"
    public var item: PartNumber
    public var line: BomLine
}

public struct BomLineRemoved: EventBody, Hashable {
    public static let type = "bom.line_removed"
    public var item: PartNumber
    public var component: PartNumber
}

/// An operation was added to (or changed on) an item's routing.
public struct RoutingOperationSet: EventBody, Hashable {
    public static let type = "routing.operation_set"
    public var item: PartNumber
    public var operation: RoutingOperation
}

public struct RoutingOperationRemoved: EventBody, Hashable {
    public static let type = "routing.operation_removed"
    public var item: PartNumber
    public var seq: Int
}

public struct ToolDefined: EventBody, Hashable {
    public static let type = "tool.defined"
    public var tool: Tool
}

/// A tool was calibrated and is good until a date.
public struct ToolCalibrated: EventBody, Hashable {
    public static let type = "tool.calibrated"
    public var tool: ToolCode
    public var until: CalendarDate
    public var certificate: String?
}

public struct OperatorDefined: EventBody, Hashable {
    public static let type = "operator.defined"
    public var code: OperatorCode
    public var name: String
}

/// An operator was trained or re-certified for a qualification until a date.
public struct OperatorQualified: EventBody, Hashable {
    public static let type = "operator.qualified"
    public var operatorCode: OperatorCode
    public var qualification: Qualification
}

/// A supplier's special-process accreditation was put on file.
public struct SupplierAccredited: EventBody, Hashable {
    public static let type = "supplier.accredited"
    public var accreditation: Accreditation
}

/// A work order was created, with the bill of material and routing of its item copied into it.
public struct WorkOrderCreated: EventBody, Hashable {
    public static let type = "work_order.created"
    public var number: WorkOrderNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var due: CalendarDate?
    public var components: [BomLine]
    public var operations: [RoutingOperation]
    /// The scheme number used; nil for a number given by hand.
    public var sequence: SequenceUse?
    /// The customer the order is made for, and their order number.
    public var customer: CustomerCode?
    public var salesOrder: String?
}

public struct WorkOrderStatusChanged: EventBody, Hashable {
    public static let type = "work_order.status_changed"
    public var number: WorkOrderNumber
    public var from: WorkOrderStatus
    public var to: WorkOrderStatus
}

/// Material of a lot was issued from stock to a work order.
public struct MaterialIssued: EventBody, Hashable {
    public static let type = "material.issued"
    public var workOrder: WorkOrderNumber
    public var lot: LotNumber
    public var quantity: Quantity
    /// Set when the lot's item is not on the order's bill of material: the reason it was used anyway.
    public var deviation: ReasonCode?
    /// Older usable lots of the item (first expiring, else first received) this lot was issued ahead of.
    public var olderLots: [LotNumber]?
    /// The reason given for issuing ahead of them.
    public var outOfOrder: ReasonCode?
    /// The published schedule's allocation of the item to the order when it was issued: what was planned.
    public var planned: PlannedLots?
    /// The reason given for issuing a lot the plan did not allocate.
    public var substitute: ReasonCode?
    public var lots: [LotNumber] { [lot] }

    /// A lot other than the planned ones was issued.
    public var isSubstitution: Bool { planned.map { plan in !plan.lots.contains { $0.lot == lot } } ?? false }
}

/// The lots a published schedule version allocated of one item to an order.
public struct PlannedLots: Sendable, Hashable, Codable {
    public var version: Int
    public var lots: [LotPortion]

    public init(version: Int, lots: [LotPortion]) {
        self.version = version
        self.lots = lots
    }
}

/// Unused material went back from a work order to stock.
public struct MaterialReturned: EventBody, Hashable {
    public static let type = "material.returned"
    public var workOrder: WorkOrderNumber
    public var lot: LotNumber
    public var quantity: Quantity
    public var lots: [LotNumber] { [lot] }
}

/// An operation was started on a machine with a tool by an operator, or sent to an accredited outside processor.
public struct OperationStarted: EventBody, Hashable {
    public static let type = "operation.started"
    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var equipment: EquipmentCode?
    public var tool: ToolCode?
    /// Nil only in imported history that did not record who ran it.
    public var operatorCode: OperatorCode?
    public var processor: SupplierCode?
    public var processorCertificate: String?
    /// In imported history: the facts the source never kept (`equipment`, `operator`, `processor`), recorded as missing.
    public var notRecorded: [String]?
    /// In imported history: the rules that could not be checked for want of those facts (`qualification TURNING`).
    public var unchecked: [String]?
}

/// Material of a lot was consumed at an operation, into a named output when the operator said which.
public struct MaterialConsumed: EventBody, Hashable {
    public static let type = "material.consumed"
    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var lot: LotNumber
    public var quantity: Quantity
    public var into: LotNumber?
    public var equipment: EquipmentCode?
    public var tool: ToolCode?
    /// Nil when the operation's operator was not recorded (imported history).
    public var operatorCode: OperatorCode?
    /// The lots this event used up (nothing left in stock or at any work order), which end in its final status; nil in
    /// events recorded before events said so (their projection works it out from the quantities).
    public var emptied: [LotNumber]? = nil
    public var lots: [LotNumber] { [lot] + (into.map { [$0] } ?? []) }
}

/// A measured process parameter, such as `temperature=845C`.
public struct ProcessParameter: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public var unit: String?

    public init(name: String, value: String, unit: String?) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

/// An in-process inspection: what was measured and whether it passed.
public struct InProcessInspection: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public var passed: Bool

    public init(name: String, value: String, passed: Bool) {
        self.name = name
        self.value = value
        self.passed = passed
    }
}

/// Process parameters and in-process inspections were recorded at an operation.
public struct OperationRecorded: EventBody, Hashable {
    public static let type = "operation.recorded"
    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var parameters: [ProcessParameter]
    public var inspections: [InProcessInspection]
    /// The outputs it was recorded for; nil: whatever the order makes after it (what is made before was not there).
    public var units: [LotNumber]?
}

public struct OperationCompleted: EventBody, Hashable {
    public static let type = "operation.completed"
    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var good: Quantity
    public var scrap: Quantity?
    public var reason: ReasonCode?
    /// The outside processor's certificate of conformance for the job (outside special processes only).
    public var certificate: String?
    /// In imported history: `job certificate` when the source never kept it.
    public var notRecorded: [String]?
}

/// A work order produced a finished or intermediate lot, or serial numbers (each a lot of one).
public struct OutputProduced: EventBody, Hashable {
    public static let type = "output.produced"
    public var workOrder: WorkOrderNumber
    public var item: PartNumber
    public var outputs: [LotPortion]
    public var serial: Bool
    public var status: LotStatus
    public var shift: String?
    public var location: LocationCode?
    public var expiresOn: CalendarDate?
    /// Set when an input expires before the item's own shelf life would: the input whose expiry the output took.
    public var expiryFrom: LotNumber?
    public var sequences: [SequenceUse]
    /// Born on hold (`status` is `on_hold`): the status a release returns to.
    public var heldFrom: LotStatus?
    /// The recalls that hold what was made, because the order consumed material they recall.
    public var recalls: [String]?
    public var lots: [LotNumber] { outputs.map(\.lot) }
}

/// Lots or serials left for a customer against a sales order.
public struct LotsShipped: EventBody, Hashable {
    public static let type = "lots.shipped"
    public var shipment: ShipmentNumber
    public var customer: CustomerCode
    public var order: String
    public var lines: [LotPortion]
    /// The scheme number used; nil for a number given by hand.
    public var sequence: SequenceUse?
    /// The lots this event used up (nothing left in stock or at any work order), which end in its final status; nil in
    /// events recorded before events said so (their projection works it out from the quantities).
    public var emptied: [LotNumber]? = nil
    public var lots: [LotNumber] { lines.map(\.lot) }
}

/// Goods came back from a customer into quarantine, linked to the shipment they left on.
public struct ShipmentReturned: EventBody, Hashable {
    public static let type = "shipment.returned"
    public var shipment: ShipmentNumber
    public var lot: LotNumber
    /// The lot the goods are kept under: the serial itself, or a new return lot split from the shipped lot.
    public var returnLot: LotNumber
    public var quantity: Quantity
    public var reason: ReasonCode
    public var sequence: SequenceUse?
    public var lots: [LotNumber] { lot == returnLot ? [lot] : [lot, returnLot] }
}
