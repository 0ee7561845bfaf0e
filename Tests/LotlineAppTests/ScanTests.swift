import Foundation
import LotlineApp
import LotlineCore
import LotlineStore
import Testing

/// Scans in the domain, on a real SQLite database: a supplier's GS1 label fills a receipt and is refused where it
/// contradicts what was typed (nothing written); issue and consume take the lot from a label; `readScan` resolves one.
@Suite struct ScanTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    /// 2026-12-03.
    static let now = Date(timeIntervalSince1970: 1_796_300_000)
    static let gs = "\u{1D}"
    /// A supplier's GS1-128 label as a scanner sends it: resin, batch B-778, expiry end of December 2026, 25.5 kg.
    static let resinLabel = "]C10109521234543213" + "10B-778" + gs + "17261200" + "3102002550"

    let store: LotlineStore
    let session: Session

    init() throws {
        store = try LotlineStore.inMemory()
        session = Session(backend: store, actor: "rex", now: Self.now, timeZone: Self.utc)
        var resin = AddItem(part: "RESIN-A", description: "Resin", unit: "kg")
        resin.gtin = "9521234543213"
        _ = try session.record(resin)
        var caps = AddItem(part: "CAP-7", description: "Cap", unit: "ea")
        caps.gtin = "09521234543220"
        _ = try session.record(caps)
        _ = try session.record(AddSupplier(code: "ACME", name: "Acme", approved: true))
    }

    func receive(_ scans: [String], item: String? = nil, qty: String? = nil, supplierLot: String? = nil, expires: String? = nil) throws
        -> LotReceived
    {
        var command = Receive(item: item, quantity: qty, supplier: "ACME", supplierLot: supplierLot)
        command.scan = scans
        command.expires = expires
        return try session.record(command).outcome
    }

    @Test func aSupplierLabelFillsTheReceipt() throws {
        let received = try receive([Self.resinLabel])
        #expect(received.item.rawValue == "RESIN-A")
        #expect(received.supplierLot == "B-778")
        #expect(received.expiresOn == CalendarDate(year: 2026, month: 12, day: 31))  // day 00: the month's last day
        #expect(received.quantity == Quantity(Decimal(string: "25.5")!, "kg"))
        #expect(received.scan == "(01)09521234543213(10)B-778(17)261200(3102)002550")
        // Typed values that agree are fine (the supplier lot compared as a search key, as heats are).
        let again = try receive([Self.resinLabel], item: "RESIN-A", qty: "25.5kg", supplierLot: "b778", expires: "2026-12-31")
        #expect(again.supplierLot == "B-778")
    }

    @Test func aLabelSplitOverBarcodesIsReadTogether() throws {
        // The pairing rules hold over the label: (10) alone needs the (01) of the other barcode.
        let received = try receive(["]C10109521234543213" + "17270115", "]C1" + "10C-9" + Self.gs + "3102001200"], item: nil, qty: nil)
        #expect(received.item.rawValue == "RESIN-A")
        #expect(received.expiresOn == CalendarDate(year: 2027, month: 1, day: 15))
        let caps = try receive(["https://id.gs1.org/01/09521234543220/10/C1?30=12"])
        #expect(caps.quantity == Quantity(12, "ea"))
        #expect(throws: LotlineError.self) { try receive(["]C1" + "10C-9"]) }
    }

    @Test(arguments: [
        ("expires", "scan-disagrees"), ("item", "scan-disagrees"), ("qty", "scan-disagrees"), ("supplierLot", "scan-disagrees"),
    ])
    func aScanThatDisagreesWithTypedValuesIsRefusedAndWritesNothing(field: String, code: String) throws {
        _ = try session.record(AddItem(part: "OTHER", description: "Other", unit: "kg"))
        let before = try store.eventCount()
        let error = #expect(throws: LotlineError.self) {
            switch field {
            case "expires": _ = try receive([Self.resinLabel], expires: "2026-12-30")
            case "item": _ = try receive([Self.resinLabel], item: "OTHER")
            case "qty": _ = try receive([Self.resinLabel], qty: "25kg")
            default: _ = try receive([Self.resinLabel], supplierLot: "B-779")
            }
        }
        #expect(error?.code == code)
        #expect(try store.eventCount() == before)
    }

    @Test func whatTheLabelCannotSayIsRefusedByName() throws {
        let before = try store.eventCount()
        let unknown = #expect(throws: LotlineError.self) { try receive(["(01)09521234543237(10)X(17)270101"], qty: "5") }
        #expect(unknown?.code == "gtin-unknown")
        let noQuantity = #expect(throws: LotlineError.self) { try receive(["(01)09521234543213(10)X"]) }
        #expect(noQuantity?.code == "field-missing")
        // A count of trade items is not a weight.
        let count = #expect(throws: LotlineError.self) { try receive(["(01)09521234543213(10)X(30)5"]) }
        #expect(count?.code == "scan-quantity-unit")
        let pounds = #expect(throws: LotlineError.self) { try receive(["(01)09521234543213(10)X(3202)001000"]) }
        #expect(pounds?.code == "scan-quantity-unit")
        #expect(pounds?.message.contains("type the quantity in kg") == true)
        let empty = #expect(throws: LotlineError.self) { try receive([" "], item: "RESIN-A", qty: "1") }
        #expect(empty?.code == "scan-empty")
        let control = #expect(throws: LotlineError.self) { try receive(["(01)09521234543213(10)X\u{1B}[2J"]) }
        #expect(control?.code == "scan-invalid")
        #expect(control?.message.contains("\u{1B}") == false)
        // The item a pallet label's (02) names must be the typed one.
        let contents = #expect(throws: LotlineError.self) {
            try receive(["(00)106141412345678908(02)09521234543220(37)5(10)X-1"], item: "RESIN-A")
        }
        #expect(contents?.code == "scan-disagrees")
        let broken = #expect(throws: LotlineError.self) { try receive(["(01)09521234543213(10)X(17)261301(3102)000100"]) }
        #expect(broken?.code == "scan-invalid")
        #expect(broken?.message.contains("(17)") == true)
        let text = #expect(throws: LotlineError.self) { try receive(["R26337-0001"], item: "RESIN-A", qty: "1") }
        #expect(text?.code == "scan-not-gs1")
        #expect(try store.eventCount() == before)
    }

    @Test func aLabelsQuantityInAnotherUnitGivesWayToATypedOne() throws {
        // 25.5 lb or 5 boxes say nothing a kg stock can be checked against: what was typed is received, and the label
        // is kept with the receipt.
        let pounds = try receive(["(01)09521234543213(10)X-2(3202)002550"], qty: "11.57kg")
        #expect(pounds.quantity == Quantity(Decimal(string: "11.57")!, "kg"))
        #expect(pounds.scan == "(01)09521234543213(10)X-2(3202)002550")
        let boxes = try receive(["(01)09521234543213(10)X-3(30)5"], qty: "5kg")
        #expect(boxes.quantity == Quantity(5, "kg"))
    }

    @Test func itemsGetValidUniqueGTINs() throws {
        var bad = AddItem(part: "BAD", description: "Bad", unit: "kg")
        bad.gtin = "09521234543214"
        #expect { try session.record(bad) } throws: { ($0 as? LotlineError)?.code == "gtin-invalid" }
        var taken = AddItem(part: "TAKEN", description: "Taken", unit: "kg")
        taken.gtin = "09521234543213"
        #expect { try session.record(taken) } throws: { ($0 as? LotlineError)?.code == "gtin-taken" }
        var change = ChangeItem(part: "CAP-7")
        change.gtin = "9521234543213"
        #expect { try session.record(change) } throws: { ($0 as? LotlineError)?.code == "gtin-taken" }
        change.gtin = "95012346"  // a GTIN-8, kept as 14 digits
        let changed = try session.record(change).outcome
        #expect(changed.item.gtin == "00000095012346")
        #expect(changed.changed == ["gtin"])
        #expect(try store.withState { try $0.item(gtin: "00000095012346")?.part.rawValue } == "CAP-7")
        var zeros = AddItem(part: "ZERO", description: "Zero", unit: "kg")
        zeros.gtin = "00000000000000"
        #expect { try session.record(zeros) } throws: { ($0 as? LotlineError)?.code == "gtin-invalid" }
        // `none` takes a GTIN off, and the number is free again.
        var off = ChangeItem(part: "CAP-7")
        off.gtin = "none"
        #expect(try session.record(off).outcome.item.gtin == nil)
        #expect(try store.withState { try $0.item(gtin: "00000095012346") } == nil)
    }

    /// A released work order for a part made of resin, with its operation 10 started.
    func order() throws -> String {
        _ = try session.record(AddItem(part: "PART-1", description: "Part", unit: "ea"))
        _ = try session.record(SetBomLine(item: "PART-1", component: "RESIN-A", quantityPer: "1"))
        _ = try session.record(SetRoutingOperation(item: "PART-1", seq: 10, name: "Mould", workCenter: "M"))
        _ = try session.record(AddNamedRecord<EquipmentKind>(code: "PRESS-1", name: "Press"))
        _ = try session.record(AddOperator(code: "OP1", name: "Op One"))
        let number = try session.record(CreateWorkOrder(item: "PART-1", quantity: "10")).outcome.number.rawValue
        _ = try session.record(ChangeWorkOrderStatus(number: number, to: .released))
        _ = try session.record(StartOperation(workOrder: number, seq: 10, equipment: "PRESS-1", operatorCode: "OP1"))
        return number
    }

    @Test func issueAndConsumeTakeTheLotFromALabel() throws {
        let received = try receive([Self.resinLabel])
        let order = try order()
        // The supplier's label finds the receipt of its batch; our own lot label (plain text) finds the lot.
        let issued = try session.record(IssueMaterial(lot: nil, quantity: "5", workOrder: order, scan: Self.resinLabel)).outcome
        guard case .issued(let moved) = issued else { Issue.record("not an issue: \(issued)"); return }
        #expect(moved.lot == received.lot)
        let consumed = try session.record(ConsumeMaterial(workOrder: order, seq: 10, lot: nil, quantity: "2", scan: "]C0" + received.lot.rawValue))
        #expect(consumed.outcome.lot == received.lot)
        // Typed and scanned must be the same lot.
        let other = try receive(["(01)09521234543213(10)B-900(17)270101(3102)001000"])
        let before = try store.eventCount()
        let disagree = #expect(throws: LotlineError.self) {
            try session.record(IssueMaterial(lot: other.lot.rawValue, quantity: "1", workOrder: order, scan: Self.resinLabel))
        }
        #expect(disagree?.code == "scan-disagrees")
        #expect(try store.eventCount() == before)
    }

    @Test func consumingByASupplierLabelTakesTheLotTheOrderHolds() throws {
        let first = try receive([Self.resinLabel])
        let second = try receive([Self.resinLabel])
        let order = try order()
        // Only the second receipt is at the order: consuming by the supplier's label takes it, though the first has stock.
        _ = try session.record(IssueMaterial(lot: second.lot.rawValue, quantity: "3", workOrder: order))
        let consumed = try session.record(ConsumeMaterial(workOrder: order, seq: 10, lot: nil, quantity: "1", scan: Self.resinLabel))
        #expect(consumed.outcome.lot == second.lot)
        // A return by the label takes back from what the order holds, too.
        let returned = try session.record(IssueMaterial(lot: nil, quantity: "1", workOrder: order, isReturn: true, scan: Self.resinLabel))
        guard case .returned(let back) = returned.outcome else { Issue.record("not a return"); return }
        #expect(back.lot == second.lot)
        // With both at the order, the label no longer says which.
        _ = try session.record(IssueMaterial(lot: first.lot.rawValue, quantity: "2", workOrder: order))
        let error = #expect(throws: LotlineError.self) {
            try session.record(ConsumeMaterial(workOrder: order, seq: 10, lot: nil, quantity: "1", scan: Self.resinLabel))
        }
        #expect(error?.code == "scan-ambiguous")
    }

    @Test func aSupplierLotInSeveralLotsWithStockIsRefusedAsAmbiguous() throws {
        let first = try receive([Self.resinLabel])
        let second = try receive([Self.resinLabel])
        let order = try order()
        let error = #expect(throws: LotlineError.self) {
            try session.record(IssueMaterial(lot: nil, quantity: "1", workOrder: order, scan: Self.resinLabel))
        }
        #expect(error?.code == "scan-ambiguous")
        #expect(error?.message.contains(first.lot.rawValue) == true && error?.message.contains(second.lot.rawValue) == true)
        // Typing which one settles it.
        let issued = try session.record(IssueMaterial(lot: second.lot.rawValue, quantity: "1", workOrder: order, scan: Self.resinLabel))
        guard case .issued(let moved) = issued.outcome else { Issue.record("not an issue"); return }
        #expect(moved.lot == second.lot)
    }

    @Test func aPalletLabelNamesItsContentsAndIsReceivedOncePerBatch() throws {
        // A logistic label: the pallet's SSCC, the GTIN of the caps it holds (02) and their count (37), the batch.
        let pallet = "(00)106141412345678908(02)09521234543220(37)48(10)C-77"
        let received = try receive([pallet])
        #expect(received.item.rawValue == "CAP-7")
        #expect(received.quantity == Quantity(48, "ea"))
        #expect(received.sscc == "106141412345678908")
        let before = try store.eventCount()
        let again = #expect(throws: LotlineError.self) { try receive([pallet]) }
        #expect(again?.code == "sscc-received")
        #expect(again?.message.contains(received.lot.rawValue) == true)
        #expect(try store.eventCount() == before)
        // Another batch on the same pallet is other material.
        let second = try receive(["(00)106141412345678908(02)09521234543220(37)12(10)C-78"])
        // The pallet label alone names both lots: a reading lists them; issuing by it needs the lot typed.
        let reading = try session.readScan(["]C1" + "00106141412345678908"])
        #expect(reading.ssccLots == [received.lot.rawValue, second.lot.rawValue])
        #expect(reading.lotProblem?.contains("2 lots with stock") == true)
    }

    @Test func readingAScanShowsItsAIsAndWhatTheyName() throws {
        let received = try receive([Self.resinLabel])
        let reading = try session.readScan([Self.resinLabel])
        #expect(reading.barcodes.first?.symbology == "GS1-128")
        #expect(reading.elements.map(\.ai) == ["01", "10", "17", "3102"])
        #expect(reading.elements.first?.title == "GTIN")
        #expect(reading.item == "RESIN-A")
        #expect(reading.expires == "2026-12-31")
        #expect(reading.quantity == "25.5 kg")
        #expect(reading.lot?.number == received.lot.rawValue)
        #expect(reading.receipts == [received.lot.rawValue])
        #expect(reading.digitalLink == "https://id.gs1.org/01/09521234543213/10/B-778?17=261200&3102=002550")
        #expect(reading.elementString == "010952123454321310B-778<GS>172612003102002550")
        let unknown = try session.readScan(["(01)09521234543213(10)NOPE"])
        #expect(unknown.lot == nil)
        #expect(unknown.lotProblem?.contains("NOPE") == true)
    }
}
