import Scheduling
import Testing

@Suite struct ShopInstanceTextTests {
    @Test func readsAClassicJobShopFile() throws {
        let instance = try SharedInstances.read("jobshop", "ft06")
        #expect(instance.jobs.count == 6)
        #expect(instance.machineCount == 6)
        #expect(instance.machineNumberBase == 0)
        #expect(!instance.isFlexible)
        // ft06's first job: machine 2 for 1, machine 0 for 3, machine 1 for 6, ...
        #expect(
            instance.jobs[0].prefix(3).map { $0.alternatives } == [
                [.init(machine: 2, duration: 1)], [.init(machine: 0, duration: 3)], [.init(machine: 1, duration: 6)],
            ])
    }

    @Test func readsABrandimarteFileWithMachinesFromOne() throws {
        let instance = try SharedInstances.read("flexible-jobshop", "mk01")
        #expect(instance.jobs.count == 10)
        #expect(instance.machineCount == 6)
        #expect(instance.isFlexible)
        #expect(instance.machineNumberBase == 1)
        // mk01 job 0: 6 operations; the first may run on machine 1 for 5 or machine 3 for 4 (numbered from 1 in the file).
        #expect(instance.jobs[0].count == 6)
        #expect(instance.jobs[0][0].alternatives == [.init(machine: 0, duration: 5), .init(machine: 2, duration: 4)])
    }

    @Test func everySharedFileReads() throws {
        for family in ["jobshop", "flexible-jobshop"] {
            for name in try SharedInstances.names(family) {
                let instance = try SharedInstances.read(family, name)
                #expect(instance.operationCount > 0, "\(name)")
            }
        }
    }

    @Test func numbersMayWrapAndCommentsAreSkipped() throws {
        let instance = try ShopInstance(text: "# two jobs\n2 2\n0 3 1\n2\n\n1 4 0 1  # second job\n", name: "wrapped")
        #expect(instance.jobs.map { $0.map(\.alternatives.first!.duration) } == [[3, 2], [4, 1]])
    }

    @Test(arguments: [
        ("", "the first line is `jobs machines`"),
        ("1 2 3 4\n", "the first line is `jobs machines`"),
        ("2 2\n0 3 1 2\n", "the file ends early: expected a machine number"),
        ("1 2\n0 3 2 4\n", "machines are numbered 0 to 1"),
        ("1 2\n0 3 1 x\n", "expected a duration, a whole number"),
        ("1 2\n0 3 1 -4\n", "expected a duration, a whole number"),
        ("1 2\n0 3 1 4\n7\n", "the file ends after the last job"),
        ("1 2 1\n1 2 1 3 1 4\n", "an operation names each machine once"),
        ("1 2 1.5\n1 1 0 3\n", "machines are numbered 1 to 2"),
        ("1 2 one\n1 1 1 3\n", "the third header number is the average flexibility"),
        ("1 2 1\n1 0\n", "an operation needs at least one machine"),
        ("1 0\n", "an instance needs at least one machine"),
        ("2 2 1\n0\n0\n", "an instance needs at least one operation"),
    ])
    func refusesABrokenFileNamingTheRule(text: String, rule: String) {
        #expect {
            _ = try ShopInstance(text: text, name: "broken")
        } throws: { error in
            (error as? ShopInstanceError)?.rule.hasPrefix(rule) == true
        }
    }
}
