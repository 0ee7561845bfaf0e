import Foundation
import LotlineCore
import LotlineStore

/// Builds a synthetic plant through the real command path: suppliers and heats, multi-level bills of material, receipts,
/// work orders with operations on machines, intermediate and finished lots and serials, splits, merges, heavy-tailed reuse
/// of popular lots, and shipments. The same raw-lot count and seed always give the same plant.
///
/// Lot-tracked orders consume between their outputs, as a floor does, with coarse times and now and then a line keyed in
/// late; some stop before making anything. What really went where is kept in `truth`, which the ledger cannot always tell.
public struct PlantGenerator {
    /// How big the plant is, derived from the number of raw lots.
    public struct Shape: Sendable, Codable {
        public var rawLots: Int
        public var suppliers: Int
        public var customers: Int
        public var rawItems: Int
        public var intermediateItems: Int
        public var finishedItems: Int
        public var machines: Int
        public var operators: Int

        public init(rawLots: Int) {
            self.rawLots = rawLots
            suppliers = max(3, rawLots / 250)
            customers = max(5, rawLots / 100)
            rawItems = max(4, rawLots / 500)
            intermediateItems = max(3, rawItems / 2)
            finishedItems = max(2, intermediateItems / 2)
            machines = max(4, rawLots / 2000)
            operators = max(5, rawLots / 1000)
        }
    }

    /// What the generator made, printed at the end and by the benchmark.
    public struct Counts: Sendable, Codable {
        public var events = 0
        public var receipts = 0
        public var splits = 0
        public var merges = 0
        public var intermediateOrders = 0
        public var finishedOrders = 0
        public var intermediateLots = 0
        public var finishedLots = 0
        public var serials = 0
        public var shipments = 0
        /// Lot-tracked orders stopped after consuming, before making anything: released, their material in WIP.
        public var stoppedOrders = 0
        /// Consumptions keyed in after an output with a time before it (the material went into that output).
        public var backDated = 0
        public var refusals = 0
    }

    public let shape: Shape
    public let seed: UInt64
    /// Whether 1 in 30 lot-tracked orders stops after consuming, making nothing and staying released.
    public let stopsOrders: Bool
    /// Whether `truth` is kept (the benchmark leaves it off: there it would only cost memory).
    public let recordsTruth: Bool
    /// Where the material really went, link by link, in the order the generator decided it: ground truth to measure
    /// traces and recalls against, not something the product reads.
    public internal(set) var truth: [TruthLink] = []
    var random: SeededRandom
    var clock: Date
    private let batchSize = 400
    public internal(set) var counts = Counts()
    /// Told each command that succeeded, as an import line: the generator's plant can be written out and imported again.
    /// The line is made when the recorder asks for it, so a benchmark can leave making it out of the ingest time.
    public var recorder: ((_ line: () -> String) -> Void)?

    // The generator's own view of what is on the shelf, so it only asks for what exists.
    private var rawByItem: [[String]] = []
    private var available: [String: Decimal] = [:]
    private var popular: [[String]] = []
    private var intermediateByItem: [[String]] = []
    private var finishedToShip: [String] = []

    public init(rawLots: Int, seed: UInt64, stopsOrders: Bool = true, recordsTruth: Bool = true) {
        shape = Shape(rawLots: rawLots)
        self.seed = seed
        self.stopsOrders = stopsOrders
        self.recordsTruth = recordsTruth
        random = SeededRandom(seed: seed)
        // History ends around 2024-01-01 whatever the size (about 33 events of 50 s per raw lot), so no plant runs into
        // the future, which the ledger refuses; the same size and seed still give the same dates and numbers.
        clock = Date(timeIntervalSince1970: 1_704_096_000 - Double(rawLots) * 1_650)
    }

    static func code(_ prefix: String, _ n: Int) -> String { "\(prefix)-\(String(format: "%04d", n))" }
    private var rawItem: (Int) -> String { { Self.code("RAW", $0) } }
    private var intermediateItem: (Int) -> String { { Self.code("INT", $0) } }
    private var finishedItem: (Int) -> String { { Self.code("FIN", $0) } }

