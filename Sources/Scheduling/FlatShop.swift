/// The solver's view of an instance: operations numbered `0..<count` job by job, with links to the neighbours in their
/// job and the alternatives in flat arrays, so the search touches no nested collections.
struct FlatShop {
    let count: Int
    let machineCount: Int
    let jobOf: [Int]
    let indexInJob: [Int]
    let jobPredecessor: [Int]
    let jobSuccessor: [Int]
    /// Operation `x`'s alternatives are `alternativeStart[x]..<alternativeStart[x + 1]`.
    let alternativeStart: [Int]
    let alternativeMachine: [Int]
    let alternativeDuration: [Int]
    /// The earliest each operation may start.
    let release: [Int]
    /// The work left in its job from each operation on, with the shortest duration of each: a priority for building.
    let remainingWork: [Int]
    let calendar: MachineCalendar?

    init(_ instance: ShopInstance, release: [[Int]]?, calendar: MachineCalendar?) {
        var jobOf: [Int] = []
        var indexInJob: [Int] = []
        var jobPredecessor: [Int] = []
        var jobSuccessor: [Int] = []
        var alternativeStart: [Int] = []
        var alternativeMachine: [Int] = []
        var alternativeDuration: [Int] = []
        var releaseTimes: [Int] = []
        var remaining: [Int] = []
        for (job, operations) in instance.jobs.enumerated() {
            let first = jobOf.count
            let shortest = operations.map { $0.alternatives.map(\.duration).min() ?? 0 }
            var left = shortest.reduce(0, +)
            for (index, operation) in operations.enumerated() {
                let number = first + index
                jobOf.append(job)
                indexInJob.append(index)
                jobPredecessor.append(index == 0 ? -1 : number - 1)
                jobSuccessor.append(index == operations.count - 1 ? -1 : number + 1)
                alternativeStart.append(alternativeMachine.count)
                for alternative in operation.alternatives {
                    alternativeMachine.append(alternative.machine)
                    alternativeDuration.append(alternative.duration)
                }
                releaseTimes.append(release?[job][index] ?? 0)
                remaining.append(left)
                left -= shortest[index]
            }
        }
        alternativeStart.append(alternativeMachine.count)
        self.count = jobOf.count
        self.machineCount = instance.machineCount
        self.jobOf = jobOf
        self.indexInJob = indexInJob
        self.jobPredecessor = jobPredecessor
        self.jobSuccessor = jobSuccessor
        self.alternativeStart = alternativeStart
        self.alternativeMachine = alternativeMachine
        self.alternativeDuration = alternativeDuration
        self.release = releaseTimes
        self.remainingWork = remaining
        self.calendar = calendar.flatMap { $0.isUnrestricted ? nil : $0 }
    }

    /// The duration of operation `x` on machine `m`, or nil when `x` may not run there.
    func duration(of x: Int, on machine: Int) -> Int? {
        for k in alternativeStart[x]..<alternativeStart[x + 1] where alternativeMachine[k] == machine {
            return alternativeDuration[k]
        }
        return nil
    }

    /// The earliest start on `machine` at or after `ready` for `duration`.
    @inline(__always)
    func earliestStart(machine: Int, ready: Int, duration: Int) -> Int {
        guard let calendar else { return ready }
        return calendar.earliestStart(machine: machine, ready: ready, duration: duration)
    }
}
