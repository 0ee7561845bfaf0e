import Foundation
import LotlineCore

/// One lot of an item as `lot available` shows it: in stock, allocated by the latest schedule, free, and whether it may
/// be used at the time asked about (and why not).
public struct AvailableLot: Sendable, Encodable {
    public var lot: LotNumber
    public var status: LotStatus
    public var expiresOn: CalendarDate?
    public var onHand: Quantity
    public var allocated: Quantity
    public var available: Quantity
    public var usable: Bool
    public var why: String?
}

/// An item's lots in the order allocation takes them (first expiring, else first received).
public struct LotAvailability: Sendable, Encodable {
    public var item: PartNumber
    public var at: BusinessTime
    public var minShelfLifeDays: Int?
    public var lots: [AvailableLot]
    /// The quantity that may be used at `at` and is not allocated.
    public var usable: Quantity
}

extension Session {
    /// The item's lots, usable or not at `at` (now when nil), less what the latest schedule allocated.
    public func availability(of itemText: String, at atText: String?) throws -> LotAvailability {
        let item = try backend.withState { try $0.requireItem(itemText) }
        let at = try atText.map { try BusinessTime.parse($0, timeZone: timeZone, field: "at") } ?? BusinessTime(date: now, timeZone: timeZone)
        var allocated: [LotNumber: Decimal] = [:]
        for op in try backend.latestSchedule()?.operations ?? [] {
            for portion in op.allocations ?? [] { allocated[portion.lot, default: 0] += portion.quantity.amount }
        }
        let lots = try backend.allocatableLots(of: [item.part]).sorted(by: LotAllocator.preferred).map { lot -> AvailableLot in
            let why = LotAllocator.unusable(lot, on: at.day, minShelfLifeDays: item.minShelfLifeDays)
            let taken = allocated[lot.number] ?? 0
            return AvailableLot(
                lot: lot.number, status: lot.status, expiresOn: lot.expiresOn, onHand: lot.quantity, allocated: Quantity(taken, item.unit),
                available: Quantity(max(0, lot.quantity.amount - taken), item.unit), usable: why == nil, why: why)
        }
        let usable = lots.filter(\.usable).reduce(Decimal(0)) { $0 + $1.available.amount }
        return LotAvailability(item: item.part, at: at, minShelfLifeDays: item.minShelfLifeDays, lots: lots, usable: Quantity(usable, item.unit))
    }
}
