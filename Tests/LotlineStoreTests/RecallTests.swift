import Foundation
import GRDB
import LotlineCore
import Testing

@testable import LotlineStore

@Suite struct RecallTests {
    /// Given bar of heat H-A split, merged, issued, consumed into shafts (one shipped, one returned), scrapped and counted;
    /// and bar of heat H-B consumed into a third shaft.
    func plantWithHistory() throws -> (ProductionPlant, LotNumber, LotNumber) {
        let plant = try ProductionPlant()
        let barA = try plant.bar("100", heat: "H-A")
        let barB = try plant.bar("50", heat: "H-B")
        try plant.run(SplitLot(lot: barA.rawValue, quantities: ["20", "10"]))
        try plant.run(ScrapLot(lot: "\(barA.rawValue)-02", quantity: "1.5", reason: "DMG"))
        try plant.run(AdjustLot(lot: "\(barA.rawValue)-02", quantity: "8", reason: "COUNT"))
        try plant.run(MergeLots(lots: ["\(barA.rawValue)-02", barB.rawValue]))
        let order = try plant.workOrder("SHAFT", "3").rawValue
        try plant.run(IssueMaterial(lot: "\(barA.rawValue)-01", quantity: "7", workOrder: order))
        try plant.run(IssueMaterial(lot: "M26331-0001", quantity: "2", workOrder: order))
        try plant.run(StartOperation(workOrder: order, seq: 10, equipment: "LATHE-3", tool: "T-17", operatorCode: "JDOE"))
        try plant.run(Produce(workOrder: order, quantity: "3", serials: ["SN-000001", "SN-000002", "SN-000003"]))
        try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: "\(barA.rawValue)-01", quantity: "2", into: "SN-000001"))
        try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: "\(barA.rawValue)-01", quantity: "2", into: "SN-000002"))
        try plant.run(ConsumeMaterial(workOrder: order, seq: 10, lot: "M26331-0001", quantity: "2", into: "SN-000003"))
        try plant.run(Ship(customer: "ACME-AERO", order: "SO-1", serials: ["SN-000001", "SN-000002"]))
        try plant.run(AddNamedRecord<CustomerKind>(code: "BETA", name: "Beta Motors"))
        try plant.run(Ship(customer: "BETA", order: "SO-2", serials: ["SN-000003"]))
        try plant.run(ReturnShipment(shipment: "SH26331-001", lot: "SN-000002", quantity: "1", reason: "QC"))
        try plant.run(Ship(customer: "BETA", order: "SO-3", lots: ["\(barA.rawValue):5"]))
        return (plant, barA, barB)
    }

    @Test func recallHoldsInHouseLotsListsCustomersAndBalances() throws {
        let (plant, barA, _) = try plantWithHistory()
        let events = try plant.run(StartRecall(target: "h-a", reason: "supplier reports bad heat"))
        let started = try #require(try events[0].body() as? RecallStarted)
        let report = try plant.store.recallReport(started.recall, today: TestPlant.utcToday)
        #expect(report.startingLots == [barA])
        #expect(
            Set(report.affected.map(\.lot.rawValue)) == [
                barA.rawValue, "\(barA.rawValue)-01", "\(barA.rawValue)-02", "M26331-0001", "SN-000001", "SN-000002", "SN-000003",
            ])
        for lot in report.affected where lot.inBuilding {
            #expect(try plant.plant.lot(lot.lot).storedStatus == .onHold, "\(lot.lot) should be on hold")
        }
        #expect(try plant.plant.lot(LotNumber(rawValue: "SN-000001")).storedStatus == .shipped)
        let balance = try #require(report.balances.first)
        #expect(balance.holds, "gap \(balance.gap)")
        #expect(balance.received.amount == 100)
        #expect(balance.adjusted.amount == Decimal(string: "-0.5"))
        #expect(balance.scrapped.amount == Decimal(string: "1.5"))
        #expect(balance.consumed.amount == 12)
        #expect(balance.shipped.amount == 5)
        #expect(balance.workInProcess.amount == 3)
        #expect(Quantity.format(balance.inStock.amount) == "78")  // (100 - 30 split - 5 shipped) + (20 - 7 issued) + 0
        let shipped = report.customers.map {
            ($0.customer.rawValue, $0.shipments.map { "\($0.shipment):\($0.lot):\(Quantity.format($0.quantity.amount))" })
        }
        #expect(shipped.map(\.0) == ["ACME-AERO", "BETA"])
        #expect(shipped[0].1 == ["SH26331-001:SN-000001:1", "SH26331-001:SN-000002:1"])
        #expect(Set(shipped[1].1) == ["SH26331-002:SN-000003:1", "SH26331-003:\(barA.rawValue):5"])
        #expect(try plant.store.verify().ok)
    }

    @Test func viaAncestorReachesTheSiblingsOfTheDefectiveUnit() throws {
        let (plant, barA, barB) = try plantWithHistory()
        let report = try plant.store.recallReport("SN-000003", viaAncestor: barB.rawValue, certainty: nil, today: TestPlant.utcToday)
        #expect(report.startingLots == [barB])
        #expect(Set(report.affected.map(\.lot.rawValue)) == [barB.rawValue, "M26331-0001", "SN-000003"])
        #expect { try plant.run(StartRecall(target: "SN-000003", reason: "x", viaAncestor: "\(barA.rawValue)-01")) } throws: {
            ($0 as? LotlineError)?.code == "not-an-ancestor"
        }
    }

    @Test func drillHoldsNothingAndIsRecorded() throws {
        let (plant, barA, _) = try plantWithHistory()
        let report = try plant.store.recallReport("H-A", today: TestPlant.utcToday)
        try plant.run(RecordDrill(target: "H-A", report: report, elapsedSeconds: 0.05))
        #expect(try plant.plant.lot(barA).storedStatus == .released)
        let drills = try plant.store.recalls(drillsOnly: true)
        #expect(drills.map(\.id) == ["DR26-0001"])
        #expect(drills.first?.balanced == true)
        #expect(drills.first?.affectedCount == 7)
    }

    @Test func everyLotsStockEqualsItsMovements() throws {
        let (plant, _, _) = try plantWithHistory()
        try plant.sqlite.read { db in
            for lot in try String.fetchAll(db, sql: "SELECT number FROM lots") {
                let t = try Movements.totals(LotNumber(rawValue: lot), db: db)
                let inflow = [StockMovement.Kind.received, .produced, .splitIn, .mergeIn, .returnedIn, .returnToStock, .adjust].reduce(Decimal(0)) {
                    $0 + t[$1]
                }
                let outflow = [StockMovement.Kind.splitOut, .mergeOut, .issue, .ship, .scrap].reduce(Decimal(0)) { $0 + t[$1] }
                let stock = try Stock.quantity(of: LotNumber(rawValue: lot), db: db).amount
                #expect(stock == inflow - outflow, "lot \(lot)")
            }
        }
        let live = try plant.store.projectionDump()
        try plant.store.rebuild()
        #expect(try plant.store.projectionDump() == live)
    }
}
