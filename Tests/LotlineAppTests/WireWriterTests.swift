import Foundation
import LotlineApp
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

/// The wire's fast JSON writer against Foundation's encoder with the wire's settings: the same bytes for every kind of
/// answer the API gives, on the demo plant and a generated one, and for the values that trip encoders up.
@Suite struct WireWriterTests {
    static let utc = TimeZone(secondsFromGMT: 0)!

    func same<T: Encodable>(_ value: T, _ label: String) throws {
        let foundation = String(decoding: try WireJSON.encoder().encode(value), as: UTF8.self)
        let fast = String(decoding: try WireWriter.encode(value), as: UTF8.self)
        #expect(fast == foundation, "\(label)\nfoundation: \(foundation.prefix(600))\nfast:       \(fast.prefix(600))")
    }

    @Test func everyAnswerOfTwoPlantsIsWrittenByteForByteAsFoundationWritesIt() throws {
        let demo = try LotlineStore.inMemory()
        let now = try BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: Self.utc).date
        _ = try DemoPlant.build(on: demo, actor: "clerk", now: now, timeZone: Self.utc)
        let generated = try LotlineStore.inMemory()
        var generator = PlantGenerator(rawLots: 30, seed: 3)
        try generator.run(in: generated)
        for store in [demo, generated] {
            let today = BusinessTime(date: now, timeZone: Self.utc).day
            let lots = try store.lots(LotFilter(), today: today)
            try #require(!lots.isEmpty)
            try same(["lots": lots.map { LotView($0, today: today) }], "lots")
            for lot in lots {
                try same(LotDetailView(try store.lotDetail(lot.number.rawValue), today: today), "lot \(lot.number)")
                for direction in [TraceDirection.forward, .backward] {
                    try same(["roots": try store.trace(lot.number.rawValue, direction: direction, maxDepth: 50, today: today)], "trace \(lot.number)")
                }
                let (found, events) = try store.history(lot.number.rawValue)
                try same(HistoryView(lot: found.number.rawValue, events: events.map(EventView.init)), "history \(lot.number)")
            }
            try same(try store.events(EventFilter(limit: 1000)).map(EventView.init), "events")
            try same(try store.recalls(), "recalls")
            try same(try store.recallReport(lots[0].number.rawValue, today: today), "recall report")
            try same(try store.workOrders(), "work orders")
            try same(try store.items(), "items")
            try same(try store.verify(), "verify")
        }
    }

    struct Awkward: Encodable {
        var text = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} bell \u{7} del \u{7F} é 漢 😀 \u{2028}"
        var empty = ""
        var doubles = [0.1, 1.0, -0.0, 1e-7, 123_456_789.0, 1e21, 3.141592653589793, 0.005213499069213867]
        var floats: [Float] = [0.1, 2.5]
        var decimals: [Decimal] = [Decimal(string: "12.500")!, Decimal(string: "-0.001")!, 0]
        var integers: [Int64] = [0, -1, Int64.max, Int64.min]
        var small: [UInt8] = [0, 255]
        var date = Date(timeIntervalSinceReferenceDate: 123.5)
        var missing: String? = nil
        var nothing: [String: Int] = [:]
        var none: [Int] = []
        var byLot = ["R26328-0001": 1, "lotNumber": 2, "a_b": 3, "ab": 4, "A": 5, "b10": 6, "b9": 7, "é": 8, "z": 9, "Ω": 10]
        var nested = [[["deep": [1, 2]]]]
        var camelCaseName = true
        var URLAddress = URL(string: "https://example.com/a?b=c")!
        var blob = Data([0, 1, 2, 250])
        var optionalList: [Int?] = [1, nil, 3]
    }

    /// A key written twice, and a second keyed container on the same encoder.
    struct Twice: Encodable {
        enum Keys: String, CodingKey { case aKey, other }

        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: Keys.self)
            try first.encode(1, forKey: .aKey)
            try first.encode(2, forKey: .aKey)
            var second = encoder.container(keyedBy: Keys.self)
            try second.encode("x", forKey: .other)
        }
    }

    @Test func awkwardValuesAreWrittenAsFoundationWritesThem() throws {
        try same(Awkward(), "awkward")
        try same(Twice(), "a key twice")
        try same([String: String](), "empty object")
        try same([Int](), "empty list")
        try same("just a string", "a bare string")
        try same(42, "a bare number")
    }

    @Test func aNumberThatIsNotOneIsRefusedAsFoundationRefusesIt() {
        #expect(throws: EncodingError.self) { try WireWriter.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try WireJSON.encoder().encode([Double.nan]) }
    }
}
