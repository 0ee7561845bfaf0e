import Foundation

/// Finds a work order's operation and checks the order is on the floor.
enum OperationRules {
    static func operation(_ order: WorkOrder, _ seq: Int) throws -> WorkOrderOperation {
        guard order.status == .released else {
            throw LotlineError.refused(
                "work-order-not-released", "work order \(order.number) is \(order.status.rawValue); operations run only on a released order",
                value: order.number.rawValue)
        }
        return try find(order, seq)
    }

    /// The order's operation `seq`, on an order in any status.
    static func find(_ order: WorkOrder, _ seq: Int) throws -> WorkOrderOperation {
        guard let operation = order.operation(seq) else {
            throw LotlineError.notFound(
                "operation-not-found",
                "work order \(order.number) has no operation \(seq); its operations are \(order.operations.map { String($0.seq) }.joined(separator: ", "))",
                value: String(seq))
        }
        return operation
    }

    /// Planning changes (pins, chosen lots) are for orders still open.
    static func requireOpen(_ order: WorkOrder) throws {
        guard order.status != .closed else {
            throw LotlineError.refused("work-order-closed", "work order \(order.number) is closed", value: order.number.rawValue)
        }
    }

    static func requireStarted(_ operation: WorkOrderOperation, of order: WorkOrder) throws {
        guard operation.status == .started else {
            throw LotlineError.refused(
                "operation-not-started",
                "operation \(operation.seq) of \(order.number) is \(operation.status.rawValue), not started", value: String(operation.seq),
                remedy: operation.status == .pending ? .startOperation(workOrder: order.number.rawValue, seq: operation.seq) : nil)
        }
    }
}

/// Start an operation: on a machine, with a tool, by a qualified operator; or at an accredited outside processor.
public struct StartOperation: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case seq, equipment, tool, processor
        case workOrder = "wo", operatorCode = "operator"
    }

    public var workOrder: String
    public var seq: Int
    public var equipment: String?
    public var tool: String?
    /// Required, except in imported history that never recorded who ran the operation.
    public var operatorCode: String?
    public var processor: String?

    public init(workOrder: String, seq: Int, equipment: String?, tool: String? = nil, operatorCode: String?, processor: String? = nil) {
        self.workOrder = workOrder
        self.seq = seq
        self.equipment = equipment
        self.tool = tool
        self.operatorCode = operatorCode
        self.processor = processor
    }

    public var permission: Permission { .produce }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<OperationStarted> {
        let order = try state.requireWorkOrder(workOrder)
        let operation = try OperationRules.operation(order, seq)
        let person = try operatorCode.map { try state.requireOperator($0) }
        // What imported history never recorded is said so, never invented; the rules that needed it were not checked.
        var notRecorded: [String] = []
        var unchecked: [String] = []
        if person == nil {
            guard context.history else {
                throw LotlineError.badInput(
                    "operator-missing", "no operator named for operation \(seq)", value: String(seq), remedy: .give([.operator]))
            }
            notRecorded.append("operator")
        }
        let equipment = try equipment.map { try state.require($0, EquipmentKind.self).code }
        let tool = try tool.map { try state.requireTool($0) }
        guard operation.status == .pending else {
            throw LotlineError.refused(
                "operation-already-started", "operation \(seq) of \(order.number) is already \(operation.status.rawValue)", value: String(seq))
        }
        if let tool, !tool.isCalibrated(on: context.today) {
            throw LotlineError.refused(
                "tool-out-of-calibration",
                "tool \(tool.code) is out of calibration (due \(tool.calibratedUntil?.description ?? "never calibrated")); calibrate it or use another",
                value: tool.code.rawValue)
        }
        if let needed = operation.routing.qualification {
            if let person, !person.isQualified(needed, on: context.today) {
                throw LotlineError.refused(
                    "operator-not-qualified", "operator \(person.code) holds no current \(needed) qualification, which operation \(seq) requires",
                    value: person.code.rawValue)
            }
            if person == nil { unchecked.append("qualification \(needed)") }
        }
        var processor: SupplierCode?
        var certificate: String?
        if let process = operation.routing.specialProcess, self.processor == nil, context.history {
            notRecorded.append("processor")
            unchecked.append("accreditation \(process)")
        } else if let process = operation.routing.specialProcess {
            guard let name = self.processor else {
                throw LotlineError.badInput(
                    "processor-missing", "operation \(seq) is an outside \(process) process; name the processor that runs it",
                    value: String(seq), remedy: .give([.processor]))
            }
            let supplier = try state.requireSupplier(name)
            guard let accreditation = try state.accreditation(supplier: supplier.code, process: process),
                !(accreditation.until < context.today)
            else {
                throw LotlineError.refused(
                    "accreditation-lapsed",
                    "supplier \(supplier.code) has no current \(process) accreditation on file; it cannot run operation \(seq)",
                    value: supplier.code.rawValue)
            }
            processor = supplier.code
            certificate = accreditation.certificate
        } else if equipment == nil {
            guard context.history else {
                throw LotlineError.badInput(
                    "equipment-missing", "no machine named for operation \(seq)", value: String(seq), remedy: .give([.equipment]))
            }
            notRecorded.append("equipment")
        }
        let event = OperationStarted(
            workOrder: order.number, seq: seq, equipment: equipment, tool: tool?.code, operatorCode: person?.code, processor: processor,
            processorCertificate: certificate, notRecorded: notRecorded.isEmpty ? nil : notRecorded, unchecked: unchecked.isEmpty ? nil : unchecked)
        return Decision(event)
    }
}

