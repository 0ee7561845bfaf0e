import Foundation

/// Start a recall: everything forward of the named lot, supplier lot or heat (or, with `viaAncestor`, of the cause found
/// behind a defective unit) that is still in the building goes on hold, in one transaction.
public struct StartRecall: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case reason, certainty
        case target = "id", viaAncestor = "via_ancestor"
    }

    public var target: String
    public var reason: String
    /// A lot behind the defective unit `target` that is the cause: the recall runs forward from it, reaching the unit's siblings.
    public var viaAncestor: String?
    /// Narrows the recall to units reached this surely or better; nil (the default) covers every unit that could contain it.
    public var certainty: Certainty?

    public init(target: String, reason: String, viaAncestor: String? = nil, certainty: Certainty? = nil) {
        self.target = target
        self.reason = reason
        self.viaAncestor = viaAncestor
        self.certainty = certainty
    }

    public static let scheme = try! LotNumberScheme("RC{YY}-{SEQ:4}")

    public var permission: Permission { .recall }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<RecallStarted> {
        let reason = try TextInput.required(reason, field: "reason", limit: 500)
        let starts = try RecallTargets.resolve(target, viaAncestor: viaAncestor, state: state)
        let (id, sequence) = try RecallTargets.number(Self.scheme, state: state, context: context)
        let report = try state.recallReport(id: id, target: target, reason: reason, startingLots: starts, today: context.today)
            .narrowed(to: certainty)
        var held: [HeldLot] = []
        for affected in report.affected where affected.inBuilding {
            // A lot on an ordinary hold is held by the recall too, so a `lot release` cannot let it out.
            if let lot = try state.lot(affected.lot), [.quarantine, .released, .onHold].contains(lot.storedStatus) {
                held.append(HeldLot(lot: affected.lot, from: lot.storedStatus))
            }
        }
        var orders: [OutputHold] = []
        for pending in report.awaitingOutput where !orders.contains(where: { $0.workOrder == pending.workOrder && $0.lot == pending.lot }) {
            orders.append(OutputHold(workOrder: pending.workOrder, lot: pending.lot))
        }
        let event = RecallStarted(
            recall: id, target: target, reason: reason, viaAncestor: try viaAncestor.map { try state.requireLot($0).number }, startingLots: starts,
            held: held, affectedCount: report.affected.count, sequence: sequence, heldOrders: orders.isEmpty ? nil : orders, certainty: certainty)
        return Decision(event, reason: "recall \(id): \(reason)")
    }
}

/// Record a mock-recall drill that was run (without holds): its target, what it found and how long it took.
public struct RecordDrill: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case report
        case target = "id", elapsedSeconds = "elapsed_seconds"
    }

    public var target: String
    public var report: RecallReport
    public var elapsedSeconds: Double

    public init(target: String, report: RecallReport, elapsedSeconds: Double) {
        self.target = target
        self.report = report
        self.elapsedSeconds = elapsedSeconds
    }

    public static let scheme = try! LotNumberScheme("DR{YY}-{SEQ:4}")

    public var permission: Permission { .recall }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<RecallDrilled> {
        guard elapsedSeconds >= 0, !report.startingLots.isEmpty else {
            throw LotlineError.badInput("drill-invalid", "a drill needs starting lots and a measured time", value: target)
        }
        let (id, sequence) = try RecallTargets.number(Self.scheme, state: state, context: context)
        let gaps = report.balances.filter { !$0.holds }.map { "\($0.lot): \(Quantity.format($0.gap)) \($0.received.unit) unaccounted" }
        let event = RecallDrilled(
            drill: id, target: target, startingLots: report.startingLots, affectedCount: report.affected.count, customerCount: report.customers.count,
            balanced: report.balanced, gaps: gaps, elapsedSeconds: elapsedSeconds, sequence: sequence)
        return Decision(event)
    }
}

/// What recalls and drills share: finding the starting lots and numbering the run.
public enum RecallTargets {
    public static func resolve(_ target: String, viaAncestor: String?, state: any LedgerState) throws -> [LotNumber] {
        let roots = try state.traceRoots(target)
        guard let viaAncestor else { return roots.map(\.number) }
        let cause = try state.requireLot(viaAncestor)
        guard roots.count == 1, let unit = roots.first, try state.ancestors(of: unit.number).contains(cause.number) else {
            throw LotlineError.refused(
                "not-an-ancestor", "lot \(cause.number) is not behind \(target)", value: cause.number.rawValue,
                remedy: .traceBackward(lot: target))
        }
        return [cause.number]
    }

    static func number(_ scheme: LotNumberScheme, state: any LedgerState, context: CommandContext) throws -> (String, SequenceUse) {
        let inputs = LotNumberScheme.Inputs(day: context.today, item: PartNumber(rawValue: ""))
        let value = try state.lastSequence(scheme.sequenceKey(inputs)) + 1
        return (scheme.number(inputs, sequence: value).rawValue, SequenceUse(key: scheme.sequenceKey(inputs), value: value))
    }
}
