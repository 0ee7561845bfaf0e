import Foundation
import GS1

/// What one label's barcodes say about material, read by the GS1 module: the GTIN, batch, serial, expiry, quantity and
/// SSCC, or plain text (one of our own lot labels). Several barcodes of one label are read together, so the GS1 pairing
/// rules hold over all of them, as the General Specifications ask.
public struct ScanFacts: Sendable, Hashable {
    /// The GS1 data of all the barcodes together; nil for a plain-text scan.
    public let message: GS1Message?
    /// A plain-text scan (no GS1 data): a lot or serial number as our own labels carry it.
    public let text: String?
    /// How each barcode was written (`element-string`, `digital-link`...), with its symbology identifier if it had one.
    public let forms: [ScannedData]

    /// Reads each barcode of a label; refuses GS1 data that breaks a rule (naming the AI and the rule), and a label
    /// that mixes GS1 data with plain text.
    public static func read(_ barcodes: [String]) throws -> ScanFacts {
        guard !barcodes.isEmpty, barcodes.allSatisfy({ !$0.trimmed.isEmpty }) else {
            throw LotlineError.badInput("scan-empty", "a scan is empty: give the data the scanner sent")
        }
        guard barcodes.count <= 100 else {
            throw LotlineError.badInput(
                "scan-too-many", "\(barcodes.count) barcodes in one scan; a label has at most 100", value: String(barcodes.count))
        }
        var forms: [ScannedData] = []
        for barcode in barcodes {
            if let control = barcode.unicodeScalars.first(where: {
                $0.properties.generalCategory == .control && $0 != "\u{1D}" && !$0.properties.isWhitespace
            }) {
                throw LotlineError.badInput(
                    "scan-invalid", "scan '\(printable(barcode))' holds the control character U+\(String(control.value, radix: 16, uppercase: true))",
                    value: printable(barcode))
            }
            do {
                // Each barcode alone need not satisfy the pairing rules: the label's barcodes together must.
                forms.append(try ScannedData.read(barcode, associations: false))
            } catch {
                throw LotlineError.badInput("scan-invalid", "scan '\(printable(barcode))': \(printable("\(error)"))", value: printable(barcode))
            }
        }
        let gs1 = forms.compactMap(\.message)
        if gs1.isEmpty {
            guard forms.count == 1 else {
                throw LotlineError.badInput("scan-invalid", "scan one plain-text label at a time; \(forms.count) were given")
            }
            return ScanFacts(message: nil, text: forms[0].text, forms: forms)
        }
        guard gs1.count == forms.count else {
            throw LotlineError.badInput("scan-invalid", "the scans mix GS1 data with plain text; scan one label's GS1 barcodes together")
        }
        do {
            return ScanFacts(message: try GS1Message(gs1.flatMap(\.elements)), text: nil, forms: forms)
        } catch {
            throw LotlineError.badInput("scan-invalid", "the label's barcodes together: \(error)")
        }
    }

    /// Control characters shown as `<GS>` and `<29>`-style escapes, so a refusal prints.
    public static func printable(_ text: String) -> String {
        text.unicodeScalars.map { $0 == "\u{1D}" ? "<GS>" : $0.value < 0x20 ? "<\($0.value)>" : String($0) }.joined()
    }

    /// The GS1 data, bracketed: `(01)09521234543213(10)ABC123`.
    public var bracketed: String? { message?.bracketed }

    /// (01) GTIN, or on a logistic unit's label (02), the GTIN of the trade items it contains.
    public var gtin: String? { message?["01"] ?? message?["02"] }
    /// (10) batch or lot number.
    public var batch: String? { message?["10"] }
    /// (21) serial number.
    public var serial: String? { message?["21"] }
    /// (00) SSCC of a logistic unit.
    public var sscc: String? { message?["00"] }

    /// (17) expiry date; a two-digit year in GS1's window around `today` (-49 to +50 years), day 00 the month's last.
    public func expiry(today: CalendarDate) -> CalendarDate? {
        guard let text = message?["17"], let yy = Int(text.prefix(2)), let month = Int(text.dropFirst(2).prefix(2)),
            let day = Int(text.suffix(2))
        else { return nil }
        let century = today.year - today.year % 100
        var year = century + yy
        if year - today.year > 50 { year -= 100 } else if today.year - year >= 50 { year += 100 }
        return CalendarDate(year: year, month: month, day: day == 0 ? CalendarDate.days(inMonth: month, year: year) : day)
    }

    /// Net measures by their AI's first three digits and the unit Lotline writes them in; the fourth digit is the number
    /// of decimals (3103 000500 is 0.500 kg).
    static let measures: [String: String] = [
        "310": "kg", "311": "m", "314": "m2", "315": "L", "316": "m3", "320": "lb", "321": "in", "322": "ft", "323": "yd", "360": "qt",
        "361": "gal",
    ]

    /// How a label states a quantity: a count (30) in a unit that counts pieces, or a net measure (310n...) with the
    /// fewest decimals that keep it exact; nil when GS1 has no AI for the unit or the amount does not fit.
    public static func element(for quantity: Quantity) -> (ai: String, value: String)? {
        let unit = quantity.unit.lowercased()
        if ReceiptLabel.countUnits.contains(unit) {
            guard quantity.amount <= 99_999_999, let count = Int(exactly: NSDecimalNumber(decimal: quantity.amount).doubleValue),
                Decimal(count) == quantity.amount
            else { return nil }
            return ("30", String(count))
        }
        guard let prefix = measures.first(where: { $0.value.lowercased() == unit })?.key else { return nil }
        var scaled = quantity.amount
        for decimals in 0...5 {
            if scaled > 999_999 { return nil }
            var rounded = Decimal()
            NSDecimalRound(&rounded, &scaled, 0, .plain)
            if rounded == scaled {
                let digits = NSDecimalNumber(decimal: rounded).stringValue
                return (prefix + String(decimals), String(repeating: "0", count: 6 - digits.count) + digits)
            }
            scaled *= 10
        }
        return nil
    }

    /// The quantity the label states: a net measure with its unit, or a count (30, 37) with none, to be taken in the
    /// item's own unit when that unit counts pieces.
    public var quantity: (amount: Decimal, unit: String?, ai: String)? {
        guard let message else { return nil }
        for element in message.elements {
            if element.ai == "30" || element.ai == "37", let count = Decimal(string: element.value) { return (count, nil, element.ai) }
            if element.ai.count == 4, let unit = Self.measures[String(element.ai.prefix(3))], let decimals = Int(element.ai.suffix(1)),
                let raw = Decimal(string: element.value)
            {
                var divisor = Decimal(1)
                for _ in 0..<decimals { divisor *= 10 }
                return (raw / divisor, unit, element.ai)
            }
        }
        return nil
    }
}
