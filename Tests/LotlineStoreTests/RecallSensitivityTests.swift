import Foundation
import GRDB
import LotlineCore
import LotlineFixtures
import Testing

@testable import LotlineStore

/// Recalls measured against the generator's ground truth: where the material of each heat really went, as the generator
/// decided it (consumed between outputs, waiting in queues, keyed in late, left in WIP at stopped orders).
@Suite struct RecallSensitivityTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)

    /// Given a generated plant and its ground truth, when every heat is recalled (every certainty), then the recall
    /// reaches every lot that truly holds the heat's material and lists every order that truly holds it in WIP; and
    /// leaving out the weaker links would miss some, so the truth is not one the exact links already tell.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func aRecallFromEveryHeatReachesAllItsMaterial(seed: UInt64) throws {
        let store = try LotlineStore.inMemory()
        var generator = PlantGenerator(rawLots: 300, seed: seed)
        try generator.run(in: store)
        try #require(generator.counts.refusals == 0)
        let truthGraph = GroundTruth(generator.truth)
        let heats = Dictionary(uniqueKeysWithValues: truthGraph.heats.map { ($0, truthGraph.reach(ofHeat: $0)) })
        #expect(heats.count > 50)
        // Every true link is a genealogy link of some certainty.
        let links = try store.read { db in
            try Set(
                String.fetchAll(db, sql: "SELECT input || '>' || output FROM genealogy_edges UNION SELECT parent || '>' || child FROM lot_parents"))
        }
        let unlinked = generator.truth.filter { $0.kind != .received && $0.output != nil && !links.contains("\($0.input)>\($0.output!)") }
        #expect(unlinked.isEmpty, "\(unlinked.prefix(5))")

        var reachedTotal = 0
        var trueTotal = 0
        var missedByExact = 0
        var missedByWindow = 0
        var ordersInWIP = 0
        for (heat, truth) in heats.sorted(by: { $0.key < $1.key }) {
            let report = try store.recallReport(heat, today: Self.today)
            let reached = Set(report.affected.map(\.lot.rawValue))
            let missed = truth.lots.subtracting(reached)
            #expect(missed.isEmpty, "recall of \(heat) misses \(missed.sorted())")
            let awaiting = Set(report.awaitingOutput.map(\.workOrder.rawValue))
            let missedOrders = truth.workOrders.subtracting(awaiting)
            #expect(missedOrders.isEmpty, "recall of \(heat) does not list WIP at \(missedOrders.sorted())")

            reachedTotal += reached.count
            trueTotal += truth.lots.intersection(reached).count
            ordersInWIP += truth.workOrders.count
            missedByExact += truth.lots.subtracting(report.narrowed(to: .exact).affected.map(\.lot.rawValue)).count
            missedByWindow += truth.lots.subtracting(report.narrowed(to: .window).affected.map(\.lot.rawValue)).count
        }
        let precision = Double(trueTotal) / Double(max(reachedTotal, 1))
        print(
            "seed \(seed): \(heats.count) heats, \(reachedTotal) lots reached, \(trueTotal) truly holding the heat "
                + "(precision \(String(format: "%.3f", precision))), \(ordersInWIP) orders holding it in WIP; "
                + "narrowed to exact would miss \(missedByExact), to window \(missedByWindow)")
        // The truth is not trivial: stopped orders hold material, and exact or window links alone would miss lots.
        #expect(ordersInWIP > 0)
        #expect(missedByExact > 0)
        #expect(missedByWindow > 0)
        #expect(precision > 0.5 && precision <= 1)
    }

    /// The same seed gives the same truth; stopping orders is on unless turned off.
    @Test func truthIsDeterministicAndStoppedOrdersCanBeTurnedOff() throws {
        func generate(seed: UInt64, stopsOrders: Bool = true) throws -> PlantGenerator {
            var generator = PlantGenerator(rawLots: 60, seed: seed, stopsOrders: stopsOrders)
            try generator.run(in: LotlineStore.inMemory())
            return generator
        }
        let a = try generate(seed: 7)
        #expect(a.truth == (try generate(seed: 7)).truth)
        #expect(a.truth != (try generate(seed: 8)).truth)
        #expect(a.counts.stoppedOrders > 0)
        #expect(a.truth.contains { $0.kind == .consumed && $0.output == nil })
        let running = try generate(seed: 7, stopsOrders: false)
        #expect(running.counts.stoppedOrders == 0)
        #expect(!running.truth.contains { $0.output == nil })
        #expect(try generate(seed: 7, stopsOrders: false).truth == running.truth)
    }

    @Test func truthLinesDecodeToTheLinks() throws {
        let links = [
            TruthLink(kind: .received, input: "H-1", output: "R24001-0001"),
            TruthLink(kind: .consumed, input: "R24001-0001", output: "I24001-0001", workOrder: "WO24-0001"),
            TruthLink(kind: .consumed, input: "R24001-0001", output: nil, workOrder: "WO24-0002"),
            TruthLink(kind: .merge, input: "a\"b\\c", output: "R24001-0002"),
        ]
        for link in links {
            #expect(try JSONDecoder().decode(TruthLink.self, from: Data(link.jsonLine.utf8)) == link, "\(link.jsonLine)")
        }
        #expect(links[2].jsonLine == #"{"kind":"consumed","input":"R24001-0001","work_order":"WO24-0002"}"#)
    }
}
