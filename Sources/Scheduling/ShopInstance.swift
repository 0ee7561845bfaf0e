/// A shop scheduling problem: jobs made of operations in a fixed order, each operation runnable on one or more
/// machines with a duration per machine (a flexible job shop; a classic job shop has one machine per operation).
///
/// Machines are numbered from 0 inside; `machineNumberBase` says how the source numbers them (0 for the classic
/// job-shop files, 1 for Brandimarte's), so a schedule is printed in the source's own numbers.
public struct ShopInstance: Sendable, Hashable {
    /// One way to run an operation.
    public struct Alternative: Sendable, Hashable {
        public var machine: Int
        public var duration: Int

        public init(machine: Int, duration: Int) {
            self.machine = machine
            self.duration = duration
        }
    }

    /// One operation: the machines it may run on.
    public struct Operation: Sendable, Hashable {
        public var alternatives: [Alternative]

        public init(alternatives: [Alternative]) {
            self.alternatives = alternatives
        }
    }

    public var name: String
    public var machineCount: Int
    public var jobs: [[Operation]]
    public var machineNumberBase: Int

    /// Checks every rule the solver relies on: at least one machine and one operation, every operation has a machine
    /// in range, durations are not negative, and no operation names the same machine twice.
    public init(name: String, machineCount: Int, jobs: [[Operation]], machineNumberBase: Int = 0) throws(ShopInstanceError) {
        guard machineCount > 0 else { throw ShopInstanceError(rule: "an instance needs at least one machine", value: "\(machineCount)") }
        guard jobs.contains(where: { !$0.isEmpty }) else { throw ShopInstanceError(rule: "an instance needs at least one operation", value: name) }
        for (jobIndex, job) in jobs.enumerated() {
            for (operationIndex, operation) in job.enumerated() {
                let place = "job \(jobIndex) operation \(operationIndex)"
                guard !operation.alternatives.isEmpty else { throw ShopInstanceError(rule: "an operation needs at least one machine", value: place) }
                var seen = Set<Int>()
                for alternative in operation.alternatives {
                    guard (0..<machineCount).contains(alternative.machine) else {
                        throw ShopInstanceError(
                            rule: "machines are numbered \(machineNumberBase) to \(machineCount - 1 + machineNumberBase)",
                            value: "\(place): machine \(alternative.machine + machineNumberBase)")
                    }
                    guard alternative.duration >= 0 else {
                        throw ShopInstanceError(rule: "a duration is never negative", value: "\(place): \(alternative.duration)")
                    }
                    guard seen.insert(alternative.machine).inserted else {
                        throw ShopInstanceError(
                            rule: "an operation names each machine once", value: "\(place): machine \(alternative.machine + machineNumberBase)")
                    }
                }
            }
        }
        self.name = name
        self.machineCount = machineCount
        self.jobs = jobs
        self.machineNumberBase = machineNumberBase
    }

    /// How many operations the instance has in all.
    public var operationCount: Int { jobs.reduce(0) { $0 + $1.count } }

    /// True when some operation may run on more than one machine.
    public var isFlexible: Bool { jobs.contains { $0.contains { $0.alternatives.count > 1 } } }
}

/// An instance that breaks a rule: the rule and the offending value.
public struct ShopInstanceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var value: String

    public var description: String { "\(rule) (\(value))" }
}
