import Foundation

/// Every event the ledger records, one case per type. Readers switch over it without a default, so a new event does not
/// compile until each says what it does with it: the projections, the stock movements, the work-order cache, time order.
/// Every event type returns its case as `recorded`, and says which lots it touched (`lots`, for their history).
public enum RecordedEvent: Sendable {
    /// A customer, location, reason or equipment code defined or renamed.
    case namedRecord(any NamedRecordEvent)
    case itemDefined(ItemDefined)
    case itemChanged(ItemChanged)
    case supplierDefined(SupplierDefined)
    case supplierChanged(SupplierChanged)
    case lotSchemeSet(LotSchemeSet)
    case lotReceived(LotReceived)
    case lotInspected(LotInspected)
    case lotStatusChanged(LotStatusChanged)
    case lotSplit(LotSplit)
    case lotsMerged(LotsMerged)
    case lotMoved(LotMoved)
    case lotAdjusted(LotAdjusted)
    case lotScrapped(LotScrapped)
    case lotReceiptCorrected(LotReceiptCorrected)
    case bomLineSet(BomLineSet)
    case bomLineRemoved(BomLineRemoved)
    case routingOperationSet(RoutingOperationSet)
    case routingOperationRemoved(RoutingOperationRemoved)
    case workCenterSet(WorkCenterSet)
    case workCenterShiftsSet(WorkCenterShiftsSet)
    case downtimeRecorded(DowntimeRecorded)
    case schedulePublished(SchedulePublished)
    case operationPinSet(OperationPinSet)
    case lotsChosen(LotsChosen)
    case toolDefined(ToolDefined)
    case toolCalibrated(ToolCalibrated)
    case operatorDefined(OperatorDefined)
    case operatorQualified(OperatorQualified)
    case supplierAccredited(SupplierAccredited)
    case workOrderCreated(WorkOrderCreated)
    case workOrderStatusChanged(WorkOrderStatusChanged)
    case materialIssued(MaterialIssued)
    case materialReturned(MaterialReturned)
    case operationStarted(OperationStarted)
    case materialConsumed(MaterialConsumed)
    case operationRecorded(OperationRecorded)
    case operationCompleted(OperationCompleted)
    case outputProduced(OutputProduced)
    case lotsShipped(LotsShipped)
    case shipmentReturned(ShipmentReturned)
    case recallStarted(RecallStarted)
    case recallDrilled(RecallDrilled)
    case recallLotDispositioned(RecallLotDispositioned)
    case recallClosed(RecallClosed)
    case importProgressed(ImportProgressed)
    case userAdded(UserAdded)
    case userChanged(UserChanged)
    case userPasswordSet(UserPasswordSet)
    case userTokenIssued(UserTokenIssued)
    case userTokenRevoked(UserTokenRevoked)
    case userSignInFailed(UserSignInFailed)
    case recordSigned(RecordSigned)
    case lotsObserved(LotsObserved)

    /// The event as its type.
    public var body: any EventBody {
        switch self {
        case .namedRecord(let e): e
        case .itemDefined(let e): e
        case .itemChanged(let e): e
        case .supplierDefined(let e): e
        case .supplierChanged(let e): e
        case .lotSchemeSet(let e): e
        case .lotReceived(let e): e
        case .lotInspected(let e): e
        case .lotStatusChanged(let e): e
        case .lotSplit(let e): e
        case .lotsMerged(let e): e
        case .lotMoved(let e): e
        case .lotAdjusted(let e): e
        case .lotScrapped(let e): e
        case .lotReceiptCorrected(let e): e
        case .bomLineSet(let e): e
        case .bomLineRemoved(let e): e
        case .routingOperationSet(let e): e
        case .routingOperationRemoved(let e): e
        case .workCenterSet(let e): e
        case .workCenterShiftsSet(let e): e
        case .downtimeRecorded(let e): e
        case .schedulePublished(let e): e
        case .operationPinSet(let e): e
        case .lotsChosen(let e): e
        case .toolDefined(let e): e
        case .toolCalibrated(let e): e
        case .operatorDefined(let e): e
        case .operatorQualified(let e): e
        case .supplierAccredited(let e): e
        case .workOrderCreated(let e): e
        case .workOrderStatusChanged(let e): e
        case .materialIssued(let e): e
        case .materialReturned(let e): e
        case .operationStarted(let e): e
        case .materialConsumed(let e): e
        case .operationRecorded(let e): e
        case .operationCompleted(let e): e
        case .outputProduced(let e): e
        case .lotsShipped(let e): e
        case .shipmentReturned(let e): e
        case .recallStarted(let e): e
        case .recallDrilled(let e): e
        case .recallLotDispositioned(let e): e
        case .recallClosed(let e): e
        case .importProgressed(let e): e
        case .userAdded(let e): e
        case .userChanged(let e): e
        case .userPasswordSet(let e): e
        case .userTokenIssued(let e): e
        case .userTokenRevoked(let e): e
        case .userSignInFailed(let e): e
        case .recordSigned(let e): e
        case .lotsObserved(let e): e
        }
    }
}

