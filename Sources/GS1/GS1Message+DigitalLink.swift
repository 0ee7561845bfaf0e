extension GS1Message {
    /// Reads an uncompressed GS1 Digital Link URI: `https://id.gs1.org/01/09521234543213/10/ABC123?17=261231`. The path
    /// ends with a primary key and its qualifiers in the dictionary's order (any path before them is the resolver's);
    /// query parameters named by an AI are data attributes, others (`linkType`...) are not data and are left out.
    public init(digitalLink uri: String, associations: Bool = true, dictionary: SyntaxDictionary = .standard) throws(GS1Error) {
        let text = uri.trimmingSpaces
        let lower = text.lowercased()
        guard let schemeEnd = ["https://", "http://"].first(where: { lower.hasPrefix($0) })?.count else {
            throw GS1Error(.digitalLink, "a Digital Link URI starts with https:// or http://")
        }
        let withoutFragment = text.dropFirst(schemeEnd).prefix { $0 != "#" }
        let pathAndHost = withoutFragment.prefix { $0 != "?" }
        let query = withoutFragment.dropFirst(pathAndHost.count + 1)
        var segments = pathAndHost.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
        if segments.last?.isEmpty == true { segments.removeLast() }
        guard let start = segments.indices.first(where: { Self.keyPath(segments[$0...], dictionary: dictionary) }) else {
            throw GS1Error(.digitalLink, "no GS1 primary key (such as /01/ and a GTIN) with its qualifiers in order ends the path of \(text)")
        }
        var elements: [GS1Element] = []
        for pair in stride(from: start, to: segments.count, by: 2) {
            let ai = String(segments[pair])
            var value = try Self.percentDecoded(segments[pair + 1], ai: ai)
            // Digital Link allows a GTIN-8, -12 or -13 in the path; the element string carries it as 14 digits.
            if ai == "01", [8, 12, 13].contains(value.count) { value = String(repeating: "0", count: 14 - value.count) + value }
            elements.append(GS1Element(ai: ai, value: value))
        }
        for parameter in query.split(separator: "&") {
            let name = parameter.prefix { $0 != "=" }
            guard !name.isEmpty, name.allSatisfy(\.isASCIIDigit) else { continue }
            guard let definition = dictionary.definition(String(name)) else {
                throw GS1Error(.unknownAI, ai: String(name), "is not an Application Identifier in the GS1 syntax dictionary")
            }
            guard definition.digitalLinkAttribute else {
                throw GS1Error(.digitalLink, ai: definition.ai, "\(definition.title) may not be a Digital Link query attribute")
            }
            elements.append(GS1Element(ai: definition.ai, value: try Self.percentDecoded(parameter.dropFirst(name.count + 1), ai: definition.ai)))
        }
        try self.init(elements, associations: associations, dictionary: dictionary)
    }

    /// The data as a Digital Link URI on `domain`: the primary key and its qualifiers in the path, in the dictionary's
    /// order, every other AI as a query attribute (each must be allowed as one).
    public func digitalLink(domain: String = "https://id.gs1.org", dictionary: SyntaxDictionary = .standard) throws(GS1Error) -> String {
        try Self.requireDomain(domain)
        guard let key = elements.first(where: { dictionary.definition($0.ai)?.digitalLinkKey != nil }),
            let sequences = dictionary.definition(key.ai)?.digitalLinkKey
        else { throw GS1Error(.digitalLink, "no AI that can be a Digital Link primary key (GTIN, SSCC, GLN...)") }
        let present = Set(elements.map(\.ai))
        let qualifiers = sequences.map { $0.filter(present.contains) }.max { $0.count < $1.count } ?? []
        var uri = String(domain.reversed().drop { $0 == "/" }.reversed()) + "/" + key.ai + "/" + Self.percentEncoded(key.value)
        for ai in qualifiers { uri += "/" + ai + "/" + Self.percentEncoded(self[ai] ?? "") }
        var attributes: [String] = []
        for element in elements where element.ai != key.ai && !qualifiers.contains(element.ai) {
            guard let definition = dictionary.definition(element.ai), definition.digitalLinkAttribute else {
                throw GS1Error(.digitalLink, ai: element.ai, "cannot be written in a Digital Link URI with (\(key.ai)) as its key")
            }
            attributes.append(element.ai + "=" + Self.percentEncoded(element.value))
        }
        return attributes.isEmpty ? uri : uri + "?" + attributes.joined(separator: "&")
    }

    /// A Digital Link domain: an http(s) address (a path after the host is allowed) without a query or fragment.
    public static func requireDomain(_ domain: String) throws(GS1Error) {
        let lower = domain.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }), domain.count > scheme.count,
            !domain.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace || !$0.isASCII }), domain.dropFirst(scheme.count).first != "/"
        else {
            throw GS1Error(.digitalLink, "the domain \(domain) is not an http(s) address without a query or fragment, such as https://id.gs1.org")
        }
    }

    /// An http(s) URI whose path has a GS1 primary key AI followed by a value: meant as a Digital Link, right or wrong.
    public static func namesPrimaryKey(_ uri: String, dictionary: SyntaxDictionary = .standard) -> Bool {
        let lower = uri.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else { return false }
        let path = uri.dropFirst(scheme.count).prefix { $0 != "?" && $0 != "#" }.split(separator: "/").dropFirst()
        return zip(path, path.dropFirst()).contains { key, value in !value.isEmpty && dictionary.definition(String(key))?.digitalLinkKey != nil }
    }

    /// The segments from here on are a primary key, its value, and qualifier pairs in one of the key's allowed orders.
    private static func keyPath(_ segments: ArraySlice<Substring>, dictionary: SyntaxDictionary) -> Bool {
        guard segments.count >= 2, segments.count % 2 == 0, let first = segments.first,
            let sequences = dictionary.definition(String(first))?.digitalLinkKey
        else { return false }
        let qualifiers = stride(from: segments.startIndex + 2, to: segments.endIndex, by: 2).map { String(segments[$0]) }
        return sequences.contains { sequence in
            var remaining = sequence[...]
            for qualifier in qualifiers {
                guard let found = remaining.firstIndex(of: qualifier) else { return false }
                remaining = remaining[(found + 1)...]
            }
            return true
        }
    }

    private static func percentDecoded(_ text: Substring, ai: String) throws(GS1Error) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "%") {
                let digits = utf8[utf8.index(after: index)...].prefix(2)
                guard digits.count == 2, let byte = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) else {
                    throw GS1Error(.digitalLink, ai: ai, "\(text): % must be followed by two hex digits")
                }
                bytes.append(byte)
                index = digits.endIndex
            } else {
                bytes.append(utf8[index])
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Unreserved URI characters stay; every other byte becomes %XX.
    static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isASCIIDigit || character.isASCIILetter || "-._~".contains(character) {
                encoded.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return encoded
    }
}
