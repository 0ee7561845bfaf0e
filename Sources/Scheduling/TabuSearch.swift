/// The improvement search behind `ShopSolver`; one value per run.
struct TabuSearch {
    private let shop: FlatShop
    private let options: ShopSearchOptions
    private let lowerBound: Int
    private let flexible: Bool
    private let tenure: Int
    private let stall: Int
    private var random: SplitMix64
    /// Move attribute -> the iteration until which it is forbidden.
    private var tabu: [Int: Int] = [:]
    private var iteration = 0

    init(shop: FlatShop, instance: ShopInstance, options: ShopSearchOptions) {
        self.shop = shop
        self.options = options
        self.random = SplitMix64(seed: options.seed)
        self.lowerBound = Self.lowerBound(shop)
        self.flexible = instance.isFlexible
        let jobs = max(1, instance.jobs.count)
        self.tenure = 10 + jobs / max(1, instance.machineCount)
        self.stall = max(2_000, 10 * shop.count)
    }

    /// No schedule can be shorter than any job's chain of shortest durations from its release, nor than the work on a
    /// machine whose operations can run nowhere else, nor than all the work shared evenly over every machine.
    private static func lowerBound(_ shop: FlatShop) -> Int {
        var bound = 0
        var load = Array(repeating: 0, count: shop.machineCount)
        var total = 0
        for x in 0..<shop.count {
            let shortest = (shop.alternativeStart[x]..<shop.alternativeStart[x + 1]).map { shop.alternativeDuration[$0] }.min() ?? 0
            total += shortest
            if shop.alternativeStart[x + 1] - shop.alternativeStart[x] == 1 { load[shop.alternativeMachine[shop.alternativeStart[x]]] += shortest }
            if shop.jobPredecessor[x] < 0 { bound = max(bound, shop.release[x] + shop.remainingWork[x]) }
        }
        bound = max(bound, load.max() ?? 0, (total + shop.machineCount - 1) / shop.machineCount)
        return bound
    }

    mutating func run() -> ShopSearchResult {
        let clock = ContinuousClock()
        let began = clock.now
        var state = initialState()
        var best = state
        var lastImprovement = 0
        var fruitlessRestarts = 0
        var stop = ShopSearchResult.Stop.optimal
        while best.makespan > lowerBound {
            if let limit = options.iterations, iteration >= limit {
                stop = .iterations
                break
            }
            if iteration % 64 == 0, (clock.now - began) > .milliseconds(Int(options.seconds * 1000)) {
                stop = .time
                break
            }
            iteration += 1
            if !step(&state, best: best.makespan) || iteration - lastImprovement > stall {
                state = best
                fruitlessRestarts += 1
                shake(&state, strength: min(2 + fruitlessRestarts, max(2, shop.count / 4)))
                tabu.removeAll(keepingCapacity: true)
                lastImprovement = iteration
            }
            if state.makespan < best.makespan {
                best = state
                lastImprovement = iteration
                fruitlessRestarts = 0
            }
        }
        return ShopSearchResult(
            schedule: best.schedule(shop: shop), makespan: best.makespan, lowerBound: lowerBound, iterations: iteration, stop: stop)
    }

    /// The best of a plain and several blurred Giffler–Thompson builds.
    private mutating func initialState() -> ShopState {
        var best: ShopState?
        for attempt in 0..<8 {
            var state = ShopState(shop: shop, sequences: Construction.build(shop: shop, random: &random, noise: attempt > 0))
            guard state.evaluate(shop: shop) else { continue }
            if best == nil || state.makespan < best!.makespan { best = state }
        }
        return best!
    }

