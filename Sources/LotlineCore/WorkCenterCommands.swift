import Foundation

/// Define a work center and its machines, or change its name or machines.
public struct SetWorkCenter: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey { case code, name, machines = "machine" }

    public var code: String
    public var name: String
    public var machines: [String]

    public init(code: String, name: String, machines: [String]) {
        self.code = code
        self.name = name
        self.machines = machines
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<WorkCenterSet> {
        let code = try WorkCenterCode.parse(code)
        let name = try TextInput.required(name, field: "name", limit: 80)
        guard !machines.isEmpty else {
            throw LotlineError.badInput(
                "work-center-without-machines", "work center \(code) needs at least one machine (equipment) to run its operations",
                value: code.rawValue)
        }
        var codes: [EquipmentCode] = []
        for text in machines {
            let machine = try state.require(text, EquipmentKind.self).code
            guard !codes.contains(machine) else {
                throw LotlineError.badInput("machine-repeated", "machine \(machine) is named twice for work center \(code)", value: text)
            }
            codes.append(machine)
        }
        return Decision(WorkCenterSet(code: code, name: name, machines: codes))
    }
}

/// Replace a work center's weekly shifts; none means it works around the clock.
public struct SetWorkCenterShifts: LotlineCommand {
    enum CodingKeys: String, CodingKey { case workCenter = "work_center", shifts = "shift" }

    public var workCenter: String
    public var shifts: [String]

    public init(workCenter: String, shifts: [String]) {
        self.workCenter = workCenter
        self.shifts = shifts
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<WorkCenterShiftsSet> {
        let center = try state.requireWorkCenter(workCenter)
        let parsed = try shifts.map(Shift.parse)
        return Decision(WorkCenterShiftsSet(workCenter: center.code, shifts: parsed))
    }
}

/// Record a period a work center, or one of its machines, cannot work: breakdown, maintenance, holiday.
public struct RecordDowntime: LotlineCommand {
    enum CodingKeys: String, CodingKey { case workCenter = "work_center", machine, from, to, reason, note }

    public var workCenter: String
    public var machine: String?
    public var from: String
    public var to: String
    public var reason: String
    public var note: String?

    public init(workCenter: String, machine: String? = nil, from: String, to: String, reason: String, note: String? = nil) {
        self.workCenter = workCenter
        self.machine = machine
        self.from = from
        self.to = to
        self.reason = reason
        self.note = note
    }

    public var permission: Permission { .planWork }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<DowntimeRecorded> {
        let center = try state.requireWorkCenter(workCenter)
        var machineCode: EquipmentCode?
        if let machine {
            let code = try state.require(machine, EquipmentKind.self).code
            guard center.machines.contains(code) else {
                throw LotlineError.badInput(
                    "machine-not-in-work-center",
                    "machine \(code) is not one of work center \(center.code)'s machines "
                        + "(\(center.machines.map(\.rawValue).joined(separator: ", ")))", value: machine)
            }
            machineCode = code
        }
        let starts = try BusinessTime.parse(from, timeZone: context.timeZone, field: "from")
        let ends = try BusinessTime.parse(to, timeZone: context.timeZone, field: "to")
        guard ends.date > starts.date else {
            throw LotlineError.badInput("downtime-inverted", "downtime must end after it starts: \(starts) to \(ends)", value: to)
        }
        let reason = try state.require(reason, ReasonKind.self).code
        let downtime = Downtime(
            workCenter: center.code, machine: machineCode, from: starts, to: ends, reason: reason, note: try TextInput.optional(note, field: "note"))
        return Decision(DowntimeRecorded(downtime: downtime), reason: TextInput.reason(reason, note: downtime.note))
    }
}
