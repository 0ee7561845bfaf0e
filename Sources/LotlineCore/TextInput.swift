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
        return trimmed
    }

    /// Like `required`, but nil or blank means "not given".
    public static func optional(_ text: String?, field: String, limit: Int = 1000) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try required(text, field: field, limit: limit)
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
