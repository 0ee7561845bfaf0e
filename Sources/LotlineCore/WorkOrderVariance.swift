import Foundation

/// One operation's place in one published schedule version, and when that version was published.
public struct PlannedOperation: Sendable, Hashable {
    public var version: Int
    public var publishedAt: BusinessTime
    public var operation: ScheduledOperation

    public init(version: Int, publishedAt: BusinessTime, operation: ScheduledOperation) {
        self.version = version
        self.publishedAt = publishedAt
        self.operation = operation
    }
}

/// Material that moved at an order: an issue (with what was planned then) or a return, and when.
public struct MaterialMove: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case issued(MaterialIssued)
        case returned(MaterialReturned)
    }

    public var kind: Kind
    public var at: BusinessTime

    public init(_ kind: Kind, at: BusinessTime) {
        self.kind = kind
        self.at = at
    }

    /// The lot that moved, and how much: negative for a return.
    public var portion: (lot: LotNumber, amount: Decimal, unit: String) {
        switch kind {
        case .issued(let e): (e.lot, e.quantity.amount, e.quantity.unit)
        case .returned(let e): (e.lot, -e.quantity.amount, e.quantity.unit)
        }
    }
}

/// A work order planned against actual: each operation's planned machine and times (from the schedule version in force
/// when it started) beside what happened; each material's planned lots beside the lots issued and consumed, and every
/// lot used that the plan did not name, with its reason.
public struct WorkOrderVariance: Sendable, Hashable, Codable {
    public struct OperationLine: Sendable, Hashable, Codable {
        public var seq: Int
        public var name: String
        public var status: OperationStatus
        /// The schedule version the plan is from; nil when no schedule ever placed the operation.
        public var plannedVersion: Int?
        public var plannedMachine: EquipmentCode?
        public var plannedStart: BusinessTime?
        public var plannedEnd: BusinessTime?
        public var machine: EquipmentCode?
        public var startedAt: String?
        public var completedAt: String?
        /// Minutes the operation started and ended after the plan (negative: before).
        public var startLateMinutes: Int?
        public var endLateMinutes: Int?
    }

    /// A lot used that the plan did not allocate, and why.
    public struct Substitution: Sendable, Hashable, Codable {
        public var lot: LotNumber
        public var quantity: Quantity
        public var at: BusinessTime
        /// The reason code given (for a lot off the plan, or off the bill of material); nil when none was given.
        public var reason: ReasonCode?
        /// `off plan` or `off bill of material`.
        public var kind: String
    }

    public struct MaterialLine: Sendable, Hashable, Codable {
        public var item: PartNumber
        public var plannedVersion: Int?
        public var planned: [LotPortion]
        /// Issued less returned, by lot.
        public var issued: [LotPortion]
        public var consumed: [LotPortion]
        public var substitutions: [Substitution]
    }

    public var workOrder: WorkOrderNumber
    public var item: PartNumber
    public var quantity: Quantity
    public var status: WorkOrderStatus
    public var operations: [OperationLine]
    public var materials: [MaterialLine]

    /// Compares the order's plans with what happened. `items` says each lot's item.
    public static func compare(
        _ order: WorkOrder, plans: [PlannedOperation], moves: [MaterialMove], consumed: [LotPortion], items: [LotNumber: PartNumber]
    ) -> WorkOrderVariance {
        WorkOrderVariance(
            workOrder: order.number, item: order.item, quantity: order.quantity, status: order.status,
            operations: order.operations.map { operationLine($0, plans: plans) },
            materials: materialLines(order, plans: plans, moves: moves, consumed: consumed, items: items))
    }

