import Foundation
import LotlineApp
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

/// The use cases every interface calls, run on a generated plant without any interface.
@Suite struct UseCaseTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    func plant() throws -> LotlineStore {
        let store = try LotlineStore.inMemory()
        var generator = PlantGenerator(rawLots: 30, seed: 3)
        try generator.run(in: store)
        return store
    }

    @Test func aDrillRecordsWhatTheRecallReportFindsAndHoldsNothing() throws {
        let store = try plant()
        let before = try store.eventCount()
        let result = try RecallDrill(target: nil, random: true).run(in: store, actor: "auditor", at: Self.now, timeZone: Self.utc)
        #expect(try store.eventCount() == before + 1, "one event: the drill, no holds")
        let report = try store.recallReport(result.target, today: BusinessTime(date: Self.now, timeZone: Self.utc).day)
        #expect(result.report.affected.map(\.lot) == report.affected.map(\.lot))
        #expect(result.drill.affectedCount == report.affected.count)
        #expect(result.metTarget)
        #expect(throws: LotlineError.self) {
            try RecallDrill(target: nil, random: false).run(in: store, actor: "a", at: Self.now, timeZone: Self.utc)
        }
    }

    @Test func aDayAloneAsTheEndOfTheRangeMeansTheWholeDay() throws {
        let filter = try TraceWhere(equipment: "M001", from: "2024-01-01", to: "2024-01-31").filter(timeZone: Self.utc)
        #expect(filter.to == Date(timeIntervalSince1970: 1_706_745_599), "2024-01-31T23:59:59Z")
        #expect(throws: LotlineError.self) { try TraceWhere(parameters: ["temperature>hot"]).filter(timeZone: Self.utc) }
    }
}
