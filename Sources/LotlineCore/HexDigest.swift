import Crypto
import Foundation

/// SHA-256 digests as the ledger writes them: 64 lower-case hex digits (event hashes, token and file digests).
public enum HexDigest {
    public static func sha256(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }

    /// Lower-case hex, two digits a byte.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text = [UInt8]()
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(CanonicalJSON.hexDigits[Int(byte >> 4)])
            text.append(CanonicalJSON.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
