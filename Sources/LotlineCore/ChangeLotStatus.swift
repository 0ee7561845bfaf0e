import Foundation

/// A quality decision on a lot: hold it, release it from hold, or reject it. Each needs a reason code.
public struct ChangeLotStatus: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, action, reason, note
    }

    public enum Action: String, Sendable, Codable, CaseIterable {
        case hold, release, reject
    }

    public var lot: String
    public var action: Action
    public var reason: String
    public var note: String?

    public init(lot: String, action: Action, reason: String, note: String? = nil) {
        self.lot = lot
        self.action = action
        self.reason = reason
        self.note = note
    }

    public var permission: Permission { action == .hold ? .hold : .release }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotStatusChanged> {
        let lot = try state.requireLot(lot)
        let reason = try state.require(reason, ReasonKind.self).code
        let note = try TextInput.optional(note, field: "note")
        let to = try target(lot)
        let recalls = try state.recallHolds(of: lot.number)
        guard recalls.isEmpty else {
            throw LotlineError.refused(
                "lot-held-by-recall",
                "cannot \(action.rawValue) lot \(lot.number): recall \(recalls.joined(separator: ", ")) holds it; only the recall's disposition "
                    + "lifts it", value: recalls[0], remedy: .disposition(recall: recalls[0], lot: lot.number.rawValue))
        }
        var event = LotStatusChanged(lot: lot.number, from: lot.storedStatus, to: to, reason: reason, note: note)
        if to == .onHold {
            let orders = Set(try state.awaitingOutput(of: [lot.number]).map(\.workOrder)).sorted()
            event.heldOrders = orders.isEmpty ? nil : orders
        }
        return Decision(event, reason: TextInput.reason(reason, note: note))
    }

    /// The status the action leads to from the lot's stored status, or the rule that refuses it.
    private func target(_ lot: Lot) throws -> LotStatus {
        let status = lot.storedStatus
        let refuse = { (advice: String, remedy: Remedy?) in
            LotlineError.refused(
                "status-transition-invalid", "cannot \(action.rawValue) lot \(lot.number): it is \(status.rawValue); \(advice)",
                value: lot.number.rawValue, remedy: remedy)
        }
        switch (action, status) {
        case (.hold, .quarantine), (.hold, .released): return .onHold
        case (.hold, .onHold): throw refuse("it is already on hold", nil)
        case (.release, .onHold): return lot.heldFrom ?? .released
        case (.release, .quarantine): throw refuse("a lot in quarantine is released by passing inspection", .passInspection(lot: lot.number.rawValue))
        case (.release, .released): throw refuse("it is already released", nil)
        case (.reject, .quarantine), (.reject, .released), (.reject, .onHold): return .rejected
        case (_, .rejected): throw refuse("a rejected lot can only be scrapped", nil)
        default: throw refuse("it is no longer in stock", nil)
        }
    }
}
