import Foundation

/// The one error every Lotline rule raises: a stable code, a message that says what to do, and the offending value.
public struct LotlineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal this is; the CLI and HTTP map each kind to one exit code or status once.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The input is malformed: not a number, a bad date, an unknown unit.
        case badInput = "bad_input"
        /// Something named does not exist.
        case notFound = "not_found"
        /// The input is well formed but a business rule refuses it.
        case refused
        /// The stored records failed verification.
        case integrity
        /// Another process held the database's write lock longer than this one would wait; nothing was written.
        case busy
        /// The database file could not be read or written: disk full, an I/O error, a damaged page, no permission.
        case storage
    }

    public let kind: Kind
    public let code: String
    public let message: String
    public let value: String?
    public let suggestions: [String]

    public init(_ kind: Kind, _ code: String, _ message: String, value: String? = nil, suggestions: [String] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.value = value
        self.suggestions = suggestions
    }

    public var description: String {
        var text = "error[\(code)]: \(message)"
        if !suggestions.isEmpty { text += " (did you mean: \(suggestions.joined(separator: ", "))?)" }
        return text
    }

    public static func badInput(_ code: String, _ message: String, value: String? = nil) -> LotlineError {
        LotlineError(.badInput, code, message, value: value)
    }

    public static func notFound(_ code: String, _ message: String, value: String? = nil, suggestions: [String] = []) -> LotlineError {
        LotlineError(.notFound, code, message, value: value, suggestions: suggestions)
    }

    public static func refused(_ code: String, _ message: String, value: String? = nil) -> LotlineError {
        LotlineError(.refused, code, message, value: value)
    }
}
