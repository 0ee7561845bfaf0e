import Foundation
import Testing

@testable import LotlineCore

/// Remedies say what to do in words any interface can show; the JSON form keeps them as data.
@Suite struct RemedyTests {
    @Test func missingInputsAreNamedInWordsWithOrBetweenThem() {
        #expect(
            Remedy.give([.supplierLot, .heat, .cert, .po, .expires]).words
                == "give the supplier lot, heat, certificate, purchase order or expiry date")
        #expect(Remedy.give([.operator]).words == "give the operator")
        #expect(Remedy.add(.workOrder, code: nil).words == "add the work order")
    }

    @Test func anErrorSaysItsRemedyInWordsAndTheInterfaceMayRenderItItsOwnWay() {
        let error = LotlineError.notFound("item-not-found", "no item 'X'", value: "X", suggestions: ["XA"], remedy: .add(.item, code: "X"))
        #expect(error.description == "error[item-not-found]: no item 'X'; add the item X (did you mean: XA?)")
        #expect(error.rendered { "<\($0.words)>" } == "error[item-not-found]: no item 'X'; <add the item X> (did you mean: XA?)")
        #expect(error.adding("line 4").message == "no item 'X'; line 4")
        #expect(error.adding("line 4").remedy == .add(.item, code: "X"))
    }

    @Test func aRefusalFromARuleCarriesItsRemedy() throws {
        // A lot that awaits its final inspection cannot be used; passing the inspection is the way on.
        let lot = Lot(
            number: LotNumber(rawValue: "P-1"), item: PartNumber(rawValue: "PUMP"), quantity: Quantity(1, "ea"), storedStatus: .quarantine,
            origin: .production, createdAt: BusinessTime(date: Date(timeIntervalSince1970: 0), offsetSeconds: 0))
        let error = try #require(throws: LotlineError.self) {
            try UsableLot.require(lot, for: .ship, today: CalendarDate(year: 2026, month: 1, day: 1))
        }
        #expect(error.remedy == .passInspection(lot: "P-1"))
        #expect(!error.description.contains("lotline"))
    }
}
