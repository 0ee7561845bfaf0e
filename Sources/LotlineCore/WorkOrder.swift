import Foundation

/// Where a work order stands: planned until released to the floor, closed when finished.
public enum WorkOrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case planned, released, closed
}

/// Where one operation of a work order stands.
public enum OperationStatus: String, Sendable, Hashable, Codable {
    case pending, started, completed
}

/// An operation of one work order, copied from the routing, with what happened at it.
public struct WorkOrderOperation: Sendable, Hashable, Codable {
    public var routing: RoutingOperation
    public var status: OperationStatus
    public var equipment: EquipmentCode?
    public var tool: ToolCode?
    public var operatorCode: OperatorCode?
    public var processor: SupplierCode?
    public var processorCertificate: String?
    /// The outside processor's certificate of conformance for this job, recorded when the operation was completed.
    public var jobCertificate: String?
    /// In imported history: facts the source never kept (`equipment`, `operator`, `processor`).
    public var notRecorded: [String]?
    /// In imported history: rules that could not be checked without them (`qualification TURNING`).
    public var unchecked: [String]?
    public var startedAt: String?
    public var completedAt: String?
    public var good: Quantity?
    public var scrap: Quantity?
    /// Where a planner fixed it in the schedule, while it is not started.
    public var pin: OperationPin?

    public init(routing: RoutingOperation, status: OperationStatus = .pending) {
        self.routing = routing
        self.status = status
    }

    public var seq: Int { routing.seq }
}

/// A work order as the projections hold it.
public struct WorkOrder: Sendable, Hashable, Codable {
    public var number: WorkOrderNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var due: CalendarDate?
    public var status: WorkOrderStatus
    public var components: [BomLine]
    public var operations: [WorkOrderOperation]
    /// Quantity produced so far, over all outputs.
    public var produced: Quantity
    public var outputs: [LotNumber]
    /// The customer the order is made for, and their order number.
    public var customer: CustomerCode?
    public var salesOrder: String?
    /// Lots a planner chose for components, which allocation takes first.
    public var chosenLots: [ChosenLots]?

    public init(
        number: WorkOrderNumber, item: PartNumber, quantity: Quantity, due: CalendarDate?, status: WorkOrderStatus, components: [BomLine],
        operations: [WorkOrderOperation], produced: Quantity, outputs: [LotNumber]
    ) {
        self.number = number
        self.item = item
        self.quantity = quantity
        self.due = due
        self.status = status
        self.components = components
        self.operations = operations
        self.produced = produced
        self.outputs = outputs
    }

    public func operation(_ seq: Int) -> WorkOrderOperation? {
        operations.first { $0.seq == seq }
    }
}

/// How much of one lot sits at one work order: issued, consumed, returned.
public struct WorkInProcess: Sendable, Hashable, Codable {
    public var lot: LotNumber
    public var issued: Quantity
    public var consumed: Quantity
    public var returned: Quantity
    /// Set when the lot is not on the order's bill of material: the reason code of the deviation.
    public var deviation: ReasonCode?
    /// The order the material is at, when a lot's material at several orders is listed.
    public var workOrder: WorkOrderNumber?

    public init(lot: LotNumber, issued: Quantity, consumed: Quantity, returned: Quantity) {
        self.lot = lot
        self.issued = issued
        self.consumed = consumed
        self.returned = returned
    }

    /// What is still at the work order, neither consumed nor returned.
    public var remaining: Quantity {
        Quantity(issued.amount - consumed.amount - returned.amount, issued.unit)
    }
}

/// A shipment as recorded: to whom, against which order, what.
public struct Shipment: Sendable, Hashable, Codable {
    public var number: ShipmentNumber
    public var customer: CustomerCode
    public var order: String
    public var lines: [LotPortion]
    public var shippedAt: String

    public init(number: ShipmentNumber, customer: CustomerCode, order: String, lines: [LotPortion], shippedAt: String) {
        self.number = number
        self.customer = customer
        self.order = order
        self.lines = lines
        self.shippedAt = shippedAt
    }
}
