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
        /// A pinned operation among movable ones: its machine of its own has one window, the pin's, so the search
        /// must end the order's earlier operations before it (or pay for never placing it).
        var pinned: ScheduledOperation?
    }

    let plant: PlantScheduler.Plant
    let calendar: PlantCalendar
    let options: PlantScheduler.Options
    /// Orders that may not start before these minutes: they wait for another order's output.
    var releaseAfter: [WorkOrderNumber: Int] = [:]
    private(set) var machines: [EquipmentCode] = []
    private var machineIndex: [EquipmentCode: Int] = [:]
    private var machineCenter: [WorkCenter] = []
    private var centers: [String: WorkCenter] = [:]
    private var blocks: [Int: [Range<Int>]] = [:]
    private(set) var fixed: [ScheduledOperation] = []
    private(set) var unscheduled: [UnscheduledOperation] = []
    private(set) var jobs: [[Movable]] = []
    private(set) var releases: [[Int]] = []
    /// The windows of the machines that are not ours: each outside operation's (any time) and each pin's (its own).
    private var virtualWindows: [[Range<Int>]] = []
    private var outsideCount: Int { virtualWindows.count }

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
        // Every started and pinned operation holds its machine first, so nothing frozen is kept on top of one.
        for order in open {
            for op in order.operations where op.status == .started {
                let (start, end) = startedTimes(op, order)
                if let machine = op.equipment.flatMap({ machineIndex[$0] }) { blocks[machine, default: []].append(max(0, start)..<end) }
            }
            for op in order.operations {
                if let pinned = pinnedTimes(op, order), let machine = pinned.machine { blocks[machine, default: []].append(pinned.minutes) }
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
        var ready = max(0, releaseAfter[order.number] ?? 0)
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
            if let machine = op.pin?.machine, op.status == .pending, !allowedMachines(op).contains(machine) {
                // The pinned machine left the operation's work centers since: the planner must pin it again.
                unscheduled.append(
                    UnscheduledOperation(
                        workOrder: order.number, seq: op.seq,
                        reason: "pinned to \(machine), which is no longer a machine of its work center or alternatives; pin it again or unpin it"))
                blockedBy = op.seq
                continue
            }
            if let pinned = pinnedTimes(op, order) {
                let kept = ScheduledOperation(
                    workOrder: order.number, seq: op.seq, workCenter: pinnedCenter(op, machine: pinned.machine), machine: op.pin?.machine,
                    start: calendar.time(pinned.minutes.lowerBound), end: calendar.time(pinned.minutes.upperBound), fixed: .pinned)
                guard !segment.isEmpty, blockedBy == nil, pinned.minutes.lowerBound >= 0 else {
                    // Nothing of the order to place before it: the pin simply holds its place.
                    close(&self)
                    fixed.append(kept)
                    ready = max(ready, pinned.minutes.upperBound)
                    continue
                }
                virtualWindows.append([pinned.minutes])
                segment.append(
                    Movable(
                        order: order.number, seq: op.seq, workCenter: kept.workCenter, machines: [(-outsideCount, kept.workCenter)], outside: false,
                        minutes: pinned.minutes.count, pinned: kept))
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

    /// The defined work centers that may run the operation: its own first, then its alternatives.
    private func candidates(_ op: WorkOrderOperation) -> [WorkCenter] {
        op.routing.candidateCenters.compactMap { centers[$0.rawValue] }
    }

    /// The machines of the operation's work center and its alternatives.
    private func allowedMachines(_ op: WorkOrderOperation) -> [EquipmentCode] { candidates(op).flatMap(\.machines) }

    /// The work center a pinned operation runs as: the first of its candidates that has the machine it is pinned to.
    private func pinnedCenter(_ op: WorkOrderOperation, machine: Int?) -> String {
        guard let machine else { return op.routing.workCenter }
        return candidates(op).first { $0.machines.contains(machines[machine]) }?.code.rawValue ?? op.routing.workCenter
    }

    private mutating func movable(_ order: WorkOrder, _ op: WorkOrderOperation) -> Result<Movable, Refusal> {
        guard let length = minutes(op, order) else { return .failure(Refusal(reason: "its routing operation has no setup or run time")) }
        let centerCode = LotNumberLookup.normalize(op.routing.workCenter)
        if op.routing.specialProcess != nil && centers[centerCode] == nil {
            defer { virtualWindows.append([0..<calendar.planningEnd]) }
            return .success(
                Movable(
                    order: order.number, seq: op.seq, workCenter: op.routing.workCenter, machines: [(-1 - outsideCount, centerCode)], outside: true,
                    minutes: length))
        }
        guard let center = centers[centerCode] else {
            return .failure(Refusal(reason: "work center \(op.routing.workCenter) is not defined (it has no machines to schedule on)"))
        }
        var choices: [(index: Int, center: String)] = []
        for candidate in candidates(op) {
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
        kept.awaits = nil
        return (kept, machine, start..<end)
    }

    private func minutes(_ op: WorkOrderOperation, _ order: WorkOrder) -> Int? { order.plannedMinutes(op) }

    /// A pinned operation's minutes from the pin's start; nil without routing times (a pin cannot be made then).
    private func pinnedTimes(_ op: WorkOrderOperation, _ order: WorkOrder) -> (machine: Int?, minutes: Range<Int>)? {
        guard op.status == .pending, let pin = op.pin, let length = minutes(op, order) else { return nil }
        let start = calendar.minute(pin.start.date)
        return (pin.machine.flatMap { machineIndex[$0] }, start..<(start + length))
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
        return real + virtualWindows
    }

    /// The engine's schedule as the plant's operations; what did not fit in the horizon, and what follows it in its
    /// order, is unscheduled with the reason.
    func placements(_ schedule: ShopSchedule) -> (scheduled: [ScheduledOperation], unscheduled: [UnscheduledOperation]) {
        var scheduled: [ScheduledOperation] = []
        var unscheduled: [UnscheduledOperation] = []
        var byJob: [Int: [ShopSchedule.Entry]] = [:]
        for entry in schedule.entries { byJob[entry.job, default: []].append(entry) }
        for (job, operations) in jobs.enumerated() {
            /// Why the rest of the job waits, once something before it could not be placed.
            var waiting: String?
            for entry in (byJob[job] ?? []).sorted(by: { $0.operation < $1.operation }) {
                let movable = operations[entry.operation]
                if let pinned = movable.pinned {
                    // The pin holds its place whatever the search did; if the order's earlier operations could not end
                    // before it, they are unscheduled with that reason, and so is what follows the pin.
                    scheduled.append(pinned)
                    if waiting == nil, entry.start >= MachineCalendar.never / 2 {
                        let reason =
                            "cannot end before pinned operation \(movable.seq) starts (\(pinned.start.text)); move or unpin it"
                        scheduled.removeAll { op in
                            guard op.workOrder == movable.order, op.seq < movable.seq, op.fixed == nil, op.end.date > pinned.start.date else {
                                return false
                            }
                            unscheduled.append(UnscheduledOperation(workOrder: op.workOrder, seq: op.seq, reason: reason))
                            return true
                        }
                        waiting = "after pinned operation \(movable.seq), which the order's earlier operations do not reach in time"
                    }
                    continue
                }
                if let waiting {
                    unscheduled.append(UnscheduledOperation(workOrder: movable.order, seq: movable.seq, reason: waiting))
                    continue
                }
                guard entry.start < MachineCalendar.never / 2, entry.end <= calendar.horizon else {
                    unscheduled.append(
                        UnscheduledOperation(
                            workOrder: movable.order, seq: movable.seq,
                            reason:
                                "no capacity at \(movable.workCenter) within the \(options.horizonDays)-day horizon for its \(movable.minutes) minutes"
                        ))
                    waiting = "after operation \(movable.seq), which is not scheduled"
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
