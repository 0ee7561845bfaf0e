import Foundation
import LotlineCore

/// Addresses the pages link to, with their values percent-encoded (lot numbers may hold `/`, `?` or spaces).
enum PageLinks {
    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    static func encoded(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }

    static func lot(_ number: String) -> String { "/web/lots/" + encoded(number) }

    static func trace(_ id: String, _ direction: String) -> String { "/web/trace?direction=\(direction)&id=\(encoded(id))" }

    static func label(_ number: String, symbology: String, format: String = "svg") -> String {
        "/lots/\(encoded(number))/label?symbology=\(symbology)" + (format == "svg" ? "" : "&format=\(format)")
    }
}

extension LotStatus {
    /// The status as pages print it: `on hold`, not `on_hold`.
    var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
