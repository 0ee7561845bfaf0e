import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

struct OperationGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "op", abstract: "Operations on the floor: start, consume, record, complete.",
        subcommands: [Start.self, Consume.self, Record.self, Complete.self])

    struct Start: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start an operation on a machine with a tool by an operator, or at an accredited outside processor.")
        @Argument var workOrder: String
        @Argument var seq: Int
        @Option var equipment: String?
        @Option var tool: String?
        @Option(name: .customLong("operator")) var operatorCode: String
        @Option(help: "Supplier running an outside special process.") var processor: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let command = StartOperation(
                workOrder: workOrder, seq: seq, equipment: equipment, tool: tool, operatorCode: operatorCode, processor: processor)
            let executed = try context.execute(command)
            let started = executed.outcome
            var where_ = started.equipment.map { "on \($0)" } ?? ""
            if let tool = started.tool { where_ += " with \(tool)" }
            if let processor = started.processor { where_ = "at \(processor) (\(started.processorCertificate ?? ""))" }
            return CLIOutput(
                text:
                    "Started \(started.workOrder) operation \(started.seq) \(where_) by \(started.operatorCode?.rawValue ?? "(operator not recorded)")",
                json: started)
        }
    }

    struct Consume: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "consume", abstract: "Consume material issued to the order, into a named output when known.")
        @Argument var workOrder: String
        @Argument var seq: Int
        @Argument(help: "The lot (leave it out with --scan).") var lot: String?
        @Argument var qty: String?
        @Option(help: "The output lot or serial this material went into (makes the genealogy link exact).") var into: String?
        @Option(help: "The lot's label as the scanner sends it (our lot label, or a supplier's GS1 label); then give only the quantity.")
        var scan: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (lot, qty) = try ScanArguments.lotAndQuantity(lot, qty, scan: scan)
            let executed = try context.execute(
                ConsumeMaterial(workOrder: workOrder, seq: seq, lot: lot, quantity: qty, into: into, scan: scan))
            let consumed = executed.outcome
            let summary =
                "Consumed \(consumed.quantity) of \(consumed.lot) at \(consumed.workOrder) operation \(consumed.seq)"
                + (consumed.into.map { " into \($0)" } ?? "")
            return try context.changed(executed.events, summary: summary, lots: [consumed.lot])
        }
    }

    struct Record: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: "Record process parameters and in-process inspections.")
        @Argument var workOrder: String
        @Argument var seq: Int
        @Option(name: .customLong("param"), help: "NAME=VALUE[UNIT], e.g. temperature=845C; repeat.") var parameters: [String] = []
        @Option(name: .customLong("inspect"), help: "NAME=VALUE measured; repeat; needs --pass or --fail.") var inspections: [String] = []
        @Flag var verdict: InspectCommand.Verdict?
        @Option(name: .customLong("unit"), help: "The output (lot or serial) it was recorded for; repeat. Without: what the order makes next.")
        var units: [String] = []
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = RecordOperation(
                workOrder: workOrder, seq: seq, parameters: parameters, inspections: inspections, passed: verdict.map { $0 == .pass })
            command.units = units.isEmpty ? nil : units
            let executed = try context.execute(command)
            let recorded = executed.outcome
            let values =
                recorded.parameters.map { "\($0.name)=\($0.value)\($0.unit ?? "")" }
                + recorded.inspections.map { "\($0.name)=\($0.value) \($0.passed ? "pass" : "fail")" }
            return CLIOutput(text: "Recorded at \(recorded.workOrder) operation \(recorded.seq): \(values.joined(separator: ", "))", json: recorded)
        }
    }

    struct Complete: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "complete", abstract: "Complete an operation with the good quantity and any scrap.")
        @Argument var workOrder: String
        @Argument var seq: Int
        @Option var good: String
        @Option var scrap: String?
        @Option var reason: String?
        @Option(help: "The outside processor's certificate of conformance for this job (required for an outside special process).")
        var cert: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(
                CompleteOperation(workOrder: workOrder, seq: seq, good: good, scrap: scrap, reason: reason, certificate: cert))
            let done = executed.outcome
            return CLIOutput(
                text: "Completed \(done.workOrder) operation \(done.seq): \(done.good) good"
                    + (done.scrap.map { ", \($0) scrap (\(done.reason!))" } ?? "") + (done.certificate.map { ", job cert \($0)" } ?? ""),
                json: done)
        }
    }
}

struct ProduceCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "produce", abstract: "Produce a finished or intermediate lot, or serial numbers, on a work order.")
    @Argument var workOrder: String
    @Argument var qty: String
    @Option(help: "Lot number (must match the production scheme); generated when omitted.") var lot: String?
    @Option(help: "Serial numbers, comma-separated.") var serials: String?
    @Option(help: "Generate this many serial numbers.") var serialCount: Int?
    @Option var shift: String?
    @Option var location: String?
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        var command = Produce(
            workOrder: workOrder, quantity: qty, lot: lot,
            serials: serials.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [], serialCount: serialCount)
        command.shift = shift
        command.location = location
        let executed = try context.execute(command)
        let produced = executed.outcome
        let summary =
            "Produced \(produced.outputs.map { "\($0.lot) (\($0.quantity))" }.joined(separator: ", ")) on \(produced.workOrder) -> \(produced.status.rawValue)"
        return try context.changed(executed.events, summary: summary, lots: produced.outputs.map(\.lot))
    }
}

struct ShipCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "ship", abstract: "Ship lots or serials to a customer against a sales order.")
    @Option var customer: String
    @Option var order: String
    @Argument(help: "LOT or LOT:QTY; the whole lot when no quantity.") var lots: [String] = []
    @Option(name: .customLong("serial"), help: "A serial number; repeat.") var serials: [String] = []
    @Option(help: "The shipment's own number (e.g. the ERP's delivery); default: the next SH{YY}{DDD}-{SEQ:3}.") var number: String?
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let executed = try context.execute(Ship(customer: customer, order: order, lots: lots, serials: serials, number: number))
        let shipped = executed.outcome
        let lines = shipped.lines.map { "\($0.lot) (\($0.quantity))" }.joined(separator: ", ")
        return try context.changed(
            executed.events, summary: "Shipped \(shipped.shipment) to \(shipped.customer) on \(shipped.order): \(lines)",
            lots: shipped.lines.map(\.lot)
        )
    }
}

struct ReturnCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Take goods back from a customer into quarantine, linked to their shipment.")
    @Argument var shipment: String
    @Argument(help: "The shipped lot or serial.") var lot: String
    @Argument var qty: String
    @Option var reason: String
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let executed = try context.execute(ReturnShipment(shipment: shipment, lot: lot, quantity: qty, reason: reason))
        let returned = executed.outcome
        return try context.changed(
            executed.events,
            summary: "Returned \(returned.quantity) of \(returned.lot) from \(returned.shipment) as \(returned.returnLot) -> quarantine",
            lots: [returned.returnLot])
    }
}
