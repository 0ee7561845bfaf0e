import Foundation
import LotlineCore
import Testing

/// Allocation over random plants: whatever the lots and needs, a held, quarantined, expired or too-short-lived lot is
/// never allocated, no lot gives more than it holds, a need is met in full or not at all, and the answer does not
/// depend on the order the lots are listed in.
@Suite struct LotAllocatorTests {
    static let base = CalendarDate(year: 2026, month: 12, day: 1)

    static func randomPlant(seed: UInt64) -> (lots: [AllocatableLot], needs: [MaterialNeed], minShelfLife: [PartNumber: Int]) {
        var random = SeededRandom(seed: seed)
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let items = (0..<(1 + below(3))).map { PartNumber(rawValue: "ITEM-\($0)") }
        let statuses: [LotStatus] = [.released, .released, .released, .onHold, .quarantine]
        let lots = (0..<(1 + below(12))).map { index in
            AllocatableLot(
                number: LotNumber(rawValue: "L\(index)"), item: items[below(items.count)], quantity: Quantity(Decimal(below(50)), "kg"),
                status: statuses[below(statuses.count)], expiresOn: below(3) == 0 ? nil : base.adding(days: below(60) - 10),
                receiptSeq: Int64(below(5)))  // ties on purpose: the lot number breaks them
        }
        let needs = (0..<(1 + below(8))).map { index in
            var need = MaterialNeed(
                workOrder: WorkOrderNumber(rawValue: "WO-\(index)"), seq: 10, item: items[below(items.count)], quantity: Decimal(1 + below(40)),
                unit: "kg",
                day: base.adding(days: below(20)))
            // Some needs name lots a planner chose: any lot, usable or not, of any item.
            if below(3) == 0 { need.chosen = (0..<(1 + below(2))).map { _ in lots[below(lots.count)].number } }
            return need
        }
        let minShelfLife = Dictionary(uniqueKeysWithValues: items.compactMap { item in below(2) == 0 ? (item, below(15)) : nil })
        return (lots, needs, minShelfLife)
    }

    @Test(arguments: 1...300)
    func allocationKeepsEveryRule(seed: UInt64) {
        let (lots, needs, minShelfLife) = Self.randomPlant(seed: seed)
        let byNumber = Dictionary(uniqueKeysWithValues: lots.map { ($0.number, $0) })
        for rule in AllocationRule.allCases {
            let result = LotAllocator.allocate(needs, lots: lots, minShelfLife: minShelfLife, rule: rule)
            var used: [LotNumber: Decimal] = [:]
            for (index, need) in needs.enumerated() {
                let portions = result.allocations[index] ?? []
                #expect(portions.isEmpty != (result.shortages[index] == nil), "a need is either met or short, never both: \(need)")
                if !portions.isEmpty {
                    #expect(portions.reduce(Decimal(0)) { $0 + $1.quantity.amount } == need.quantity, "met in full")
                }
                if rule == .single { #expect(portions.count <= 1 + need.chosen.count) }
                for portion in portions {
                    let lot = byNumber[portion.lot]!
                    #expect(lot.item == need.item)
                    #expect(lot.status == .released, "\(lot.number) is \(lot.status)")
                    if let expires = lot.expiresOn {
                        #expect(expires >= need.day.adding(days: minShelfLife[need.item] ?? 0), "\(lot.number) expires \(expires), used \(need.day)")
                    }
                    #expect(portion.quantity.amount > 0)
                    used[portion.lot, default: 0] += portion.quantity.amount
                }
            }
            for (lot, amount) in used { #expect(amount <= byNumber[lot]!.quantity.amount, "\(lot) given \(amount)") }
            let shuffled = LotAllocator.allocate(needs, lots: lots.reversed(), minShelfLife: minShelfLife, rule: rule)
            #expect(shuffled.allocations == result.allocations, "the same answer whatever order the lots are listed in")
        }
    }

    @Test func firstExpiringFirstThenFirstReceived() {
        let lots = [
            AllocatableLot(
                number: LotNumber(rawValue: "LATE"), item: PartNumber(rawValue: "RESIN"), quantity: Quantity(10, "kg"), status: .released,
                expiresOn: Self.base.adding(days: 90), receiptSeq: 1),
            AllocatableLot(
                number: LotNumber(rawValue: "SOON"), item: PartNumber(rawValue: "RESIN"), quantity: Quantity(10, "kg"), status: .released,
                expiresOn: Self.base.adding(days: 30), receiptSeq: 9),
            AllocatableLot(
                number: LotNumber(rawValue: "NEVER"), item: PartNumber(rawValue: "RESIN"), quantity: Quantity(10, "kg"), status: .released,
                expiresOn: nil, receiptSeq: 0),
            AllocatableLot(
                number: LotNumber(rawValue: "HELD"), item: PartNumber(rawValue: "RESIN"), quantity: Quantity(100, "kg"), status: .onHold,
                expiresOn: Self.base, receiptSeq: 0),
        ]
        let need = MaterialNeed(
            workOrder: WorkOrderNumber(rawValue: "WO-1"), seq: 10, item: PartNumber(rawValue: "RESIN"), quantity: 15, unit: "kg", day: Self.base)
        let result = LotAllocator.allocate([need], lots: lots, minShelfLife: [:], rule: .fefo)
        #expect(
            result.allocations[0] == [
                LotPortion(lot: LotNumber(rawValue: "SOON"), quantity: Quantity(10, "kg")),
                LotPortion(lot: LotNumber(rawValue: "LATE"), quantity: Quantity(5, "kg")),
            ])
        let fewest = LotAllocator.allocate([need], lots: lots, minShelfLife: [:], rule: .fewest)
        #expect(fewest.allocations[0]?.count == 2)
        let single = LotAllocator.allocate([need], lots: lots, minShelfLife: [:], rule: .single)
        #expect(single.shortages[0] == "no usable material: no single usable lot of RESIN holds 15 kg (100 kg on hold)")
        // Too little shelf life left at use: SOON (30 days) is passed over for a 45-day minimum.
        let strict = LotAllocator.allocate([need], lots: lots, minShelfLife: [PartNumber(rawValue: "RESIN"): 45], rule: .fefo)
        #expect(
            strict.allocations[0] == [
                LotPortion(lot: LotNumber(rawValue: "LATE"), quantity: Quantity(10, "kg")),
                LotPortion(lot: LotNumber(rawValue: "NEVER"), quantity: Quantity(5, "kg")),
            ])
    }

