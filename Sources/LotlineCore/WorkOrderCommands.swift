import Foundation

/// Create a work order for an item; its bill of material and routing are copied into the order.
public struct CreateWorkOrder: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case item, due, number, customer
        case quantity = "qty", salesOrder = "sales_order"
    }

    public var item: String
    public var quantity: String
    public var due: String?
    /// The order's own number (an ERP's, carried over with its history); else the next in `WO{YY}-{SEQ:4}`.
    public var number: String?
    /// The customer the order is made for, and their order number: who waits when a hold stops it.
    public var customer: String?
    public var salesOrder: String?

    public init(item: String, quantity: String, due: String? = nil, number: String? = nil, customer: String? = nil, salesOrder: String? = nil) {
        self.customer = customer
        self.salesOrder = salesOrder
        self.item = item
        self.quantity = quantity
        self.due = due
        self.number = number
    }

    public static let scheme = try! LotNumberScheme("WO{YY}-{SEQ:4}")

    public var permission: Permission { .planWork }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<WorkOrderCreated> {
        let item = try state.requireItem(item)
        let quantity = try Quantity.parse(quantity, unit: item.unit)
        if item.tracking == .serial, !quantity.isWhole {
            throw LotlineError.badInput("quantity-not-whole", "\(item.part) is serial-tracked, so its quantity must be whole, got \(quantity)")
        }
        let due = try due.map { try CalendarDate.parse($0, field: "due") }
        let customer = try customer.map { try state.require($0, CustomerKind.self).code }
        let salesOrder = try TextInput.optional(salesOrder, field: "sales_order")
        if salesOrder != nil && customer == nil {
            throw LotlineError.badInput("customer-missing", "a sales order needs the customer it belongs to", value: salesOrder)
        }
        let components = try state.bom(of: item.part)
        var operations = try state.routing(of: item.part)
        // An ERP's history has orders without routings: one operation stands for what was done, named as not recorded.
        if operations.isEmpty && context.history {
            operations = [RoutingOperation(seq: 10, name: "not recorded", workCenter: "not recorded")]
        }
        guard !operations.isEmpty else {
            throw LotlineError.refused(
                "routing-missing", "\(item.part) has no routing", value: item.part.rawValue, remedy: .addRouting(item: item.part.rawValue))
        }
        let (number, sequence) = try DocumentNumber.allocate(
            number, WorkOrderKind.self, scheme: Self.scheme, inputs: LotNumberScheme.Inputs(day: context.today, item: item.part), state: state
        ) { try state.workOrder($0) != nil }
        var event = WorkOrderCreated(
            number: number, item: item.part, quantity: quantity, due: due, components: components, operations: operations, sequence: sequence)
        event.customer = customer
        event.salesOrder = salesOrder
        return Decision(event)
    }
}

/// Release a planned work order to the floor, or close a finished one.
public struct ChangeWorkOrderStatus: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case number, to
    }

    public var number: String
    public var to: WorkOrderStatus

    public init(number: String, to: WorkOrderStatus) {
        self.number = number
        self.to = to
    }

    public var permission: Permission { to == .closed ? .closeWorkOrder : .planWork }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<WorkOrderStatusChanged> {
        let order = try state.requireWorkOrder(number)
        switch (order.status, to) {
        case (.planned, .released): break
        case (.released, .closed):
            let open = try state.workInProcess(order.number).filter { !$0.remaining.isZero }
            if let first = open.first {
                throw LotlineError.refused(
                    "work-order-has-wip",
                    "work order \(order.number) still holds \(first.remaining) of lot \(first.lot); it cannot be closed before that is used or returned",
                    value: first.lot.rawValue, remedy: .returnIssue(workOrder: order.number.rawValue))
            }
            if let running = order.operations.first(where: { $0.status == .started }) {
                throw LotlineError.refused(
                    "operation-in-progress", "operation \(running.seq) of \(order.number) is still in progress; complete it first",
                    value: String(running.seq))
            }
            if let held = try heldConsumedLots(order.number, state).first {
                throw LotlineError.refused(
                    "work-order-consumed-held-lot",
                    "work order \(order.number) consumed lot \(held.lot), which is on hold"
                        + (held.recall.map { " under recall \($0)" } ?? "") + "; it cannot be closed until that hold is decided",
                    value: held.lot.rawValue,
                    remedy: held.recall.map { .disposition(recall: $0, lot: held.lot.rawValue) } ?? .dispositionHold(lot: held.lot.rawValue))
            }
        default:
            throw LotlineError.refused(
                "work-order-transition-invalid", "work order \(order.number) is \(order.status.rawValue) and cannot become \(to.rawValue)",
                value: order.number.rawValue)
        }
        return Decision(WorkOrderStatusChanged(number: order.number, from: order.status, to: to))
    }

    /// The lots the order consumed that are on hold now (an ordinary hold until released or rejected, a recall's until
    /// it dispositions the lot, a rework until the lot is released), with the open recall that holds each, if any.
    private func heldConsumedLots(_ order: WorkOrderNumber, _ state: any LedgerState) throws -> [OutputHold] {
        try state.workInProcess(order).filter { !$0.consumed.isZero }.compactMap { wip in
            guard try state.lot(wip.lot)?.storedStatus == .onHold else { return nil }
            return OutputHold(workOrder: order, lot: wip.lot, recall: try state.recallHolds(of: wip.lot).first)
        }
    }
}

