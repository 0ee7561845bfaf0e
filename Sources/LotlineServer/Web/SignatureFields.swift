import Foundation
import LotlineApp
import LotlineCore

/// What a signed action's form asks for: the password typed again and the meaning of the signature (Part 11 §11.50,
/// §11.200), with the meaning the action usually carries chosen first.
struct SignatureFields: Sendable {
    /// Names the fields' ids apart when a page has more than one signature form.
    var prefix: String
    var meanings: [Meaning]

    struct Meaning: Sendable {
        var value: String
        var chosen: Bool
    }

    init(_ prefix: String, default chosen: SignatureMeaning) {
        self.prefix = prefix
        meanings = SignatureMeaning.allCases.map { Meaning(value: $0.rawValue, chosen: $0 == chosen) }
    }

    /// The signature a submitted form carries.
    static func input(_ form: FormInput) throws -> SignatureInput {
        guard let password = form.fields["password"], !password.isEmpty else {
            throw LotlineError(.unauthenticated, "signature-password-required", "a signature needs your password typed again")
        }
        return SignatureInput(password: password, meaning: form["meaning"] ?? "")
    }
}
