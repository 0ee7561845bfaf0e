/// What a scanner or a person handed us, read: GS1 data in any of its forms, or plain text (our own lot labels, a
/// supplier's non-GS1 barcode). The AIM symbology identifier a scanner prefixes (`]C1`, `]d2`, `]Q3`...) says which.
public struct ScannedData: Sendable, Hashable {
    /// How the data was written.
    public enum Form: String, Sendable, Hashable, Codable {
        case bracketed, elementString = "element-string", digitalLink = "digital-link", text
    }

    public let form: Form
    /// The AIM symbology identifier the data came with, if any.
    public let symbologyIdentifier: String?
    /// GS1 data, for every form but `text`.
    public let message: GS1Message?
    /// The data after the symbology identifier, unchanged.
    public let text: String

    /// Symbology identifiers whose data is a GS1 element string (ISO/IEC 15424 and the GS1 General Specifications).
    public static let gs1Identifiers: [String: String] = [
        "]C1": "GS1-128", "]e0": "GS1 DataBar", "]e1": "GS1 Composite", "]e2": "GS1 Composite", "]d2": "GS1 DataMatrix",
        "]Q3": "GS1 QR Code", "]J1": "GS1 DotCode",
    ]

    /// Reads scanned or typed data. With a GS1 symbology identifier the data must be a valid element string; without
    /// one, `(` starts a bracketed string, `http(s)://` a Digital Link URI when its path has a GS1 key, and data with a
    /// group separator an element string; digits that pass every GS1 rule an element string; anything else is text. GS1
    /// data that breaks a rule is refused, never passed on as text. Without `associations` the pairing rules are left to
    /// the caller, who has the label's other barcodes.
    public static func read(_ input: String, associations: Bool = true, dictionary: SyntaxDictionary = .standard) throws(GS1Error) -> ScannedData {
        guard input.utf8.count <= maximumLength else {
            throw GS1Error(.syntax, "\(input.utf8.count) bytes is more than any barcode holds (at most \(maximumLength))")
        }
        var body = Substring(input.trimmingSpaces)
        var identifier: String? = nil
        if body.first == "]", body.count >= 3 {
            identifier = String(body.prefix(3))
            body = body.dropFirst(3)
        }
        let text = String(body)
        if let identifier, gs1Identifiers[identifier] != nil {
            return ScannedData(
                form: .elementString, symbologyIdentifier: identifier,
                message: try GS1Message(elementString: text, associations: associations, dictionary: dictionary), text: text)
        }
        // A URL is a Digital Link when its path names a GS1 primary key with a value (then its errors are reported);
        // any other URL is text.
        if GS1Message.namesPrimaryKey(text, dictionary: dictionary) {
            return ScannedData(
                form: .digitalLink, symbologyIdentifier: identifier,
                message: try GS1Message(digitalLink: text, associations: associations, dictionary: dictionary), text: text)
        }
        if identifier == nil, text.first == "(" {
            return ScannedData(
                form: .bracketed, symbologyIdentifier: nil,
                message: try GS1Message(bracketed: text, associations: associations, dictionary: dictionary), text: text)
        }
        if identifier == nil, text.contains("\u{1D}") {
            return ScannedData(
                form: .elementString, symbologyIdentifier: nil,
                message: try GS1Message(elementString: text, associations: associations, dictionary: dictionary), text: text)
        }
        // A scanner set not to send identifiers passes a GS1-128 as its bare element string (0109521234543213 10ABC123):
        // read it as GS1 only when it starts with an SSCC or GTIN whose check digit holds and passes every other rule,
        // which a lot number (9000001 would otherwise be (90) 00001) practically never does.
        if identifier == nil, text.count >= 16, ["00", "01", "02"].contains(String(text.prefix(2))),
            text.dropFirst(2).prefix(text.hasPrefix("00") ? 18 : 14).allSatisfy(\.isASCIIDigit),
            let message = try? GS1Message(elementString: text, dictionary: dictionary)
        {
            return ScannedData(form: .elementString, symbologyIdentifier: nil, message: message, text: text)
        }
        return ScannedData(form: .text, symbologyIdentifier: identifier, message: nil, text: text)
    }

    /// The most data a scan may hold: more than any barcode carries (a QR code holds at most 7,089 digits).
    public static let maximumLength = 8_192

    /// The symbology the identifier names, for GS1 symbologies.
    public var symbology: String? { symbologyIdentifier.flatMap { Self.gs1Identifiers[$0] } }
}
