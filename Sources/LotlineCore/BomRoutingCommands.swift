import Foundation

/// Add a component to an item's bill of material, or change how much of it one unit takes.
public struct SetBomLine: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case item, component
        case quantityPer = "qty"
    }

    public var item: String
    public var component: String
    /// Quantity of the component per one unit of the item, in the component's unit.
    public var quantityPer: String

    public init(item: String, component: String, quantityPer: String) {
        self.item = item
        self.component = component
        self.quantityPer = quantityPer
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<BomLineSet> {
        let parent = try state.requireItem(item)
        let component = try state.requireItem(component)
        let quantity = try Quantity.parse(quantityPer, unit: component.unit, field: "quantity per unit")
        if try component.part == parent.part || contains(component.part, parent.part, state: state) {
            throw LotlineError.refused(
                "bom-cycle", "\(component.part) cannot go into \(parent.part): \(parent.part) is already part of \(component.part)",
                value: component.part.rawValue)
        }
        return Decision(BomLineSet(item: parent.part, line: BomLine(component: component.part, quantityPer: quantity)))
    }

    /// Whether `part` appears anywhere below `assembly` in the bills of material.
    private func contains(_ assembly: PartNumber, _ part: PartNumber, state: any LedgerState) throws -> Bool {
        var pending = [assembly]
        var seen: Set<PartNumber> = []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            for line in try state.bom(of: next) {
                if line.component == part { return true }
                pending.append(line.component)
            }
        }
        return false
    }
}

public struct RemoveBomLine: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case item, component
    }

    public var item: String
    public var component: String

    public init(item: String, component: String) {
        self.item = item
        self.component = component
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<BomLineRemoved> {
        let parent = try state.requireItem(item)
        let component = try PartNumber.parse(component)
        guard try state.bom(of: parent.part).contains(where: { $0.component == component }) else {
            throw LotlineError.notFound(
                "bom-line-not-found", "\(component) is not on the bill of material of \(parent.part)", value: component.rawValue)
        }
        return Decision(BomLineRemoved(item: parent.part, component: component))
    }
}

/// Add an operation to an item's routing, or change it.
public struct SetRoutingOperation: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case item, seq, name
        case workCenter = "work_center", qualification = "requires", specialProcess = "special_process", finalInspection = "final_inspection"
        case setup, run, alternatives = "alt"
    }

    public var item: String
    public var seq: Int
    public var name: String
    public var workCenter: String
    public var qualification: String?
    public var specialProcess: String?
    /// The final inspection: what an order of the item makes waits for a passed inspection of each lot or serial.
    public var finalInspection: Bool?
    /// Setup minutes, once per order.
    public var setup: String?
    /// Run minutes per unit.
    public var run: String?
    /// Other work centers that can run the operation, in order of preference.
    public var alternatives: [String]?

    public init(item: String, seq: Int, name: String, workCenter: String, qualification: String? = nil, specialProcess: String? = nil) {
        self.item = item
        self.seq = seq
        self.name = name
        self.workCenter = workCenter
        self.qualification = qualification
        self.specialProcess = specialProcess
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<RoutingOperationSet> {
        let item = try state.requireItem(item)
        guard (1...9999).contains(seq) else {
            throw LotlineError.badInput("operation-seq-invalid", "operation sequence must be 1 to 9999, got \(seq)", value: String(seq))
        }
        let operation = RoutingOperation(
            seq: seq, name: try TextInput.required(name, field: "name", limit: 80),
            workCenter: try TextInput.required(workCenter, field: "work-center", limit: 40),
            qualification: try qualification.map(QualificationCode.parse), specialProcess: try specialProcess.map(ProcessCode.parse),
            finalInspection: finalInspection ?? false,
            setupMinutes: try setup.map { try Quantity.parseCount($0, unit: "min", field: "setup").amount },
            runMinutes: try run.map { try Quantity.parseCount($0, unit: "min", field: "run").amount },
            alternatives: try alternativeCenters(state))
        return Decision(RoutingOperationSet(item: item.part, operation: operation))
    }

    /// The alternative work centers: each defined, none twice, none the operation's own.
    private func alternativeCenters(_ state: any LedgerState) throws -> [WorkCenterCode]? {
        guard let alternatives, !alternatives.isEmpty else { return nil }
        var centers: [WorkCenterCode] = []
        for text in alternatives {
            let center = try state.requireWorkCenter(text).code
            guard center.rawValue != LotNumberLookup.normalize(workCenter), !centers.contains(center) else {
                throw LotlineError.badInput(
                    "alternative-repeated", "alternative work center \(center) is the operation's own or named twice", value: text)
            }
            centers.append(center)
        }
        return centers
    }
}

public struct RemoveRoutingOperation: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case item, seq
    }

    public var item: String
    public var seq: Int

    public init(item: String, seq: Int) {
        self.item = item
        self.seq = seq
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<RoutingOperationRemoved> {
        let item = try state.requireItem(item)
        guard try state.routing(of: item.part).contains(where: { $0.seq == seq }) else {
            throw LotlineError.notFound("operation-not-found", "\(item.part) has no routing operation \(seq)", value: String(seq))
        }
        return Decision(RoutingOperationRemoved(item: item.part, seq: seq))
    }
}