/// Consume material issued to the work order at a started operation, optionally into a named output.
public struct ConsumeMaterial: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case seq, lot, into, scan
        case workOrder = "wo", quantity = "qty"
    }

    public var workOrder: String
    public var seq: Int
    /// The lot, typed or scanned (`scan`: its label as the scanner sends it); both given must be the same lot.
    public var lot: String?
    public var scan: String?
    public var quantity: String
    public var into: String?

    public init(workOrder: String, seq: Int, lot: String?, quantity: String, into: String? = nil, scan: String? = nil) {
        self.scan = scan
        self.workOrder = workOrder
        self.seq = seq
        self.lot = lot
        self.quantity = quantity
        self.into = into
    }

    public var permission: Permission { .produce }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<MaterialConsumed> {
        let order = try state.requireWorkOrder(workOrder)
        let operation = try OperationRules.operation(order, seq)
        let held = Set(try state.workInProcess(order.number).filter { $0.remaining.amount > 0 }.map(\.lot))
        let lot = try ScannedLot.resolve(typed: lot, scan: scan, in: state, held: held)
        let quantity = try Quantity.parse(quantity, unit: lot.quantity.unit)
        try OperationRules.requireStarted(operation, of: order)
        let wip = try state.workInProcess(order.number).first { $0.lot == lot.number }
        guard let wip, quantity.amount <= wip.remaining.amount else {
            throw LotlineError.refused(
                "consume-exceeds-issued",
                "cannot consume \(quantity) of lot \(lot.number): work order \(order.number) holds \(wip?.remaining.description ?? "none of it")",
                value: Quantity.format(quantity.amount), remedy: .issue(workOrder: order.number.rawValue))
        }
        try UsableLot.require(lot, for: .consume, today: context.today)
        var output: LotNumber?
        if let into {
            let number = LotNumber(rawValue: LotNumberLookup.normalize(into))
            guard order.outputs.contains(number) else {
                throw LotlineError.refused(
                    "output-not-of-order",
                    "\(into) is not an output of work order \(order.number); make it first, or name no output lot", value: into,
                    remedy: .produce(workOrder: order.number.rawValue))
            }
            output = number
        }
        var event = MaterialConsumed(
            workOrder: order.number, seq: seq, lot: lot.number, quantity: quantity, into: output, equipment: operation.equipment,
            tool: operation.tool, operatorCode: operation.operatorCode)
        event.emptied = try state.lotsEmptied(by: event)
        return Decision(event)
    }
}

