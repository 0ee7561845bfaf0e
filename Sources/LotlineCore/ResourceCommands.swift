import Foundation

/// Set up a tool or gauge, with its calibration due date when known.
public struct AddTool: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, name
        case calibratedUntil = "calibrated_until"
    }

    public var code: String
    public var name: String
    public var calibratedUntil: String?

    public init(code: String, name: String, calibratedUntil: String? = nil) {
        self.code = code
        self.name = name
        self.calibratedUntil = calibratedUntil
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<ToolDefined> {
        let tool = Tool(
            code: try ToolCode.parse(code), name: try TextInput.required(name, field: "name"),
            calibratedUntil: try calibratedUntil.map { try CalendarDate.parse($0, field: "calibrated-until") })
        guard try state.tool(tool.code) == nil else {
            throw LotlineError.refused(
                "tool-exists", "tool '\(tool.code)' already exists", value: code, remedy: .calibrateTool(tool.code.rawValue))
        }
        return Decision(ToolDefined(tool: tool))
    }
}

/// Record a calibration: the tool is good until the given date.
public struct CalibrateTool: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, until
        case certificate = "cert"
    }

    public var code: String
    public var until: String
    public var certificate: String?

    public init(code: String, until: String, certificate: String? = nil) {
        self.code = code
        self.until = until
        self.certificate = certificate
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<ToolCalibrated> {
        let tool = try state.requireTool(code)
        let until = try CalendarDate.parse(until, field: "until")
        guard !(until < context.today) else {
            throw LotlineError.badInput("date-in-past", "calibration due date \(until) is already past", value: until.description)
        }
        let event = ToolCalibrated(tool: tool.code, until: until, certificate: try TextInput.optional(certificate, field: "cert", limit: 120))
        return Decision(event)
    }
}

public struct AddOperator: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, name
    }

    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<OperatorDefined> {
        let code = try OperatorCode.parse(code)
        let name = try TextInput.required(name, field: "name")
        guard try state.operatorRecord(code) == nil else {
            throw LotlineError.refused("operator-exists", "operator '\(code)' already exists", value: code.rawValue)
        }
        return Decision(OperatorDefined(code: code, name: name))
    }
}

/// Record that an operator holds a qualification until a date (training, certification).
public struct QualifyOperator: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case code, qualification, until
    }

    public var code: String
    public var qualification: String
    public var until: String

    public init(code: String, qualification: String, until: String) {
        self.code = code
        self.qualification = qualification
        self.until = until
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<OperatorQualified> {
        let person = try state.requireOperator(code)
        let qualification = Qualification(code: try QualificationCode.parse(qualification), until: try CalendarDate.parse(until, field: "until"))
        guard !(qualification.until < context.today) else {
            throw LotlineError.badInput("date-in-past", "qualification end date \(qualification.until) is already past", value: until)
        }
        return Decision(OperatorQualified(operatorCode: person.code, qualification: qualification))
    }
}

/// Put a supplier's special-process accreditation (NADCAP or similar) on file.
public struct AccreditSupplier: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case process, until
        case supplier = "code", certificate = "cert"
    }

    public var supplier: String
    public var process: String
    public var certificate: String
    public var until: String

    public init(supplier: String, process: String, certificate: String, until: String) {
        self.supplier = supplier
        self.process = process
        self.certificate = certificate
        self.until = until
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<SupplierAccredited> {
        let supplier = try state.requireSupplier(supplier)
        let accreditation = Accreditation(
            supplier: supplier.code, process: try ProcessCode.parse(process),
            certificate: try TextInput.required(certificate, field: "cert", limit: 120),
            until: try CalendarDate.parse(until, field: "until"))
        guard !(accreditation.until < context.today) else {
            throw LotlineError.badInput("date-in-past", "accreditation end date \(accreditation.until) is already past", value: until)
        }
        return Decision(SupplierAccredited(accreditation: accreditation))
    }
}
