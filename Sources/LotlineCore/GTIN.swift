import GS1

/// A Global Trade Item Number as items carry it: 14 digits, a GTIN-8, -12 or -13 padded with zeros, check digit valid.
public enum GTIN {
    /// The GTIN-14 of a typed or scanned GTIN; refused with the GS1 rule it breaks.
    public static func parse(_ text: String) throws -> String {
        let digits = text.trimmed
        guard [8, 12, 13, 14].contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw LotlineError.badInput("gtin-invalid", "GTIN '\(text)' must be 8, 12, 13 or 14 digits", value: text)
        }
        let padded = String(repeating: "0", count: 14 - digits.count) + digits
        guard padded.contains(where: { $0 != "0" }) else {
            throw LotlineError.badInput("gtin-invalid", "GTIN '\(text)' is all zeros, which names no trade item", value: text)
        }
        do {
            _ = try GS1Message([GS1Element(ai: "01", value: padded)], associations: false)
        } catch {
            throw LotlineError.badInput("gtin-invalid", "GTIN '\(text)': \(error.message)", value: text)
        }
        return padded
    }

    /// One item per GTIN: a scan of it must find one thing.
    static func requireFree(_ item: Item, in state: any LedgerState) throws {
        guard let gtin = item.gtin, let other = try state.item(gtin: gtin), other.part != item.part else { return }
        throw LotlineError.refused("gtin-taken", "GTIN \(gtin) is item '\(other.part)'s; one GTIN names one item", value: gtin)
    }
}
