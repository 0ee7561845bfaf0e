/// A first schedule built by the Giffler–Thompson rule: repeatedly find the operation that could finish first (over
/// every job's next operation and every machine it allows), then, among the operations that would start on that
/// machine before it finishes, run the one whose job has the most work left. With `noise`, the work left is blurred
/// at random so repeated builds differ. The result is an active schedule, given as machine sequences.
enum Construction {
    static func build(shop: FlatShop, random: inout SplitMix64, noise: Bool) -> [[Int]] {
        var sequences = Array(repeating: [Int](), count: shop.machineCount)
        var machineFree = Array(repeating: 0, count: shop.machineCount)
        var nextOf: [Int] = []  // each job's next operation, or -1 when done
        var jobReady: [Int] = []
        for x in 0..<shop.count where shop.jobPredecessor[x] < 0 {
            nextOf.append(x)
            jobReady.append(0)
        }
        let blur = noise ? max(1, (shop.remainingWork.max() ?? 0) / 4) : 0
        for _ in 0..<shop.count {
            var bestFinish = Int.max
            var bestMachine = -1
            var bestSlot = -1
            for (slot, x) in nextOf.enumerated() where x >= 0 {
                for k in shop.alternativeStart[x]..<shop.alternativeStart[x + 1] {
                    let machine = shop.alternativeMachine[k]
                    let length = shop.alternativeDuration[k]
                    let begin = startOf(x, slot: slot, machine: machine, duration: length, shop: shop, jobReady: jobReady, machineFree: machineFree)
                    if begin + length < bestFinish {
                        bestFinish = begin + length
                        bestMachine = machine
                        bestSlot = slot
                    }
                }
            }
            var chosenJob = -1
            var chosenScore = Int.min
            var chosenStart = 0
            var chosenLength = 0
            for (slot, x) in nextOf.enumerated() where x >= 0 {
                guard let length = shop.duration(of: x, on: bestMachine) else { continue }
                let begin = startOf(x, slot: slot, machine: bestMachine, duration: length, shop: shop, jobReady: jobReady, machineFree: machineFree)
                guard begin < bestFinish || slot == bestSlot else { continue }
                let score = shop.remainingWork[x] + (blur > 0 ? random.below(blur) : 0)
                if score > chosenScore {
                    chosenJob = slot
                    chosenScore = score
                    chosenStart = begin
                    chosenLength = length
                }
            }
            let x = nextOf[chosenJob]
            sequences[bestMachine].append(x)
            machineFree[bestMachine] = chosenStart + chosenLength
            jobReady[chosenJob] = chosenStart + chosenLength
            nextOf[chosenJob] = shop.jobSuccessor[x]
        }
        return sequences
    }

    private static func startOf(_ x: Int, slot: Int, machine: Int, duration: Int, shop: FlatShop, jobReady: [Int], machineFree: [Int]) -> Int {
        let ready = max(shop.release[x], jobReady[slot], machineFree[machine])
        return shop.earliestStart(machine: machine, ready: ready, duration: duration)
    }
}
