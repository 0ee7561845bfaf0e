import Foundation

/// The genealogy graph in memory: dense integer lot ids (lot numbers interned in one byte buffer), edge attributes in
/// parallel arrays, and adjacency in both directions (a compact base built in one pass, plus overflow lists for edges
/// added since), so a trace touches only the lots it reaches. About 45 bytes per edge at a plant's shape.
public struct GenealogyIndex: Sendable {
    /// What kind of link an edge is.
    public enum Relation: UInt8, Sendable {
        /// Split, merge or return: the child lot is (part of) the parent's material.
        case lot = 0
        /// A consumption into a work order's output.
        case consumed = 1
    }

    /// One link as loaded from the store.
    public struct Link: Sendable, Hashable {
        public var input: String
        public var output: String
        public var quantity: Decimal
        public var certainty: Certainty
        public var relation: Relation
        /// Where the link came from: the ledger sequence number of the split/merge/return or of the consumption.
        public var ref: Int64
        /// The work order of a consumption link (as loaded; the index finds a work order's links by its outputs).
        public var workOrder: String?

        public init(
            input: String, output: String, quantity: Decimal, certainty: Certainty, relation: Relation, ref: Int64, workOrder: String?
        ) {
            self.input = input
            self.output = output
            self.quantity = quantity
            self.certainty = certainty
            self.relation = relation
            self.ref = ref
            self.workOrder = workOrder
        }
    }

    /// One step of a trace: the lot reached, the edge that reached it, and the weakest certainty on the best path.
    public struct Step: Sendable, Hashable {
        public var lot: String
        public var certainty: Certainty

        public init(lot: String, certainty: Certainty) {
            self.lot = lot
            self.certainty = certainty
        }
    }

    // Stored state is internal (not private) for the snapshot extension in GenealogyIndex+Snapshot.swift.
    var lots = InternTable()

    // Edges, in parallel arrays.
    var from: [Int32] = []
    var to: [Int32] = []
    /// Bits 0-1 certainty (0 exact, 1 window, 2 possible; `order` is never an edge), bit 2 relation, bit 7 removed.
    var flags: [UInt8] = []
    /// Quantity in millionths; exact values that do not fit are kept in `preciseQuantities`.
    var micros: [Int64] = []
    /// Ledger sequence numbers; the few beyond 32 bits are kept in `largeRefs`.
    var refs: [UInt32] = []
    var preciseQuantities: [Int32: Decimal] = [:]
    var largeRefs: [Int32: Int64] = [:]

    // Adjacency: compressed base plus overflow for edges added since the last compaction.
    /// A lot's outgoing edges are the edge ids `outStart[lot]..<outStart[lot + 1]` (compaction orders edges so).
    var outStart: [Int32] = [0]
    /// A lot's incoming edges are `inEdges[inStart[lot]..<inStart[lot + 1]]`; beside each, in `inAdjacent`, the lot it
    /// comes from (bits 2-31) and its certainty level (bits 0-1; 3 once the edge is removed).
    var inStart: [Int32] = [0]
    var inEdges: [Int32] = []
    var inAdjacent: [UInt32] = []
    var extraOut: [Int32: [Int32]] = [:]
    var extraIn: [Int32: [Int32]] = [:]
    var extraCount = 0
    var removedCount = 0

    /// Marks for traces, shared by copies of the index: each trace takes a set of its own and gives it back, so many
    /// trace at once, and a set is reused from trace to trace.
    private let marks = TraceMarksPool()

    public init() {}

    /// Builds the index from every link at once.
    public init(links: some Sequence<Link>) {
        for link in links { append(link) }
        compact()
    }

    public var lotCount: Int { lots.count }

    /// Makes room for about `count` lots, before loading a whole plant.
    public mutating func reserveLots(_ count: Int) {
        lots.reserve(count)
        outStart.reserveCapacity(count + 1)
        inStart.reserveCapacity(count + 1)
    }
    public var edgeCount: Int { from.count - removedCount }