    /// The moves around one critical path with their estimated makespans.
    private mutating func neighbourhood(_ state: ShopState) -> [(move: ShopMove, estimate: Int, key: Int)] {
        let path = state.criticalPath(shop: shop, random: &random)
        var moves: [(move: ShopMove, estimate: Int, key: Int)] = []
        var blocks: [Range<Int>] = []
        var first = 0
        while first < path.count {
            var last = first
            while last + 1 < path.count, state.machineSuccessor[path[last]] == path[last + 1] { last += 1 }
            blocks.append(first..<(last + 1))
            first = last + 1
        }
        func addSwap(_ u: Int, _ v: Int) {
            guard shop.jobOf[u] != shop.jobOf[v] else { return }
            moves.append((.swap(first: u, second: v), state.swapEstimate(u, v, shop: shop), u * shop.count + v))
        }
        for (number, block) in blocks.enumerated() where block.count > 1 {
            // Nowicki and Smutnicki: swap the first two of a block unless it opens the path, the last two unless it
            // closes it (a path of one block keeps both); a block of two has one pair.
            let opensPath = number == 0
            let closesPath = number == blocks.count - 1
            let head = block.lowerBound
            let tail = block.upperBound - 1
            var added = false
            if !opensPath || closesPath {
                addSwap(path[head], path[head + 1])
                added = true
            }
            if (!closesPath || opensPath), block.count > 2 || !added { addSwap(path[tail - 1], path[tail]) }
        }
        if flexible {
            for x in path {
                for k in shop.alternativeStart[x]..<shop.alternativeStart[x + 1] where shop.alternativeMachine[k] != state.machineOf[x] {
                    let machine = shop.alternativeMachine[k]
                    guard let place = state.bestInsertion(of: x, on: machine, length: shop.alternativeDuration[k], shop: shop) else { continue }
                    moves.append((.reinsert(operation: x, machine: machine, index: place.index), place.estimate, reinsertKey(x, machine)))
                }
            }
        }
        return moves
    }

    private func reinsertKey(_ x: Int, _ machine: Int) -> Int { shop.count * shop.count + x * shop.machineCount + machine }

    /// One tabu step: the best move not forbidden (or forbidden but better than the best so far), random on ties.
    /// False when there is no move at all.
    private mutating func step(_ state: inout ShopState, best: Int) -> Bool {
        let moves = neighbourhood(state)
        guard !moves.isEmpty else { return false }
        var chosen = -1
        var ties = 0
        for (index, candidate) in moves.enumerated() {
            let forbidden = (tabu[candidate.key] ?? 0) > iteration && candidate.estimate >= best
            guard !forbidden else { continue }
            if chosen < 0 || candidate.estimate < moves[chosen].estimate {
                chosen = index
                ties = 1
            } else if candidate.estimate == moves[chosen].estimate {
                ties += 1
                if random.below(ties) == 0 { chosen = index }
            }
        }
        if chosen < 0 { chosen = random.below(moves.count) }
        let move = moves[chosen].move
        let previousMachine = moveForbiddenKey(move, state: state)
        let undo = state.apply(move, shop: shop)
        guard state.evaluate(shop: shop) else {
            _ = state.apply(undo, shop: shop)
            _ = state.evaluate(shop: shop)
            tabu[moves[chosen].key] = iteration + tenure
            return true
        }
        tabu[previousMachine] = iteration + tenure + random.below(tenure / 2 + 1)
        return true
    }

    /// The attribute a move forbids for a while: swapping the pair back, or moving the operation back to its machine.
    private func moveForbiddenKey(_ move: ShopMove, state: ShopState) -> Int {
        switch move {
        case .swap(let u, let v): v * shop.count + u
        case .reinsert(let x, _, _): reinsertKey(x, state.machineOf[x])
        }
    }

    /// Random changes anywhere in the schedule, so a restart from the best schedule goes somewhere new: swaps of
    /// neighbours on a machine and, in a flexible shop, operations moved to another machine; more of them after each
    /// restart that found nothing better. A change that would close a cycle is undone.
    private mutating func shake(_ state: inout ShopState, strength: Int) {
        for _ in 0..<strength {
            let x = random.below(shop.count)
            let move: ShopMove
            let choices = shop.alternativeStart[x + 1] - shop.alternativeStart[x]
            if flexible, choices > 1, random.below(2) == 0 {
                let k = shop.alternativeStart[x] + random.below(choices)
                let machine = shop.alternativeMachine[k]
                guard machine != state.machineOf[x],
                    let place = state.bestInsertion(of: x, on: machine, length: shop.alternativeDuration[k], shop: shop)
                else { continue }
                move = .reinsert(operation: x, machine: machine, index: place.index)
            } else {
                let next = state.machineSuccessor[x]
                guard next >= 0, shop.jobOf[next] != shop.jobOf[x] else { continue }
                move = .swap(first: x, second: next)
            }
            let undo = state.apply(move, shop: shop)
            if !state.evaluate(shop: shop) {
                _ = state.apply(undo, shop: shop)
                _ = state.evaluate(shop: shop)
            }
        }
    }
}
