import Foundation

/// Decide what happens to one lot a recall holds: the only way a recall's hold is lifted.
public struct DispositionRecallLot: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case recall, lot, disposition, reason, note
    }

    public var recall: String
    public var lot: String
    public var disposition: RecallDisposition
    public var reason: String
    public var note: String?

    public init(recall: String, lot: String, disposition: RecallDisposition, reason: String, note: String? = nil) {
        self.recall = recall
        self.lot = lot
        self.disposition = disposition
        self.reason = reason
        self.note = note
    }

    public var permission: Permission { .recall }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<RecallLotDispositioned> {
        let recall = try state.requireOpenRecall(recall)
        let lot = try state.requireLot(lot)
        let reason = try state.require(reason, ReasonKind.self).code
        let note = try TextInput.optional(note, field: "note")
        guard let hold = recall.holds.first(where: { $0.lot == lot.number }) else {
            throw LotlineError.refused(
                "lot-not-held-by-recall", "recall \(recall.id) does not hold lot \(lot.number)", value: lot.number.rawValue,
                remedy: .show(.recall, code: recall.id))
        }
        if let done = hold.disposition {
            throw LotlineError.refused(
                "lot-already-dispositioned",
                "recall \(recall.id) already dispositioned lot \(lot.number) (\(done.rawValue) by \(hold.actor ?? "?") at \(hold.at ?? "?"))",
                value: lot.number.rawValue)
        }
        let otherRecalls = try state.recallHolds(of: lot.number).filter { $0 != recall.id }
        let to: LotStatus
        switch disposition {
        case .release: to = otherRecalls.isEmpty ? hold.heldFrom : .onHold
        case .rework: to = .onHold
        case .returnToSupplier: to = .rejected
        case .scrap: to = .scrapped
        }
        let dispositioned = RecallLotDispositioned(recall: recall.id, lot: lot.number, disposition: disposition, reason: reason, note: note, to: to)
        var scrap: [PendingEvent] = []
        if disposition == .scrap, lot.storedStatus.isInStock, !lot.quantity.isZero {
            var scrapped = LotScrapped(lot: lot.number, quantity: lot.quantity, remaining: Quantity(0, lot.quantity.unit), reason: reason, note: note)
            scrapped.emptied = try state.lotsEmptied(by: scrapped)
            scrap.append(PendingEvent(scrapped, reason: TextInput.reason(reason, note: note)))
        }
        return Decision(dispositioned, reason: TextInput.reason(reason, note: note), followedBy: scrap)
    }
}

/// Close a recall once every lot it holds has a disposition; the work orders it held make freely again.
public struct CloseRecall: LotlineCommand {
    enum CodingKeys: String, CodingKey {
        case recall
    }

    public var recall: String

    public init(recall: String) {
        self.recall = recall
    }

    public var permission: Permission { .recall }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<RecallClosed> {
        let recall = try state.requireOpenRecall(recall)
        let open = recall.undispositioned
        guard open.isEmpty else {
            let shown = open.prefix(10).map(\.rawValue).joined(separator: ", ") + (open.count > 10 ? ", ..." : "")
            throw LotlineError.refused(
                "recall-lots-undispositioned",
                "recall \(recall.id) still holds \(open.count) lot(s) without a disposition: \(shown)", value: recall.id,
                remedy: open.first.map { .disposition(recall: recall.id, lot: $0.rawValue) })
        }
        return Decision(RecallClosed(recall: recall.id))
    }
}

extension LedgerState {
    /// A recall (not a drill) that is still open, or the rule that refuses it.
    public func requireOpenRecall(_ text: String) throws -> RecallState {
        let id = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard let recall = try recall(id), !recall.isDrill else {
            throw LotlineError.notFound("recall-not-found", "no recall '\(text)'", value: text, remedy: .list(.recall))
        }
        guard !recall.closed else { throw LotlineError.refused("recall-closed", "recall \(recall.id) is closed", value: recall.id) }
        return recall
    }
}
