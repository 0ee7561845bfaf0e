import Foundation

/// The genealogy graph in memory: dense integer lot ids, edge attributes in parallel arrays, and adjacency in both
/// directions (a compact base built in one pass, plus overflow lists for edges added since), so a trace touches only
/// the lots it reaches.
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
        /// The work order of a consumption link.
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

    // Lots.
    private var ids: [String: Int32] = [:]
    private(set) public var numbers: [String] = []

    // Edges, in parallel arrays.
    private var from: [Int32] = []
    private var to: [Int32] = []
    /// Bits 0-1 certainty (0 exact, 1 window, 2 order), bit 2 relation, bit 7 removed.
    private var flags: [UInt8] = []
    /// Quantity in millionths; exact values that do not fit are kept in `preciseQuantities`.
    private var micros: [Int64] = []
    private var refs: [Int64] = []
    private var preciseQuantities: [Int32: Decimal] = [:]

    // Adjacency: compressed base plus overflow for edges added since the last compaction.
    private var outStart: [Int32] = [0]
    private var outEdges: [Int32] = []
    private var inStart: [Int32] = [0]
    private var inEdges: [Int32] = []
    private var extraOut: [Int32: [Int32]] = [:]
    private var extraIn: [Int32: [Int32]] = [:]
    private var extraCount = 0
    private var removedCount = 0

    /// The consumption edges of each work order, replaced whole when the order's genealogy is recomputed.
    private var workOrderEdges: [String: [Int32]] = [:]

    public init() {}

    /// Builds the index from every link at once.
    public init(links: some Sequence<Link>) {
        for link in links { append(link) }
        compact()
    }

    public var lotCount: Int { numbers.count }
    public var edgeCount: Int { from.count - removedCount }

    /// Adds one link; it is visible to traces at once.
    public mutating func append(_ link: Link) {
        append(
            input: link.input, output: link.output, quantity: Quantity.format(link.quantity), certainty: link.certainty, relation: link.relation,
            ref: link.ref, workOrder: link.workOrder)
    }

    /// Adds one link with its quantity as stored (decimal text), the fast path for loading a whole plant.
    /// With `deferAdjacency`, the edge is not reachable until `compact()`: loading a whole plant that way skips the overflow lists.
    public mutating func append(
        input inputNumber: String, output outputNumber: String, quantity: String, certainty: Certainty, relation: Relation, ref: Int64,
        workOrder: String?, deferAdjacency: Bool = false
    ) {
        let edge = Int32(from.count)
        let input = id(inputNumber)
        let output = id(outputNumber)
        from.append(input)
        to.append(output)
        let level: UInt8 = certainty == .exact ? 0 : certainty == .window ? 1 : 2
        flags.append(level | (relation.rawValue << 2))
        if let whole = Self.micros(quantity) {
            micros.append(whole)
        } else {
            micros.append(0)
            preciseQuantities[edge] = Decimal(string: quantity) ?? 0
        }
        refs.append(ref)
        if let workOrder { workOrderEdges[workOrder, default: []].append(edge) }
        guard !deferAdjacency else { return }
        extraOut[input, default: []].append(edge)
        extraIn[output, default: []].append(edge)
        extraCount += 1
    }

    /// `12.5` as 12,500,000 millionths; nil when the text has more than six decimals or is not a plain decimal.
    static func micros(_ text: String) -> Int64? {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var decimals = -1
        for byte in text.utf8 {
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
        var scale: Int64 = 1
        for _ in 0..<(6 - max(decimals, 0)) { scale *= 10 }
        return whole * 1_000_000 + fraction * scale
    }

    /// Replaces a work order's consumption links (its genealogy is recomputed whenever it consumes or produces).
    public mutating func replaceLinks(ofWorkOrder order: String, with links: [Link]) {
        for edge in workOrderEdges[order] ?? [] where flags[Int(edge)] & 0x80 == 0 {
            flags[Int(edge)] |= 0x80
            removedCount += 1
        }
        workOrderEdges[order] = []
        for link in links { append(link) }
        if extraCount + removedCount > max(1024, from.count / 8) { compact() }
    }

    /// Rebuilds the compressed adjacency from the live edges, dropping removed ones.
    public mutating func compact() {
        let n = numbers.count
        var outCount = [Int32](repeating: 0, count: n + 1)
        var inCount = [Int32](repeating: 0, count: n + 1)
        for edge in 0..<from.count where flags[edge] & 0x80 == 0 {
            outCount[Int(from[edge]) + 1] += 1
            inCount[Int(to[edge]) + 1] += 1
        }
        for i in 0..<n {
            outCount[i + 1] += outCount[i]
            inCount[i + 1] += inCount[i]
        }
        outStart = outCount
        inStart = inCount
        var outFill = Array(outCount.dropLast())
        var inFill = Array(inCount.dropLast())
        outEdges = [Int32](repeating: 0, count: Int(outCount[n]))
        inEdges = [Int32](repeating: 0, count: Int(inCount[n]))
        for edge in 0..<from.count where flags[edge] & 0x80 == 0 {
            let f = Int(from[edge])
            let t = Int(to[edge])
            outEdges[Int(outFill[f])] = Int32(edge)
            outFill[f] += 1
            inEdges[Int(inFill[t])] = Int32(edge)
            inFill[t] += 1
        }
        extraOut = [:]
        extraIn = [:]
        extraCount = 0
        for (order, edges) in workOrderEdges {
            workOrderEdges[order] = edges.filter { flags[Int($0)] & 0x80 == 0 }
        }
        removedCount = 0
    }

    /// The live edges leaving (forward) or entering (backward) a lot.
    public func edges(of lot: String, _ direction: TraceDirection) -> [Int32] {
        guard let id = ids[lot] else { return [] }
        return edges(of: id, direction)
    }

    private func edges(of id: Int32, _ direction: TraceDirection) -> [Int32] {
        let (start, list, extra) = direction == .forward ? (outStart, outEdges, extraOut) : (inStart, inEdges, extraIn)
        var result: [Int32] = []
        if Int(id) + 1 < start.count {
            for position in Int(start[Int(id)])..<Int(start[Int(id) + 1]) where flags[Int(list[position])] & 0x80 == 0 {
                result.append(list[position])
            }
        }
        for edge in extra[id] ?? [] where flags[Int(edge)] & 0x80 == 0 { result.append(edge) }
        return result
    }

    /// The link an edge id stands for.
    public func link(_ edge: Int32) -> Link {
        let e = Int(edge)
        let certainty: Certainty = [Certainty.exact, .window, .order][Int(flags[e] & 0x03)]
        return Link(
            input: numbers[Int(from[e])], output: numbers[Int(to[e])], quantity: quantity(edge), certainty: certainty,
            relation: Relation(rawValue: (flags[e] >> 2) & 0x01) ?? .lot, ref: refs[e], workOrder: nil)
    }

    private func quantity(_ edge: Int32) -> Decimal {
        preciseQuantities[edge] ?? Decimal(micros[Int(edge)]) / 1_000_000
    }

    /// Every lot reachable from the starting lots (themselves included), each with the best (strongest) certainty
    /// any path gives it: a path is as certain as its weakest link. Breadth first within each certainty level.
    public func reach(from starts: [String], _ direction: TraceDirection, maxDepth: Int = .max) -> [Step] {
        // A lot with no links at all is not in the index; it still reaches itself.
        var steps = starts.filter { ids[$0] == nil }.map { Step(lot: $0, certainty: .exact) }
        var best: [Int32: UInt8] = [:]
        var order: [Int32] = []
        var buckets: [[(node: Int32, depth: Int)]] = [starts.compactMap { ids[$0] }.map { ($0, 0) }, [], []]
        for level in 0..<3 {
            var index = 0
            while index < buckets[level].count {
                let (node, depth) = buckets[level][index]
                index += 1
                if let known = best[node], known <= UInt8(level) { continue }
                if best[node] == nil { order.append(node) }
                best[node] = UInt8(level)
                guard depth < maxDepth else { continue }
                for edge in edges(of: node, direction) {
                    let next = direction == .forward ? to[Int(edge)] : from[Int(edge)]
                    let certainty = max(level, Int(flags[Int(edge)] & 0x03))
                    if let known = best[next], known <= UInt8(certainty) { continue }
                    buckets[certainty].append((next, depth + 1))
                }
            }
        }
        steps += order.map { Step(lot: numbers[Int($0)], certainty: [Certainty.exact, .window, .order][Int(best[$0]!)]) }
        return steps
    }

    /// Approximate bytes held, for the benchmark's bytes-per-edge figure.
    public var approximateBytes: Int {
        let edgeBytes = from.count * (4 + 4 + 1 + 8 + 8) + (outEdges.count + inEdges.count) * 4
        let lotBytes = numbers.count * (16 + 8 + 8) + ids.count * (16 + 4) * 4 / 3
        let extra = (extraOut.count + extraIn.count) * 48 + extraCount * 8 + preciseQuantities.count * 40
        let orders = workOrderEdges.count * 64 + workOrderEdges.values.reduce(0) { $0 + $1.count * 4 }
        return edgeBytes + lotBytes + extra + orders
    }

    private mutating func id(_ number: String) -> Int32 {
        if let id = ids[number] { return id }
        let id = Int32(numbers.count)
        ids[number] = id
        numbers.append(number)
        outStart.append(outStart.last ?? 0)
        inStart.append(inStart.last ?? 0)
        return id
    }
}