    /// The plan in force when the operation started (the last version published by then), else the latest one; a
    /// version that only echoed the started operation is not a plan.
    private static func operationLine(_ op: WorkOrderOperation, plans: [PlannedOperation]) -> OperationLine {
        let started = op.startedAt.flatMap { try? BusinessTime.parse($0, timeZone: .utc) }
        let candidates = plans.filter { $0.operation.seq == op.seq && $0.operation.fixed != .started }.sorted { $0.version < $1.version }
        let plan = started.map { start in candidates.last { $0.publishedAt.date <= start.date } ?? candidates.first } ?? candidates.last
        let completed = op.completedAt.flatMap { try? BusinessTime.parse($0, timeZone: .utc) }
        func late(_ actual: BusinessTime?, _ planned: BusinessTime?) -> Int? {
            guard let actual, let planned else { return nil }
            return Int((actual.date.timeIntervalSince(planned.date) / 60).rounded())
        }
        return OperationLine(
            seq: op.seq, name: op.routing.name, status: op.status, plannedVersion: plan?.version, plannedMachine: plan?.operation.machine,
            plannedStart: plan?.operation.start, plannedEnd: plan?.operation.end, machine: op.equipment, startedAt: op.startedAt,
            completedAt: op.completedAt, startLateMinutes: late(started, plan?.operation.start), endLateMinutes: late(completed, plan?.operation.end))
    }

    /// Per material (the bill's, then anything issued off it): the plan recorded at its first issue, else the latest
    /// schedule's allocation; the lots issued, consumed, and used off the plan.
    private static func materialLines(
        _ order: WorkOrder, plans: [PlannedOperation], moves: [MaterialMove], consumed: [LotPortion], items: [LotNumber: PartNumber]
    ) -> [MaterialLine] {
        var issuedItems: [PartNumber] = []
        for move in moves {
            if case .issued(let issued) = move.kind, let item = items[issued.lot], !issuedItems.contains(item) { issuedItems.append(item) }
        }
        let allItems = order.components.map(\.component) + issuedItems.filter { item in !order.components.contains { $0.component == item } }
        return allItems.map { item in
            let issues = moves.compactMap { move -> (MaterialIssued, BusinessTime)? in
                guard case .issued(let issued) = move.kind, items[issued.lot] == item else { return nil }
                return (issued, move.at)
            }
            let plan = issues.lazy.compactMap(\.0.planned).first ?? latestAllocation(of: item, plans: plans, items: items)
            var net: [LotNumber: Quantity] = [:]
            var firstSeen: [LotNumber] = []
            for move in moves {
                let (lot, amount, unit) = move.portion
                guard items[lot] == item else { continue }
                if net[lot] == nil { firstSeen.append(lot) }
                net[lot] = Quantity((net[lot]?.amount ?? 0) + amount, unit)
            }
            let substitutions = issues.compactMap { issued, at -> Substitution? in
                if issued.deviation != nil {
                    return Substitution(lot: issued.lot, quantity: issued.quantity, at: at, reason: issued.deviation, kind: "off bill of material")
                }
                let offPlan = plan.map { plan in !plan.lots.contains { $0.lot == issued.lot } } ?? false
                guard offPlan else { return nil }
                return Substitution(lot: issued.lot, quantity: issued.quantity, at: at, reason: issued.substitute, kind: "off plan")
            }
            return MaterialLine(
                item: item, plannedVersion: plan?.version, planned: plan?.lots ?? [],
                issued: firstSeen.map { LotPortion(lot: $0, quantity: net[$0]!) }, consumed: consumed.filter { items[$0.lot] == item },
                substitutions: substitutions)
        }
    }

    /// The allocation of the item in the latest version that allocated any of it to the order.
    private static func latestAllocation(of item: PartNumber, plans: [PlannedOperation], items: [LotNumber: PartNumber]) -> PlannedLots? {
        for plan in plans.sorted(by: { $0.version > $1.version }) {
            let lots = (plan.operation.allocations ?? []).filter { items[$0.lot] == item }
            if !lots.isEmpty { return PlannedLots(version: plan.version, lots: lots) }
        }
        return nil
    }
}
