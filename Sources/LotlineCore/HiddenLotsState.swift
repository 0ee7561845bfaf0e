import Foundation

/// The plant as the rules see it for a user who is not a US person: lots of export-controlled items are not there. A
/// command naming one is refused exactly as one naming a number never made, by the same rule at the same step, so not
/// even the order of refusals tells it exists; a typo is never answered with one. Only a number typed by hand that is
/// taken says so (numbers are unique across the plant; give controlled items a scheme of their own to keep even that
/// apart). Everything else reads through.
public struct HiddenLotsState: LedgerState {
    let base: any LedgerState
    let controlled: Set<PartNumber>

    /// The state as this actor's commands see it: the base itself for a US person or an open database.
    public static func seenBy(_ actor: String, _ base: any LedgerState) throws -> any LedgerState {
        guard let name = try? UserName.parse(actor), let user = try base.user(name), !user.usPerson else { return base }
        return HiddenLotsState(base: base, controlled: try base.exportControlledItems())
    }

    private func visible(_ lot: Lot?) -> Lot? { lot.flatMap { controlled.contains($0.item) ? nil : $0 } }

    public func lot(_ number: LotNumber) throws -> Lot? { visible(try base.lot(number)) }

    public func lots(supplierLotKey: String, item: PartNumber?) throws -> [Lot] {
        try base.lots(supplierLotKey: supplierLotKey, item: item).compactMap(visible)
    }

    public func lots(sscc: String) throws -> [Lot] { try base.lots(sscc: sscc).compactMap(visible) }

    public func lotNumbers(near number: String) throws -> [String] {
        try base.lotNumbers(near: number).filter { try visible(base.lot(LotNumber(rawValue: $0))) != nil }
    }

    public func traceRoots(_ text: String) throws -> [Lot] { try base.traceRoots(text).filter { !controlled.contains($0.item) } }

    public func item(_ part: PartNumber) throws -> Item? { try base.item(part) }
    public func item(gtin: String) throws -> Item? { try base.item(gtin: gtin) }
    public func supplier(_ code: SupplierCode) throws -> Supplier? { try base.supplier(code) }
    public func named<Kind: NamedKind>(_ code: Code<Kind>) throws -> NamedRecord<Kind>? { try base.named(code) }
    public func scheme(for origin: LotOrigin, item: PartNumber) throws -> LotNumberScheme? { try base.scheme(for: origin, item: item) }
    public func lastSequence(_ key: String) throws -> Int { try base.lastSequence(key) }
    public func recordedHeat(supplier: SupplierCode, supplierLotKey: String) throws -> String? {
        try base.recordedHeat(supplier: supplier, supplierLotKey: supplierLotKey)
    }
    public func creatingEvent(of lot: LotNumber) throws -> Int64? { try base.creatingEvent(of: lot) }
    public func lotsSharingHeat(with lot: LotNumber) throws -> [LotNumber] { try base.lotsSharingHeat(with: lot) }
    public func tool(_ code: ToolCode) throws -> Tool? { try base.tool(code) }
    public func workCenter(_ code: WorkCenterCode) throws -> WorkCenter? { try base.workCenter(code) }
    public func plannedLots(of item: PartNumber, for order: WorkOrderNumber) throws -> PlannedLots? { try base.plannedLots(of: item, for: order) }
    public func pinnedOperations(on machine: EquipmentCode) throws -> [(order: WorkOrder, operation: WorkOrderOperation)] {
        try base.pinnedOperations(on: machine)
    }
    public func latestScheduleVersion() throws -> Int { try base.latestScheduleVersion() }
    public func olderUsableLots(
        item: PartNumber, than lot: LotNumber, expiresOn: CalendarDate?, receiptSeq: Int64, usableOn: CalendarDate, limit: Int
    ) throws -> [LotNumber] {
        controlled.contains(item)
            ? [] : try base.olderUsableLots(item: item, than: lot, expiresOn: expiresOn, receiptSeq: receiptSeq, usableOn: usableOn, limit: limit)
    }
    public func stockLots(of item: PartNumber) throws -> [AllocatableLot] { controlled.contains(item) ? [] : try base.stockLots(of: item) }
    public func operatorRecord(_ code: OperatorCode) throws -> Operator? { try base.operatorRecord(code) }
    public func accreditation(supplier: SupplierCode, process: ProcessCode) throws -> Accreditation? {
        try base.accreditation(supplier: supplier, process: process)
    }
    public func bom(of item: PartNumber) throws -> [BomLine] { try base.bom(of: item) }
    public func routing(of item: PartNumber) throws -> [RoutingOperation] { try base.routing(of: item) }
    public func workOrder(_ number: WorkOrderNumber) throws -> WorkOrder? { try base.workOrder(number) }
    public func workInProcess(_ number: WorkOrderNumber) throws -> [WorkInProcess] { try base.workInProcess(number) }
    public func workInProcess(of lot: LotNumber) throws -> [WorkInProcess] { try base.workInProcess(of: lot) }
    public func shipment(_ number: ShipmentNumber) throws -> Shipment? { try base.shipment(number) }
    public func returnedQuantity(shipment: ShipmentNumber, lot: LotNumber) throws -> Decimal {
        try base.returnedQuantity(shipment: shipment, lot: lot)
    }
    public func ancestors(of lot: LotNumber) throws -> Set<LotNumber> { try base.ancestors(of: lot) }
    public func recallReport(id: String?, target: String, reason: String?, startingLots: [LotNumber], today: CalendarDate) throws -> RecallReport {
        try base.recallReport(id: id, target: target, reason: reason, startingLots: startingLots, today: today)
    }
    public func hasLots(of item: PartNumber) throws -> Bool { try base.hasLots(of: item) }
    public func awaitingOutput(of lots: [LotNumber]) throws -> [AwaitingOutput] { try base.awaitingOutput(of: lots) }
    public func outputHolds(of order: WorkOrderNumber) throws -> [OutputHold] { try base.outputHolds(of: order) }
    public func recallHolds(of lot: LotNumber) throws -> [String] { try base.recallHolds(of: lot) }
    public func recall(_ id: String) throws -> RecallState? { try base.recall(id) }
    public func users() throws -> [User] { try base.users() }
    public func user(_ name: UserName) throws -> User? { try base.user(name) }
    public func accessKey(_ id: String) throws -> AccessKey? { try base.accessKey(id) }
    public func credential(_ name: UserName) throws -> Credential? { try base.credential(name) }
    public func exportControlledItems() throws -> Set<PartNumber> { controlled }
    public func lotNumberTaken(_ number: LotNumber) throws -> Bool { try base.lotNumberTaken(number) }
}
