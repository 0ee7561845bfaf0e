import LotlineCore
import Testing

@Suite struct InternTableTests {
    @Test(arguments: [0, 6_000])
    func everyStringKeepsItsIdThroughGrowth(reserved: Int) {
        var table = InternTable()
        table.reserve(reserved)
        let texts =
            (0..<5_000).map { "R26\($0 % 365)-\($0)" } + [
                "", "ünïcødé–lot", "a-very-long-lot-number-beyond-fifteen-bytes", "fifteen-bytes-x", "sixteen-bytes-xx", "fourteen-bytes",
            ]
        let ids = texts.map { table.intern($0) }
        #expect(ids == (0..<Int32(texts.count)).map { $0 })
        #expect(table.count == texts.count)
        for (text, id) in zip(texts, ids) {
            #expect(table.id(of: text) == id)
            #expect(table.string(id) == text)
            #expect(table.intern(text) == id)
        }
        #expect(table.id(of: "R26-missing") == nil)
        #expect(table.count == texts.count)
    }
}