/// Record process parameters and in-process inspections at an operation.
public struct RecordOperation: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case seq
        case workOrder = "wo", parameters = "param", inspections = "inspect", passed = "pass", units = "unit"
    }

    public var workOrder: String
    public var seq: Int
    /// `NAME=VALUE[UNIT]`, e.g. `temperature=845C`.
    public var parameters: [String]
    /// `NAME=VALUE`; all pass or all fail together, as `passed` says.
    public var inspections: [String]
    public var passed: Bool?
    /// The outputs (lots or serials) this record is for; without them it belongs to what the order makes after it.
    public var units: [String]?

    public init(workOrder: String, seq: Int, parameters: [String] = [], inspections: [String] = [], passed: Bool? = nil) {
        self.workOrder = workOrder
        self.seq = seq
        self.parameters = parameters
        self.inspections = inspections
        self.passed = passed
    }

    public var permission: Permission { .produce }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<OperationRecorded> {
        let order = try state.requireWorkOrder(workOrder)
        let operation = try OperationRules.operation(order, seq)
        let parameters = try parameters.map(Self.parameter)
        let results = try inspections.map(Inspect.parseResult)
        guard !parameters.isEmpty || !results.isEmpty else {
            throw LotlineError.badInput(
                "nothing-to-record", "nothing to record for operation \(seq)", value: String(seq), remedy: .give([.param, .inspect]))
        }
        if !results.isEmpty && passed == nil {
            throw LotlineError.badInput(
                "verdict-missing", "an in-process inspection needs its verdict", value: inspections.joined(separator: " "),
                remedy: .give([.pass, .fail]))
        }
        guard operation.status != .pending else {
            throw LotlineError.refused("operation-not-started", "operation \(seq) of \(order.number) has not started", value: String(seq))
        }
        let inspections = results.map { InProcessInspection(name: $0.name, value: $0.value, passed: passed ?? false) }
        var units: [LotNumber] = []
        for text in self.units ?? [] {
            let unit = LotNumber(rawValue: LotNumberLookup.normalize(text))
            guard order.outputs.contains(unit) else {
                throw LotlineError.refused(
                    "unit-not-output", "\(text) is not an output of work order \(order.number); a record names only what the order made",
                    value: text)
            }
            if !units.contains(unit) { units.append(unit) }
        }
        var event = OperationRecorded(workOrder: order.number, seq: seq, parameters: parameters, inspections: inspections)
        event.units = units.isEmpty ? nil : units
        return Decision(event)
    }

    /// The parser recording an operation uses for each process parameter, for tests and importers.
    public static func parameterForTesting(_ text: String) throws -> ProcessParameter { try parameter(text) }

    /// `temperature=845C` -> name temperature, value 845, unit C; a value that is not a number keeps no unit.
    static func parameter(_ text: String) throws -> ProcessParameter {
        let result = try Inspect.parseResult(text)
        let number = result.value.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        let unit = result.value.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, Decimal(string: String(number)) != nil else {
            return ProcessParameter(name: result.name, value: result.value, unit: nil)
        }
        return ProcessParameter(name: result.name, value: String(number), unit: unit.isEmpty ? nil : unit)
    }
}

/// Complete an operation with the good quantity, and any scrap with its reason.
public struct CompleteOperation: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case seq, good, scrap, reason
        case workOrder = "wo", certificate = "cert"
    }

    public var workOrder: String
    public var seq: Int
    public var good: String
    public var scrap: String?
    public var reason: String?
    /// The certificate of conformance an outside processor sent with the job: required for an outside special process.
    public var certificate: String?

    public init(workOrder: String, seq: Int, good: String, scrap: String? = nil, reason: String? = nil, certificate: String? = nil) {
        self.workOrder = workOrder
        self.seq = seq
        self.good = good
        self.scrap = scrap
        self.reason = reason
        self.certificate = certificate
    }

    public var permission: Permission { .produce }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<OperationCompleted> {
        let order = try state.requireWorkOrder(workOrder)
        let operation = try OperationRules.operation(order, seq)
        let good = try Quantity.parseCount(good, unit: order.quantity.unit, field: "good")
        let scrap = try scrap.map { try Quantity.parse($0, unit: order.quantity.unit, field: "scrap") }
        let reason = try reason.map { try state.require($0, ReasonKind.self).code }
        if scrap != nil && reason == nil {
            throw LotlineError.badInput(
                "reason-missing", "scrap needs a reason code", value: scrap.map { Quantity.format($0.amount) }, remedy: .give([.reason]))
        }
        let certificate = try TextInput.optional(certificate, field: "cert", limit: 200)
        if let process = operation.routing.specialProcess, certificate == nil, !context.history {
            throw LotlineError.badInput(
                "cert-missing",
                "operation \(seq) is an outside \(process) process; record the processor's certificate of conformance for the job",
                value: String(seq), remedy: .give([.cert]))
        }
        if operation.routing.specialProcess == nil, let certificate {
            throw LotlineError.badInput(
                "cert-not-outside", "operation \(seq) of \(order.number) is not an outside special process; a job certificate belongs to one",
                value: certificate)
        }
        try OperationRules.requireStarted(operation, of: order)
        var event = OperationCompleted(workOrder: order.number, seq: seq, good: good, scrap: scrap, reason: reason, certificate: certificate)
        // Imported history may not have kept the processor's certificate: recorded as missing, never made up.
        if operation.routing.specialProcess != nil && certificate == nil { event.notRecorded = ["job certificate"] }
        return Decision(event, reason: reason.map { TextInput.reason($0, note: nil) })
    }
}
