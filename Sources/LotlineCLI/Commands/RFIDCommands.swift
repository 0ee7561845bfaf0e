import ArgumentParser
import GS1
import LotlineApp
import LotlineCore

struct RFIDGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid", abstract: "RFID tags (EPC SGTIN-96 and SGTIN-198): decode reads to serials, or record them as observations.",
        subcommands: [Read.self, Record.self, Encode.self], defaultSubcommand: Read.self)

    /// The reads as a table: each tag's EPC, GTIN, serial and the unit it names here.
    static func table(_ reads: [RFIDRead]) -> String {
        Table(
            headers: ["EPC", "SCHEME", "GTIN", "SERIAL", "FILTER", "ITEM", "UNIT"],
            rows: reads.map { [$0.uri, $0.scheme, $0.gtin, $0.serial, String($0.filter), $0.item?.rawValue ?? "-", $0.lot?.rawValue ?? "not here"] }
        ).render()
    }

    struct Read: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "read", abstract: "Decode RFID reads (EPC hex) and show the serial-numbered unit each names; records nothing.")
        @Argument(help: "EPCs as hex, as the reader sends them.") var reads: [String]
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let reads = try context.session(creating: false).readRFID(reads)
            return CLIOutput(text: RFIDGroup.table(reads), json: ["reads": reads])
        }
    }

    struct Record: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "record", abstract: "Record a batch of RFID reads from one reader at a location: each unit is seen there.")
        @Argument(help: "EPCs as hex, as the reader sends them.") var reads: [String]
        @Option(help: "The reader (a portal, a handheld).") var reader: String
        @Option(help: "Where the reader is.") var location: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(RecordRFIDReads(reads: reads, reader: reader, location: location))
            let observed = executed.outcome
            var summary = "Saw \(observed.serials.count) unit(s) at \(observed.location?.rawValue ?? "reader \(observed.reader)")"
            if !observed.serials.isEmpty { summary += ": " + observed.serials.map(\.rawValue).joined(separator: ", ") }
            if !observed.unresolved.isEmpty {
                summary += "\n\(observed.unresolved.count) tag(s) name no unit here: " + observed.unresolved.joined(separator: ", ")
            }
            return try context.changed(executed.events, summary: summary, lots: observed.serials)
        }
    }
}

extension SGTIN.Scheme: ExpressibleByArgument {}

extension RFIDGroup {
    struct Encode: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "encode", abstract: "The EPC to write on a serial-numbered unit's tag (SGTIN-198, or SGTIN-96 for numeric serials).")
        @Argument(help: "The unit's serial number.") var unit: String
        @Option(help: "How many digits of the item's GTIN (after the indicator) are the GS1 company prefix: 6 to 12.")
        var companyPrefixLength: Int
        @Option(help: "sgtin-198 or sgtin-96.") var scheme: SGTIN.Scheme = .sgtin198
        @Option(help: "The filter value, 0 to 7 (1: a point-of-sale item, 2: a full case ...).") var filter = 1
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let tag = try context.session(creating: false).tagEncoding(
                for: unit, scheme: scheme, companyPrefixLength: companyPrefixLength, filter: filter)
            return CLIOutput(text: "\(tag.hex)\n\(tag.uri)\n\(tag.tagURI)", json: tag)
        }
    }
}
