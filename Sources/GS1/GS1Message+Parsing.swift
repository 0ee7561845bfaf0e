extension GS1Message {
    /// Reads a bracketed element string, `(01)09521234543213(10)ABC123(17)261231` (a literal `(` in a value is `\(`;
    /// spaces between elements are ignored, as a person typing one puts them there).
    public init(bracketed text: String, associations: Bool = true, dictionary: SyntaxDictionary = .standard) throws(GS1Error) {
        let characters = Array(text.trimmingSpaces)
        guard characters.first == "(" else { throw GS1Error(.syntax, "a bracketed element string starts with (AI)") }
        var elements: [GS1Element] = []
        var index = 0
        while index < characters.count {
            guard characters[index] == "(", let close = characters[index...].firstIndex(of: ")") else {
                throw GS1Error(.syntax, "expected (AI) at character \(index + 1) of \(text)")
            }
            let ai = String(characters[(index + 1)..<close])
            guard (2...4).contains(ai.count), ai.allSatisfy(\.isASCIIDigit) else {
                throw GS1Error(.syntax, "(\(ai)) is not an AI: two to four digits in brackets")
            }
            var value: [Character] = []
            index = close + 1
            while index < characters.count, characters[index] != "(" {
                if characters[index] == "\\", index + 1 < characters.count, characters[index + 1] == "(" { index += 1 }
                value.append(characters[index])
                index += 1
            }
            elements.append(GS1Element(ai: ai, value: String(value).trimmingSpaces))
        }
        try self.init(elements, associations: associations, dictionary: dictionary)
    }

    /// Reads an element string as a barcode carries it: AIs and values run together, a group separator (GS, ASCII 29)
    /// after each value whose length is not predefined. A leading GS (some scanners send the first FNC1) is skipped.
    public init(elementString text: String, associations: Bool = true, dictionary: SyntaxDictionary = .standard) throws(GS1Error) {
        var rest = Substring(text)
        while rest.first == "\u{1D}" { rest = rest.dropFirst() }
        var elements: [GS1Element] = []
        while !rest.isEmpty {
            guard let definition = dictionary.ai(prefixing: rest) else {
                throw GS1Error(.unknownAI, "no Application Identifier starts \(rest.prefix(4)) (at character \(text.count - rest.count + 1))")
            }
            rest = rest.dropFirst(definition.ai.count)
            let value: Substring
            if definition.predefinedLength {
                value = rest.prefix(definition.lengthRange.upperBound)
                guard value.count == definition.lengthRange.upperBound, !value.contains("\u{1D}") else {
                    throw GS1Error(.length, ai: definition.ai, "\(definition.title): takes exactly \(definition.lengthRange.upperBound) characters")
                }
            } else {
                value = rest.prefix { $0 != "\u{1D}" }
            }
            rest = rest[value.endIndex...]
            if rest.first == "\u{1D}" { rest = rest.dropFirst() }
            elements.append(GS1Element(ai: definition.ai, value: String(value)))
        }
        try self.init(elements, associations: associations, dictionary: dictionary)
    }
}