    /// Adds one link; it is visible to traces at once.
    public mutating func append(_ link: Link) {
        append(
            input: link.input, output: link.output, quantity: Quantity.format(link.quantity), certainty: link.certainty, relation: link.relation,
            ref: link.ref)
    }

    /// Adds one link with its quantity as stored (decimal text).
    public mutating func append(
        input: String, output: String, quantity: String, certainty: Certainty, relation: Relation, ref: Int64, deferAdjacency: Bool = false
    ) {
        var (input, output, quantity) = (input, output, quantity)
        input.withUTF8 { input in
            output.withUTF8 { output in
                quantity.withUTF8 { quantity in
                    append(
                        input: input, output: output, quantity: quantity, certainty: certainty, relation: relation, ref: ref,
                        deferAdjacency: deferAdjacency)
                }
            }
        }
    }

    /// Adds one link from UTF-8 bytes as the database holds them: the fast path for loading a whole plant, which makes
    /// no strings at all. With `deferAdjacency`, the edge is not reachable until `compact()`, which skips the overflow lists.
    public mutating func append(
        input inputNumber: UnsafeBufferPointer<UInt8>, output outputNumber: UnsafeBufferPointer<UInt8>, quantity: UnsafeBufferPointer<UInt8>,
        certainty: Certainty, relation: Relation, ref: Int64, deferAdjacency: Bool = false
    ) {
        let edge = Int32(from.count)
        let input = id(inputNumber)
        let output = id(outputNumber)
        from.append(input)
        to.append(output)
        let level = UInt8(min(certainty.rank, 2))
        flags.append(level | (relation.rawValue << 2))
        if let whole = Self.micros(quantity) {
            micros.append(whole)
        } else {
            micros.append(0)
            preciseQuantities[edge] = Decimal(string: String(decoding: quantity, as: UTF8.self)) ?? 0
        }
        if let small = UInt32(exactly: ref) {
            refs.append(small)
        } else {
            refs.append(0)
            largeRefs[edge] = ref
        }
        guard !deferAdjacency else { return }
        extraOut[input, default: []].append(edge)
        extraIn[output, default: []].append(edge)
        extraCount += 1
    }

    /// `12.5` as 12,500,000 millionths; nil when the text has more than six decimals or is not a plain decimal.
    static func micros(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { micros($0) }
    }

