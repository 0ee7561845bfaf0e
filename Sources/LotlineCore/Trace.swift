/// Which way a trace walks the genealogy.
public enum TraceDirection: String, Sendable, Codable, CaseIterable {
    /// Toward customers: what was made from this and where it went.
    case forward
    /// Toward suppliers: what this was made from, how, by whom and on what.
    case backward
}

/// How sure a genealogy link is, strongest first. Only `exact` links say "this input is in that output".
///
/// - `exact`: the consumption named its output, or the order made a single output after it;
/// - `window`: the best guess: the order's first output recorded after the consumption (by ledger order, never the clock);
/// - `possible`: any other output the consumed material could have waited its way into (a later output of the order, or
///   an earlier-recorded one whose business time is later than the consumption's);
/// - `order`: material consumed at an order that can still produce: it may go into outputs not yet made.
public enum Certainty: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case exact, window, possible, order

    /// 0 for exact up to 3 for order: the weakest link of a path is the highest rank on it.
    public var rank: Int {
        switch self {
        case .exact: 0
        case .window: 1
        case .possible: 2
        case .order: 3
        }
    }

    public static func < (lhs: Certainty, rhs: Certainty) -> Bool { lhs.rank < rhs.rank }
}

/// How one lot leads to the next in a trace.
public struct TraceLink: Sendable, Hashable, Codable {
    /// `split`, `merge`, `return` or `consumed`.
    public var relation: String
    public var quantity: Quantity
    public var certainty: Certainty
    public var workOrder: WorkOrderNumber?
    public var operationSeq: Int?
    public var operationName: String?
    public var equipment: EquipmentCode?
    public var tool: ToolCode?
    public var operatorCode: OperatorCode?
    public var at: String
    /// For material off the order's bill of material: the deviation's reason code.
    public var deviation: ReasonCode?

    public init(relation: String, quantity: Quantity, certainty: Certainty, at: String) {
        self.relation = relation
        self.quantity = quantity
        self.certainty = certainty
        self.at = at
    }
}

/// Where a receipt lot came from.
public struct ReceiptFacts: Sendable, Hashable, Codable {
    public var supplier: SupplierCode
    public var supplierLot: String
    public var heat: String?
    public var certificate: String?
    public var purchaseOrder: String?
    public var receivedAt: String
    public var inspections: [String]

    public init(
        supplier: SupplierCode, supplierLot: String, heat: String? = nil, certificate: String? = nil, purchaseOrder: String? = nil,
        receivedAt: String, inspections: [String]
    ) {
        self.supplier = supplier
        self.supplierLot = supplierLot
        self.heat = heat
        self.certificate = certificate
        self.purchaseOrder = purchaseOrder
        self.receivedAt = receivedAt
        self.inspections = inspections
    }
}

/// One operation of the work order that made a lot, with everything recorded at it.
public struct OperationFacts: Sendable, Hashable, Codable {
    public var seq: Int
    public var name: String
    public var equipment: EquipmentCode?
    public var tool: ToolCode?
    public var operatorCode: OperatorCode?
    public var processor: SupplierCode?
    public var processorCertificate: String?
    /// The outside processor's certificate of conformance for this job.
    public var jobCertificate: String?
    /// In imported history: facts the source never kept (`equipment`, `operator`, `processor`).
    public var notRecorded: [String]?
    /// In imported history: rules that could not be checked without them (`qualification TURNING`).
    public var unchecked: [String]?
    public var startedAt: String?
    public var completedAt: String?
    /// `name=value unit` of each recorded process parameter.
    public var parameters: [String]
    /// `name=value pass|fail` of each in-process inspection.
    public var inspections: [String]

    public init(
        seq: Int, name: String, equipment: EquipmentCode? = nil, tool: ToolCode? = nil, operatorCode: OperatorCode? = nil,
        processor: SupplierCode? = nil, processorCertificate: String? = nil, startedAt: String? = nil, completedAt: String? = nil,
        parameters: [String], inspections: [String]
    ) {
        self.seq = seq
        self.name = name
        self.equipment = equipment
        self.tool = tool
        self.operatorCode = operatorCode
        self.processor = processor
        self.processorCertificate = processorCertificate
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.parameters = parameters
        self.inspections = inspections
    }
}

