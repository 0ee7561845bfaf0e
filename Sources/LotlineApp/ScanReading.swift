import Foundation
import GS1
import LotlineCore

/// A scanned label as a station shows it (`lotline scan`, `POST /scan`): each AI with its title, in every GS1 form, and
/// what it names in the plant: the item its GTIN finds, the lot a command would take it for (or why none), the receipts
/// of its batch, its expiry and quantity. Reads only; a user who is not a US person sees no controlled lot.
public struct ScanReading: Encodable, Sendable {
    /// One barcode as it came: its form and symbology.
    public struct Barcode: Encodable, Sendable {
        public var form: String
        public var symbologyIdentifier: String?
        public var symbology: String?
    }

    /// One AI of the data.
    public struct Element: Encodable, Sendable {
        public var ai: String
        public var title: String
        public var value: String
    }

    public var barcodes: [Barcode]
    /// Plain text (our own lot label), when the scan is not GS1 data.
    public var text: String?
    public var elements: [Element]
    public var bracketed: String?
    /// The element string as a barcode carries it, group separators shown as `<GS>`.
    public var elementString: String?
    public var digitalLink: String?
    public var gtin: String?
    public var item: String?
    public var itemDescription: String?
    public var batch: String?
    public var serial: String?
    public var expires: String?
    public var quantity: String?
    public var sscc: String?
    /// The lot issue and consume would take for this scan.
    public var lot: LotView?
    /// Why no lot, when none: the refusal a command would give.
    public var lotProblem: String?
    /// Lots received under the batch as a supplier lot (of the GTIN's item when it has one).
    public var receipts: [String]
    /// Lots received from the pallet or case the (00) SSCC names.
    public var ssccLots: [String]
    /// The dictionary's checks not made on this data, and why.
    public var unchecked: [String]
}

extension Session {
    /// Reads the barcodes of one label (several barcodes are read together) and resolves what they name.
    public func readScan(_ barcodes: [String]) throws -> ScanReading {
        let facts = try ScanFacts.read(barcodes)
        let message = facts.message
        let dictionary = SyntaxDictionary.standard
        var reading = ScanReading(
            barcodes: facts.forms.map { .init(form: $0.form.rawValue, symbologyIdentifier: $0.symbologyIdentifier, symbology: $0.symbology) },
            text: facts.text,
            elements: message?.elements.map { .init(ai: $0.ai, title: dictionary.definition($0.ai)?.title ?? "", value: $0.value) } ?? [],
            bracketed: message?.bracketed, elementString: message.map { ScanFacts.printable($0.elementString()) },
            digitalLink: try? message?.digitalLink(), gtin: facts.gtin, batch: facts.batch, serial: facts.serial,
            expires: facts.expiry(today: today)?.description, sscc: facts.sscc, receipts: [], ssccLots: [],
            unchecked: message?.uncheckedRules() ?? [])
        if let stated = facts.quantity { reading.quantity = Quantity.format(stated.amount) + " " + (stated.unit ?? "(count)") }
        try backend.withState { base in
            let state = try HiddenLotsState.seenBy(actor, base)
            if let gtin = facts.gtin, let item = try state.item(gtin: gtin) {
                reading.item = item.part.rawValue
                reading.itemDescription = item.description
            }
            if let sscc = facts.sscc { reading.ssccLots = try state.lots(sscc: sscc).map(\.number.rawValue) }
            if let batch = facts.batch {
                let item = try facts.gtin.flatMap { try state.item(gtin: $0) }?.part
                reading.receipts = try state.lots(supplierLotKey: LotNumberLookup.searchKey(batch), item: item).map(\.number.rawValue)
            }
            do {
                reading.lot = LotView(try ScannedLot.lot(scanned: facts, in: state), today: today)
            } catch let error as LotlineError {
                reading.lotProblem = error.message
            }
        }
        return reading
    }
}

extension Session {
    /// RFID reads decoded and resolved to the units they name, as this user may see them; records nothing.
    public func readRFID(_ reads: [String]) throws -> [RFIDRead] {
        try backend.withState { base in try RFIDRead.resolve(reads, in: try HiddenLotsState.seenBy(actor, base)) }
    }
}

/// What to write on a serial-numbered unit's RFID tag: its EPC as an SGTIN, in hex and as URIs.
public struct TagEncoding: Encodable, Sendable {
    public var unit: String
    public var item: String
    public var gtin: String
    public var scheme: String
    public var hex: String
    /// `urn:epc:id:sgtin:...`: the unit's identity.
    public var uri: String
    /// `urn:epc:tag:sgtin-198:1....`: the identity with the filter, as the tag carries it.
    public var tagURI: String
}

extension Session {
    /// The EPC of a unit for a tag: its item's GTIN (split at the company prefix length, which the GTIN does not tell) and
    /// its serial; SGTIN-96 takes only numeric serials without leading zeros, SGTIN-198 any serial.
    public func tagEncoding(for unit: String, scheme: SGTIN.Scheme, companyPrefixLength: Int, filter: Int) throws -> TagEncoding {
        try backend.withState { base in
            let state = try HiddenLotsState.seenBy(actor, base)
            let lot = try state.requireLot(unit)
            let item = try state.requireItem(lot.item.rawValue)
            guard lot.isSerialUnit(of: item) else {
                throw LotlineError.refused(
                    "not-a-serial-unit",
                    "\(lot.number) is a lot of \(lot.quantity) \(item.part), not one unit made under a serial number; an SGTIN names one unit",
                    value: lot.number.rawValue)
            }
            guard let gtin = item.gtin else {
                throw LotlineError.refused("gtin-missing", "item '\(item.part)' has no GTIN, so its units have no SGTIN", value: item.part.rawValue)
            }
            do {
                let sgtin = try SGTIN(gtin: gtin, companyPrefixLength: companyPrefixLength, serial: lot.number.rawValue, filter: filter)
                return TagEncoding(
                    unit: lot.number.rawValue, item: item.part.rawValue, gtin: gtin, scheme: scheme.rawValue, hex: try sgtin.encode(scheme),
                    uri: sgtin.pureIdentityURI, tagURI: try sgtin.tagURI(scheme))
            } catch let error as EPCError {
                throw LotlineError.badInput("epc-invalid", "unit \(lot.number) as \(scheme.rawValue): \(error)", value: lot.number.rawValue)
            }
        }
    }
}