    /// An operation short of one material takes none of the others, so a later operation can have them.
    @Test func anOperationShortOfOneMaterialKeepsNoneOfTheOthers() {
        let resin = PartNumber(rawValue: "RESIN")
        let hardener = PartNumber(rawValue: "HARDENER")
        let lots = [
            AllocatableLot(
                number: LotNumber(rawValue: "R1"), item: resin, quantity: Quantity(10, "kg"), status: .released, expiresOn: nil, receiptSeq: 1)
        ]
        let first = WorkOrderNumber(rawValue: "WO-A")
        let second = WorkOrderNumber(rawValue: "WO-B")
        let needs = [
            MaterialNeed(workOrder: first, seq: 10, item: resin, quantity: 10, unit: "kg", day: Self.base),
            MaterialNeed(workOrder: first, seq: 10, item: hardener, quantity: 5, unit: "kg", day: Self.base),
            MaterialNeed(workOrder: second, seq: 10, item: resin, quantity: 10, unit: "kg", day: Self.base.adding(days: 1)),
        ]
        let result = LotAllocator.allocate(needs, lots: lots, minShelfLife: [:], rule: .fefo)
        #expect(result.allocations[0] == nil && result.allocations[1] == nil)
        #expect(result.shortages[1] == "no usable material: HARDENER short by 5 kg")
        #expect(result.shortages[0] == "not allocated: another material of the operation is short")
        #expect(result.allocations[2] == [LotPortion(lot: LotNumber(rawValue: "R1"), quantity: Quantity(10, "kg"))])
    }

    /// A lot a planner chose for a later need is not taken by an earlier one that did not choose it; the earlier need
    /// takes the next lot by the rule, and only what the chooser needs of the lot is kept from others.
    @Test func aChosenLotIsKeptForTheNeedThatChoseIt() {
        func lots(r1: Int) -> [AllocatableLot] {
            [("R1", r1, 5), ("R2", 10, 40)].map { name, quantity, days in
                AllocatableLot(
                    number: LotNumber(rawValue: name), item: PartNumber(rawValue: "RESIN"), quantity: Quantity(Decimal(quantity), "kg"),
                    status: .released, expiresOn: Self.base.adding(days: days), receiptSeq: 1)
            }
        }
        func need(_ order: String, day: Int, chosen: [String] = []) -> MaterialNeed {
            var need = MaterialNeed(
                workOrder: WorkOrderNumber(rawValue: order), seq: 10, item: PartNumber(rawValue: "RESIN"), quantity: 6, unit: "kg",
                day: Self.base.adding(days: day))
            need.chosen = chosen.map(LotNumber.init(rawValue:))
            return need
        }
        func allocated(_ result: LotAllocator.Result, _ index: Int) -> [String] {
            (result.allocations[index] ?? []).map { "\($0.lot) \($0.quantity.amount)" }
        }
        let plain = LotAllocator.allocate([need("WO-A", day: 0), need("WO-B", day: 1)], lots: lots(r1: 6), minShelfLife: [:], rule: .fefo)
        #expect(allocated(plain, 0) == ["R1 6"])
        let chosen = LotAllocator.allocate(
            [need("WO-A", day: 0), need("WO-B", day: 1, chosen: ["R1"])], lots: lots(r1: 6), minShelfLife: [:], rule: .fefo)
        #expect(allocated(chosen, 0) == ["R2 6"])
        #expect(allocated(chosen, 1) == ["R1 6"])
        let rest = LotAllocator.allocate(
            [need("WO-A", day: 0), need("WO-B", day: 1, chosen: ["R1"])], lots: lots(r1: 10), minShelfLife: [:], rule: .fefo)
        #expect(allocated(rest, 0) == ["R1 4", "R2 2"])
        #expect(allocated(rest, 1) == ["R1 6"])
    }
}
