import Foundation
import Scheduling

/// The plant turned into a flexible job shop for the engine, and the engine's answer turned back into the plant's
/// operations. Machines are the equipment of the work centers; an outside process gets a machine of its own (the
/// processor's capacity is not ours to plan). Each order's run of movable operations between fixed ones is one job.
struct PlantShopBuilder {
    /// An operation the scheduler may place.
    struct Movable {
        var order: WorkOrderNumber
        var seq: Int
        var workCenter: String
        /// Machine index -> the work center it is used as (the operation's own, or an alternative).
        var machines: [(index: Int, center: String)]
        var outside: Bool
        var minutes: Int
    }

    let plant: PlantScheduler.Plant
    let calendar: PlantCalendar
    let options: PlantScheduler.Options
    private(set) var machines: [EquipmentCode] = []
    private var machineIndex: [EquipmentCode: Int] = [:]
    private var machineCenter: [WorkCenter] = []
    private var centers: [String: WorkCenter] = [:]
    private var blocks: [Int: [Range<Int>]] = [:]
    private(set) var fixed: [ScheduledOperation] = []
    private(set) var unscheduled: [UnscheduledOperation] = []
    private(set) var jobs: [[Movable]] = []
    private(set) var releases: [[Int]] = []
    private var outsideCount = 0

    init(plant: PlantScheduler.Plant, calendar: PlantCalendar, options: PlantScheduler.Options) {
        self.plant = plant
        self.calendar = calendar
        self.options = options
        for center in plant.workCenters.sorted(by: { $0.code < $1.code }) {
            centers[center.code.rawValue] = center
            for machine in center.machines where machineIndex[machine] == nil {
                machineIndex[machine] = machines.count
                machines.append(machine)
                machineCenter.append(center)
            }
        }
    }

    /// Sorts every open order's operations into fixed, movable (in jobs) and unschedulable, earliest due first.
    mutating func collect() {
        let open = plant.orders.filter { $0.status != .closed }.sorted {
            ($0.due.map { "\($0)" } ?? "~", $0.number.rawValue) < ($1.due.map { "\($0)" } ?? "~", $1.number.rawValue)
        }
        // Every started operation holds its machine first, so nothing frozen is kept on top of one.
        for order in open {
            for op in order.operations where op.status == .started {
                let (start, end) = startedTimes(op, order)
                if let machine = op.equipment.flatMap({ machineIndex[$0] }) { blocks[machine, default: []].append(max(0, start)..<end) }
            }
        }
        for order in open { collect(order) }
    }

    /// A started operation's planned minutes from its start, and at least until now.
    private func startedTimes(_ op: WorkOrderOperation, _ order: WorkOrder) -> (start: Int, end: Int) {
        let start = op.startedAt.flatMap { try? BusinessTime.parse($0, timeZone: calendar.timeZone) }.map { calendar.minute($0.date) } ?? 0
        return (start, max(start + (minutes(op, order) ?? 0), 0))
    }

    private mutating func collect(_ order: WorkOrder) {
        var ready = 0
        var segment: [Movable] = []
        var blockedBy: Int?
        func close(_ builder: inout PlantShopBuilder) {
            guard !segment.isEmpty else { return }
            builder.jobs.append(segment)
            builder.releases.append([ready] + Array(repeating: 0, count: segment.count - 1))
            segment = []
        }
        for op in order.operations.sorted(by: { $0.seq < $1.seq }) where op.status != .completed {
            if op.status == .started {
                close(&self)
                let (start, end) = startedTimes(op, order)
                fixed.append(
                    ScheduledOperation(
                        workOrder: order.number, seq: op.seq, workCenter: op.routing.workCenter, machine: op.equipment, start: calendar.time(start),
                        end: calendar.time(end), fixed: .started))
                ready = max(ready, end)
                continue
            }
            if let blockedBy {
                unscheduled.append(
                    UnscheduledOperation(workOrder: order.number, seq: op.seq, reason: "after operation \(blockedBy), which is not scheduled"))
                continue
            }
            if segment.isEmpty, let frozen = frozen(order, op, after: ready) {
                fixed.append(frozen.operation)
                if let machine = frozen.machine { blocks[machine, default: []].append(frozen.minutes) }
                ready = frozen.minutes.upperBound
                continue
            }
            switch movable(order, op) {
            case .success(let movable): segment.append(movable)
            case .failure(let refusal):
                unscheduled.append(UnscheduledOperation(workOrder: order.number, seq: op.seq, reason: refusal.reason))
                blockedBy = op.seq
            }
        }
        close(&self)
    }

    private struct Refusal: Error { var reason: String }

    private mutating func movable(_ order: WorkOrder, _ op: WorkOrderOperation) -> Result<Movable, Refusal> {
        guard let length = minutes(op, order) else { return .failure(Refusal(reason: "its routing operation has no setup or run time")) }
        let centerCode = LotNumberLookup.normalize(op.routing.workCenter)
        if op.routing.specialProcess != nil && centers[centerCode] == nil {
            defer { outsideCount += 1 }
            return .success(
                Movable(
                    order: order.number, seq: op.seq, workCenter: op.routing.workCenter, machines: [(-1 - outsideCount, centerCode)], outside: true,
                    minutes: length))
        }
        guard let center = centers[centerCode] else {
            return .failure(Refusal(reason: "work center \(op.routing.workCenter) is not defined (it has no machines to schedule on)"))
        }
        var choices: [(index: Int, center: String)] = []
        for candidate in [center] + (op.routing.alternatives ?? []).compactMap({ centers[$0.rawValue] }) {
            for machine in candidate.machines where !choices.contains(where: { $0.index == machineIndex[machine] }) {
                choices.append((machineIndex[machine]!, candidate.code.rawValue))
            }
        }
        return .success(
            Movable(order: order.number, seq: op.seq, workCenter: center.code.rawValue, machines: choices, outside: false, minutes: length))
    }

