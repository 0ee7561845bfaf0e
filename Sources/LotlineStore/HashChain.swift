import Crypto
import Foundation
import LotlineCore

/// SHA-256 over an event's canonical content and its predecessor's hash.
enum HashChain {
    /// The previous hash of the very first event.
    static let genesis = String(repeating: "0", count: 64)

    static func hash(_ event: LedgerEvent) -> String {
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: event.hashedBytes) {
            hex.append(CanonicalJSON.hexDigits[Int(byte >> 4)])
            hex.append(CanonicalJSON.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
