import Foundation
import Testing

@testable import LotlineCore

/// The one rule for using a lot's material, by use and status, without a database.
@Suite struct UsableLotTests {
    static let today = CalendarDate(year: 2026, month: 6, day: 1)

    func lot(_ status: LotStatus, origin: LotOrigin = .receipt, quantity: Decimal = 10, expires: CalendarDate? = nil) -> Lot {
        Lot(
            number: LotNumber(rawValue: "L-1"), item: PartNumber(rawValue: "BAR"), quantity: Quantity(quantity, "kg"), storedStatus: status,
            origin: origin, expiresOn: expires, createdAt: BusinessTime(date: Date(timeIntervalSince1970: 0), offsetSeconds: 0))
    }

    /// The code a use is refused with, or nil when allowed.
    func refusal(_ lot: Lot, _ use: LotUse) -> String? {
        do {
            try UsableLot.require(lot, for: use, today: Self.today)
            return nil
        } catch let error as LotlineError {
            return error.code
        } catch {
            return "\(error)"
        }
    }

    @Test func eachUseAllowsWhatItMay() {
        let released = lot(.released)
        #expect(LotUse.allCases.map { refusal(released, $0) } == [nil, nil, nil, nil])
        let held = lot(.onHold)
        #expect(LotUse.allCases.map { refusal(held, $0) } == ["lot-on-hold", "lot-on-hold", "lot-on-hold", "lot-on-hold"])
        let expired = lot(.released, expires: CalendarDate(year: 2026, month: 5, day: 31))
        #expect(LotUse.allCases.map { refusal(expired, $0) } == ["lot-expired", "lot-expired", "lot-expired", "lot-expired"])
        // Received and awaiting inspection: merged (re-batching) but not issued or shipped.
        let incoming = lot(.quarantine)
        #expect(LotUse.allCases.map { refusal(incoming, $0) } == ["lot-not-released", "lot-not-released", nil, nil])
        // Made and awaiting its final inspection: the remedy is to pass it.
        let made = lot(.quarantine, origin: .production)
        #expect(LotUse.allCases.map { refusal(made, $0) } == ["lot-awaiting-acceptance", "lot-awaiting-acceptance", nil, nil])
        // All of it issued: it is consumed from the order, never issued, shipped or merged again.
        let empty = lot(.released, quantity: 0)
        #expect(LotUse.allCases.map { refusal(empty, $0) } == ["lot-not-in-stock", "lot-not-in-stock", "lot-not-in-stock", nil])
        #expect(refusal(lot(.shipped), .ship) == "lot-already-shipped")
        #expect(refusal(lot(.rejected), .merge) == "lot-not-usable")
    }
}
