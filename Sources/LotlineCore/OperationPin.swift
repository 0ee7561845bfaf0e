import Foundation

/// Where and when a planner fixed an operation: the scheduler never moves it, whatever it would prefer.
public struct OperationPin: Sendable, Hashable, Codable {
    /// The machine; nil for an outside process, which takes no machine of ours.
    public var machine: EquipmentCode?
    public var start: BusinessTime

    public init(machine: EquipmentCode?, start: BusinessTime) {
        self.machine = machine
        self.start = start
    }
}

/// A planner pinned an operation to a machine and a start, or took its pin off (`pin` nil).
public struct OperationPinSet: EventBody, Hashable {
    public static let type = "operation.pin_set"
    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var pin: OperationPin?
    public var lots: [LotNumber] { [] }
}

extension OperationPinSet {
    public var recorded: RecordedEvent { .operationPinSet(self) }
}

extension RoutingOperation {
    /// The work centers that may run the operation: its own, then its alternatives in order of preference.
    var candidateCenters: [WorkCenterCode] {
        [WorkCenterCode(rawValue: LotNumberLookup.normalize(workCenter))] + (alternatives ?? [])
    }
}

extension WorkOrder {
    /// Setup plus run time for the order's quantity, in whole minutes; nil when the routing gives neither.
    public func plannedMinutes(_ op: WorkOrderOperation) -> Int? {
        guard op.routing.setupMinutes != nil || op.routing.runMinutes != nil else { return nil }
        let total = (op.routing.setupMinutes ?? 0) + (op.routing.runMinutes ?? 0) * quantity.amount
        // Capped far beyond any horizon, so a wild routing time cannot overflow a schedule's sums.
        return Int(min(NSDecimalNumber(decimal: total).doubleValue.rounded(.up), 1e9))
    }

    /// A pinned operation's planned minutes, from its pin's start.
    public func pinnedInterval(_ op: WorkOrderOperation) -> DateInterval? {
        guard let pin = op.pin, let minutes = plannedMinutes(op) else { return nil }
        return DateInterval(start: pin.start.date, duration: Double(minutes) * 60)
    }
}

/// Pin an operation not yet started to a machine of its work center (or of an alternative one) and a start, so the
/// scheduler keeps it there; or take the pin off. Two pins never overlap on a machine, and an order's pinned operations
/// keep their sequence.
public struct PinOperation: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case seq, machine, start, unpin
        case workOrder = "wo"
    }

    public var workOrder: String
    public var seq: Int
    public var machine: String?
    public var start: String?
    public var unpin: Bool

    public init(workOrder: String, seq: Int, machine: String? = nil, start: String? = nil, unpin: Bool = false) {
        self.workOrder = workOrder
        self.seq = seq
        self.machine = machine
        self.start = start
        self.unpin = unpin
    }

    public var permission: Permission { .planWork }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<OperationPinSet> {
        let order = try state.requireWorkOrder(workOrder)
        try OperationRules.requireOpen(order)
        let op = try OperationRules.find(order, seq)
        if unpin {
            guard machine == nil, start == nil else {
                throw LotlineError.badInput("unpin-with-place", "unpinning takes no machine or start", value: machine ?? start)
            }
            guard op.pin != nil else {
                throw LotlineError.refused("operation-not-pinned", "operation \(seq) of \(order.number) is not pinned", value: String(seq))
            }
            return Decision(OperationPinSet(workOrder: order.number, seq: seq, pin: nil))
        }
        guard op.status == .pending else {
            throw LotlineError.refused(
                "operation-not-pending", "operation \(seq) of \(order.number) is \(op.status.rawValue); only an operation not yet started is pinned",
                value: String(seq))
        }
        guard let start else { throw LotlineError.badInput("start-missing", "a pin needs the time it starts") }
        // Kept in the plant's time zone, whatever offset was typed, so the schedule shows it as every other time.
        let starts = BusinessTime(date: try BusinessTime.parse(start, timeZone: context.timeZone, field: "start").date, timeZone: context.timeZone)
        guard starts.date >= context.now.date, starts.date <= context.now.date.addingTimeInterval(366 * 86_400) else {
            throw LotlineError.badInput(
                "pin-out-of-range", "a pin starts from now to a year ahead (the longest horizon); \(starts.text) is not", value: start)
        }
        let pin = OperationPin(machine: try machineCode(op, order, state), start: starts)
        var pinned = op
        pinned.pin = pin
        guard let interval = order.pinnedInterval(pinned) else {
            throw LotlineError.refused(
                "routing-times-missing",
                "operation \(seq) of \(order.number) has no setup or run time, so a pin cannot say when it ends; give its routing operation times",
                value: String(seq))
        }
        try checkSequence(interval, order, context.timeZone)
        if let machine = pin.machine { try checkMachine(machine, interval, order, state, context.timeZone) }
        return Decision(OperationPinSet(workOrder: order.number, seq: seq, pin: pin))
    }

    /// The machine named, which must be one of the operation's work center or its alternatives; none for an outside
    /// process at a work center the plant does not have.
    private func machineCode(_ op: WorkOrderOperation, _ order: WorkOrder, _ state: any LedgerState) throws -> EquipmentCode? {
        let centers = try op.routing.candidateCenters.compactMap { try state.workCenter($0) }
        let allowed = centers.flatMap(\.machines)
        guard let machine else {
            if op.routing.specialProcess != nil && centers.isEmpty { return nil }
            throw LotlineError.badInput(
                "machine-missing", "a pin needs a machine: one of \(allowed.map(\.rawValue).joined(separator: ", "))", value: nil)
        }
        let code = try state.require(machine, EquipmentKind.self).code
        guard allowed.contains(code) else {
            throw LotlineError.badInput(
                "machine-not-in-work-center",
                "machine \(code) is not a machine of work center \(op.routing.workCenter) or its alternatives"
                    + (allowed.isEmpty ? "" : " (\(allowed.map(\.rawValue).joined(separator: ", ")))"), value: machine)
        }
        return code
    }

    /// The order's other pinned operations stay in sequence around this one.
    private func checkSequence(_ interval: DateInterval, _ order: WorkOrder, _ timeZone: TimeZone) throws {
        for other in order.operations where other.seq != seq && other.status == .pending {
            guard let span = order.pinnedInterval(other) else { continue }
            let inOrder = other.seq < seq ? span.end <= interval.start : interval.end <= span.start
            guard inOrder else {
                throw LotlineError.refused(
                    "pin-out-of-sequence",
                    "operation \(other.seq) of \(order.number) is pinned \(Self.span(span, timeZone)); operation \(seq) would "
                        + (other.seq < seq ? "start before it ends" : "end after it starts"), value: String(other.seq))
            }
        }
    }

    /// No other pin on the machine overlaps this one.
    private func checkMachine(
        _ machine: EquipmentCode, _ interval: DateInterval, _ order: WorkOrder, _ state: any LedgerState, _ timeZone: TimeZone
    ) throws {
        for (other, op) in try state.pinnedOperations(on: machine) where !(other.number == order.number && op.seq == seq) {
            guard let span = other.pinnedInterval(op), span.start < interval.end, interval.start < span.end else { continue }
            throw LotlineError.refused(
                "pin-overlap", "\(machine) is pinned to operation \(op.seq) of \(other.number) \(Self.span(span, timeZone))",
                value: "\(other.number) \(op.seq)")
        }
    }

    private static func span(_ interval: DateInterval, _ timeZone: TimeZone) -> String {
        "from \(BusinessTime(date: interval.start, timeZone: timeZone).text) to \(BusinessTime(date: interval.end, timeZone: timeZone).text)"
    }
}
