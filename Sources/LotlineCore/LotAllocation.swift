import Foundation

/// A lot as allocation sees it: what is in stock, its status and expiry, and its place in receipt order.
public struct AllocatableLot: Sendable, Hashable, Codable {
    public var number: LotNumber
    public var item: PartNumber
    public var quantity: Quantity
    /// The stored status (released, quarantine, on hold ...); expiry is judged at the time of use.
    public var status: LotStatus
    public var expiresOn: CalendarDate?
    /// The ledger sequence number of the event that made the lot: first in, first out, never a row id.
    public var receiptSeq: Int64
    /// For output an open order will make: the day it is made, before which it cannot be used.
    public var availableOn: CalendarDate?

    public init(number: LotNumber, item: PartNumber, quantity: Quantity, status: LotStatus, expiresOn: CalendarDate?, receiptSeq: Int64) {
        self.number = number
        self.item = item
        self.quantity = quantity
        self.status = status
        self.expiresOn = expiresOn
        self.receiptSeq = receiptSeq
    }
}

/// How lots are chosen for a need.
public enum AllocationRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// First expiring first for lots that expire, first received first otherwise.
    case fefo
    /// As few lots as possible: one that covers the need if any does, else the largest first.
    case fewest
    /// One lot per need, or none.
    case single
}

/// Material an operation will use: how much of an item, and when.
public struct MaterialNeed: Sendable, Hashable {
    public var workOrder: WorkOrderNumber
    public var seq: Int
    public var item: PartNumber
    public var quantity: Decimal
    public var unit: String
    /// The day the material is used: what expiry and the minimum shelf life are judged against.
    public var day: CalendarDate
    /// Lots a planner chose, taken first (in this order) while usable; the rule allocates the rest.
    public var chosen: [LotNumber] = []

    public init(workOrder: WorkOrderNumber, seq: Int, item: PartNumber, quantity: Decimal, unit: String, day: CalendarDate) {
        self.workOrder = workOrder
        self.seq = seq
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.day = day
    }
}

/// Chooses lots for material needs, earliest need first: only released lots, not expired on the day of use and with
/// the item's minimum shelf life left then, never more than a lot holds across all needs. A need that cannot be met
/// in full gets nothing (its partial lots stay free for others) and a reason.
public enum LotAllocator {
    public struct Result: Sendable {
        /// By need index: the lots and quantities.
        public var allocations: [Int: [LotPortion]] = [:]
        /// By need index: why it could not be met.
        public var shortages: [Int: String] = [:]
    }

    /// Why a lot may not be used on `day` for an item with this minimum shelf life; nil when it may.
    public static func unusable(_ lot: AllocatableLot, on day: CalendarDate, minShelfLifeDays: Int?) -> String? {
        switch lot.status {
        case .released: break
        case .onHold: return "on hold"
        case .quarantine: return "in quarantine"
        default: return lot.status.rawValue
        }
        guard lot.quantity.amount > 0 else { return "none in stock" }
        if let made = lot.availableOn, day < made { return "planned output not made until \(made)" }
        if let expires = lot.expiresOn {
            if expires < day { return "expired on \(expires)" }
            if let minimum = minShelfLifeDays, expires < day.adding(days: minimum) {
                return "expires on \(expires), less than \(minimum) days after use on \(day)"
            }
        }
        return nil
    }

