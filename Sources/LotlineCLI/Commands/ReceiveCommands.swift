import ArgumentParser
import LotlineApp
import LotlineCore

struct ReceiveCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Receive material against a supplier lot; creates an internal lot (quarantined when the item needs inspection).")
    @Argument(help: "Part number (or scan the label's GTIN).") var item: String?
    @Argument(help: "Quantity, optionally with the item's unit: 250 or 250kg (or scan it).") var qty: String?
    @Option var supplier: String
    @Option(help: "The supplier's lot or batch number, stored exactly as given (or scan its (10)).") var supplierLot: String?
    @Option(
        name: .customLong("scan"),
        help:
            "A barcode of the supplier's GS1 label, as the scanner sends it; repeat for each barcode of the label. Fills the item (01), supplier lot (10), expiry (17) and quantity (30, 37, 310n...); typed values must agree."
    )
    var scans: [String] = []
    @Option(help: "Heat (melt) number.") var heat: String?
    @Option(help: "Material certificate reference.") var cert: String?
    @Option(help: "Purchase order.") var po: String?
    @Option(help: "Expiry date, YYYY-MM-DD (default: receipt date + the item's shelf life).") var expires: String?
    @Option var location: String?
    @Option(help: "When it arrived: 2026-11-27T08:30 (default: now).") var receivedAt: String?
    @Option(help: "Internal lot number, if not generated; must match the scheme.") var lot: String?
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let (item, qty) = ScanArguments.itemAndQuantity(item, qty, scans: scans)
        var command = Receive(item: item, quantity: qty, supplier: supplier, supplierLot: supplierLot)
        command.scan = scans.isEmpty ? nil : scans
        command.heat = heat
        command.certificate = cert
        command.purchaseOrder = po
        command.expires = expires
        command.location = location
        command.receivedAt = receivedAt
        command.lot = lot
        let executed = try context.execute(command)
        let received = executed.outcome
        var summary = "Received \(received.lot): \(received.quantity) \(received.item) from \(received.supplier) lot \(received.supplierLot)"
        if let heat = received.heat { summary += " heat \(heat)" }
        summary += " -> \(received.status.rawValue)"
        if let location = received.location { summary += " at \(location)" }
        if let expires = received.expiresOn { summary += ", expires \(expires)" }
        return try context.changed(executed.events, summary: summary, lots: [received.lot])
    }
}

struct InspectCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Record an inspection of a quarantined lot: --pass releases it, --fail rejects it.")
    @Argument var lot: String
    @Flag(help: "The lot passed (released) or failed (rejected).") var verdict: Verdict
    @Option(name: .customLong("result"), help: "A measured value, NAME=VALUE; repeat for each.") var results: [String] = []
    @Option var note: String?
    @OptionGroup var global: GlobalOptions

    enum Verdict: String, EnumerableFlag {
        case pass, fail
    }

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let executed = try context.execute(Inspect(lot: lot, passed: verdict == .pass, results: results, note: note))
        let inspected = executed.outcome
        let summary = "Inspected \(inspected.lot): \(inspected.passed ? "pass" : "fail") -> \(inspected.to.rawValue)"
        return try context.changed(executed.events, summary: summary, lots: [inspected.lot])
    }
}
