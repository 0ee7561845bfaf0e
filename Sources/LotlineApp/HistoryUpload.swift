import Foundation
import LotlineCore

/// History sent whole (an HTTP body of import lines) rather than read from a file: named by the SHA-256 of its bytes
/// like a file, so sending the same bytes again resumes or applies nothing, never imports twice.
public struct HistoryUpload: Sendable {
    public var name: String
    public var bytes: Data

    public init(name: String?, bytes: Data) throws {
        self.name = try TextInput.optional(name, field: "name", limit: 200) ?? "upload"
        self.bytes = bytes
    }

    public var source: ImportSource {
        ImportSource(name: name, digest: HexDigest.sha256(bytes))
    }

    /// The lines, split at line feeds (a carriage return before one is dropped); bytes that are not UTF-8 are refused
    /// whole, before anything is written, rather than imported as replacement characters.
    public func lines() throws -> [String] {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw LotlineError.badInput("body-not-utf8", "the import lines are not UTF-8 text", value: name)
        }
        // Split on the bytes: in a Swift string "\r\n" is one character, which a split at "\n" would not find.
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        // A final line feed ends the last line; it does not start another.
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension Session {
    /// Imports history as this session's user: each line decided under the same rules as a change recorded one at a
    /// time (the user's roles, export control; what needs a signature is refused: it is signed one at a time).
    public func importHistory(_ upload: HistoryUpload, atomic: Bool, restart: Bool) throws -> ImportReport {
        try backend.importLines(
            try upload.lines(), source: upload.source, restart: restart, atomic: atomic, actor: actor, timeZone: timeZone, batchSize: 500,
            progress: { _ in })
    }
}
