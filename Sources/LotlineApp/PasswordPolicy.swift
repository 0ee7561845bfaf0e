import Foundation
import LotlineCore

/// What a password must be. It is compared in Unicode's composed form (NFC), so the same letters typed on two systems
/// are the same password; bcrypt reads 72 bytes and stops at a NUL, so a password with a control character or longer
/// than that is refused rather than silently cut short.
public enum PasswordPolicy {
    public static let shortest = 10
    public static let longestBytes = 72

    public static func normalized(_ password: String) -> String { password.precomposedStringWithCanonicalMapping }

    /// The password as it will be hashed, or a refusal naming the rule.
    public static func check(_ password: String, for name: UserName) throws -> String {
        let password = normalized(password)
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw LotlineError.badInput("password-control-character", "a password may not hold control characters (a NUL, a tab, a line break)")
        }
        guard password.count >= shortest, !password.allSatisfy(\.isWhitespace) else {
            throw LotlineError.badInput("password-too-short", "a password needs at least \(shortest) characters, not all spaces")
        }
        guard password.utf8.count <= longestBytes else {
            throw LotlineError.badInput(
                "password-too-long", "a password may have at most \(longestBytes) bytes in UTF-8 (bcrypt reads no further)")
        }
        if name.rawValue.count >= 4 && password.lowercased().contains(name.rawValue) || password.lowercased() == name.rawValue {
            throw LotlineError.badInput("password-contains-name", "a password may not contain the user's name", value: name.rawValue)
        }
        return password
    }
}
