import Foundation
import Scheduling

/// Schedules the plant's open work orders on its machines: each order's operations in sequence, each on a machine of
/// its work center or of an alternative one, inside shifts and outside downtime, by the `Scheduling` engine. What has
/// started, what a planner pinned and what the previous schedule put inside the frozen window stays where it is; what
/// cannot be placed is listed with the reason. Pure: the same inputs and options give the same schedule.
public enum PlantScheduler {
    public struct Options: Sendable {
        public var horizonDays: Int
        /// Hours ahead in which the previous schedule's operations keep their place.
        public var frozenHours: Int
        public var seconds: Double
        /// The search's iteration budget: with it, the same plant gives the same schedule on any machine.
        public var iterations: Int
        public var seed: UInt64
        public var allocation: AllocationRule

        public init(
            horizonDays: Int = 14, frozenHours: Int = 0, seconds: Double = 10, iterations: Int = 20_000, seed: UInt64 = 1,
            allocation: AllocationRule = .fefo
        ) {
            self.allocation = allocation
            self.horizonDays = horizonDays
            self.frozenHours = frozenHours
            self.seconds = seconds
            self.iterations = iterations
            self.seed = seed
        }
    }

    /// The plant as the scheduler sees it.
    public struct Plant: Sendable {
        public var orders: [WorkOrder]
        public var workCenters: [WorkCenter]
        public var downtimes: [Downtime]
        public var previous: PublishedSchedule?
        /// The lots of the orders' components, in stock, whatever their status.
        public var lots: [AllocatableLot]
        /// Each component item's minimum shelf life left at use, in days.
        public var minShelfLife: [PartNumber: Int]
        /// What of each component is already at each order (issued, less returned): needed no more.
        public var atOrders: [WorkOrderNumber: [PartNumber: Decimal]]

        public init(
            orders: [WorkOrder], workCenters: [WorkCenter], downtimes: [Downtime], previous: PublishedSchedule?, lots: [AllocatableLot] = [],
            minShelfLife: [PartNumber: Int] = [:], atOrders: [WorkOrderNumber: [PartNumber: Decimal]] = [:]
        ) {
            self.lots = lots
            self.minShelfLife = minShelfLife
            self.atOrders = atOrders
            self.orders = orders
            self.workCenters = workCenters
            self.downtimes = downtimes
            self.previous = previous
        }
    }

    /// The schedule to publish, and how the search went.
    public struct Plan: Sendable {
        public var command: PublishSchedule
        public var iterations: Int
        public var stoppedBy: String
    }

    public static func plan(_ plant: Plant, now: BusinessTime, timeZone: TimeZone, options: Options) -> Plan {
        let calendar = PlantCalendar(now: now.date, timeZone: timeZone, horizonDays: options.horizonDays)
        var pass = solve(plant, calendar: calendar, options: options, after: [:])
        // Orders short only because the order making their component finishes later are placed again after it.
        if !pass.awaiting.isEmpty {
            let first = pass
            pass = solve(plant, calendar: calendar, options: options, after: first.awaiting.mapValues(calendar.minute))
            pass.iterations += first.iterations
        }
        let (scheduled, unscheduled, iterations, stoppedBy) = (pass.scheduled, pass.unscheduled, pass.iterations, pass.stoppedBy)
        let command = PublishSchedule(
            from: calendar.time(0), horizonDays: options.horizonDays, frozenHours: options.frozenHours, seed: options.seed,
            iterations: iterations, operations: scheduled.sorted { ($0.start.date, $0.workOrder, $0.seq) < ($1.start.date, $1.workOrder, $1.seq) },
            unscheduled: unscheduled.sorted { ($0.workOrder, $0.seq) < ($1.workOrder, $1.seq) }, allocation: options.allocation)
        return Plan(command: command, iterations: iterations, stoppedBy: stoppedBy)
    }