    /// Builds the whole plant; `progress` is told how many raw lots are done after each batch.
    public mutating func run(in store: LotlineStore, progress: (Int, Counts) -> Void = { _, _ in }) throws {
        try store.batch(actor: "generator", timeZone: .utc) { batch in
            try masterData(batch)
            counts.events += batch.eventCount
        }
        rawByItem = Array(repeating: [], count: shape.rawItems)
        popular = Array(repeating: [], count: shape.rawItems)
        intermediateByItem = Array(repeating: [], count: shape.intermediateItems)
        var done = 0
        var heat = 0
        var heatLeft = 0
        var supplier = 1
        while done < shape.rawLots {
            let chunk = min(batchSize / 20, shape.rawLots - done)
            try store.batch(actor: "generator", timeZone: .utc) { batch in
                for _ in 0..<chunk {
                    if heatLeft == 0 {
                        heat += 1
                        heatLeft = Int.random(in: 1...6, using: &random)
                        supplier = Int.random(in: 1...shape.suppliers, using: &random)
                    }
                    heatLeft -= 1
                    try receive(batch, supplier: supplier, heat: heat)
                    done += 1
                    for _ in 0..<3 where Int.random(in: 0..<10, using: &random) < 6 { try intermediateOrder(batch) }
                    if Int.random(in: 0..<10, using: &random) < 5 { try finishedOrder(batch) }
                    if finishedToShip.count >= 4 { try ship(batch) }
                }
                counts.events += batch.eventCount
            }
            progress(done, counts)
        }
        try store.batch(actor: "generator", timeZone: .utc) { batch in
            while !finishedToShip.isEmpty { try ship(batch) }
            counts.events += batch.eventCount
        }
    }

    /// Runs a command the generator believes valid; a refusal is counted (the generator's bookkeeping was wrong), not fatal.
    /// The clock moves on before each command unless `advance` is false (coarse floor times: the same second as the one
    /// before); `at` back-dates a command without moving the clock.
    @discardableResult
    mutating func run<Command: LotlineCommand>(_ batch: CommandBatch, _ command: Command, advance: Bool = true, at date: Date? = nil)
        -> Command.Outcome?
    {
        if advance && date == nil { clock.addTimeInterval(Double(Int.random(in: 20...90, using: &random))) }
        let date = date ?? clock
        do {
            let outcome = try batch.execute(command, at: date).outcome
            let at = BusinessTime(date: date, offsetSeconds: 0)
            recorder? { ImportFormat.encode(command, at: at) }
            return outcome
        } catch {
            counts.refusals += 1
            return nil
        }
    }

    /// Keeps one link of the ground truth, if asked to.
    mutating func record(_ link: TruthLink) {
        if recordsTruth { truth.append(link) }
    }

