import Foundation

/// The material side of a schedule: each order's components are needed at its first operation not yet completed, on
/// the day that operation is planned to start, less what is already at the order. Needs are met from lots by the
/// allocation rule; an order whose need cannot be met is taken off the machines from that operation on, with the
/// reason (an operation that has started keeps its place, and its need is left to the people at it). `only` limits it to
/// the operations named "ORDER SEQ".
///
/// What an open order will make counts as material from the day its last operation is planned to end: an assembly's
/// operation takes it after that order (`awaits`), never as a lot. Answers the orders that were short only because such
/// output comes later, with when it comes, so the scheduler can place them after it.
enum MaterialPlanning {
    @discardableResult
    static func allocate(
        _ scheduled: inout [ScheduledOperation], unscheduled: inout [UnscheduledOperation], plant: PlantScheduler.Plant, rule: AllocationRule,
        only: Set<String>? = nil
    ) -> [WorkOrderNumber: Date] {
        let supply = plannedSupply(scheduled, plant: plant)
        var index: [String: Int] = [:]
        for (position, op) in scheduled.enumerated() { index["\(op.workOrder) \(op.seq)"] = position }
        var needs: [MaterialNeed] = []
        for order in plant.orders where order.status != .closed {
            guard let first = order.operations.filter({ $0.status != .completed }).min(by: { $0.seq < $1.seq }),
                let position = index["\(order.number) \(first.seq)"], only?.contains("\(order.number) \(first.seq)") ?? true
            else { continue }
            let start = scheduled[position].start
            for line in order.components {
                let required = line.quantityPer.amount * order.quantity.amount
                let wanted = required - (plant.atOrders[order.number]?[line.component] ?? 0)
                guard wanted > 0 else { continue }
                var need = MaterialNeed(
                    workOrder: order.number, seq: first.seq, item: line.component, quantity: wanted, unit: line.quantityPer.unit, day: start.day)
                need.chosen = order.chosenLots?.first { $0.item == line.component }?.lots ?? []
                needs.append(need)
            }
        }
        let result = LotAllocator.allocate(needs, lots: plant.lots + supply.lots, minShelfLife: plant.minShelfLife, rule: rule)
        var short: [WorkOrderNumber: (seq: Int, reason: String)] = [:]
        var awaiting: [WorkOrderNumber: Date] = [:]
        for (needIndex, portions) in result.allocations.sorted(by: { $0.key < $1.key }) {
            let need = needs[needIndex]
            guard let position = index["\(need.workOrder) \(need.seq)"] else { continue }
            let lots = portions.filter { supply.makers[$0.lot] == nil }
            if !lots.isEmpty { scheduled[position].allocations = (scheduled[position].allocations ?? []) + lots }
            for maker in portions.compactMap({ supply.makers[$0.lot] }) {
                scheduled[position].awaits = (scheduled[position].awaits ?? []) + [maker.order]
                // The day was good enough to allocate; the minute must be too.
                if scheduled[position].start.date < maker.end.date, scheduled[position].fixed == nil {
                    short[need.workOrder] = (
                        need.seq, "waits for the output of \(maker.order), planned to end \(maker.end.text)"
                    )
                    awaiting[need.workOrder] = max(awaiting[need.workOrder] ?? maker.end.date, maker.end.date)
                }
            }
        }
        for (needIndex, reason) in result.shortages.sorted(by: { $0.key < $1.key }) {
            let need = needs[needIndex]
            guard let position = index["\(need.workOrder) \(need.seq)"], scheduled[position].fixed == nil, !reason.hasPrefix("not allocated") else {
                continue
            }
            if let earlier = short[need.workOrder] {
                short[need.workOrder] = (earlier.seq, earlier.reason + "; " + reason)
            } else {
                short[need.workOrder] = (need.seq, reason)
            }
            // Output of the item that some open order makes after the day of use: waiting for it may do.
            if let ready = supply.ready[need.item], need.day < ready.day {
                awaiting[need.workOrder] = max(awaiting[need.workOrder] ?? ready.date, ready.date)
            }
        }
        guard !short.isEmpty else { return awaiting }
        scheduled = scheduled.filter { op in
            guard let cut = short[op.workOrder], op.seq >= cut.seq, op.fixed == nil else { return true }
            unscheduled.append(
                UnscheduledOperation(
                    workOrder: op.workOrder, seq: op.seq,
                    reason: op.seq == cut.seq ? cut.reason : "after operation \(cut.seq), which is not scheduled"))
            return false
        }
        // An operation that waits for an order now taken off the machines waits for nothing that comes.
        scheduled = scheduled.filter { op in
            guard op.fixed == nil, let gone = op.awaits?.first(where: { short[$0] != nil }) else { return true }
            unscheduled.append(
                UnscheduledOperation(workOrder: op.workOrder, seq: op.seq, reason: "waits for the output of \(gone), which is not scheduled"))
            return false
        }
        unscheduled.sort { ($0.workOrder, $0.seq) < ($1.workOrder, $1.seq) }
        return awaiting
    }

    /// Output an open order will make, as lots from the day its last remaining operation is planned to end (only an
    /// order with every remaining operation scheduled, and only what it has still to make); with the order behind each,
    /// and by item the latest end.
    static func plannedSupply(_ scheduled: [ScheduledOperation], plant: PlantScheduler.Plant) -> (
        lots: [AllocatableLot], makers: [LotNumber: (order: WorkOrderNumber, end: BusinessTime)], ready: [PartNumber: BusinessTime]
    ) {
        var byOrder: [WorkOrderNumber: [ScheduledOperation]] = [:]
        for op in scheduled { byOrder[op.workOrder, default: []].append(op) }
        var lots: [AllocatableLot] = []
        var makers: [LotNumber: (order: WorkOrderNumber, end: BusinessTime)] = [:]
        var ready: [PartNumber: BusinessTime] = [:]
        for order in plant.orders.sorted(by: { $0.number < $1.number }) where order.status != .closed {
            let remaining = order.operations.filter { $0.status != .completed }.map(\.seq)
            let placed = byOrder[order.number] ?? []
            let left = order.quantity.amount - order.produced.amount
            guard !remaining.isEmpty, left > 0, Set(placed.map(\.seq)).isSuperset(of: remaining),
                let end = placed.max(by: { $0.end.date < $1.end.date })?.end
            else { continue }
            let number = LotNumber(rawValue: "planned output of \(order.number)")
            var lot = AllocatableLot(
                number: number, item: order.item, quantity: Quantity(left, order.quantity.unit), status: .released, expiresOn: nil,
                receiptSeq: Int64.max / 2 + Int64(lots.count))
            lot.availableOn = end.day
            lots.append(lot)
            makers[number] = (order.number, end)
            if ready[order.item].map({ $0.date < end.date }) ?? true { ready[order.item] = end }
        }
        return (lots, makers, ready)
    }
}