    static func micros(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var decimals = -1
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if decimals < 0 {
                    guard whole < 1_000_000_000_000 else { return nil }
                    whole = whole * 10 + digit
                } else {
                    guard decimals < 6 else { return nil }
                    fraction = fraction * 10 + digit
                    decimals += 1
                }
            case UInt8(ascii: "."):
                guard decimals < 0 else { return nil }
                decimals = 0
            default: return nil
            }
        }
        guard !text.isEmpty else { return nil }
        var scale: Int64 = 1
        for _ in 0..<(6 - max(decimals, 0)) { scale *= 10 }
        return whole * 1_000_000 + fraction * scale
    }

    /// Replaces a work order's consumption links, as its genealogy is recomputed when it produces. Every consumption
    /// link of a work order ends in one of its outputs, and an output is made by one order only, so the old links are
    /// exactly the consumption links into `outputs`.
    public mutating func replaceConsumptionLinks(into outputs: [String], with links: [Link]) {
        for output in outputs {
            guard let id = lots.id(of: output) else { continue }
            let n = Int(id)
            if n + 1 < inStart.count {
                for position in Int(inStart[n])..<Int(inStart[n + 1]) where removeIfConsumption(Int(inEdges[position])) {
                    inAdjacent[position] |= 3
                }
            }
            for edge in extraIn[id] ?? [] { _ = removeIfConsumption(Int(edge)) }
        }
        for link in links { append(link) }
        if extraCount + removedCount > max(1024, from.count / 8) { compact() }
    }

    /// Marks a live consumption edge removed; false for any other edge.
    private mutating func removeIfConsumption(_ edge: Int) -> Bool {
        guard flags[edge] & 0x80 == 0, (flags[edge] >> 2) & 0x01 == Relation.consumed.rawValue else { return false }
        flags[edge] |= 0x80
        removedCount += 1
        return true
    }

    /// Rebuilds the compressed adjacency from the live edges, dropping removed ones, with the edges reordered by the
    /// lot they leave: a lot's outgoing edges are then one run of the edge arrays, and its incoming edges one run of
    /// `inAdjacent`, so a trace reads a few cache lines per lot. Edge ids change (they are only meaningful between two
    /// changes of the index).
    public mutating func compact() {
        let n = lots.count
        var outCount = [Int32](repeating: 0, count: n + 1)
        var inCount = [Int32](repeating: 0, count: n + 1)
        var live = 0
        for edge in 0..<from.count where flags[edge] & 0x80 == 0 {
            outCount[Int(from[edge]) + 1] += 1
            inCount[Int(to[edge]) + 1] += 1
            live += 1
        }
        for i in 0..<n {
            outCount[i + 1] += outCount[i]
            inCount[i + 1] += inCount[i]
        }
        // Edges in order of the lot they leave (stable, so each lot's edges keep the order they were added in).
        var next = Array(outCount.dropLast())
        var moved = [Int32](repeating: -1, count: from.count)
        var (newFrom, newTo, newFlags) = ([Int32](repeating: 0, count: live), [Int32](repeating: 0, count: live), [UInt8](repeating: 0, count: live))
        var (newMicros, newRefs) = ([Int64](repeating: 0, count: live), [UInt32](repeating: 0, count: live))
        for edge in 0..<from.count where flags[edge] & 0x80 == 0 {
            let f = Int(from[edge])
            let position = Int(next[f])
            next[f] += 1
            moved[edge] = Int32(position)
            (newFrom[position], newTo[position], newFlags[position]) = (from[edge], to[edge], flags[edge])
            (newMicros[position], newRefs[position]) = (micros[edge], refs[edge])
        }
        var precise: [Int32: Decimal] = [:]
        var large: [Int32: Int64] = [:]
        for (edge, quantity) in preciseQuantities where moved[Int(edge)] >= 0 { precise[moved[Int(edge)]] = quantity }
        for (edge, ref) in largeRefs where moved[Int(edge)] >= 0 { large[moved[Int(edge)]] = ref }
        // Incoming runs: the edge ids and, beside them, the lot each comes from with its certainty level.
        var inNext = Array(inCount.dropLast())
        var inList = [Int32](repeating: 0, count: live)
        var inAdjacentList = [UInt32](repeating: 0, count: live)
        for edge in 0..<live {
            let t = Int(newTo[edge])
            let position = Int(inNext[t])
            inNext[t] += 1
            inList[position] = Int32(edge)
            inAdjacentList[position] = UInt32(newFrom[edge]) << 2 | UInt32(newFlags[edge] & 0x03)
        }
        (from, to, flags, micros, refs) = (newFrom, newTo, newFlags, newMicros, newRefs)
        (preciseQuantities, largeRefs) = (precise, large)
        (outStart, inStart, inEdges, inAdjacent) = (outCount, inCount, inList, inAdjacentList)
        extraOut = [:]
        extraIn = [:]
        extraCount = 0
        removedCount = 0
    }

    /// The live edges leaving (forward) or entering (backward) a lot.
    public func edges(of lot: String, _ direction: TraceDirection) -> [Int32] {
        guard let id = lots.id(of: lot) else { return [] }
        var result: [Int32] = []
        let n = Int(id)
        if n + 1 < outStart.count {
            if direction == .forward {
                result += (Int(outStart[n])..<Int(outStart[n + 1])).map(Int32.init)
            } else {
                result += inEdges[Int(inStart[n])..<Int(inStart[n + 1])]
            }
        }
        result += (direction == .forward ? extraOut : extraIn)[id] ?? []
        return result.filter { flags[Int($0)] & 0x80 == 0 }
    }

    /// Each live neighbour of a lot in one direction, with the certainty level of the edge to it.
    @inline(__always)
    func forEachNeighbour(of id: Int32, _ direction: TraceDirection, _ body: (Int32, UInt8) -> Void) {
        let n = Int(id)
        let forward = direction == .forward
        if n + 1 < outStart.count {
            if forward {
                for edge in Int(outStart[n])..<Int(outStart[n + 1]) where flags[edge] & 0x80 == 0 {
                    body(to[edge], flags[edge] & 0x03)
                }
            } else {
                for position in Int(inStart[n])..<Int(inStart[n + 1]) {
                    let packed = inAdjacent[position]
                    if packed & 0x03 != 0x03 { body(Int32(packed >> 2), UInt8(packed & 0x03)) }
                }
            }
        }
        guard extraCount > 0, let extra = (forward ? extraOut : extraIn)[id] else { return }
        for edge in extra where flags[Int(edge)] & 0x80 == 0 {
            body(forward ? to[Int(edge)] : from[Int(edge)], flags[Int(edge)] & 0x03)
        }
    }

    /// The link an edge id stands for.
    public func link(_ edge: Int32) -> Link {
        let e = Int(edge)
        let certainty = Self.certainties[Int(flags[e] & 0x03)]
        return Link(
            input: lots.string(from[e]), output: lots.string(to[e]), quantity: quantity(edge), certainty: certainty,
            relation: Relation(rawValue: (flags[e] >> 2) & 0x01) ?? .lot, ref: largeRefs[edge] ?? Int64(refs[e]), workOrder: nil)
    }

    private func quantity(_ edge: Int32) -> Decimal {
        preciseQuantities[edge] ?? Decimal(micros[Int(edge)]) / 1_000_000
    }

    /// Every lot reachable from the starting lots (themselves included), each with the best (strongest) certainty
    /// any path gives it: a path is as certain as its weakest link. Breadth first within each certainty level.
    public func reach(from starts: [String], _ direction: TraceDirection, maxDepth: Int = .max) -> [Step] {
        // A lot with no links at all is not in the index; it still reaches itself.
        var steps: [Step] = []
        var first: [Int32] = []
        for start in starts {
            if let id = lots.id(of: start) { first.append(id) } else { steps.append(Step(lot: start, certainty: .exact)) }
        }
        marks.with { marks in
            marks.reach(lotCount: lots.count, from: first, maxDepth: maxDepth) { node, level, visit in
                forEachNeighbour(of: node, direction) { next, edgeLevel in visit(next, max(level, edgeLevel)) }
            } reached: { node, level in
                steps.append(Step(lot: lots.string(node), certainty: Self.certainties[Int(level)]))
            }
        }
        return steps
    }

    /// Certainty by level (bits 0-1 of an edge's flags).
    public static let certainties: [Certainty] = [.exact, .window, .possible]

    /// Approximate bytes held, for the benchmark's bytes-per-edge figure.
    public var approximateBytes: Int {
        let edgeBytes = from.count * (4 + 4 + 1 + 8 + 4) + (inEdges.count + inAdjacent.count) * 4
        let lotBytes = lots.byteSize + (outStart.count + inStart.count) * 4 + marks.byteSize
        let extra = (extraOut.count + extraIn.count) * 48 + extraCount * 8 + (preciseQuantities.count + largeRefs.count) * 40
        return edgeBytes + lotBytes + extra
    }

    private mutating func id(_ number: UnsafeBufferPointer<UInt8>) -> Int32 {
        let known = lots.count
        let id = lots.intern(number)
        if id == known {
            // `inAdjacent` keeps a lot id in 30 bits.
            precondition(id < 1 << 30, "the trace index holds at most 2^30 lots")
            outStart.append(outStart.last ?? 0)
            inStart.append(inStart.last ?? 0)
        }
        return id
    }
}

