import Foundation

/// What the backend protocols answer with: values every interface reads, whatever the storage behind them.

/// Which lots `lot list` shows; every field narrows the list.
public struct LotFilter: Sendable {
    public var item: PartNumber?
    public var status: LotStatus?
    /// Matched by search key, so `H-2231`, `h2231` and `H 2231` find the same lots; a heat number matches too.
    public var supplierLot: String?
    public var location: LocationCode?

    public init(item: PartNumber? = nil, status: LotStatus? = nil, supplierLot: String? = nil, location: LocationCode? = nil) {
        self.item = item
        self.status = status
        self.supplierLot = supplierLot
        self.location = location
    }
}

/// A lot with its genealogy and inspections, for `lot show`.
public struct LotDetail: Sendable {
    public var lot: Lot
    public var parents: [LotPortion]
    public var children: [LotPortion]
    public var inspections: [InspectionRecord]
    /// The electronic signatures on the lot's records (its release, its final acceptance ...).
    public var signatures: [SignatureRecord]

    public init(
        lot: Lot, parents: [LotPortion], children: [LotPortion], inspections: [InspectionRecord], signatures: [SignatureRecord] = []
    ) {
        self.lot = lot
        self.parents = parents
        self.children = children
        self.inspections = inspections
        self.signatures = signatures
    }
}

/// A signature as it shows beside its record: the printed name, the time, the meaning, the record signed.
public struct SignatureRecord: Sendable, Codable, Hashable {
    /// The signature's own event.
    public var seq: Int64
    public var at: String
    public var signer: String
    public var printedName: String
    public var meaning: SignatureMeaning
    /// The event signed.
    public var signs: Int64
    public var signsType: String
    public var lots: [LotNumber]

    /// The signature an event is, if it is one.
    public init?(_ event: LedgerEvent) {
        guard let signed = (try? event.body()) as? RecordSigned else { return nil }
        self.init(event, signed)
    }

    public init(_ event: LedgerEvent, _ signed: RecordSigned) {
        seq = event.seq
        at = event.businessTime
        signer = signed.signer.rawValue
        printedName = signed.printedName
        meaning = signed.meaning
        signs = signed.signs
        signsType = signed.signsType
        lots = signed.lots
    }
}

/// An inspection as recorded.
public struct InspectionRecord: Sendable, Codable {
    public var seq: Int64
    public var passed: Bool
    public var results: [InspectionResult]
    public var note: String?
    public var inspector: String
    public var at: String

    public init(
        seq: Int64, passed: Bool, results: [InspectionResult], note: String? = nil, inspector: String, at: String
    ) {
        self.seq = seq
        self.passed = passed
        self.results = results
        self.note = note
        self.inspector = inspector
        self.at = at
    }
}

/// What `audit verify` found.
public struct AuditReport: Sendable, Codable {
    /// How the chain was broken at the first bad event.
    public enum Breach: String, Sendable, Codable {
        case edited, deleted, inserted, reordered
        /// An electronic signature no longer bound to the record it was made for.
        case signature
    }

    public var ok: Bool
    public var eventCount: Int
    public var headHash: String
    public var breach: Breach?
    /// The sequence number where the chain first breaks.
    public var seq: Int64?
    public var eventID: String?
    public var message: String?

    public init(
        ok: Bool, eventCount: Int, headHash: String, breach: Breach? = nil, seq: Int64? = nil, eventID: String? = nil, message: String? = nil
    ) {
        self.ok = ok
        self.eventCount = eventCount
        self.headHash = headHash
        self.breach = breach
        self.seq = seq
        self.eventID = eventID
        self.message = message
    }
}

/// A recall or drill as recorded, for `recall drills` and `recall report`.
public struct RecallRecord: Sendable, Codable {
    public var id: String
    public var kind: String
    public var target: String
    public var reason: String?
    public var startingLots: [LotNumber]
    public var heldLots: [LotNumber]
    public var affectedCount: Int
    public var customerCount: Int?
    public var balanced: Bool?
    public var gaps: [String]
    public var elapsedSeconds: Double?
    public var at: String
    public var actor: String
    public var certainty: Certainty?
    public var closedAt: String?
    /// Lots the recall holds that have no disposition yet.
    public var undispositioned: Int

