import Foundation

extension String {
    /// Without leading and trailing spaces and tabs; the string itself (no copy) when it has none, as stored times do not.
    var trimmed: String {
        guard first?.isWhitespace == true || last?.isWhitespace == true else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
