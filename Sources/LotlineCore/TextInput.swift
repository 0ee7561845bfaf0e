import Foundation

/// Checks for the free text users type: names, notes, supplier lot numbers.
public enum TextInput {
    /// Trimmed text that must not be empty and must fit the limit.
    public static func required(_ text: String, field: String, limit: Int = 200) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw LotlineError.badInput("\(field)-missing", "\(field) must not be empty", value: text)
        }
        guard trimmed.count <= limit else {
            throw LotlineError.badInput("\(field)-too-long", "\(field) is longer than \(limit) characters", value: text)
        }
        try requireNoControlCharacters(trimmed, field: field)
        return trimmed
    }

    /// Like `required`, but nil or blank means "not given".
    public static func optional(_ text: String?, field: String, limit: Int = 1000) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try required(text, field: field, limit: limit)
    }

    /// Refuses text holding a control character (a line break, a tab, an escape...): stored text is shown in tables and
    /// histories, where a newline could forge a row.
    public static func requireNoControlCharacters(_ text: String, field: String) throws {
        guard let scalar = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) else { return }
        throw LotlineError.badInput(
            "control-character",
            "\(field) holds a control character (U+\(String(format: "%04X", scalar.value))); text may not hold line breaks, tabs or other control characters",
            value: text)
    }

    /// A name people read (a user's full name, a token's label) holds no bidirectional override or isolate, which
    /// would show it in another order than stored ("Ann" spoofing another name).
    public static func requirePlainName(_ text: String, field: String) throws {
        try requireNoControlCharacters(text, field: field)
        let bidi: ClosedRange<UInt32> = 0x202A...0x202E, isolates: ClosedRange<UInt32> = 0x2066...0x2069
        if let scalar = text.unicodeScalars.first(where: {
            bidi.contains($0.value) || isolates.contains($0.value) || $0.value == 0x200F || $0.value == 0x200E
        }) {
            throw LotlineError.badInput(
                "bidi-character",
                "\(field) holds a text-direction character (U+\(String(format: "%04X", scalar.value))), which would show it out of order",
                value: text)
        }
    }

    /// Every string a command carries, found by reflection, checked by `requireNoControlCharacters`: one rule for every
    /// field of every command, whatever interface built it.
    public static func requireNoControlCharacters(in command: some LotlineCommand) throws {
        try visit(command, path: "")
    }

    private static func visit(_ value: Any, path: String) throws {
        if let text = value as? String { return try requireNoControlCharacters(text, field: path.isEmpty ? "text" : path) }
        let mirror = Mirror(reflecting: value)
        for (index, child) in mirror.children.enumerated() {
            let name = child.label.map { $0 == "some" ? path : (path.isEmpty ? $0 : "\(path).\($0)") } ?? "\(path)[\(index)]"
            try visit(child.value, path: name)
        }
    }

    /// The first control character in canonical JSON (as `CanonicalEncoder` writes payloads: C0 controls escaped, DEL and
    /// C1 controls as they are), found in one pass over the bytes: how bulk paths check every string of an event cheaply.
    public static func firstControlCharacter(inCanonicalJSON json: String) -> UInt32? {
        var bytes = json.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "\\"):
                switch bytes.next() {
                case UInt8(ascii: "n"): return 0x0A
                case UInt8(ascii: "r"): return 0x0D
                case UInt8(ascii: "t"): return 0x09
                case UInt8(ascii: "b"): return 0x08
                case UInt8(ascii: "f"): return 0x0C
                case UInt8(ascii: "u"):
                    let hex = (0..<4).compactMap { _ in bytes.next() }.map { Character(UnicodeScalar($0)) }
                    if let value = UInt32(String(hex), radix: 16), value < 0x20 || (0x7F...0x9F).contains(value) { return value }
                default: continue
                }
            case 0x7F: return 0x7F
            case 0xC2:
                if let next = bytes.next(), (0x80...0x9F).contains(next) { return UInt32(next) }
            default: continue
            }
        }
        return nil
    }

    /// The acting user as recorded on every event: 1 to 100 characters, no control characters.
    public static func actor(_ text: String) throws -> String {
        let user = try required(text, field: "user", limit: 100)
        try requireNoControlCharacters(user, field: "user")
        return user
    }

    /// A unit of measure: letters and digits starting with a letter, such as `kg`, `ea`, `m2`.
    public static func unit(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isLetter, trimmed.count <= 10,
            trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else {
            throw LotlineError.badInput(
                "unit-invalid", "unit of measure '\(text)' is not valid; use letters and digits such as kg, ea, m, L", value: text)
        }
        return trimmed
    }

    /// The reason text stored on a ledger event: the code, then the note when there is one.
    public static func reason(_ code: ReasonCode, note: String?) -> String {
        note.map { "\(code.rawValue): \($0)" } ?? code.rawValue
    }
}
