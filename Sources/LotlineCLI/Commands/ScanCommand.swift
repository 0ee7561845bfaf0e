import ArgumentParser
import LotlineApp
import LotlineCore

struct ScanCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read a scanned label: its GS1 AIs (or plain text) and what they name here (item, lot, receipts, expiry, quantity).",
        discussion: """
            DATA is what the scanner sends: GS1-128, DataMatrix or QR data with its symbology identifier (]C1, ]d2, ]Q3, ]e0) \
            and group separators (ASCII 29), a bracketed string such as (01)09521234543213(10)ABC123(17)261231, a GS1 Digital \
            Link URI, or the plain text of one of our own labels. Give each barcode of one label as its own argument.
            """)
    @Argument(help: "The scanned data, one argument per barcode of the label.") var data: [String]
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let reading = try context.session(creating: false).readScan(data)
        var pairs: [(String, String?)] = reading.barcodes.enumerated().map { index, barcode in
            let symbology =
                barcode.symbology.map { " (\($0), \(barcode.symbologyIdentifier ?? ""))" } ?? barcode.symbologyIdentifier.map { " (\($0))" } ?? ""
            return (reading.barcodes.count == 1 ? "Barcode" : "Barcode \(index + 1)", barcode.form + symbology)
        }
        pairs += reading.elements.map { ("(\($0.ai)) \($0.title)", $0.value) }
        pairs += [
            ("Text", reading.text), ("Bracketed", reading.bracketed), ("Element string", reading.elementString),
            ("Digital Link", reading.digitalLink),
            ("Item", reading.item.map { "\($0): \(reading.itemDescription ?? "")" } ?? reading.gtin.map { "no item has GTIN \($0)" }),
            ("Expires", reading.expires), ("Quantity", reading.quantity),
            ("Lot", reading.lot.map { "\($0.number): \($0.quantity) \($0.unit) \($0.item), \($0.status)" } ?? reading.lotProblem),
            ("Receipts of batch", reading.batch.map { _ in reading.receipts.isEmpty ? "none" : reading.receipts.joined(separator: ", ") }),
            ("Received on SSCC", reading.sscc.map { _ in reading.ssccLots.isEmpty ? "nothing yet" : reading.ssccLots.joined(separator: ", ") }),
        ]
        pairs += reading.unchecked.map { ("Not checked", $0) }
        return CLIOutput(text: Fields(pairs: pairs).render(), json: reading)
    }
}