    private mutating func masterData(_ batch: CommandBatch) throws {
        run(batch, AddNamedRecord<ReasonKind>(code: "SCRAP", name: "Scrap in process"))
        run(batch, AddNamedRecord<ReasonKind>(code: "COUNT", name: "Cycle count"))
        for location in ["STORES", "LINE", "FG"] { run(batch, AddNamedRecord<LocationKind>(code: location, name: location.lowercased())) }
        for n in 1...shape.suppliers { run(batch, AddSupplier(code: Self.code("SUP", n), name: "Supplier \(n)", approved: true)) }
        for n in 1...shape.customers { run(batch, AddNamedRecord<CustomerKind>(code: Self.code("CUST", n), name: "Customer \(n)")) }
        for n in 1...shape.machines { run(batch, AddNamedRecord<EquipmentKind>(code: Self.code("M", n), name: "Machine \(n)")) }
        for n in 1...shape.operators { run(batch, AddOperator(code: Self.code("OP", n), name: "Operator \(n)")) }
        for n in 1...shape.rawItems {
            var item = AddItem(part: rawItem(n), description: "Raw material \(n)", unit: "kg")
            item.inspectionRequired = n % 5 == 0
            run(batch, item)
        }
        for n in 1...shape.intermediateItems {
            run(batch, AddItem(part: intermediateItem(n), description: "Sub-assembly \(n)", unit: "ea"))
            for raw in rawComponents(n) { run(batch, SetBomLine(item: intermediateItem(n), component: rawItem(raw), quantityPer: "0.5")) }
            run(batch, SetRoutingOperation(item: intermediateItem(n), seq: 10, name: "Machine", workCenter: "CELL"))
        }
        for n in 1...shape.finishedItems {
            var item = AddItem(part: finishedItem(n), description: "Product \(n)", unit: "ea")
            item.tracking = n % 2 == 0 ? .serial : .lot
            run(batch, item)
            for part in intermediateComponents(n) {
                run(batch, SetBomLine(item: finishedItem(n), component: intermediateItem(part), quantityPer: "1"))
            }
            run(batch, SetBomLine(item: finishedItem(n), component: rawItem((n * 3) % shape.rawItems + 1), quantityPer: "0.2"))
            run(batch, SetRoutingOperation(item: finishedItem(n), seq: 10, name: "Assemble", workCenter: "ASSEMBLY"))
        }
    }

    private func rawComponents(_ n: Int) -> [Int] {
        Array(Set([(n * 2) % shape.rawItems + 1, (n * 2 + 1) % shape.rawItems + 1])).sorted()
    }

    private func intermediateComponents(_ n: Int) -> [Int] {
        Array(Set([(n * 2) % shape.intermediateItems + 1, (n * 2 + 1) % shape.intermediateItems + 1])).sorted()
    }

    private mutating func receive(_ batch: CommandBatch, supplier: Int, heat: Int) throws {
        let item = Int.random(in: 1...shape.rawItems, using: &random)
        let quantity = Decimal(Int.random(in: 50...200, using: &random) * 10)
        var receive = Receive(
            item: rawItem(item), quantity: Quantity.format(quantity), supplier: Self.code("SUP", supplier), supplierLot: "SL-\(supplier)-\(heat)")
        receive.heat = "H-\(heat)"
        receive.location = "STORES"
        guard let received = run(batch, receive) else { return }
        counts.receipts += 1
        var lot = received.lot.rawValue
        record(TruthLink(kind: .received, input: "H-\(heat)", output: lot))
        if item % 5 == 0 {
            let passed = Int.random(in: 0..<20, using: &random) > 0
            run(batch, Inspect(lot: lot, passed: passed))
            if !passed { return }
        }
        available[lot] = quantity
        if Int.random(in: 0..<20, using: &random) == 0,
            let split = run(batch, SplitLot(lot: lot, quantities: [Quantity.format(quantity / 2)]))
        {
            counts.splits += 1
            available[lot] = quantity / 2
            rawByItem[item - 1].append(lot)
            record(TruthLink(kind: .split, input: lot, output: split.children[0].lot.rawValue))
            lot = split.children[0].lot.rawValue
            available[lot] = quantity / 2
        }
        rawByItem[item - 1].append(lot)
        if Int.random(in: 0..<100, using: &random) < 2 { popular[item - 1].append(lot) }
        if Int.random(in: 0..<100, using: &random) == 0 { try merge(batch, item: item) }
    }

    /// Merges the two oldest small remnants of an item into a composite lot, as a bin of mixed remnants is.
    private mutating func merge(_ batch: CommandBatch, item: Int) throws {
        let remnants = rawByItem[item - 1].filter { (available[$0] ?? 0) > 0 && (available[$0] ?? 0) < 400 }.prefix(2)
        guard remnants.count == 2 else { return }
        guard let merged = run(batch, MergeLots(lots: Array(remnants))) else { return }
        counts.merges += 1
        for lot in remnants {
            available[lot] = 0
            record(TruthLink(kind: .merge, input: lot, output: merged.output.rawValue))
        }
        available[merged.output.rawValue] = merged.quantity.amount
        rawByItem[item - 1].append(merged.output.rawValue)
    }

