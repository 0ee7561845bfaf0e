import Foundation

/// The JSON every interface speaks: snake_case keys, sorted, slashes unescaped; pretty for people, compact on the wire.
public enum WireJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// The value as compact JSON, as `encoder()` writes it (by `WireWriter`, which is faster); a value that cannot be
    /// encoded (a bug) as `{}`.
    public static func data(_ value: some Encodable) -> Data {
        (try? WireWriter.encode(value)) ?? Data("{}".utf8)
    }

    /// Reads what `encoder` writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