/// Sets of trace marks, one per trace running at the moment; a trace takes one and gives it back.
final class TraceMarksPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [TraceMarks] = []
    private var all: [TraceMarks] = []

    func with<T>(_ body: (TraceMarks) throws -> T) rethrows -> T {
        lock.lock()
        let marks: TraceMarks
        if let reused = free.popLast() {
            marks = reused
        } else {
            marks = TraceMarks()
            all.append(marks)
        }
        lock.unlock()
        defer {
            lock.lock()
            free.append(marks)
            lock.unlock()
        }
        return try body(marks)
    }

    var byteSize: Int {
        lock.lock()
        defer { lock.unlock() }
        return all.reduce(0) { $0 + $1.byteSize }
    }
}

/// The marks of a breadth-first trace: per lot, the trace that last reached it and the certainty it reached it with,
/// in one word. Used by one trace at a time (the pool sees to it) and kept between traces (a counter tells them apart),
/// with the work lists, so a trace costs what it reaches and allocates nothing of its own.
final class TraceMarks: @unchecked Sendable {
    /// Per lot: the stamp of the trace that last reached it (high 30 bits) and its best certainty level in it (low 2 bits).
    private var marks: [UInt32] = []
    private var current: UInt32 = 0
    /// Per certainty level, lots still to expand, each as depth << 32 | lot.
    private var queues: [[UInt64]] = [[], [], []]
    private var order: [Int32] = []