    /// FEFO for lots with an expiry (earliest first, those without after them), then receipt order; deterministic.
    public static func preferred(_ a: AllocatableLot, _ b: AllocatableLot) -> Bool {
        switch (a.expiresOn, b.expiresOn) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (a.receiptSeq, a.number.rawValue) < (b.receiptSeq, b.number.rawValue)
        }
    }

    public static func allocate(_ needs: [MaterialNeed], lots: [AllocatableLot], minShelfLife: [PartNumber: Int], rule: AllocationRule) -> Result {
        var result = Result()
        var left = Dictionary(lots.map { ($0.number, $0.quantity.amount) }, uniquingKeysWith: { first, _ in first })
        let byItem = Dictionary(grouping: lots, by: \.item).mapValues { $0.sorted(by: preferred) }
        let order = needs.indices.sorted {
            (needs[$0].day, needs[$0].workOrder, needs[$0].seq, needs[$0].item) < (needs[$1].day, needs[$1].workOrder, needs[$1].seq, needs[$1].item)
        }
        // A lot a planner chose is kept for the need that chose it, up to what that need takes, until its turn comes.
        var reserved: [LotNumber: Decimal] = [:]
        var reservations: [Int: [LotNumber: Decimal]] = [:]
        for index in order where !needs[index].chosen.isEmpty {
            var wanted = needs[index].quantity
            for lot in needs[index].chosen where wanted > 0 {
                let amount = min(wanted, max(0, (left[lot] ?? 0) - (reserved[lot] ?? 0)))
                guard amount > 0 else { continue }
                reservations[index, default: [:]][lot] = amount
                reserved[lot, default: 0] += amount
                wanted -= amount
            }
        }
        var position = 0
        while position < order.count {
            // One operation's needs together: all met, or none (a part short stops the operation, so nothing is kept).
            var last = position
            while last + 1 < order.count, needs[order[last + 1]].workOrder == needs[order[position]].workOrder,
                needs[order[last + 1]].seq == needs[order[position]].seq
            {
                last += 1
            }
            var trial = left
            var picks: [Int: [LotPortion]] = [:]
            var short: [Int: String] = [:]
            for index in order[position...last] {
                for (lot, amount) in reservations[index] ?? [:] { reserved[lot, default: 0] -= amount }
            }
            for index in order[position...last] {
                let need = needs[index]
                guard need.quantity > 0 else { continue }
                // What others' chosen lots keep for them is not free for this need.
                var free = trial
                for (lot, amount) in reserved where amount > 0 { free[lot, default: 0] -= amount }
                switch pick(need, from: byItem[need.item] ?? [], left: free, minShelfLife: minShelfLife[need.item], rule: rule) {
                case .success(let picked):
                    for portion in picked { trial[portion.lot, default: 0] -= portion.quantity.amount }
                    picks[index] = picked
                case .failure(let shortage): short[index] = shortage.reason
                }
            }
            if short.isEmpty {
                left = trial
                result.allocations.merge(picks) { first, _ in first }
            } else {
                for index in order[position...last] where needs[index].quantity > 0 {
                    result.shortages[index] = short[index] ?? "not allocated: another material of the operation is short"
                }
            }
            position = last + 1
        }
        return result
    }

    private struct Shortage: Error { var reason: String }

    /// The lots for one need from what is left, by the rule; a shortage when they do not cover it.
    private static func pick(
        _ need: MaterialNeed, from lots: [AllocatableLot], left: [LotNumber: Decimal], minShelfLife: Int?, rule: AllocationRule
    ) -> Swift.Result<[LotPortion], Shortage> {
        let candidates = lots.filter { unusable($0, on: need.day, minShelfLifeDays: minShelfLife) == nil && (left[$0.number] ?? 0) > 0 }
        var picked: [LotPortion] = []
        var wanted = need.quantity
        var left = left
        func take(_ lot: AllocatableLot) {
            let amount = min(wanted, left[lot.number] ?? 0)
            guard amount > 0 else { return }
            picked.append(LotPortion(lot: lot.number, quantity: Quantity(amount, need.unit)))
            wanted -= amount
            left[lot.number, default: 0] -= amount
        }
        for number in need.chosen where wanted > 0 {
            if let lot = candidates.first(where: { $0.number == number }) { take(lot) }
        }
        switch rule {
        case .fefo:
            for lot in candidates where wanted > 0 { take(lot) }
        case .fewest:
            if let whole = candidates.first(where: { (left[$0.number] ?? 0) >= wanted }) {
                take(whole)
            } else {
                for lot in candidates.sorted(by: { (left[$0.number] ?? 0) > (left[$1.number] ?? 0) }) where wanted > 0 { take(lot) }
            }
        case .single:
            // After chosen lots that fall short (the planner's decision), the rest comes from one more lot.
            if let whole = candidates.first(where: { (left[$0.number] ?? 0) >= wanted }) { take(whole) }
        }
        guard wanted > 0 else { return .success(picked) }
        return .failure(Shortage(reason: shortage(need, short: wanted, lots: lots, minShelfLife: minShelfLife, rule: rule)))
    }

    /// Why a need is short, with what of the item there is but cannot be used (on hold, in quarantine, expiring).
    static func shortage(_ need: MaterialNeed, short: Decimal, lots: [AllocatableLot], minShelfLife: Int?, rule: AllocationRule) -> String {
        var unusableByReason: [String: Decimal] = [:]
        for lot in lots {
            guard let reason = unusable(lot, on: need.day, minShelfLifeDays: minShelfLife), lot.quantity.amount > 0 else { continue }
            let kind =
                reason.hasPrefix("expire")
                ? "expired or too close to expiry" : reason.hasPrefix("planned output") ? "planned output not made yet" : reason
            unusableByReason[kind, default: 0] += lot.quantity.amount
        }
        var text =
            rule == .single
            ? "no usable material: no single usable lot of \(need.item) holds \(Quantity.format(need.quantity)) \(need.unit)"
            : "no usable material: \(need.item) short by \(Quantity.format(short)) \(need.unit)"
        if !unusableByReason.isEmpty {
            text +=
                " ("
                + unusableByReason.sorted { $0.key < $1.key }.map { "\(Quantity.format($0.value)) \(need.unit) \($0.key)" }.joined(separator: ", ")
                + ")"
        }
        return text
    }
}
