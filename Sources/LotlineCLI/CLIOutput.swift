import Foundation
import LotlineApp
import LotlineCore

/// What a command prints: text for people, one JSON document for `--json`. The JSON is encoded only when asked for:
/// encoding a large answer costs a one-off process more than the answer itself.
struct CLIOutput {
    var text: String
    private let encodeJSON: () -> String
    var exitCode: Int32 = 0

    init(text: String, json: some Encodable, exitCode: Int32 = 0) {
        self.text = text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
        self.encodeJSON = { JSONOutput.encode(json) }
        self.exitCode = exitCode
    }

    var jsonText: String { encodeJSON() }
}

/// Stable JSON: snake_case keys, sorted, pretty-printed.
enum JSONOutput {
    static func encode(_ value: some Encodable) -> String {
        String(decoding: (try? WireJSON.encoder(pretty: true).encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}

/// Aligned columns with a header row.
struct Table {
    var headers: [String]
    var rows: [[String]]

    func render() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        let line = { (cells: [String]) in
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

/// Label: value lines, labels aligned.
struct Fields {
    var pairs: [(String, String?)]

    func render() -> String {
        let shown = pairs.compactMap { label, value in value.map { (label, $0) } }
        let width = shown.map(\.0.count).max() ?? 0
        return shown.map { "\($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.1)" }.joined(separator: "\n") + "\n"
    }
}