    /// A raw lot of the item with enough left: a popular lot a third of the time (heavy-tailed reuse), else a recent one.
    private mutating func pickRaw(_ item: Int, needing amount: Decimal) -> String? {
        let pools = [popular[item - 1], Array(rawByItem[item - 1].suffix(40))]
        for pool in Int.random(in: 0..<3, using: &random) == 0 ? pools : pools.reversed() {
            let candidates = pool.filter { (available[$0] ?? 0) >= amount }
            if let lot = candidates.randomElement(using: &random) { return lot }
        }
        return nil
    }

    private mutating func intermediateOrder(_ batch: CommandBatch) throws {
        let item = Int.random(in: 1...shape.intermediateItems, using: &random)
        let quantity = Int.random(in: 2...10, using: &random) * 10
        var inputs: [Input] = []
        for raw in rawComponents(item) {
            let need = Decimal(quantity) / 2
            let parts = Int.random(in: 1...2, using: &random)
            for _ in 0..<parts {
                guard let lot = pickRaw(raw, needing: need / Decimal(parts)) else { return }
                inputs.append((lot, need / Decimal(parts), nil))
                available[lot, default: 0] -= need / Decimal(parts)
            }
        }
        let outputs = Int.random(in: 0..<4, using: &random) == 0 ? 2 : 1
        guard let produced = try order(batch, intermediateItem(item), quantity: quantity, inputs: inputs, outputs: outputs, serial: false),
            !produced.isEmpty
        else {
            return
        }
        counts.intermediateOrders += 1
        counts.intermediateLots += produced.count
        for lot in produced { available[lot] = Decimal(quantity / outputs) }
        intermediateByItem[item - 1] += produced
    }

    private mutating func finishedOrder(_ batch: CommandBatch) throws {
        let item = Int.random(in: 1...shape.finishedItems, using: &random)
        let quantity = Int.random(in: 2...8, using: &random)
        let serial = item % 2 == 0
        var inputs: [Input] = []
        // A serial order draws each component from up to three lots, so each unit holds only the lots it was built from.
        for part in intermediateComponents(item) {
            let lots = serial ? min(quantity, Int.random(in: 1...3, using: &random)) : 1
            let candidates = intermediateByItem[part - 1].suffix(30).filter { (available[$0] ?? 0) >= Decimal(quantity) }.shuffled(using: &random)
            guard candidates.count >= lots else { return }
            for (index, lot) in candidates.prefix(lots).enumerated() {
                let share = quantity / lots + (index < quantity % lots ? 1 : 0)
                inputs.append((lot, Decimal(share), part))
                available[lot, default: 0] -= Decimal(share)
            }
        }
        let raw = (item * 3) % shape.rawItems + 1
        guard let lot = pickRaw(raw, needing: Decimal(quantity) / 5) else { return }
        inputs.append((lot, Decimal(quantity) / 5, nil))
        available[lot, default: 0] -= Decimal(quantity) / 5
        guard let produced = try order(batch, finishedItem(item), quantity: quantity, inputs: inputs, outputs: serial ? quantity : 1, serial: serial),
            !produced.isEmpty
        else { return }
        counts.finishedOrders += 1
        if serial { counts.serials += produced.count } else { counts.finishedLots += produced.count }
        finishedToShip += produced
    }

    private mutating func ship(_ batch: CommandBatch) throws {
        let lines = Array(finishedToShip.prefix(Int.random(in: 1...4, using: &random)))
        finishedToShip.removeFirst(lines.count)
        let customer = Self.code("CUST", Int.random(in: 1...shape.customers, using: &random))
        if run(batch, Ship(customer: customer, order: "SO-\(counts.shipments + 1)", lots: lines)) != nil { counts.shipments += 1 }
    }
}
