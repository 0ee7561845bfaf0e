import Foundation

/// Where one affected lot stands: what is still in the building, at work orders, gone to customers, used up or scrapped.
public struct AffectedLot: Sendable, Hashable, Codable {
    public var lot: LotNumber
    public var item: PartNumber
    public var status: LotStatus
    /// The weakest genealogy certainty on the path from the starting lot.
    public var certainty: Certainty
    public var inStock: Quantity
    public var location: LocationCode?
    public var workInProcess: [WorkInProcessFacts]
    public var shipments: [ShipmentFacts]
    public var consumed: Quantity
    public var scrapped: Quantity
    /// Whether the recall put it on hold.
    public var held: Bool

    public init(
        lot: LotNumber, item: PartNumber, status: LotStatus, certainty: Certainty, inStock: Quantity, location: LocationCode?,
        workInProcess: [WorkInProcessFacts], shipments: [ShipmentFacts], consumed: Quantity, scrapped: Quantity, held: Bool
    ) {
        self.lot = lot
        self.item = item
        self.status = status
        self.certainty = certainty
        self.inStock = inStock
        self.location = location
        self.workInProcess = workInProcess
        self.shipments = shipments
        self.consumed = consumed
        self.scrapped = scrapped
        self.held = held
    }

    /// Still physically in the plant: in stock or waiting at a work order.
    public var inBuilding: Bool { !inStock.isZero || workInProcess.contains { !$0.remaining.isZero } }
}

/// For one starting lot and the lots split from it: received (+ count adjustments) = in stock + WIP + shipped + scrapped + consumed.
public struct MassBalance: Sendable, Hashable, Codable {
    public var lot: LotNumber
    public var received: Quantity
    public var adjusted: Quantity
    public var inStock: Quantity
    public var workInProcess: Quantity
    /// Shipped, less what came back.
    public var shipped: Quantity
    public var scrapped: Quantity
    /// Used in production or merged into composite lots.
    public var consumed: Quantity

    public init(
        lot: LotNumber, received: Quantity, adjusted: Quantity, inStock: Quantity, workInProcess: Quantity, shipped: Quantity, scrapped: Quantity,
        consumed: Quantity
    ) {
        self.lot = lot
        self.received = received
        self.adjusted = adjusted
        self.inStock = inStock
        self.workInProcess = workInProcess
        self.shipped = shipped
        self.scrapped = scrapped
        self.consumed = consumed
    }

    /// What is unaccounted for: zero when the balance holds.
    public var gap: Decimal {
        received.amount + adjusted.amount - inStock.amount - workInProcess.amount - shipped.amount - scrapped.amount - consumed.amount
    }

    public var holds: Bool { gap == 0 }
}

/// One customer to notify, with what they received of the affected lots.
public struct CustomerNotice: Sendable, Hashable, Codable {
    public var customer: CustomerCode
    public var name: String
    public var shipments: [ShipmentLine]

    public init(customer: CustomerCode, name: String, shipments: [ShipmentLine]) {
        self.customer = customer
        self.name = name
        self.shipments = shipments
    }

    /// One affected lot on one shipment.
    public struct ShipmentLine: Sendable, Hashable, Codable {
        public var shipment: ShipmentNumber
        public var order: String
        public var lot: LotNumber
        public var item: PartNumber
        public var quantity: Quantity
        public var returned: Quantity
        public var shippedAt: String

        public init(
            shipment: ShipmentNumber, order: String, lot: LotNumber, item: PartNumber, quantity: Quantity, returned: Quantity, shippedAt: String
        ) {
            self.shipment = shipment
            self.order = order
            self.lot = lot
            self.item = item
            self.quantity = quantity
            self.returned = returned
            self.shippedAt = shippedAt
        }
    }
}

/// Everything a recall or drill found: the affected lots classified, the customers to notify, and the mass balance.
public struct RecallReport: Sendable, Hashable, Codable {
    public var id: String?
    public var target: String
    public var reason: String?
    public var startingLots: [LotNumber]
    public var affected: [AffectedLot]
    public var customers: [CustomerNotice]
    public var balances: [MassBalance]
    /// Material consumed at work orders that can still produce: it may go into outputs not yet made.
    public var awaitingOutput: [AwaitingOutput] = []
    /// Lots and customers reached at each certainty (of the whole reach, before any narrowing).
    public var byCertainty: [CertaintySummary] = []
    /// The weakest certainty shown, when the report is narrowed to a certainty; nil shows every unit that could contain the material.
    public var certainty: Certainty?
    /// What the narrowing left out, per certainty.
    public var leftOut: [CertaintySummary] = []
    /// For a recall: every lot it holds, with the disposition made (who, when, why) or none yet.
    public var holds: [RecallHoldRecord] = []
    /// Work orders whose future output the recall holds.
    public var heldOrders: [WorkOrderNumber] = []
    public var closedAt: String?
    /// Set when the trace index (a cache) and the projections disagreed on what the recall reaches: the report then holds
    /// every lot either reached, with the projections' certainty, and the index is rebuilt.
    public var traceIndexDisagreed: String?
    /// Export-controlled lots the report reaches, left out for a reader who may not see them: counted, never named.
    public var withheld: Int?
    /// The electronic signatures on the recall's records: its start, each disposition, its closing. Nil when none.
    public var signatures: [SignatureRecord]?

