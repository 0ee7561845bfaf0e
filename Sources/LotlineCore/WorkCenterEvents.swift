import Foundation

/// A work center defined, or its name or machines changed.
public struct WorkCenterSet: EventBody, Hashable {
    public static let type = "work_center.set"
    public var code: WorkCenterCode
    public var name: String
    public var machines: [EquipmentCode]
    public var lots: [LotNumber] { [] }
}

/// A work center's weekly working time replaced; no shifts means around the clock.
public struct WorkCenterShiftsSet: EventBody, Hashable {
    public static let type = "work_center.shifts_set"
    public var workCenter: WorkCenterCode
    public var shifts: [Shift]
    public var lots: [LotNumber] { [] }
}

/// A period a work center, or one machine of it, cannot work.
public struct DowntimeRecorded: EventBody, Hashable {
    public static let type = "downtime.recorded"
    public var downtime: Downtime
    public var lots: [LotNumber] { [] }
}

extension WorkCenterSet {
    public var recorded: RecordedEvent { .workCenterSet(self) }
}

extension WorkCenterShiftsSet {
    public var recorded: RecordedEvent { .workCenterShiftsSet(self) }
}

extension DowntimeRecorded {
    public var recorded: RecordedEvent { .downtimeRecorded(self) }
}