/// Issue material from a lot to a work order, or return unused material to stock.
public struct IssueMaterial: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, deviation, scan, substitute
        case quantity = "qty", workOrder = "wo", isReturn = "return", outOfOrder = "out_of_order"
    }

    /// The lot, typed or scanned (`scan`: its label as the scanner sends it); both given must be the same lot.
    public var lot: String?
    public var scan: String?
    public var quantity: String
    public var workOrder: String
    /// Return to stock instead of issuing.
    public var isReturn = false
    /// The reason code for issuing material that is not on the order's bill of material (a substitution, rework, a
    /// blend of the order's own item): recorded as a deviation on the work order and shown in traces.
    public var deviation: String?
    /// The reason code for issuing a lot ahead of an older usable lot of its item.
    public var outOfOrder: String?
    /// The reason code for issuing a lot the published schedule did not allocate to the order.
    public var substitute: String?

    public init(lot: String?, quantity: String, workOrder: String, isReturn: Bool = false, deviation: String? = nil, scan: String? = nil) {
        self.scan = scan
        self.lot = lot
        self.quantity = quantity
        self.workOrder = workOrder
        self.isReturn = isReturn
        self.deviation = deviation
    }

    public var permission: Permission { .produce }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<MaterialMoved> {
        let order = try state.requireWorkOrder(workOrder)
        // A return takes back what the order holds: a supplier's label names one of the order's lots.
        let held = isReturn ? Set(try state.workInProcess(order.number).filter { $0.remaining.amount > 0 }.map(\.lot)) : nil
        let lot = try ScannedLot.resolve(typed: lot, scan: scan, in: state, held: held)
        let quantity = try Quantity.parse(quantity, unit: lot.quantity.unit)
        guard order.status == .released else {
            throw LotlineError.refused(
                "work-order-not-released", "work order \(order.number) is \(order.status.rawValue); material moves only on a released order",
                value: order.number.rawValue)
        }
        if isReturn {
            let wip = try state.workInProcess(order.number).first { $0.lot == lot.number }
            guard let wip, quantity.amount <= wip.remaining.amount else {
                throw LotlineError.refused(
                    "return-exceeds-wip",
                    "cannot return \(quantity) of lot \(lot.number): work order \(order.number) holds \(wip?.remaining.description ?? "none of it")",
                    value: Quantity.format(quantity.amount))
            }
            let returned = MaterialReturned(workOrder: order.number, lot: lot.number, quantity: quantity)
            return Decision(.returned(returned), events: [PendingEvent(returned)])
        }
        let deviation = try deviation.map { try state.require($0, ReasonKind.self).code }
        try UsableLot.require(lot, for: .issue, today: context.today)
        let onBill = order.components.contains { $0.component == lot.item }
        if !onBill && deviation == nil {
            throw LotlineError.refused(
                "item-not-on-bom",
                "lot \(lot.number) is \(lot.item), which is not on the bill of material of work order \(order.number) (\(order.components.map(\.component.rawValue).joined(separator: ", "))); "
                    + "to use it anyway (a substitution, rework), record it as a deviation with its reason",
                value: lot.item.rawValue, remedy: .give([.deviation]))
        }
        if onBill, let deviation {
            throw LotlineError.badInput(
                "deviation-not-needed",
                "\(lot.item) is on the bill of material of work order \(order.number); a deviation is only for material that is not",
                value: deviation.rawValue)
        }
        try InventoryRules.requireAvailable(quantity, in: lot, rule: "issue-exceeds-quantity", action: "issue")
        let outOfOrder = try outOfOrder.map { try state.require($0, ReasonKind.self).code }
        // A lot the planner chose for the order is issued as planned: its reason is on the record already.
        let chosen = order.chosenLots?.contains { $0.item == lot.item && $0.lots.contains(lot.number) } ?? false
        let item = try state.item(lot.item)
        let older = chosen ? [] : try IssueOrderRule.olderLots(than: lot, minShelfLifeDays: item?.minShelfLifeDays, in: state, today: context.today)
        if !older.isEmpty, outOfOrder == nil, item?.issueOrder == .refuse {
            throw LotlineError.refused(
                "younger-lot-issued",
                "lot \(lot.number) would be issued ahead of older usable \(lot.item) lot\(older.count == 1 ? "" : "s") "
                    + "\(older.map(\.rawValue).joined(separator: ", ")) (first expiring first, else first received); issue those first, "
                    + "or give the reason with out-of-order",
                value: lot.number.rawValue)
        }
        let substitute = try substitute.map { try state.require($0, ReasonKind.self).code }
        var event = MaterialIssued(workOrder: order.number, lot: lot.number, quantity: quantity, deviation: deviation)
        event.olderLots = older.isEmpty ? nil : older
        event.outOfOrder = older.isEmpty ? nil : outOfOrder
        event.planned = try state.plannedLots(of: lot.item, for: order.number)
        event.substitute = event.isSubstitution ? substitute : nil
        let reason = [deviation, event.outOfOrder, event.substitute].compactMap { $0 }.first.map { TextInput.reason($0, note: nil) }
        return Decision(.issued(event), events: [PendingEvent(event, reason: reason)])
    }

    /// What issuing did: material went to the order, or came back from it.
    public enum MaterialMoved: Sendable {
        case issued(MaterialIssued)
        case returned(MaterialReturned)
    }
}

/// First expiring first, else first received, at issue: the older usable lots of an item a lot would be issued ahead of
/// (at most five named).
enum IssueOrderRule {
    static func olderLots(than lot: Lot, minShelfLifeDays: Int?, in state: any LedgerState, today: CalendarDate) throws -> [LotNumber] {
        guard let seq = try state.creatingEvent(of: lot.number) else { return [] }
        return try state.olderUsableLots(
            item: lot.item, than: lot.number, expiresOn: lot.expiresOn, receiptSeq: seq, usableOn: today.adding(days: minShelfLifeDays ?? 0),
            limit: 5)
    }
}
