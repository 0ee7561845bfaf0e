import Foundation
import GS1
import LotlineCore

/// The barcode a label carries.
public enum LabelSymbology: String, Sendable, CaseIterable, Codable {
    case gs1128 = "gs1-128", datamatrix, qr
}

/// What a label is written as: SVG for screens and PDF, ZPL for thermal printers.
public enum LabelFormat: String, Sendable, CaseIterable, Codable {
    case svg, zpl
}

/// A lot's (or serial's) label: item, lot, expiry and quantity in text, and a barcode of the same data. When the item
/// has a GTIN the barcode is GS1 data, (01) GTIN, (10) lot or (21) serial, (17) expiry, and the quantity as (30) or a
/// net measure; a QR code carries it as a GS1 Digital Link URI. Without a GTIN, GS1 has no way to say whose lot it is,
/// so the barcode carries the lot number as plain text, which `scan` reads as our own label.
public struct LotLabel: Sendable {
    /// The symbol, as its modules.
    public enum Symbol: Sendable {
        case linear(LinearSymbol)
        case matrix(ModuleMatrix)
    }

    public let lot: String
    /// A serial-numbered unit's label: (21) serial, no quantity.
    public let serial: Bool
    public let item: String
    public let description: String
    public let quantity: String
    public let expires: String?
    public let symbology: LabelSymbology
    /// What the symbol encodes: an element string (group separators where FNC1 goes), a Digital Link URI, or the lot number.
    public let data: String
    /// Whether the symbol is a GS1 symbol (FNC1 first): GS1-128, GS1 DataMatrix, GS1 QR Code.
    public let gs1: Bool
    /// The text printed with the symbol: the bracketed element string, the URI, or the lot number.
    public let humanReadable: String
    public let symbol: Symbol

    /// Builds the label's data and encodes it; refuses what the symbology cannot carry (say which, and what would).
    init(lot: Lot, item: Item, symbology: LabelSymbology, domain: String) throws {
        self.lot = lot.number.rawValue
        // A unit made as a serial number; a lot of a serial-tracked item received in bulk is labelled as a lot.
        self.serial = lot.isSerialUnit(of: item)
        self.item = item.part.rawValue
        self.description = item.description
        self.quantity = Quantity.format(lot.quantity.amount) + " " + lot.quantity.unit
        self.expires = lot.expiresOn?.description
        self.symbology = symbology
        var data = lot.number.rawValue
        var gs1 = false
        var humanReadable = lot.number.rawValue
        if let gtin = item.gtin {
            let message = try Self.message(lot: lot, item: item, gtin: gtin)
            if symbology == .qr {
                data = try message.digitalLink(domain: domain)
                humanReadable = data
            } else {
                data = message.elementString()
                humanReadable = message.bracketed
                gs1 = true
            }
        }
        self.data = data
        self.gs1 = gs1
        self.humanReadable = humanReadable
        do {
            switch symbology {
            case .gs1128: symbol = .linear(try Code128.encode(data, gs1: gs1))
            case .datamatrix: symbol = .matrix(try DataMatrix.encode(data, gs1: gs1))
            case .qr: symbol = .matrix(try QRCode.encode(data, gs1: false))
            }
        } catch {
            throw LotlineError.refused(
                "label-too-long", "the label's data \(humanReadable) does not fit \(symbology.rawValue) (\(error)); use datamatrix or qr",
                value: humanReadable)
        }
    }

    /// (01) GTIN, (17) expiry, the quantity, then (10) lot or (21) serial last, where a variable-length field needs no separator.
    static func message(lot: Lot, item: Item, gtin: String) throws -> GS1Message {
        var elements = [GS1Element(ai: "01", value: gtin)]
        if let expires = lot.expiresOn {
            elements.append(GS1Element(ai: "17", value: String(format: "%02d%02d%02d", expires.year % 100, expires.month, expires.day)))
        }
        // A serial is one unit; a lot used up or shipped has no quantity left to state.
        let serial = lot.isSerialUnit(of: item)
        if !serial, lot.quantity.amount > 0, let quantity = ScanFacts.element(for: lot.quantity) {
            elements.append(GS1Element(ai: quantity.ai, value: quantity.value))
        }
        elements.append(GS1Element(ai: serial ? "21" : "10", value: lot.number.rawValue))
        do {
            return try GS1Message(elements)
        } catch {
            throw LotlineError.refused(
                "label-not-gs1", "lot \(lot.number) cannot be written as GS1 data: \(error); its number must be 1 to 20 GS1 characters",
                value: lot.number.rawValue)
        }
    }
}

extension Session {
    /// The label of a lot or serial, as this user may see it (a controlled lot does not exist for a non-US person).
    public func label(for number: String, symbology: LabelSymbology, domain: String = "https://id.gs1.org") throws -> LotLabel {
        do {
            try GS1Message.requireDomain(domain)
        } catch {
            throw LotlineError.badInput("domain-invalid", error.message, value: domain)
        }
        return try backend.withState { base in
            let state = try HiddenLotsState.seenBy(actor, base)
            let lot = try state.requireLot(number)
            return try LotLabel(lot: lot, item: try state.requireItem(lot.item.rawValue), symbology: symbology, domain: domain)
        }
    }
}
