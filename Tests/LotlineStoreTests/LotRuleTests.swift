import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

@Suite struct ReceivingTests {
    @Test(arguments: Backend.allCases) func inspectionItemWaitsInQuarantineAndPassReleases(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("100")
        #expect(try plant.lot(lot).storedStatus == .quarantine)
        try plant.run(Inspect(lot: lot.rawValue, passed: true, results: ["hardness=32HRC"]))
        #expect(try plant.lot(lot).storedStatus == .released)
        let detail = try plant.store.lotDetail(lot.rawValue)
        #expect(detail.inspections.first?.results == [InspectionResult(name: "hardness", value: "32HRC")])
        #expect(detail.inspections.first?.inspector == "tester")
    }

    @Test(arguments: Backend.allCases) func failedInspectionRejects(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("100")
        try plant.run(Inspect(lot: lot.rawValue, passed: false))
        #expect(try plant.lot(lot).storedStatus == .rejected)
    }

    @Test(arguments: Backend.allCases) func itemWithoutInspectionIsReleasedAtOnce(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("500", item: "BOLT")
        #expect(try plant.lot(lot).storedStatus == .released)
    }

    @Test(arguments: Backend.allCases) func sameSupplierLotOnTwoDeliveriesGivesTwoLotsPointingToIt(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let first = try plant.receive("100", supplierLot: "NS-88412")
        let second = try plant.receive("80", supplierLot: "ns 88412", heat: nil)
        #expect(first != second)
        let lots = try plant.store.lots(LotFilter(supplierLot: "NS88412"), today: TestPlant.utcToday)
        #expect(Set(lots.map(\.number)) == [first, second])
        #expect(lots.allSatisfy { $0.supplierLot == "NS-88412" && $0.heat == "H-2231" })
        #expect(try plant.store.lots(LotFilter(supplierLot: "h2231"), today: TestPlant.utcToday).count == 2)
    }

    @Test(arguments: Backend.allCases) func conflictingHeatForTheSameSupplierLotIsRefused(backend: Backend) throws {
        let plant = try TestPlant(backend)
        _ = try plant.receive("100", supplierLot: "NS-1", heat: "H-1")
        let before = try plant.store.eventCount()
        #expect { try plant.receive("100", supplierLot: "NS-1", heat: "H-2") } throws: { ($0 as? LotlineError)?.code == "heat-conflict" }
        #expect(try plant.store.eventCount() == before)
    }

    @Test(arguments: Backend.allCases) func generatedNumbersFollowTheSchemeAndSkipHandEnteredOnes(backend: Backend) throws {
        let plant = try TestPlant(backend)
        var manual = Receive(item: "BOLT", quantity: "1", supplier: "ACME", supplierLot: "X")
        manual.lot = " r26331-0001 "
        try plant.run(manual)
        let generated = try plant.receive("5", item: "BOLT")
        #expect(generated.rawValue == "R26331-0002")
        #expect(try plant.store.lotDetail("R26331\u{2013}0001").lot.number.rawValue == "R26331-0001")
    }

    @Test(arguments: Backend.allCases) func itemSchemeOverridesTheKindScheme(backend: Backend) throws {
        let plant = try TestPlant(backend)
        try plant.run(SetLotScheme(origin: .receipt, pattern: "BLT{YYYY}{MM}-{SEQ:3}", item: "BOLT"))
        #expect(try plant.receive("5", item: "BOLT").rawValue == "BLT202611-001")
        #expect(try plant.receive("5").rawValue == "R26331-0001")
    }

    @Test(arguments: Backend.allCases) func shelfLifeSetsExpiryAndExpiredLotIsNeverUsable(backend: Backend) throws {
        let plant = try TestPlant(backend)
        var receive = Receive(item: "RESIN", quantity: "20", supplier: "ACME", supplierLot: "B-1")
        receive.receivedAt = "2026-01-10T08:00Z"
        let events = try plant.run(receive)
        let lot = try #require(try events[0].body() as? LotReceived)
        #expect(lot.expiresOn?.description == "2026-07-09")
        let stored = try plant.lot(lot.lot)
        #expect(stored.storedStatus == .released)
        #expect(stored.status(on: TestPlant.utcToday) == .expired)
        #expect(try plant.store.lots(LotFilter(status: .expired), today: TestPlant.utcToday).map(\.number) == [lot.lot])
        let other = try plant.receive("5", item: "RESIN")
        #expect { try plant.run(MergeLots(lots: [lot.lot.rawValue, other.rawValue])) } throws: { ($0 as? LotlineError)?.code == "lot-expired" }
    }

