/// A solution being searched: which machine each operation runs on and the order on every machine. Times follow
/// from these (each operation as early as its job and machine predecessors allow), and with them the tails (the
/// longest path from an operation's end to the end of the schedule) that the move estimates use.
struct ShopState {
    var machineOf: [Int]
    var duration: [Int]
    var sequences: [[Int]]
    var position: [Int]
    var machinePredecessor: [Int]
    var machineSuccessor: [Int]
    var start: [Int]
    var tail: [Int]
    var makespan = 0
    private var indegree: [Int]
    private var order: [Int]

    /// A state from machine sequences; `machineOf` and durations are read from where each operation appears.
    init(shop: FlatShop, sequences: [[Int]]) {
        let count = shop.count
        machineOf = Array(repeating: -1, count: count)
        duration = Array(repeating: 0, count: count)
        position = Array(repeating: 0, count: count)
        machinePredecessor = Array(repeating: -1, count: count)
        machineSuccessor = Array(repeating: -1, count: count)
        start = Array(repeating: 0, count: count)
        tail = Array(repeating: 0, count: count)
        indegree = Array(repeating: 0, count: count)
        order = Array(repeating: 0, count: count)
        self.sequences = sequences
        for (machine, sequence) in sequences.enumerated() {
            for x in sequence {
                machineOf[x] = machine
                duration[x] = shop.duration(of: x, on: machine) ?? 0
            }
            relink(machine: machine)
        }
    }

    /// Rebuilds positions and machine links along one machine's sequence.
    mutating func relink(machine: Int) {
        let sequence = sequences[machine]
        for (index, x) in sequence.enumerated() {
            position[x] = index
            machinePredecessor[x] = index == 0 ? -1 : sequence[index - 1]
            machineSuccessor[x] = index == sequence.count - 1 ? -1 : sequence[index + 1]
        }
    }

    @inline(__always) func end(_ x: Int) -> Int { x < 0 ? 0 : start[x] + duration[x] }

    /// The time an operation's predecessors allow it to start, calendars aside.
    @inline(__always)
    func ready(_ x: Int, shop: FlatShop) -> Int {
        max(shop.release[x], end(shop.jobPredecessor[x]), end(machinePredecessor[x]))
    }

    /// Computes start times, tails and the makespan; false when the machine orders form a cycle (no schedule exists).
    mutating func evaluate(shop: FlatShop) -> Bool {
        let count = shop.count
        var queued = 0
        for x in 0..<count {
            let links = (shop.jobPredecessor[x] >= 0 ? 1 : 0) + (machinePredecessor[x] >= 0 ? 1 : 0)
            indegree[x] = links
            if links == 0 {
                order[queued] = x
                queued += 1
            }
        }
        var next = 0
        var latest = 0
        while next < queued {
            let x = order[next]
            next += 1
            let begin = shop.earliestStart(machine: machineOf[x], ready: ready(x, shop: shop), duration: duration[x])
            start[x] = begin
            latest = max(latest, begin + duration[x])
            let jobNext = shop.jobSuccessor[x]
            if jobNext >= 0 {
                indegree[jobNext] -= 1
                if indegree[jobNext] == 0 {
                    order[queued] = jobNext
                    queued += 1
                }
            }
            let machineNext = machineSuccessor[x]
            if machineNext >= 0 {
                indegree[machineNext] -= 1
                if indegree[machineNext] == 0 {
                    order[queued] = machineNext
                    queued += 1
                }
            }
        }
        guard queued == count else { return false }
        makespan = latest
        for index in stride(from: count - 1, through: 0, by: -1) {
            let x = order[index]
            var length = 0
            let jobNext = shop.jobSuccessor[x]
            if jobNext >= 0 { length = duration[jobNext] + tail[jobNext] }
            let machineNext = machineSuccessor[x]
            if machineNext >= 0 { length = max(length, duration[machineNext] + tail[machineNext]) }
            tail[x] = length
        }
        return true
    }

    /// One critical path, first operation first: from an operation that ends last, back through the predecessor that
    /// set each start (a random one on ties, so the search sees different paths).
    func criticalPath(shop: FlatShop, random: inout SplitMix64) -> [Int] {
        var last = -1
        var ties = 0
        for x in 0..<shop.count where start[x] + duration[x] == makespan {
            ties += 1
            if random.below(ties) == 0 { last = x }
        }
        var path: [Int] = []
        var x = last
        while x >= 0 {
            path.append(x)
            let jobPrevious = shop.jobPredecessor[x]
            let machinePrevious = machinePredecessor[x]
            let byJob = end(jobPrevious)
            let byMachine = end(machinePrevious)
            let readyAt = max(byJob, byMachine)
            // Nothing before it set its start: time zero, its release, or a machine window it waited for.
            if readyAt == 0 || readyAt < shop.release[x] || readyAt < start[x] { break }
            if machinePrevious >= 0, byMachine == readyAt, jobPrevious >= 0, byJob == readyAt {
                x = random.below(2) == 0 ? machinePrevious : jobPrevious
            } else if machinePrevious >= 0, byMachine == readyAt {
                x = machinePrevious
            } else {
                x = jobPrevious
            }
        }
        return path.reversed()
    }

    /// The schedule this state stands for, numbered as in the instance.
    func schedule(shop: FlatShop) -> ShopSchedule {
        ShopSchedule(
            entries: (0..<shop.count).map { x in
                ShopSchedule.Entry(
                    job: shop.jobOf[x], operation: shop.indexInJob[x], machine: machineOf[x], start: start[x], end: start[x] + duration[x])
            })
    }
}
