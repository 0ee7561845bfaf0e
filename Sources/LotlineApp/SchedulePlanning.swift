import Foundation
import LotlineCore

/// What `schedule` did: the version it published, and how the search went.
public struct ScheduleRunResult: Sendable, Encodable {
    public var schedule: SchedulePublished
    public var iterations: Int
    public var stoppedBy: String
    public var seconds: Double
}

extension Session {
    /// Schedules every open work order on the plant's machines and publishes the result as the next schedule version.
    /// The plant is read, the schedule made outside any transaction, then published under the rules, which refuse it
    /// if the plant changed meanwhile in a way that makes it wrong.
    public func schedule(_ options: PlantScheduler.Options) throws -> ScheduleRunResult {
        let probe = PublishSchedule(
            from: BusinessTime(date: now, timeZone: timeZone), horizonDays: 0, frozenHours: 0, seed: 0, iterations: 0, operations: [], unscheduled: []
        )
        try backend.withState { base in try probe.authorize(actor, in: try HiddenLotsState.seenBy(actor, base)) }
        let plant = try schedulingPlant(previous: try backend.latestSchedule())
        let clock = ContinuousClock()
        let began = clock.now
        let plan = PlantScheduler.plan(plant, now: BusinessTime(date: now, timeZone: timeZone), timeZone: timeZone, options: options)
        let elapsed = clock.now - began
        let published = try record(plan.command).outcome
        return ScheduleRunResult(
            schedule: published, iterations: plan.iterations, stoppedBy: plan.stoppedBy,
            seconds: elapsed.inSeconds)
    }

    /// The plant as the scheduler sees it: open orders, capacity, the components' lots, what is at each order.
    func schedulingPlant(previous: PublishedSchedule?) throws -> PlantScheduler.Plant {
        let orders = try backend.workOrders(status: .released) + backend.workOrders(status: .planned)
        let components = Array(Set(orders.flatMap { $0.components.map(\.component) })).sorted()
        let items = try backend.items()
        return PlantScheduler.Plant(
            orders: orders, workCenters: try backend.workCenters(), downtimes: try backend.downtimes(), previous: previous,
            lots: try backend.allocatableLots(of: components),
            minShelfLife: Dictionary(uniqueKeysWithValues: items.compactMap { item in item.minShelfLifeDays.map { (item.part, $0) } }),
            atOrders: try backend.materialAtOrders())
    }
}
