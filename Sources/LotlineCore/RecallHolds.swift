import Foundation

/// Material consumed at a work order that can still produce: it may go into outputs not yet made (`order` certainty).
public struct AwaitingOutput: Sendable, Hashable, Codable {
    public var workOrder: WorkOrderNumber
    /// The item the order makes.
    public var item: PartNumber
    public var operationSeq: Int
    public var operationName: String?
    /// The consumed lot.
    public var lot: LotNumber
    public var quantity: Quantity
    /// The recalls (or held lots) that put the order's future output on hold.
    public var outputHeldBy: [String]

    public init(
        workOrder: WorkOrderNumber, item: PartNumber, operationSeq: Int, operationName: String?, lot: LotNumber, quantity: Quantity,
        outputHeldBy: [String]
    ) {
        self.workOrder = workOrder
        self.item = item
        self.operationSeq = operationSeq
        self.operationName = operationName
        self.lot = lot
        self.quantity = quantity
        self.outputHeldBy = outputHeldBy
    }
}

/// A hold on everything a work order makes from now on: from a held lot it consumed, and the recall behind it if any.
public struct OutputHold: Sendable, Hashable, Codable {
    public var workOrder: WorkOrderNumber
    public var lot: LotNumber
    public var recall: String?

    public init(workOrder: WorkOrderNumber, lot: LotNumber, recall: String? = nil) {
        self.workOrder = workOrder
        self.lot = lot
        self.recall = recall
    }
}

/// What a recall decided for one lot it holds.
public enum RecallDisposition: String, Sendable, Hashable, Codable, CaseIterable {
    /// Back to the status it was held from (or still on hold while another recall holds it).
    case release
    case scrap
    /// Stays on an ordinary hold for the rework to be planned; the recall no longer holds it.
    case rework
    /// Rejected, to go back to the supplier.
    case returnToSupplier = "return_to_supplier"
}

/// One lot a recall holds, and what was decided for it.
public struct RecallHoldRecord: Sendable, Hashable, Codable {
    public var lot: LotNumber
    public var heldFrom: LotStatus
    public var disposition: RecallDisposition?
    public var reason: ReasonCode?
    public var note: String?
    public var actor: String?
    public var at: String?

    public init(
        lot: LotNumber, heldFrom: LotStatus, disposition: RecallDisposition? = nil, reason: ReasonCode? = nil, note: String? = nil,
        actor: String? = nil, at: String? = nil
    ) {
        self.lot = lot
        self.heldFrom = heldFrom
        self.disposition = disposition
        self.reason = reason
        self.note = note
        self.actor = actor
        self.at = at
    }
}

/// A recall decided what happens to one lot it holds; only this lifts a recall's hold.
public struct RecallLotDispositioned: EventBody, Hashable {
    public static let type = "recall.lot_dispositioned"
    public var recall: String
    public var lot: LotNumber
    public var disposition: RecallDisposition
    public var reason: ReasonCode
    public var note: String?
    /// The lot's stored status afterwards (a scrap is the `lot.scrapped` event that follows).
    public var to: LotStatus
    public var lots: [LotNumber] { [lot] }
}

/// A recall was closed: every lot it held was dispositioned; the work orders it held make freely again.
public struct RecallClosed: EventBody, Hashable {
    public static let type = "recall.closed"
    public var recall: String
}

/// A recall as the rules see it: whether it is still open, and every lot it holds with its disposition.
public struct RecallState: Sendable, Hashable {
    public var id: String
    public var isDrill: Bool
    public var closed: Bool
    public var holds: [RecallHoldRecord]

    public init(id: String, isDrill: Bool, closed: Bool, holds: [RecallHoldRecord]) {
        self.id = id
        self.isDrill = isDrill
        self.closed = closed
        self.holds = holds
    }

    public var undispositioned: [LotNumber] { holds.filter { $0.disposition == nil }.map(\.lot) }
}