    @Test(arguments: Backend.allCases) func receivingExpiredMaterialIsRefused(backend: Backend) throws {
        let plant = try TestPlant(backend)
        var receive = Receive(item: "RESIN", quantity: "20", supplier: "ACME", supplierLot: "B-1")
        receive.expires = "2026-11-01"
        #expect { try plant.run(receive) } throws: { ($0 as? LotlineError)?.code == "expired-on-receipt" }
    }
}

@Suite struct LotStatusTests {
    @Test(arguments: Backend.allCases) func holdRemembersWhereItWasHeldFrom(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("100")
        try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC"))
        #expect(try plant.lot(lot).storedStatus == .onHold)
        try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .release, reason: "QC"))
        #expect(try plant.lot(lot).storedStatus == .quarantine)
        try plant.run(Inspect(lot: lot.rawValue, passed: true))
        try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC"))
        try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .release, reason: "QC"))
        #expect(try plant.lot(lot).storedStatus == .released)
    }

    @Test(arguments: [
        (ChangeLotStatus.Action.release, "released"), (.hold, "on_hold"), (.release, "rejected"), (.hold, "scrapped"),
    ])
    func illegalTransitionsAreRefused(action: ChangeLotStatus.Action, from: String) throws {
        let plant = try TestPlant()
        let lot = try plant.receive("100", item: "BOLT")
        switch from {
        case "on_hold": try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC"))
        case "rejected": try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .reject, reason: "QC"))
        case "scrapped": try plant.run(ScrapLot(lot: lot.rawValue, reason: "DMG"))
        default: break
        }
        #expect(try plant.lot(lot).storedStatus.rawValue == from)
        let before = try plant.store.eventCount()
        #expect { try plant.run(ChangeLotStatus(lot: lot.rawValue, action: action, reason: "QC")) } throws: {
            ($0 as? LotlineError)?.code == "status-transition-invalid"
        }
        #expect(try plant.store.eventCount() == before)
    }
}

@Suite struct InventoryTests {
    @Test(arguments: Backend.allCases) func splitConservesQuantityAndKeepsParent(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("100.5")
        try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC"))
        try plant.run(SplitLot(lot: lot.rawValue, quantities: ["30.25", "20"]))
        let detail = try plant.store.lotDetail(lot.rawValue)
        #expect(Quantity.format(detail.lot.quantity.amount) == "50.25")
        #expect(detail.children.map(\.lot.rawValue) == ["\(lot.rawValue)-01", "\(lot.rawValue)-02"])
        let child = try plant.store.lotDetail("\(lot.rawValue)-01")
        #expect(child.parents == [LotPortion(lot: lot, quantity: Quantity(Decimal(string: "30.25")!, "kg"))])
        #expect(child.lot.storedStatus == .onHold)
        #expect(child.lot.heat == "H-2231")
    }

    @Test(arguments: Backend.allCases) func splittingEverythingConsumesTheParent(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("10", item: "BOLT")
        try plant.run(SplitLot(lot: lot.rawValue, quantities: ["4", "6"]))
        let parent = try plant.lot(lot)
        #expect(parent.storedStatus == .consumed)
        #expect(parent.quantity.isZero)
    }

