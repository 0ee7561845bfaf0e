/// Why GS1 data was refused: which AI (when one is to blame), which rule, and what about the value broke it.
public struct GS1Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rules, as stable codes a program can test for.
    public enum Rule: String, Sendable, Hashable, Codable {
        /// The data is not in any GS1 form (bracketed, element string, scanner data, Digital Link).
        case syntax
        /// The AI is not in the syntax dictionary.
        case unknownAI = "unknown-ai"
        /// Too short or too long for the AI's components.
        case length
        /// A character outside the component's set (digits, set 82, set 39, base64url).
        case characterSet = "character-set"
        /// A content check of the dictionary failed (check digit, date, country code...).
        case content
        /// An AI appears twice with different values.
        case duplicate
        /// An AI needs another AI in the same data (`req=`).
        case requires
        /// Two AIs may not appear together (`ex=`).
        case excludes
        /// A GS1 Digital Link URI that breaks the Digital Link rules (no primary key, qualifiers out of order...).
        case digitalLink = "digital-link"
    }

    public let rule: Rule
    public let ai: String?
    public let message: String

    public init(_ rule: Rule, ai: String? = nil, _ message: String) {
        self.rule = rule
        self.ai = ai
        self.message = message
    }

    public var description: String { ai.map { "(\($0)) \(message)" } ?? message }
}
