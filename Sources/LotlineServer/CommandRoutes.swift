import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// `POST /commands/<name>`, one route per command the CLI has (`lot hold` is `/commands/lot/hold`): the body is the
/// command's fields as the import format and the CLI's options name them (`{"item": "ST-4140", "qty": "100kg", ...}`);
/// the change is recorded as the signed-in user, now, under the same rules as the CLI, and answered with its events
/// and the lots it touched as they now stand.
func addCommandRoutes(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    for (name, permission) in ImportFormat.commands {
        routes.post(commandPath(name), .permission(permission)) { request, context in
            var fields = try await BodyInput.read(request, context: context, allowed: nil).fields
            let signature = try signatureInput(fields.removeValue(forKey: "signature"))
            return try await recorded(try ImportFormat.command(name, fields: fields), signature: signature, environment, context)
        }
    }
}

/// `"signature": {"password": "...", "meaning": "approved"}`: the signer's password typed again, and the meaning.
func signatureInput(_ value: Any?) throws -> SignatureInput? {
    guard let value, !(value is NSNull) else { return nil }
    guard let object = value as? [String: Any] else {
        throw LotlineError.badInput("signature-invalid", "\"signature\" must be an object: {\"password\": \"...\", \"meaning\": \"approved\"}")
    }
    let signature = BodyInput(fields: object)
    for key in object.keys where key != "password" && key != "meaning" {
        throw LotlineError.badInput("field-unknown", "unknown field \"signature.\(key)\"; a signature has \"password\" and \"meaning\"", value: key)
    }
    return SignatureInput(password: try signature.string("password") ?? "", meaning: try signature.string("meaning") ?? "")
}

/// The route of a command: its words as path segments under `commands/`.
public func commandPath(_ name: String) -> String {
    "commands/" + name.replacingOccurrences(of: " ", with: "/")
}
