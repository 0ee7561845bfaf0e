import Foundation
import LotlineCore

/// SHA-256 over an event's canonical content and its predecessor's hash.
enum HashChain {
    /// The previous hash of the very first event.
    static let genesis = String(repeating: "0", count: 64)

    static func hash(_ event: LedgerEvent) -> String { HexDigest.sha256(event.hashedBytes) }
}
