import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

extension LabelSymbology: ExpressibleByArgument {}
extension LabelFormat: ExpressibleByArgument {}

struct LabelCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Print a lot's or serial's label: item, lot, expiry and quantity, with a GS1 barcode of the same data.",
        discussion: """
            An item with a GTIN gets GS1 data: (01) GTIN, (17) expiry, the quantity ((30) count or a net measure such as (3102)) \
            and (10) lot or (21) serial; a QR code carries it as a GS1 Digital Link URI. Without a GTIN the barcode carries \
            the lot number as plain text, which `lotline scan` reads back.
            """)
    @Argument(help: "The lot or serial number.") var lot: String
    @Option(help: "gs1-128, datamatrix or qr.") var symbology: LabelSymbology
    @Option(help: "svg (for screens, PDF and most printers) or zpl (Zebra and compatible thermal printers).") var format: LabelFormat = .svg
    @Option(help: "Write the label to this file instead of standard output.") var output: String?
    @Option(help: "The Digital Link domain a QR code points at.") var domain = "https://id.gs1.org"
    @OptionGroup var global: GlobalOptions

    struct Written: Encodable {
        var lot: String
        var symbology: String
        var format: String
        var data: String
        var humanReadable: String
        var file: String?
        var document: String?
    }

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let label = try context.session(creating: false).label(for: lot, symbology: symbology, domain: domain)
        let document = format == .svg ? label.svg() : label.zpl()
        let written = Written(
            lot: label.lot, symbology: symbology.rawValue, format: format.rawValue, data: label.data, humanReadable: label.humanReadable,
            file: output, document: output == nil ? document : nil)
        guard let output else { return CLIOutput(text: document, json: written) }
        do {
            // Written in place, not by renaming a temporary file over it: the path may be a printer device, a pipe or a link.
            try Data(document.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw LotlineError(.unavailable, "label-not-written", "could not write \(output): \(error.localizedDescription)", value: output)
        }
        return CLIOutput(text: "Wrote \(output): \(symbology.rawValue) label of \(label.lot), \(label.humanReadable)", json: written)
    }
}
