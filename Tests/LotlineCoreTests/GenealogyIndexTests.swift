import Foundation
import LotlineCore
import Testing

@Suite struct GenealogyIndexTests {
    func link(_ input: String, _ output: String, _ quantity: String, _ certainty: Certainty = .exact, order: String? = nil) -> GenealogyIndex.Link {
        GenealogyIndex.Link(
            input: input, output: output, quantity: Decimal(string: quantity)!, certainty: certainty, relation: order == nil ? .lot : .consumed,
            ref: 1,
            workOrder: order)
    }

    @Test func reachKeepsTheStrongestCertaintyOfAnyPath() {
        let index = GenealogyIndex(links: [
            link("A", "B", "1"), link("B", "C", "1", .order, order: "W1"), link("A", "D", "1"), link("D", "C", "1", .window, order: "W2"),
            link("C", "E", "2.5"),
        ])
        let forward = Dictionary(uniqueKeysWithValues: index.reach(from: ["A"], .forward).map { ($0.lot, $0.certainty) })
        #expect(forward == ["A": .exact, "B": .exact, "D": .exact, "C": .window, "E": .window])
        #expect(Set(index.reach(from: ["E"], .backward).map(\.lot)) == ["E", "C", "B", "D", "A"])
        #expect(index.reach(from: ["Z"], .forward) == [GenealogyIndex.Step(lot: "Z", certainty: .exact)])
    }

    @Test func replacingAWorkOrdersLinksRemovesTheOldOnes() {
        var index = GenealogyIndex(links: [link("A", "X", "1", .exact, order: "W1")])
        index.replaceConsumptionLinks(
            into: ["X", "Y", "Z"], with: [link("A", "Y", "1", .window, order: "W1"), link("A", "Z", "1", .window, order: "W1")])
        #expect(Set(index.reach(from: ["A"], .forward).map(\.lot)) == ["A", "Y", "Z"])
        #expect(index.edgeCount == 2)
        index.compact()
        #expect(Set(index.reach(from: ["A"], .forward).map(\.lot)) == ["A", "Y", "Z"])
        // Compaction drops the replaced edge from storage; the survivors keep their own attributes.
        index.replaceConsumptionLinks(
            into: ["X", "Y", "Z"], with: [link("A", "Z", "0.1234567", .exact, order: "W1"), link("B", "Z", "2", .window, order: "W1")])
        index.compact()
        #expect(index.edgeCount == 2)
        let into = index.edges(of: "Z", .backward).map { index.link($0) }.map { "\($0.input) \($0.quantity) \($0.certainty.rawValue)" }
        #expect(into.sorted() == ["A 0.1234567 exact", "B 2 window"])
        #expect(index.edges(of: "Y", .backward).isEmpty)
    }

    @Test(arguments: ["12", "12.5", "0.000001", "0.1234567", "123456.789"])
    func quantitiesKeepEveryDigit(text: String) {
        var index = GenealogyIndex()
        index.append(input: "A", output: "B", quantity: text, certainty: .exact, relation: .lot, ref: 1)
        #expect(index.link(0).quantity == Decimal(string: text)!)
    }
}