    @Test(arguments: Backend.allCases) func mergeMakesACompositeWhoseParentsAreEveryInput(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let a = try plant.receive("7", item: "BOLT", supplierLot: "A")
        let b = try plant.receive("5", item: "BOLT", supplierLot: "B")
        let events = try plant.run(MergeLots(lots: [a.rawValue, b.rawValue]))
        let merged = try #require(try events[0].body() as? LotsMerged)
        #expect(merged.output.rawValue == "M26331-0001")
        let detail = try plant.store.lotDetail(merged.output.rawValue)
        #expect(Quantity.format(detail.lot.quantity.amount) == "12")
        #expect(detail.parents.map(\.lot) == [a, b])
        #expect(try plant.lot(a).storedStatus == .consumed)
        #expect(try plant.lot(b).quantity.isZero)
    }

    @Test(arguments: Backend.allCases) func moveAdjustAndScrap(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("10", item: "BOLT")
        try plant.run(MoveLot(lot: lot.rawValue, to: "A-01"))
        #expect(try plant.lot(lot).location?.rawValue == "A-01")
        try plant.run(AdjustLot(lot: lot.rawValue, quantity: "9", reason: "COUNT"))
        try plant.run(ScrapLot(lot: lot.rawValue, quantity: "2", reason: "DMG"))
        #expect(Quantity.format(try plant.lot(lot).quantity.amount) == "7")
        #expect { try plant.run(ScrapLot(lot: lot.rawValue, quantity: "8", reason: "DMG")) } throws: {
            ($0 as? LotlineError)?.code == "scrap-exceeds-quantity"
        }
        try plant.run(ScrapLot(lot: lot.rawValue, reason: "DMG"))
        #expect(try plant.lot(lot).storedStatus == .scrapped)
        #expect { try plant.run(MoveLot(lot: lot.rawValue, to: "RCV")) } throws: { ($0 as? LotlineError)?.code == "lot-not-in-stock" }
    }

    @Test(arguments: Backend.allCases) func correctionNamesTheReceiptItCorrects(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("100", heat: "H-2213")
        var correct = CorrectReceipt(lot: lot.rawValue, note: "heat digits transposed on entry")
        correct.heat = "H-2231"
        let events = try plant.run(correct)
        let receipt = try plant.store.history(lot.rawValue).events.first
        #expect(events[0].corrects == receipt?.seq)
        #expect(try plant.lot(lot).heat == "H-2231")
        #expect(try plant.store.verify().ok)
    }

    @Test(arguments: Backend.allCases) func historyListsEveryEventThatTouchedTheLotOldestFirst(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("100")
        try plant.run(Inspect(lot: lot.rawValue, passed: true))
        try plant.run(SplitLot(lot: lot.rawValue, quantities: ["10"]))
        try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC", note: "burr"))
        let history = try plant.store.history(lot.rawValue.lowercased())
        #expect(history.events.map(\.type) == ["lot.received", "lot.inspected", "lot.split", "lot.status_changed"])
        #expect(history.events.last?.reason == "QC: burr")
        #expect(history.events.allSatisfy { $0.actor == "tester" })
    }

    @Test(arguments: Backend.allCases) func suggestionsComeFromTheLotsNearTheTypoNotFromEveryLot(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lots = try (0..<40).map { _ in try plant.receive("5") }
        let wanted = lots[16].rawValue  // R.....-0017
        // A letter O for a zero, a digit left out, one typed twice.
        for typo in [String(wanted.dropLast(3)) + "O17", String(wanted.dropLast(3)) + "17", wanted + "7"] {
            #expect { try plant.store.lotDetail(typo) } throws: { error in (error as? LotlineError)?.suggestions.first == wanted }
        }
        let candidates = try plant.sqlite.withState { try $0.lotNumbers(near: String(wanted.dropLast(3)) + "O17") }
        #expect(candidates.contains(wanted))
        #expect(candidates.count < lots.count, "the candidates are read from the index around the number, not every lot")
    }

    @Test(arguments: Backend.allCases) func notFoundLotSuggestsNearestNumbers(backend: Backend) throws {
        let plant = try TestPlant(backend)
        let lot = try plant.receive("100")
        #expect { try plant.store.lotDetail("R26331-001") } throws: { error in
            let error = error as? LotlineError
            return error?.code == "lot-not-found" && error?.suggestions.first == lot.rawValue
        }
    }
}
