import Scheduling
import Testing

@Suite struct ShopSolverTests {
    /// Every shared instance, after a short deterministic search: a valid schedule, never below the proven lower bound.
    @Test(arguments: ["jobshop", "flexible-jobshop"])
    func everySharedInstanceGetsAValidSchedule(family: String) throws {
        let bounds = try SharedInstances.bounds()
        for name in try SharedInstances.names(family) {
            let instance = try SharedInstances.read(family, name)
            let result = ShopSolver.solve(instance, options: ShopSearchOptions(seconds: 60, iterations: 300, seed: 7))
            #expect(result.schedule.violations(of: instance).isEmpty, "\(name): \(result.schedule.violations(of: instance).prefix(3))")
            #expect(result.makespan == result.schedule.makespan)
            let bound = try #require(bounds[name], "\(name) has a bound")
            #expect(result.makespan >= bound.lower, "\(name)")
            #expect(result.lowerBound <= bound.lower, "\(name): our lower bound \(result.lowerBound) is above the proven \(bound.lower)")
        }
    }

    /// Small instances whose optimum is known are solved to it within a fixed number of iterations.
    @Test(arguments: [
        ("jobshop", "ft06", 55), ("jobshop", "la01", 666), ("jobshop", "la05", 593), ("jobshop", "la02", 655), ("flexible-jobshop", "mk01", 40),
    ])
    func smallInstancesReachTheirOptimum(family: String, name: String, optimum: Int) throws {
        let instance = try SharedInstances.read(family, name)
        let result = ShopSolver.solve(instance, options: ShopSearchOptions(seconds: 120, iterations: 60_000, seed: 1))
        #expect(result.makespan == optimum)
        #expect(result.schedule.violations(of: instance).isEmpty)
    }

    @Test func theSameSeedAndIterationsGiveTheSameSchedule() throws {
        let instance = try SharedInstances.read("flexible-jobshop", "mk04")
        let options = ShopSearchOptions(seconds: 120, iterations: 3_000, seed: 11)
        let first = ShopSolver.solve(instance, options: options)
        let second = ShopSolver.solve(instance, options: options)
        #expect(first.schedule == second.schedule)
        #expect(first.iterations == 3_000)
        #expect(first.stop == .iterations)
    }

    @Test func aScheduleAtTheLowerBoundStopsAsOptimal() throws {
        // la01's optimum equals its busiest machine's load, so the search can prove it and stop.
        let instance = try SharedInstances.read("jobshop", "la01")
        let result = ShopSolver.solve(instance, options: ShopSearchOptions(seconds: 120, iterations: 60_000))
        #expect(result.stop == .optimal)
        #expect(result.makespan == result.lowerBound)
    }

    /// Random flexible shops with release times and working windows: every schedule is valid, no operation starts
    /// before its release, and each runs inside one window of its machine.
    @Test(arguments: 1...12)
    func randomShopsWithReleasesAndCalendarsGetValidSchedules(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let machines = 1 + Int(random.next() % 5)
        let jobs = (0..<(1 + Int(random.next() % 8))).map { _ in
            (0..<(1 + Int(random.next() % 5))).map { _ -> ShopInstance.Operation in
                let choices = Array((0..<machines).shuffled(using: &random).prefix(1 + Int(random.next() % UInt64(machines))))
                return .init(alternatives: choices.map { .init(machine: $0, duration: Int(random.next() % 9)) })
            }
        }
        let instance = try ShopInstance(name: "random-\(seed)", machineCount: machines, jobs: jobs)
        let release = jobs.map { job in job.map { _ in Int(random.next() % 20) } }
        // Machine 0 works 10 of every 24 hours; the others always.
        let windows: [[Range<Int>]?] = [(0..<30).map { day in day * 24..<(day * 24 + 10) }]
        let calendar = MachineCalendar(windows: windows)
        let result = ShopSolver.solve(
            instance, options: ShopSearchOptions(seconds: 60, iterations: 400, seed: seed, release: release, calendar: calendar))
        #expect(result.schedule.violations(of: instance).isEmpty, "\(result.schedule.violations(of: instance))")
        for entry in result.schedule.entries {
            #expect(entry.start >= release[entry.job][entry.operation])
            if entry.machine == 0 {
                #expect(windows[0]!.contains { $0.lowerBound <= entry.start && entry.end <= $0.upperBound }, "\(entry)")
            }
        }
    }

    @Test func aCalendarPlacesWorkInTheFirstWindowItFits() {
        let calendar = MachineCalendar(windows: [[0..<8, 24..<32, 8..<10], [], nil])
        #expect(calendar.earliestStart(machine: 0, ready: 3, duration: 5) == 3)
        #expect(calendar.earliestStart(machine: 0, ready: 6, duration: 3) == 6)  // 0-8 and 8-10 are one window
        #expect(calendar.earliestStart(machine: 0, ready: 9, duration: 3) == 24)
        #expect(calendar.earliestStart(machine: 0, ready: 0, duration: 11) == MachineCalendar.never)
        #expect(calendar.earliestStart(machine: 1, ready: 0, duration: 1) == MachineCalendar.never)
        #expect(calendar.earliestStart(machine: 2, ready: 5, duration: 100) == 5)
    }
}
