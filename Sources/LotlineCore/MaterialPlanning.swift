import Foundation

/// The material side of a schedule: each order's components are needed at its first operation not yet completed, on
/// the day that operation is planned to start, less what is already at the order. Needs are met from lots by the
/// allocation rule; an order whose need cannot be met is taken off the machines from that operation on, with the
/// reason (an operation that has started keeps its place, and its need is left to the people at it). `only` limits it to
/// the operations named "ORDER SEQ".
enum MaterialPlanning {
    static func allocate(
        _ scheduled: inout [ScheduledOperation], unscheduled: inout [UnscheduledOperation], plant: PlantScheduler.Plant, rule: AllocationRule,
        only: Set<String>? = nil
    ) {
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
        let result = LotAllocator.allocate(needs, lots: plant.lots, minShelfLife: plant.minShelfLife, rule: rule)
        for (needIndex, portions) in result.allocations.sorted(by: { $0.key < $1.key }) {
            let need = needs[needIndex]
            guard let position = index["\(need.workOrder) \(need.seq)"] else { continue }
            scheduled[position].allocations = (scheduled[position].allocations ?? []) + portions
        }
        var short: [WorkOrderNumber: (seq: Int, reason: String)] = [:]
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
        }
        guard !short.isEmpty else { return }
        scheduled = scheduled.filter { op in
            guard let cut = short[op.workOrder], op.seq >= cut.seq, op.fixed == nil else { return true }
            unscheduled.append(
                UnscheduledOperation(
                    workOrder: op.workOrder, seq: op.seq,
                    reason: op.seq == cut.seq ? cut.reason : "after operation \(cut.seq), which is not scheduled"))
            return false
        }
        unscheduled.sort { ($0.workOrder, $0.seq) < ($1.workOrder, $1.seq) }
    }
}
