/// A change to a solution the search may make: swap two adjacent operations on a critical path's machine block, or take
/// a critical operation off its machine and put it at a position on another machine (or elsewhere on its own).
enum ShopMove {
    case swap(first: Int, second: Int)
    case reinsert(operation: Int, machine: Int, index: Int)
}

extension ShopState {
    /// An estimate of the makespan after swapping `u` and its machine successor `v` (Balas and Vazacopoulos): the
    /// longer of the two paths through them, from the heads and tails around the pair.
    func swapEstimate(_ u: Int, _ v: Int, shop: FlatShop) -> Int {
        let before = machinePredecessor[u]
        let after = machineSuccessor[v]
        let vStart = max(shop.release[v], end(shop.jobPredecessor[v]), end(before))
        let uStart = max(shop.release[u], end(shop.jobPredecessor[u]), vStart + duration[v])
        let uTail = max(tailThrough(shop.jobSuccessor[u]), tailThrough(after))
        let vTail = max(tailThrough(shop.jobSuccessor[v]), uTail + duration[u])
        return max(vStart + duration[v] + vTail, uStart + duration[u] + uTail)
    }

    /// The length from the start of `x` to the end of the schedule, or 0 for no operation.
    @inline(__always) func tailThrough(_ x: Int) -> Int { x < 0 ? 0 : duration[x] + tail[x] }

    /// The best place for `x` on `machine`, and the estimated makespan through it there (Mastrolilli and Gambardella):
    /// only positions that cannot close a cycle are tried, that is after every operation on the machine that must come
    /// before `x` and before every one that must come after it.
    func bestInsertion(of x: Int, on machine: Int, length: Int, shop: FlatShop) -> (index: Int, estimate: Int)? {
        let sequence = sequences[machine]
        let skip = machineOf[x] == machine ? position[x] : -1
        let count = skip >= 0 ? sequence.count - 1 : sequence.count
        @inline(__always) func at(_ index: Int) -> Int { skip >= 0 && index >= skip ? sequence[index + 1] : sequence[index] }
        let head = max(shop.release[x], end(shop.jobPredecessor[x]))
        let tailOfX = tailThrough(shop.jobSuccessor[x])
        var mayFollow = count  // the first operation that may come after x: one that ends after x could start
        var mustPrecede = count  // the first operation that may come before x no longer: its path to the end is too short
        for index in 0..<count {
            let y = at(index)
            if mayFollow == count, end(y) > head { mayFollow = index }
            if mustPrecede == count, tailThrough(y) <= tailOfX { mustPrecede = index }
            if mayFollow < count, mustPrecede < count { break }
        }
        var best: (index: Int, estimate: Int)?
        for index in min(mayFollow, mustPrecede)...max(mayFollow, mustPrecede) where index != skip {
            let before = index > 0 ? end(at(index - 1)) : 0
            let after = index < count ? tailThrough(at(index)) : 0
            let estimate = max(head, before) + length + max(tailOfX, after)
            if best == nil || estimate < best!.estimate { best = (index, estimate) }
        }
        return best
    }

    /// Makes a move; returns the move that undoes it.
    mutating func apply(_ move: ShopMove, shop: FlatShop) -> ShopMove {
        switch move {
        case .swap(let u, let v):
            let machine = machineOf[u]
            let index = position[u]
            sequences[machine][index] = v
            sequences[machine][index + 1] = u
            let before = machinePredecessor[u]
            let after = machineSuccessor[v]
            position[v] = index
            position[u] = index + 1
            machinePredecessor[v] = before
            machineSuccessor[v] = u
            machinePredecessor[u] = v
            machineSuccessor[u] = after
            if before >= 0 { machineSuccessor[before] = v }
            if after >= 0 { machinePredecessor[after] = u }
            return .swap(first: v, second: u)
        case .reinsert(let x, let machine, let index):
            let oldMachine = machineOf[x]
            let oldIndex = position[x]
            sequences[oldMachine].remove(at: oldIndex)
            relink(machine: oldMachine)
            sequences[machine].insert(x, at: index)
            machineOf[x] = machine
            duration[x] = shop.duration(of: x, on: machine) ?? 0
            relink(machine: machine)
            return .reinsert(operation: x, machine: oldMachine, index: oldIndex)
        }
    }
}