    public init(
        id: String?, target: String, reason: String?, startingLots: [LotNumber], affected: [AffectedLot], customers: [CustomerNotice],
        balances: [MassBalance]
    ) {
        self.id = id
        self.target = target
        self.reason = reason
        self.startingLots = startingLots
        self.affected = affected
        self.customers = customers
        self.balances = balances
    }

    public var balanced: Bool { balances.allSatisfy(\.holds) }
}

/// A recall was started: the affected lots still in the building went on hold, in this one event.
public struct RecallStarted: EventBody, Hashable {
    public static let type = "recall.started"
    public var recall: String
    public var target: String
    public var reason: String
    public var viaAncestor: LotNumber?
    public var startingLots: [LotNumber]
    /// Each held lot with the status it was held from.
    public var held: [HeldLot]
    public var affectedCount: Int
    public var sequence: SequenceUse
    /// Work orders that consumed affected material and can still produce: what they make from now on is born on hold.
    public var heldOrders: [OutputHold]?
    /// The weakest certainty the recall covers; nil (every unit that could contain the material) unless narrowed.
    public var certainty: Certainty?
    public var lots: [LotNumber] { held.map(\.lot) }

    public init(
        recall: String, target: String, reason: String, viaAncestor: LotNumber?, startingLots: [LotNumber], held: [HeldLot], affectedCount: Int,
        sequence: SequenceUse, heldOrders: [OutputHold]? = nil, certainty: Certainty? = nil
    ) {
        self.heldOrders = heldOrders
        self.certainty = certainty
        self.recall = recall
        self.target = target
        self.reason = reason
        self.viaAncestor = viaAncestor
        self.startingLots = startingLots
        self.held = held
        self.affectedCount = affectedCount
        self.sequence = sequence
    }
}

public struct HeldLot: Sendable, Hashable, Codable {
    public var lot: LotNumber
    public var from: LotStatus

    public init(lot: LotNumber, from: LotStatus) {
        self.lot = lot
        self.from = from
    }
}

/// A mock-recall drill was run: how long it took and whether the balance held, for auditors.
public struct RecallDrilled: EventBody, Hashable {
    public static let type = "recall.drilled"
    public var drill: String
    public var target: String
    public var startingLots: [LotNumber]
    public var affectedCount: Int
    public var customerCount: Int
    public var balanced: Bool
    public var gaps: [String]
    public var elapsedSeconds: Double
    public var sequence: SequenceUse

    public init(
        drill: String, target: String, startingLots: [LotNumber], affectedCount: Int, customerCount: Int, balanced: Bool, gaps: [String],
        elapsedSeconds: Double, sequence: SequenceUse
    ) {
        self.drill = drill
        self.target = target
        self.startingLots = startingLots
        self.affectedCount = affectedCount
        self.customerCount = customerCount
        self.balanced = balanced
        self.gaps = gaps
        self.elapsedSeconds = elapsedSeconds
        self.sequence = sequence
    }
}

/// How many lots and customers a recall reaches at one certainty.
public struct CertaintySummary: Sendable, Hashable, Codable {
    public var certainty: Certainty
    public var lots: Int
    /// Customers whose strongest link to the material is this certainty.
    public var customers: Int
    public var customerCodes: [CustomerCode]

    public init(certainty: Certainty, lots: Int, customers: [CustomerCode]) {
        self.certainty = certainty
        self.lots = lots
        self.customers = customers.count
        self.customerCodes = customers
    }
}

extension RecallReport {
    /// Lots and customers at each certainty; a customer counts at the strongest certainty of anything it received.
    public static func summaries(_ affected: [AffectedLot]) -> [CertaintySummary] {
        var strongest: [CustomerCode: Certainty] = [:]
        for lot in affected {
            for shipment in lot.shipments { strongest[shipment.customer] = min(strongest[shipment.customer] ?? .order, lot.certainty) }
        }
        return Certainty.allCases.compactMap { level in
            let lots = affected.filter { $0.certainty == level }.count
            let customers = strongest.filter { $0.value == level }.map(\.key).sorted()
            return lots == 0 && customers.isEmpty ? nil : CertaintySummary(certainty: level, lots: lots, customers: customers)
        }
    }

    /// Only what is reached with `certainty` or stronger; what is left out is summarized in `leftOut`, never dropped silently.
    public func narrowed(to certainty: Certainty?) -> RecallReport {
        var report = self
        report.byCertainty = Self.summaries(affected)
        guard let certainty else { return report }
        report.certainty = certainty
        report.affected = affected.filter { $0.certainty <= certainty }
        let kept = Set(report.affected.map(\.lot))
        report.awaitingOutput = awaitingOutput.filter { kept.contains($0.lot) }
        report.leftOut = report.byCertainty.filter { $0.certainty > certainty }
        let shippedTo = Set(report.affected.flatMap { $0.shipments.map(\.customer) })
        report.customers = customers.compactMap { notice in
            guard shippedTo.contains(notice.customer) else { return nil }
            var notice = notice
            notice.shipments = notice.shipments.filter { kept.contains($0.lot) }
            return notice
        }
        return report
    }
}
