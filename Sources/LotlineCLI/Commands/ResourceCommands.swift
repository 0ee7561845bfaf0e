import ArgumentParser
import LotlineApp
import LotlineCore

struct ToolGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tool", abstract: "Tools and gauges, and their calibration.", subcommands: [Add.self, Calibrate.self, List.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a tool.")
        @Argument var code: String
        @Option var name: String
        @Option(help: "Calibration due date, YYYY-MM-DD.") var calibratedUntil: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(AddTool(code: code, name: name, calibratedUntil: calibratedUntil))
            let tool = executed.outcome.tool
            return CLIOutput(
                text: "Added tool \(tool.code): \(tool.name), calibrated until \(tool.calibratedUntil?.description ?? "never")", json: tool)
        }
    }

    struct Calibrate: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "calibrate", abstract: "Record a calibration; the tool is good until the date.")
        @Argument var code: String
        @Option var until: String
        @Option var cert: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(CalibrateTool(code: code, until: until, certificate: cert))
            let calibrated = executed.outcome
            return CLIOutput(text: "Calibrated \(calibrated.tool) until \(calibrated.until)", json: calibrated)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tools with their calibration state today.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let tools = try context.backend(creating: false).tools()
            let rows = tools.map {
                [$0.code.rawValue, $0.name, $0.calibratedUntil?.description ?? "-", $0.isCalibrated(on: context.today) ? "ok" : "OUT OF CALIBRATION"]
            }
            return CLIOutput(text: Table(headers: ["CODE", "NAME", "CALIBRATED UNTIL", "STATE"], rows: rows).render(), json: ["tools": tools])
        }
    }
}

struct OperatorGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Operators and their qualifications.", subcommands: [Add.self, Qualify.self, List.self])

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an operator (badge or user id).")
        @Argument var code: String
        @Option var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(AddOperator(code: code, name: name))
            let added = executed.outcome
            return CLIOutput(text: "Added operator \(added.code): \(added.name)", json: added)
        }
    }

    struct Qualify: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "qualify", abstract: "Record a qualification an operator holds until a date.")
        @Argument var code: String
        @Argument var qualification: String
        @Option var until: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(QualifyOperator(code: code, qualification: qualification, until: until))
            let qualified = executed.outcome
            return CLIOutput(
                text: "Qualified \(qualified.operatorCode) for \(qualified.qualification.code) until \(qualified.qualification.until)",
                json: qualified)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List operators and their qualifications.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let operators = try context.backend(creating: false).operators()
            let rows = operators.map { person in
                [person.code.rawValue, person.name, person.qualifications.map { "\($0.code) until \($0.until)" }.joined(separator: ", ")]
            }
            return CLIOutput(text: Table(headers: ["CODE", "NAME", "QUALIFICATIONS"], rows: rows).render(), json: ["operators": operators])
        }
    }
}

extension SupplierGroup {
    struct Accredit: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "accredit",
            abstract: "Put a supplier's special-process accreditation (e.g. NADCAP heat treat) on file until a date.")
        @Argument var code: String
        @Option(help: "The special process, e.g. HEAT-TREAT, PLATING, NDT.") var process: String
        @Option(help: "Accreditation certificate reference.") var cert: String
        @Option var until: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(AccreditSupplier(supplier: code, process: process, certificate: cert, until: until))
            let a = executed.outcome.accreditation
            return CLIOutput(text: "Accredited \(a.supplier) for \(a.process) (\(a.certificate)) until \(a.until)", json: a)
        }
    }
}