    var byteSize: Int { marks.capacity * 4 }

    /// Visits lots from `starts` by certainty level (exact first), then breadth first; `expand` reports each neighbour of
    /// a lot with the certainty of the path through it. Reports each lot reached once, with its best certainty, in the
    /// order first reached.
    func reach(
        lotCount: Int, from starts: [Int32], maxDepth: Int,
        expand: (_ node: Int32, _ level: UInt8, _ visit: (Int32, UInt8) -> Void) -> Void,
        reached: (_ lot: Int32, _ level: UInt8) -> Void
    ) {
        // Worked on as locals (moved out and back), so no access to the object's storage is checked per lot.
        var (marks, queues, order) = ([UInt32](), [[UInt64]](), [Int32]())
        swap(&marks, &self.marks)
        swap(&queues, &self.queues)
        swap(&order, &self.order)
        defer {
            swap(&marks, &self.marks)
            swap(&queues, &self.queues)
            swap(&order, &self.order)
        }
        if marks.count < lotCount { marks += [UInt32](repeating: 0, count: lotCount - marks.count) }
        current += 1
        if current == 1 << 30 {
            for i in marks.indices { marks[i] = 0 }
            current = 1
        }
        let stamp = current << 2
        for bucket in 0..<3 { queues[bucket].removeAll(keepingCapacity: true) }
        order.removeAll(keepingCapacity: true)
        for start in starts { queues[0].append(UInt64(UInt32(bitPattern: start))) }
        for bucket in 0..<3 {
            var position = 0
            while position < queues[bucket].count {
                let entry = queues[bucket][position]
                position += 1
                let node = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF)
                let depth = Int(entry >> 32)
                let n = Int(node)
                let mark = marks[n]
                if mark & ~3 == stamp {
                    if mark & 3 <= UInt32(bucket) { continue }
                } else {
                    order.append(node)
                }
                marks[n] = stamp | UInt32(bucket)
                guard depth < maxDepth else { continue }
                let next = UInt64(depth + 1) << 32
                expand(node, UInt8(bucket)) { neighbour, level in
                    let seen = marks[Int(neighbour)]
                    if seen & ~3 == stamp && seen & 3 <= UInt32(level) { return }
                    queues[Int(level)].append(next | UInt64(UInt32(bitPattern: neighbour)))
                }
            }
        }
        for node in order { reached(node, UInt8(marks[Int(node)] & 3)) }
    }
}
