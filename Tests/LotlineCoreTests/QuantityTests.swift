import Foundation
import LotlineCore
import Testing

@Suite struct QuantityTests {
    @Test(arguments: [("12", "12"), ("12.5", "12.5"), ("12.5kg", "12.5"), ("12.5 KG", "12.5"), (" 0.001 ", "0.001"), ("1.50", "1.5")])
    func parsesPlainAndWithUnit(text: String, amount: String) throws {
        let quantity = try Quantity.parse(text, unit: "kg")
        #expect(Quantity.format(quantity.amount) == amount)
        #expect(quantity.unit == "kg")
    }

    @Test(arguments: [
        ("0", "quantity-not-positive"), ("-3", "quantity-not-positive"), ("\u{2212}3", "quantity-not-positive"), ("abc", "quantity-invalid"),
        ("1.2.3", "quantity-invalid"), ("", "quantity-invalid"), ("5.", "quantity-invalid"), ("12lb", "unit-mismatch"), ("1e3", "unit-mismatch"),
    ])
    func refusesBadQuantities(text: String, code: String) {
        #expect { try Quantity.parse(text, unit: "kg") } throws: { ($0 as? LotlineError)?.code == code }
    }

    @Test func countAllowsZero() throws {
        #expect(try Quantity.parseCount("0", unit: "ea").isZero)
    }

    @Test func decimalsAreExact() throws {
        let a = try Quantity.parse("0.1", unit: "kg").amount
        let b = try Quantity.parse("0.2", unit: "kg").amount
        #expect(Quantity.format(a + b) == "0.3")
    }

    @Test func codableKeepsDigits() throws {
        let quantity = try Quantity.parse("1234567.891", unit: "kg")
        let json = CanonicalJSON.encode(quantity)
        #expect(json == #"{"amount":"1234567.891","unit":"kg"}"#)
        #expect(try JSONDecoder().decode(Quantity.self, from: Data(json.utf8)) == quantity)
    }
}