    /// One search: the plant's operations placed (orders in `after` not before that minute), then its material allocated.
    private static func solve(_ plant: Plant, calendar: PlantCalendar, options: Options, after: [WorkOrderNumber: Int]) -> (
        scheduled: [ScheduledOperation], unscheduled: [UnscheduledOperation], iterations: Int, stoppedBy: String,
        awaiting: [WorkOrderNumber: Date]
    ) {
        var builder = PlantShopBuilder(plant: plant, calendar: calendar, options: options)
        builder.releaseAfter = after
        builder.collect()
        var scheduled = builder.fixed
        var unscheduled = builder.unscheduled
        var iterations = 0
        var stoppedBy = "nothing to schedule"
        if let instance = builder.instance() {
            let result = ShopSolver.solve(
                instance,
                options: ShopSearchOptions(
                    seconds: options.seconds, iterations: options.iterations, seed: options.seed, release: builder.releases,
                    calendar: MachineCalendar(windows: builder.windows())))
            iterations = result.iterations
            stoppedBy = result.stop.rawValue
            let placed = builder.placements(result.schedule)
            scheduled += placed.scheduled
            unscheduled += placed.unscheduled
        }
        let awaiting = MaterialPlanning.allocate(&scheduled, unscheduled: &unscheduled, plant: plant, rule: options.allocation)
        return (scheduled, unscheduled, iterations, stoppedBy, awaiting)
    }

    /// The previous schedule's places kept, and only the operations that were allocated one of `lots` allocated again,
    /// from what the other operations' allocations leave free: what a hold (or a recall's holds) needs at once. An
    /// operation whose need can no longer be met, and the rest of its order, becomes unscheduled.
    public static func reallocate(_ previous: PublishedSchedule, awayFrom lots: Set<LotNumber>, plant: Plant, rule: AllocationRule) -> PublishSchedule
    {
        var plant = plant
        var affected = Set<String>()
        var kept: [LotNumber: Decimal] = [:]
        // What was completed or closed since the previous version is left out: the plant has moved on.
        let open = Dictionary(plant.orders.filter { $0.status != .closed }.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        func isOpen(_ order: WorkOrderNumber, _ seq: Int) -> Bool {
            open[order]?.operations.contains { $0.seq == seq && $0.status != .completed } == true
        }
        var scheduled = previous.operations.filter { isOpen($0.workOrder, $0.seq) }.map { op -> ScheduledOperation in
            var op = op
            if op.allocations?.contains(where: { lots.contains($0.lot) }) == true {
                affected.insert("\(op.workOrder) \(op.seq)")
                op.allocations = nil
                op.awaits = nil
            } else {
                for portion in op.allocations ?? [] { kept[portion.lot, default: 0] += portion.quantity.amount }
            }
            return op
        }
        plant.lots = plant.lots.map { lot in
            var lot = lot
            lot.quantity = Quantity(max(0, lot.quantity.amount - (kept[lot.number] ?? 0)), lot.quantity.unit)
            return lot
        }
        var unscheduled = previous.unscheduled.filter { isOpen($0.workOrder, $0.seq) }
        let awaiting = MaterialPlanning.allocate(&scheduled, unscheduled: &unscheduled, plant: plant, rule: rule, only: affected)
        // An operation that an open order's output could serve later is told when: the new date the next schedule gives it.
        unscheduled = unscheduled.map { op in
            guard let date = awaiting[op.workOrder], affected.contains("\(op.workOrder) \(op.seq)"), !op.reason.hasPrefix("waits for the output")
            else { return op }
            var op = op
            op.reason += "; not before \(BusinessTime(date: date, offsetSeconds: previous.from.offsetSeconds).text), when that output is made"
            return op
        }
        var command = PublishSchedule(
            from: previous.from, horizonDays: previous.horizonDays, frozenHours: previous.frozenHours, seed: 0, iterations: 0,
            operations: scheduled, unscheduled: unscheduled, allocation: rule)
        command.schedule.reallocatedFor = lots.sorted()
        return command
    }
}
