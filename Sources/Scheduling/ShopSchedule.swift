/// A schedule for a `ShopInstance`: for every operation, the machine it runs on and when.
public struct ShopSchedule: Sendable, Hashable {
    /// One scheduled operation, numbered as in its instance (jobs and operations from 0, machines from 0 inside).
    public struct Entry: Sendable, Hashable {
        public var job: Int
        public var operation: Int
        public var machine: Int
        public var start: Int
        public var end: Int

        public init(job: Int, operation: Int, machine: Int, start: Int, end: Int) {
            self.job = job
            self.operation = operation
            self.machine = machine
            self.start = start
            self.end = end
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// When the last operation ends.
    public var makespan: Int { entries.map(\.end).max() ?? 0 }
}

extension ShopSchedule {
    /// Every way this schedule breaks its instance, in words; empty when the schedule is valid. Written apart from the
    /// solver, from the instance alone: each operation exactly once, on a machine it allows, for that machine's
    /// duration, not before time 0, after the previous operation of its job ends, and never overlapping another
    /// operation on the same machine.
    public func violations(of instance: ShopInstance) -> [String] {
        var problems: [String] = []
        var byOperation: [[Entry?]] = instance.jobs.map { Array(repeating: nil, count: $0.count) }
        for entry in entries {
            guard instance.jobs.indices.contains(entry.job), instance.jobs[entry.job].indices.contains(entry.operation) else {
                problems.append("job \(entry.job) operation \(entry.operation) is not in the instance")
                continue
            }
            guard byOperation[entry.job][entry.operation] == nil else {
                problems.append("job \(entry.job) operation \(entry.operation) is scheduled twice")
                continue
            }
            byOperation[entry.job][entry.operation] = entry
            let allowed = instance.jobs[entry.job][entry.operation].alternatives
            if let choice = allowed.first(where: { $0.machine == entry.machine }) {
                if entry.end - entry.start != choice.duration {
                    problems.append(
                        "job \(entry.job) operation \(entry.operation) lasts \(entry.end - entry.start) on machine \(entry.machine), not \(choice.duration)"
                    )
                }
            } else {
                problems.append("job \(entry.job) operation \(entry.operation) may not run on machine \(entry.machine)")
            }
            if entry.start < 0 { problems.append("job \(entry.job) operation \(entry.operation) starts before 0") }
        }
        for (job, operations) in byOperation.enumerated() {
            for (index, entry) in operations.enumerated() {
                guard let entry else {
                    problems.append("job \(job) operation \(index) is not scheduled")
                    continue
                }
                if index > 0, let previous = operations[index - 1], previous.end > entry.start {
                    problems.append("job \(job) operation \(index) starts at \(entry.start), before operation \(index - 1) ends at \(previous.end)")
                }
            }
        }
        let byMachine = Dictionary(grouping: entries, by: \.machine)
        for (machine, list) in byMachine {
            let ordered = list.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            // Against the operation that runs longest among those before it, so no overlap hides behind a short one.
            var longest: Entry?
            for entry in ordered {
                if let earlier = longest, entry.start < earlier.end {
                    problems.append(
                        "machine \(machine): job \(entry.job) operation \(entry.operation) starts at \(entry.start) while job \(earlier.job) operation \(earlier.operation) runs until \(earlier.end)"
                    )
                }
                if longest.map({ entry.end > $0.end }) ?? true { longest = entry }
            }
        }
        return problems
    }
}
