import Foundation

/// A tool or gauge that must be in calibration to be used.
public struct Tool: Sendable, Hashable, Codable {
    public var code: ToolCode
    public var name: String
    public var calibratedUntil: CalendarDate?

    public init(code: ToolCode, name: String, calibratedUntil: CalendarDate?) {
        self.code = code
        self.name = name
        self.calibratedUntil = calibratedUntil
    }

    /// In calibration on this day: a due date that has not passed.
    public func isCalibrated(on day: CalendarDate) -> Bool {
        calibratedUntil.map { !($0 < day) } ?? false
    }
}

/// A qualification an operator holds until a date.
public struct Qualification: Sendable, Hashable, Codable {
    public var code: QualificationCode
    public var until: CalendarDate

    public init(code: QualificationCode, until: CalendarDate) {
        self.code = code
        self.until = until
    }
}

/// A person who runs operations, with the qualifications they hold.
public struct Operator: Sendable, Hashable, Codable {
    public var code: OperatorCode
    public var name: String
    public var qualifications: [Qualification]

    public init(code: OperatorCode, name: String, qualifications: [Qualification] = []) {
        self.code = code
        self.name = name
        self.qualifications = qualifications
    }

    public func isQualified(_ qualification: QualificationCode, on day: CalendarDate) -> Bool {
        qualifications.contains { $0.code == qualification && !($0.until < day) }
    }
}

/// A supplier's accreditation (NADCAP or similar) for a special process, on file until a date.
public struct Accreditation: Sendable, Hashable, Codable {
    public var supplier: SupplierCode
    public var process: ProcessCode
    public var certificate: String
    public var until: CalendarDate

    public init(supplier: SupplierCode, process: ProcessCode, certificate: String, until: CalendarDate) {
        self.supplier = supplier
        self.process = process
        self.certificate = certificate
        self.until = until
    }
}

/// One component of an item's bill of material: how much of it one unit of the parent takes.
public struct BomLine: Sendable, Hashable, Codable {
    public var component: PartNumber
    public var quantityPer: Quantity

    public init(component: PartNumber, quantityPer: Quantity) {
        self.component = component
        self.quantityPer = quantityPer
    }
}

/// One step of an item's routing.
public struct RoutingOperation: Sendable, Hashable, Codable {
    public var seq: Int
    public var name: String
    public var workCenter: String
    /// The qualification an operator needs to run it.
    public var qualification: QualificationCode?
    /// Set for an outside special process (heat treat, plating, NDT) done by an accredited supplier.
    public var specialProcess: ProcessCode?
    /// The final inspection: what the order makes waits for a passed inspection of each lot or serial.
    public var finalInspection: Bool
    /// Minutes to set a machine up for the operation, once per order; nil when not known.
    public var setupMinutes: Decimal?
    /// Minutes per unit made; nil when not known.
    public var runMinutes: Decimal?
    /// Other work centers that can run the operation, in order of preference.
    public var alternatives: [WorkCenterCode]?

    public init(
        seq: Int, name: String, workCenter: String, qualification: QualificationCode? = nil, specialProcess: ProcessCode? = nil,
        finalInspection: Bool = false, setupMinutes: Decimal? = nil, runMinutes: Decimal? = nil, alternatives: [WorkCenterCode]? = nil
    ) {
        self.finalInspection = finalInspection
        self.setupMinutes = setupMinutes
        self.runMinutes = runMinutes
        self.alternatives = alternatives
        self.seq = seq
        self.name = name
        self.workCenter = workCenter
        self.qualification = qualification
        self.specialProcess = specialProcess
    }
}

extension RoutingOperation {
    enum CodingKeys: String, CodingKey {
        case seq, name, workCenter, qualification, specialProcess, finalInspection, setupMinutes, runMinutes, alternatives
    }

    /// Reads operations recorded before `finalInspection` or the planning times existed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            seq: try c.decode(Int.self, forKey: .seq), name: try c.decode(String.self, forKey: .name),
            workCenter: try c.decode(String.self, forKey: .workCenter),
            qualification: try c.decodeIfPresent(QualificationCode.self, forKey: .qualification),
            specialProcess: try c.decodeIfPresent(ProcessCode.self, forKey: .specialProcess),
            finalInspection: try c.decodeIfPresent(Bool.self, forKey: .finalInspection) ?? false,
            setupMinutes: try c.decodeIfPresent(Decimal.self, forKey: .setupMinutes),
            runMinutes: try c.decodeIfPresent(Decimal.self, forKey: .runMinutes),
            alternatives: try c.decodeIfPresent([WorkCenterCode].self, forKey: .alternatives))
    }
}
