import Foundation
import HTTPTypes
import Hummingbird
import LotlineCore
import NIOCore

/// A request's JSON object body, checked before anything is written: a JSON object, no field the route does not take
/// (refused with the nearest name, never ignored), each field of the type the route expects.
struct BodyInput {
    let fields: [String: Any]

    static func read(_ request: Request, context: LotlineRequestContext, allowed: Set<String>?) async throws -> BodyInput {
        let type = request.headers[.contentType] ?? ""
        guard mediaType(of: request) == "application/json" else {
            throw LotlineError.badInput(
                "content-type-invalid", "the body must be JSON, sent with Content-Type: application/json (not '\(type.prefix(80))')",
                value: String(type.prefix(80)))
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data.isEmpty ? Data("{}".utf8) : data), let fields = object as? [String: Any]
        else {
            throw LotlineError.badInput("body-not-json", "the body is not a JSON object", value: String(decoding: data.prefix(80), as: UTF8.self))
        }
        if let key = JSONDuplicateKeys.first(in: data) {
            throw LotlineError.badInput("field-repeated", "the field \"\(key.prefix(80))\" is given more than once", value: String(key.prefix(80)))
        }
        // Without a list, the command's own decoding refuses what it does not take.
        guard let allowed else { return BodyInput(fields: fields) }
        for name in fields.keys.sorted() where !allowed.contains(name) {
            let nearest = ImportFormat.nearestName(to: name, among: allowed.sorted())
            throw LotlineError(
                .badInput, "field-unknown",
                "unknown field \"\(name)\""
                    + (nearest.map { "; did you mean \"\($0)\"?" } ?? "; fields: \(allowed.sorted().joined(separator: ", "))"),
                value: name, suggestions: nearest.map { [$0] } ?? [])
        }
        return BodyInput(fields: fields)
    }

    /// The request's media type, lower-cased, without its parameters (`charset=...`); empty when it names none.
    static func mediaType(of request: Request) -> String {
        (request.headers[.contentType] ?? "").split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    }

    func string(_ name: String) throws -> String? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw Self.invalid(name, "a string", value) }
        return text
    }

    func required(_ name: String) throws -> String {
        guard let text = try string(name) else {
            throw LotlineError.badInput("\(name.replacingOccurrences(of: "_", with: "-"))-missing", "the body needs \"\(name)\"", value: name)
        }
        return text
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, type(of: number) == type(of: NSNumber(value: true)) else {
            throw Self.invalid(name, "true or false", value)
        }
        return number.boolValue
    }

    func strings(_ name: String) throws -> [String]? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else { throw Self.invalid(name, "a list of strings", value) }
        return list.compactMap { $0 as? String }
    }

    private static func invalid(_ name: String, _ expected: String, _ value: Any) -> LotlineError {
        LotlineError.badInput("field-invalid", "\"\(name)\" must be \(expected)", value: String(describing: value).prefix(80).description)
    }
}
