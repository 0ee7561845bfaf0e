import Foundation
import GS1

/// One RFID tag read: its EPC decoded (SGTIN-96 or SGTIN-198, GS1 EPC Tag Data Standard) and the serial it names here.
public struct RFIDRead: Sendable, Hashable, Codable {
    /// The tag's EPC as the reader sent it, upper-case hex.
    public var hex: String
    public var scheme: String
    /// `urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial`.
    public var uri: String
    public var gtin: String
    public var serial: String
    public var filter: Int
    /// The item with that GTIN, if one has it.
    public var item: PartNumber?
    /// The serial-numbered unit (a lot numbered by its serial) of that item, if there is one.
    public var lot: LotNumber?

    /// Decodes each read and resolves it; the same tag read twice counts once. A read that is not an SGTIN EPC (wrong
    /// header, a reserved partition, not hex...) refuses the batch, naming the read and the rule.
    public static func resolve(_ reads: [String], in state: any LedgerState) throws -> [RFIDRead] {
        guard !reads.isEmpty else { throw LotlineError.badInput("reads-empty", "no RFID reads were given") }
        guard reads.count <= 10_000 else {
            throw LotlineError.badInput("reads-too-many", "\(reads.count) reads in one batch; send at most 10000", value: String(reads.count))
        }
        var resolved: [RFIDRead] = []
        var seen: Set<String> = []
        for (index, raw) in reads.enumerated() {
            let hex = raw.trimmed.uppercased()
            let decoded: (scheme: SGTIN.Scheme, sgtin: SGTIN)
            do {
                decoded = try SGTIN.decode(hex: hex)
            } catch {
                throw LotlineError.badInput("epc-invalid", "read \(index + 1) (\(hex.prefix(64))): \(error)", value: String(hex.prefix(64)))
            }
            let sgtin = decoded.sgtin
            guard seen.insert(sgtin.pureIdentityURI).inserted else { continue }
            let item = try state.item(gtin: sgtin.gtin)
            let lot = try item.flatMap { try ScannedLot.serialUnit(sgtin.serial, of: $0, in: state)?.number }
            resolved.append(
                RFIDRead(
                    hex: hex, scheme: decoded.scheme.rawValue, uri: sgtin.pureIdentityURI, gtin: sgtin.gtin, serial: sgtin.serial,
                    filter: sgtin.filter, item: item?.part, lot: lot))
        }
        return resolved
    }
}

/// Serialised units seen by an RFID reader: which, where, by which reader. An observation, not a move: the units' stock
/// and location stay as they are; their history shows where they were seen.
public struct LotsObserved: EventBody, Hashable {
    public static let type = "lot.observed"
    /// The units seen.
    public var serials: [LotNumber]
    /// Their tags, as EPC pure-identity URIs, in the order of `serials`.
    public var epcs: [String]
    /// Tags read that name no unit here (another company's, or a unit the recorder may not see).
    public var unresolved: [String]
    public var reader: String
    public var location: LocationCode?
    public var lots: [LotNumber] { serials }
    public var recorded: RecordedEvent { .lotsObserved(self) }
}

/// Record a batch of RFID reads from one reader, at a location: each tag that names a unit here is an observation of it.
public struct RecordRFIDReads: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case reads, reader, location
    }

    /// EPCs as hex, as the reader sent them.
    public var reads: [String]
    public var reader: String
    public var location: String?

    public init(reads: [String], reader: String, location: String? = nil) {
        self.reads = reads
        self.reader = reader
        self.location = location
    }

    public var permission: Permission { .moveStock }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotsObserved> {
        let reader = try TextInput.required(reader, field: "reader", limit: 80)
        let location = try location.map { try state.require($0, LocationKind.self).code }
        let reads = try RFIDRead.resolve(reads, in: state)
        // One observation per unit, whichever of its encodings was read; a tag of an export-controlled item that names
        // no unit this user may see is left out, so its serial is not written where such a user reads it.
        var units: Set<LotNumber> = []
        let seen = reads.filter { read in read.lot.map { units.insert($0).inserted } ?? false }
        let controlled = try state.exportControlledItems()
        let unresolved = reads.filter { $0.lot == nil && !($0.item.map(controlled.contains) ?? false) }
        return Decision(
            LotsObserved(
                serials: seen.compactMap(\.lot), epcs: seen.map(\.uri), unresolved: unresolved.map(\.uri), reader: reader, location: location))
    }
}