    /// The previous schedule's place for an operation, kept when it starts inside the frozen window, on a machine we
    /// still have (or outside, on no machine of ours), not before `ready`.
    private func frozen(_ order: WorkOrder, _ op: WorkOrderOperation, after ready: Int) -> (
        operation: ScheduledOperation, machine: Int?, minutes: Range<Int>
    )? {
        guard options.frozenHours > 0, let previous = plant.previous?.operation(order.number, op.seq) else { return nil }
        let machine = previous.machine.flatMap { machineIndex[$0] }
        guard machine != nil || previous.machine == nil && op.routing.specialProcess != nil else { return nil }
        let start = calendar.minute(previous.start.date)
        let end = calendar.minute(previous.end.date)
        guard start >= max(0, ready), start < options.frozenHours * 60, end > start,
            machine.map({ blocks[$0]?.contains { $0.overlaps(start..<end) } != true }) ?? true
        else { return nil }
        var kept = previous
        kept.fixed = .frozen
        kept.allocations = nil
        return (kept, machine, start..<end)
    }

    /// Setup plus run time for the order's quantity, in whole minutes; nil when the routing gives neither.
    private func minutes(_ op: WorkOrderOperation, _ order: WorkOrder) -> Int? {
        guard op.routing.setupMinutes != nil || op.routing.runMinutes != nil else { return nil }
        let total = (op.routing.setupMinutes ?? 0) + (op.routing.runMinutes ?? 0) * order.quantity.amount
        // Capped far beyond any horizon, so a wild routing time cannot overflow the engine's sums.
        return Int(min(NSDecimalNumber(decimal: total).doubleValue.rounded(.up), 1e9))
    }

    /// The engine's instance: real machines first, then one machine per outside operation; nil when nothing moves.
    func instance() -> ShopInstance? {
        guard !jobs.isEmpty else { return nil }
        let shopJobs = jobs.map { job in
            job.map { movable in
                ShopInstance.Operation(
                    alternatives: movable.machines.map { ShopInstance.Alternative(machine: shopMachine($0.index), duration: movable.minutes) })
            }
        }
        return try? ShopInstance(name: "plant", machineCount: machines.count + outsideCount, jobs: shopJobs)
    }

    private func shopMachine(_ index: Int) -> Int { index >= 0 ? index : machines.count + (-1 - index) }

    /// Each machine's working minutes: its center's shifts, less downtime and fixed operations; outside processes
    /// anywhere up to the planning end.
    func windows() -> [[Range<Int>]?] {
        let real: [[Range<Int>]?] = machines.indices.map { index in
            let machine = machines[index]
            let down = plant.downtimes.filter { downtime in
                downtime.machine == machine || downtime.machine == nil && centers[downtime.workCenter.rawValue]?.machines.contains(machine) == true
            }.map { calendar.minute($0.from.date)..<max(calendar.minute($0.from.date), calendar.minute($0.to.date)) }
            return PlantCalendar.subtract(down + (blocks[index] ?? []), from: calendar.windows(shifts: machineCenter[index].shifts))
        }
        return real + Array(repeating: [0..<calendar.planningEnd], count: outsideCount)
    }

    /// The engine's schedule as the plant's operations; what did not fit in the horizon, and what follows it in its
    /// order, is unscheduled with the reason.
    func placements(_ schedule: ShopSchedule) -> (scheduled: [ScheduledOperation], unscheduled: [UnscheduledOperation]) {
        var scheduled: [ScheduledOperation] = []
        var unscheduled: [UnscheduledOperation] = []
        var byJob: [Int: [ShopSchedule.Entry]] = [:]
        for entry in schedule.entries { byJob[entry.job, default: []].append(entry) }
        for (job, operations) in jobs.enumerated() {
            var blockedBy: Int?
            for entry in (byJob[job] ?? []).sorted(by: { $0.operation < $1.operation }) {
                let movable = operations[entry.operation]
                if let blockedBy {
                    unscheduled.append(
                        UnscheduledOperation(
                            workOrder: movable.order, seq: movable.seq, reason: "after operation \(blockedBy), which is not scheduled"))
                    continue
                }
                guard entry.start < MachineCalendar.never / 2, entry.end <= calendar.horizon else {
                    unscheduled.append(
                        UnscheduledOperation(
                            workOrder: movable.order, seq: movable.seq,
                            reason:
                                "no capacity at \(movable.workCenter) within the \(options.horizonDays)-day horizon for its \(movable.minutes) minutes"
                        ))
                    blockedBy = movable.seq
                    continue
                }
                let choice = movable.machines.first { shopMachine($0.index) == entry.machine }
                scheduled.append(
                    ScheduledOperation(
                        workOrder: movable.order, seq: movable.seq,
                        workCenter: movable.outside ? movable.workCenter : (choice?.center ?? movable.workCenter),
                        machine: movable.outside ? nil : machines[entry.machine], start: calendar.time(entry.start), end: calendar.time(entry.end)))
            }
        }
        return (scheduled, unscheduled)
    }
}