extension NamedRecordDefined {
    public var recorded: RecordedEvent { .namedRecord(self) }
    public var lots: [LotNumber] { [] }
}
extension NamedRecordChanged {
    public var recorded: RecordedEvent { .namedRecord(self) }
    public var lots: [LotNumber] { [] }
}
extension ItemDefined {
    public var recorded: RecordedEvent { .itemDefined(self) }
    public var lots: [LotNumber] { [] }
}
extension ItemChanged {
    public var recorded: RecordedEvent { .itemChanged(self) }
    public var lots: [LotNumber] { [] }
}
extension SupplierDefined {
    public var recorded: RecordedEvent { .supplierDefined(self) }
    public var lots: [LotNumber] { [] }
}
extension SupplierChanged {
    public var recorded: RecordedEvent { .supplierChanged(self) }
    public var lots: [LotNumber] { [] }
}
extension LotSchemeSet {
    public var recorded: RecordedEvent { .lotSchemeSet(self) }
    public var lots: [LotNumber] { [] }
}
extension LotReceived { public var recorded: RecordedEvent { .lotReceived(self) } }
extension LotInspected { public var recorded: RecordedEvent { .lotInspected(self) } }
extension LotStatusChanged { public var recorded: RecordedEvent { .lotStatusChanged(self) } }
extension LotSplit { public var recorded: RecordedEvent { .lotSplit(self) } }
extension LotsMerged { public var recorded: RecordedEvent { .lotsMerged(self) } }
extension LotMoved { public var recorded: RecordedEvent { .lotMoved(self) } }
extension LotAdjusted { public var recorded: RecordedEvent { .lotAdjusted(self) } }
extension LotScrapped { public var recorded: RecordedEvent { .lotScrapped(self) } }
extension LotReceiptCorrected { public var recorded: RecordedEvent { .lotReceiptCorrected(self) } }
extension BomLineSet {
    public var recorded: RecordedEvent { .bomLineSet(self) }
    public var lots: [LotNumber] { [] }
}
extension BomLineRemoved {
    public var recorded: RecordedEvent { .bomLineRemoved(self) }
    public var lots: [LotNumber] { [] }
}
extension RoutingOperationSet {
    public var recorded: RecordedEvent { .routingOperationSet(self) }
    public var lots: [LotNumber] { [] }
}
extension RoutingOperationRemoved {
    public var recorded: RecordedEvent { .routingOperationRemoved(self) }
    public var lots: [LotNumber] { [] }
}
extension ToolDefined {
    public var recorded: RecordedEvent { .toolDefined(self) }
    public var lots: [LotNumber] { [] }
}
extension ToolCalibrated {
    public var recorded: RecordedEvent { .toolCalibrated(self) }
    public var lots: [LotNumber] { [] }
}
extension OperatorDefined {
    public var recorded: RecordedEvent { .operatorDefined(self) }
    public var lots: [LotNumber] { [] }
}
extension OperatorQualified {
    public var recorded: RecordedEvent { .operatorQualified(self) }
    public var lots: [LotNumber] { [] }
}
extension SupplierAccredited {
    public var recorded: RecordedEvent { .supplierAccredited(self) }
    public var lots: [LotNumber] { [] }
}
extension WorkOrderCreated {
    public var recorded: RecordedEvent { .workOrderCreated(self) }
    public var lots: [LotNumber] { [] }
}
extension WorkOrderStatusChanged {
    public var recorded: RecordedEvent { .workOrderStatusChanged(self) }
    public var lots: [LotNumber] { [] }
}
extension MaterialIssued { public var recorded: RecordedEvent { .materialIssued(self) } }
extension MaterialReturned { public var recorded: RecordedEvent { .materialReturned(self) } }
extension OperationStarted {
    public var recorded: RecordedEvent { .operationStarted(self) }
    public var lots: [LotNumber] { [] }
}
extension MaterialConsumed { public var recorded: RecordedEvent { .materialConsumed(self) } }
extension OperationRecorded {
    public var recorded: RecordedEvent { .operationRecorded(self) }
    /// The units the record names: their history shows the parameters and inspections behind them.
    public var lots: [LotNumber] { units ?? [] }
}
extension OperationCompleted {
    public var recorded: RecordedEvent { .operationCompleted(self) }
    public var lots: [LotNumber] { [] }
}
extension OutputProduced { public var recorded: RecordedEvent { .outputProduced(self) } }
extension LotsShipped { public var recorded: RecordedEvent { .lotsShipped(self) } }
extension ShipmentReturned { public var recorded: RecordedEvent { .shipmentReturned(self) } }
extension RecallStarted { public var recorded: RecordedEvent { .recallStarted(self) } }
extension RecallDrilled {
    public var recorded: RecordedEvent { .recallDrilled(self) }
    public var lots: [LotNumber] { [] }
}
extension RecallLotDispositioned { public var recorded: RecordedEvent { .recallLotDispositioned(self) } }
extension RecallClosed {
    public var recorded: RecordedEvent { .recallClosed(self) }
    public var lots: [LotNumber] { [] }
}
extension ImportProgressed {
    public var recorded: RecordedEvent { .importProgressed(self) }
    public var lots: [LotNumber] { [] }
}