/// How a produced lot or serial was made.
public struct ProductionFacts: Sendable, Hashable, Codable {
    public var workOrder: WorkOrderNumber
    public var producedAt: String
    public var shift: String?
    public var operations: [OperationFacts]
    /// Inspections of this lot or serial itself (its final inspection): `pass|fail name=value ...`.
    public var inspections: [String] = []

    public init(workOrder: WorkOrderNumber, producedAt: String, shift: String? = nil, operations: [OperationFacts]) {
        self.workOrder = workOrder
        self.producedAt = producedAt
        self.shift = shift
        self.operations = operations
    }
}

/// A shipment a lot left on.
public struct ShipmentFacts: Sendable, Hashable, Codable {
    public var shipment: ShipmentNumber
    public var customer: CustomerCode
    public var order: String
    public var quantity: Quantity
    public var returned: Quantity
    public var shippedAt: String

    public init(shipment: ShipmentNumber, customer: CustomerCode, order: String, quantity: Quantity, returned: Quantity, shippedAt: String) {
        self.shipment = shipment
        self.customer = customer
        self.order = order
        self.quantity = quantity
        self.returned = returned
        self.shippedAt = shippedAt
    }
}

/// Material of a lot waiting at a work order: the jobs about to use it.
public struct WorkInProcessFacts: Sendable, Hashable, Codable {
    public var workOrder: WorkOrderNumber
    public var remaining: Quantity

    public init(workOrder: WorkOrderNumber, remaining: Quantity) {
        self.workOrder = workOrder
        self.remaining = remaining
    }
}

/// One lot in a trace tree, with how it was reached and what hangs off it.
public struct TraceNode: Sendable, Hashable, Codable {
    public var lot: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var status: LotStatus
    public var location: LocationCode?
    /// When the lot expires: received with a date, or made and inheriting its earliest input's expiry.
    public var expiresOn: CalendarDate?
    /// How the parent node leads here; nil for the root.
    public var link: TraceLink?
    public var receipt: ReceiptFacts?
    /// For a composite lot (merged, or split from one): every heat its material comes from.
    public var mixedHeats: [String]?
    public var production: ProductionFacts?
    public var shipments: [ShipmentFacts]
    public var workInProcess: [WorkInProcessFacts]
    /// Forward: material of this lot consumed at work orders that have not made (all) their output yet (`order` certainty).
    public var awaitingOutput: [AwaitingOutput] = []
    /// The electronic signatures on this lot's records (release, final acceptance, a recall's disposition ...), oldest
    /// first; nil when none.
    public var signatures: [SignatureRecord]?
    public var children: [TraceNode]
    /// Set when this lot was already shown higher in the tree; its subtree is not repeated.
    public var repeated: Bool
    /// The weakest certainty on the path from the root: what the trace can claim about this lot.
    public var pathCertainty: Certainty
    /// How many lots next to this one (and beyond them) are export-controlled and left out for a reader who may not see
    /// them: counted, never named. Nil when none are.
    public var withheld: Int?

    public init(lot: Lot, status: LotStatus, link: TraceLink?) {
        self.lot = lot.number
        self.item = lot.item
        self.quantity = lot.quantity
        self.status = status
        self.location = lot.location
        self.expiresOn = lot.expiresOn
        self.mixedHeats = lot.mixedHeats
        self.link = link
        self.shipments = []
        self.workInProcess = []
        self.children = []
        self.repeated = false
        self.pathCertainty = link?.certainty ?? .exact
    }

    /// Every node of the tree, depth first, with its depth.
    public func flattened(depth: Int = 0) -> [(depth: Int, node: TraceNode)] {
        [(depth, self)] + children.flatMap { $0.flattened(depth: depth + 1) }
    }
}
