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
        /// The stored records failed verification: only ever that.
        case integrity
        /// Another process held the database's write lock longer than this one would wait; nothing was written.
        case busy
        /// The infrastructure failed: the database cannot be opened, read or written (disk full, an I/O error, a damaged
        /// page, no permission), or a program could not be started.
        case unavailable
        /// A bug: something that should not happen did.
        case `internal`
        /// Nobody is signed in, or the sign-in failed (a wrong password, an unknown or disabled user, an expired token).
        case unauthenticated
        /// The user is signed in but no role of theirs allows this.
        case forbidden
    }

    public let kind: Kind
    public let code: String
    public let message: String
    public let value: String?
    public let suggestions: [String]
    /// What the user can do about it, for each interface to render its own way.
    public let remedy: Remedy?

    public init(
        _ kind: Kind, _ code: String, _ message: String, value: String? = nil, suggestions: [String] = [], remedy: Remedy? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.value = value
        self.suggestions = suggestions
        self.remedy = remedy
    }

    /// The error in words, the remedy included: what an import line's refusal says.
    public var description: String { rendered { $0.words } }

    /// The error with its remedy rendered by the interface (the CLI as a command to type).
    public func rendered(remedy render: (Remedy) -> String) -> String {
        var text = "error[\(code)]: \(message)"
        if let remedy { text += "; \(render(remedy))" }
        if !suggestions.isEmpty { text += " (did you mean: \(suggestions.joined(separator: ", "))?)" }
        return text
    }

    /// The same error with a longer message (where it happened, what was committed before it).
    public func adding(_ context: String) -> LotlineError {
        LotlineError(kind, code, "\(message); \(context)", value: value, suggestions: suggestions, remedy: remedy)
    }

    public static func badInput(_ code: String, _ message: String, value: String? = nil, remedy: Remedy? = nil) -> LotlineError {
        LotlineError(.badInput, code, message, value: value, remedy: remedy)
    }

    public static func notFound(
        _ code: String, _ message: String, value: String? = nil, suggestions: [String] = [], remedy: Remedy? = nil
    ) -> LotlineError {
        LotlineError(.notFound, code, message, value: value, suggestions: suggestions, remedy: remedy)
    }

    public static func refused(_ code: String, _ message: String, value: String? = nil, remedy: Remedy? = nil) -> LotlineError {
        LotlineError(.refused, code, message, value: value, remedy: remedy)
    }
}
