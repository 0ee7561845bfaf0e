import Scheduling
import Testing

/// The validity checker is what every other scheduling test trusts, so it is tested first, on schedules broken by hand.
@Suite struct ScheduleValidityTests {
    /// Two jobs, two machines: job 0 runs machine 0 for 3 then machine 1 for 2; job 1 runs machine 1 for 4, then machine
    /// 0 for 1 or 5 (flexible: machine 0 for 1, machine 1 for 5).
    let instance = try! ShopInstance(
        name: "tiny", machineCount: 2,
        jobs: [
            [.init(alternatives: [.init(machine: 0, duration: 3)]), .init(alternatives: [.init(machine: 1, duration: 2)])],
            [
                .init(alternatives: [.init(machine: 1, duration: 4)]),
                .init(alternatives: [.init(machine: 0, duration: 1), .init(machine: 1, duration: 5)]),
            ],
        ])

    var valid: ShopSchedule {
        ShopSchedule(entries: [
            .init(job: 0, operation: 0, machine: 0, start: 0, end: 3), .init(job: 0, operation: 1, machine: 1, start: 4, end: 6),
            .init(job: 1, operation: 0, machine: 1, start: 0, end: 4), .init(job: 1, operation: 1, machine: 0, start: 4, end: 5),
        ])
    }

    @Test func aValidScheduleHasNoViolations() {
        #expect(valid.violations(of: instance).isEmpty)
        #expect(valid.makespan == 6)
    }

    @Test(arguments: [
        ("overlap on a machine", 1, ShopSchedule.Entry(job: 0, operation: 1, machine: 1, start: 3, end: 5), "machine 1: job"),
        ("job order", 3, ShopSchedule.Entry(job: 1, operation: 1, machine: 0, start: 3, end: 4), "before operation 0 ends"),
        ("machine not allowed", 0, ShopSchedule.Entry(job: 0, operation: 0, machine: 1, start: 0, end: 3), "may not run on machine 1"),
        ("duration", 3, ShopSchedule.Entry(job: 1, operation: 1, machine: 0, start: 4, end: 6), "lasts 2 on machine 0, not 1"),
        ("negative start", 0, ShopSchedule.Entry(job: 0, operation: 0, machine: 0, start: -1, end: 2), "starts before 0"),
        ("unknown operation", 3, ShopSchedule.Entry(job: 1, operation: 2, machine: 0, start: 9, end: 10), "not in the instance"),
    ])
    func eachBrokenRuleIsNamed(rule: String, replacing index: Int, with entry: ShopSchedule.Entry, expected: String) {
        var broken = valid
        broken.entries[index] = entry
        let problems = broken.violations(of: instance)
        #expect(problems.contains { $0.contains(expected) }, "\(rule): \(problems)")
    }

    @Test func aMissingOrDoubledOperationIsNamed() {
        var missing = valid
        missing.entries.removeLast()
        #expect(missing.violations(of: instance) == ["job 1 operation 1 is not scheduled"])
        var doubled = valid
        doubled.entries.append(doubled.entries[0])
        #expect(doubled.violations(of: instance).contains("job 0 operation 0 is scheduled twice"))
    }

    @Test func anOverlapBehindAShortOperationIsFound() throws {
        // Machine 0 busy 0-10 (long), then 1-2 (short), then 3-4: the last overlaps the first, not its neighbour.
        let three = try ShopInstance(
            name: "three", machineCount: 1,
            jobs: [
                [.init(alternatives: [.init(machine: 0, duration: 10)])], [.init(alternatives: [.init(machine: 0, duration: 1)])],
                [.init(alternatives: [.init(machine: 0, duration: 1)])],
            ])
        let schedule = ShopSchedule(entries: [
            .init(job: 0, operation: 0, machine: 0, start: 0, end: 10), .init(job: 1, operation: 0, machine: 0, start: 1, end: 2),
            .init(job: 2, operation: 0, machine: 0, start: 3, end: 4),
        ])
        #expect(schedule.violations(of: three).count == 2)
    }
}