    public init(
        id: String, kind: String, target: String, reason: String? = nil, startingLots: [LotNumber], heldLots: [LotNumber], affectedCount: Int,
        customerCount: Int? = nil, balanced: Bool? = nil, gaps: [String], elapsedSeconds: Double? = nil, at: String, actor: String,
        certainty: Certainty? = nil, closedAt: String? = nil, undispositioned: Int
    ) {
        self.id = id
        self.kind = kind
        self.target = target
        self.reason = reason
        self.startingLots = startingLots
        self.heldLots = heldLots
        self.affectedCount = affectedCount
        self.customerCount = customerCount
        self.balanced = balanced
        self.gaps = gaps
        self.elapsedSeconds = elapsedSeconds
        self.at = at
        self.actor = actor
        self.certainty = certainty
        self.closedAt = closedAt
        self.undispositioned = undispositioned
    }
}

/// A lot made (directly or further on) from lots a `trace where` found.
public struct Downstream: Sendable, Codable, Hashable {
    public var lot: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var status: LotStatus
    public var location: LocationCode?
    /// The weakest link on the strongest path from the lots found.
    public var certainty: Certainty

    public init(
        lot: LotNumber, item: PartNumber, quantity: Quantity, status: LotStatus, location: LocationCode? = nil, certainty: Certainty
    ) {
        self.lot = lot
        self.item = item
        self.quantity = quantity
        self.status = status
        self.location = location
        self.certainty = certainty
    }
}

/// A lot or serial produced on a work order one of whose operations matched a `trace where`.
public struct ProducedWith: Sendable, Codable, Hashable {
    public var lot: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var status: LotStatus
    public var workOrder: WorkOrderNumber
    public var operationSeq: Int
    public var operationName: String
    public var startedAt: String
    public var producedAt: String
    /// The recorded parameters that met the filter's parameter conditions, as `name=valueunit` (as traces show them), for this unit.
    public var parameters: [String]

    public init(
        lot: LotNumber, item: PartNumber, quantity: Quantity, status: LotStatus, workOrder: WorkOrderNumber, operationSeq: Int, operationName: String,
        startedAt: String, producedAt: String, parameters: [String]
    ) {
        self.lot = lot
        self.item = item
        self.quantity = quantity
        self.status = status
        self.workOrder = workOrder
        self.operationSeq = operationSeq
        self.operationName = operationName
        self.startedAt = startedAt
        self.producedAt = producedAt
        self.parameters = parameters
    }
}

/// What the projection check of an audit found: the chain, then every projection table and the saved trace index compared
/// with what the ledger alone gives.
public struct ProjectionAudit: Sendable, Codable {
    public var chain: AuditReport
    public var ok: Bool
    public var tables = 0
    public var rows = 0
    /// The first place the live database differs from the ledger replayed: `table`, row key, column, both values.
    public var difference: String?
    /// What the check of the saved trace index found: `matches at event N`, `absent` (none, damaged, or not of this
    /// ledger: traces never use it), or the first lot whose links differ.
    public var index = "absent"
    public var indexOK = true
    public var seconds = 0.0

    public init(chain: AuditReport, ok: Bool) {
        self.chain = chain
        self.ok = ok
    }
}

/// Where the ledger ends: its last event's sequence number (its length) and hash; and how many times the projections
/// were rebuilt from it (a rebuild appends nothing, yet may change what every read answers).
public struct LedgerPosition: Sendable, Hashable, Codable {
    public var seq: Int64
    public var hash: String
    public var rebuilds: Int64

    public init(seq: Int64, hash: String, rebuilds: Int64 = 0) {
        self.seq = seq
        self.hash = hash
        self.rebuilds = rebuilds
    }
}

/// Which ledger events to read, oldest first: every field narrows; `after` pages on from the last event seen.
public struct EventFilter: Sendable, Hashable {
    /// Events that touched this lot (typed or scanned: it must exist).
    public var lot: String?
    public var actor: String?
    /// The event type, `lot.received`.
    public var type: String?
    /// Recorded at or after `from` and before `to`.
    public var from: Date?
    public var to: Date?
    /// Only events after this sequence number: the cursor of the page before.
    public var after: Int64?
    public var limit: Int
    /// Leave out the events of user accounts (`user.*`): for readers who may not read them.
    public var withoutAccounts = false
    /// Leave out every event that touched an export-controlled lot: for readers who are not US persons.
    public var withoutExportControlled = false

    public init(
        lot: String? = nil, actor: String? = nil, type: String? = nil, from: Date? = nil, to: Date? = nil, after: Int64? = nil, limit: Int = 100
    ) {
        self.lot = lot
        self.actor = actor
        self.type = type
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }
}
