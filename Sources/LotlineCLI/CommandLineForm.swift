import Foundation
import LotlineCore

/// A command value as the line a user would type for it. The import format already names commands and fields as the
/// CLI does (`op consume`, `supplier_lot`), so the line is that: the fields a command takes as arguments first, in order,
/// then every other field as its option. A test types every line the demo prints into the CLI and gets the same ledger.
/// A command only imported history can give (an operation started with no operator) has no line the CLI takes.
public enum CommandLineForm {
    /// The fields each command takes as positional arguments, in order; every other field is an option.
    static let arguments: [String: [String]] = [
        "item add": ["part"], "item change": ["part"], "supplier add": ["code"], "supplier change": ["code"], "supplier accredit": ["code"],
        "customer add": ["code"], "location add": ["code"], "reason add": ["code"], "equipment add": ["code"], "tool add": ["code"],
        "tool calibrate": ["code"], "operator add": ["code"], "operator qualify": ["code", "qualification"],
        "bom add": ["item", "component", "qty"], "bom remove": ["item", "component"], "routing add": ["item", "seq"],
        "routing remove": ["item", "seq"], "receive": ["item", "qty"], "inspect": ["lot"], "lot hold": ["lot"], "lot release": ["lot"],
        "lot reject": ["lot"], "lot split": ["lot"], "lot merge": ["lots"], "lot move": ["lot"], "lot adjust": ["lot"], "lot scrap": ["lot"],
        "lot correct": ["lot"], "wo create": ["item", "qty"], "wo release": ["number"], "wo close": ["number"], "issue": ["lot", "qty"],
        "op start": ["wo", "seq"], "op consume": ["wo", "seq", "lot", "qty"], "op record": ["wo", "seq"], "op complete": ["wo", "seq"],
        "produce": ["wo", "qty"], "ship": ["lots"], "return": ["shipment", "lot", "qty"], "scheme set": ["kind", "pattern"], "rfid record": ["reads"],
        "workcenter set": ["code"], "workcenter shifts": ["work_center"], "workcenter downtime": ["work_center"],
        "schedule pin": ["wo", "seq"], "schedule unpin": ["wo", "seq"], "schedule allocate": ["wo", "item"],
    ]

    /// Options the CLI gives as one comma-separated value rather than one option per value.
    static let commaSeparated: Set<String> = ["serials"]

    /// Yes-or-no fields the CLI takes as an option with a value (`item change --inspect false`), not as a flag.
    static let valuedBooleans: [String: Set<String>] = ["item change": ["inspect", "export_controlled", "final_inspection"]]

    /// Flags the CLI can also turn off (`supplier change --no-approved`).
    static let invertibleFlags: [String: Set<String>] = ["supplier change": ["approved"]]

    /// `receive ST-4140 1200kg --cert MTR-88412 ...`: the words after `lotline`, options in alphabetical order.
    public static func words(for command: any LotlineCommand) -> [String] {
        let (name, fields) = ImportFormat.fields(of: command)
        let positional = arguments[name] ?? []
        var words = name.split(separator: " ").map(String.init)
        for key in positional { words += values(fields[key]) }
        for key in fields.keys.sorted() where !positional.contains(key) {
            let option = "--" + key.replacingOccurrences(of: "_", with: "-")
            switch fields[key] {
            case let flag as NSNumber where isBoolean(flag) && key == "pass": words.append(flag.boolValue ? "--pass" : "--fail")
            case let flag as NSNumber where isBoolean(flag) && valuedBooleans[name, default: []].contains(key):
                words += [option, flag.boolValue ? "true" : "false"]
            case let flag as NSNumber where isBoolean(flag) && invertibleFlags[name, default: []].contains(key):
                words.append(flag.boolValue ? option : "--no-" + option.dropFirst(2))
            case let flag as NSNumber where isBoolean(flag): if flag.boolValue { words.append(option) }
            case let list as [Any] where commaSeparated.contains(key): words += optionWords(option, values(list).joined(separator: ","))
            case let list as [Any]: for value in values(list) { words += optionWords(option, value) }
            case let value?: for value in values(value) { words += optionWords(option, value) }
            case nil: break
            }
        }
        return words
    }

    /// The line as a shell reads it: every word that needs it quoted.
    public static func line(for command: any LotlineCommand) -> String {
        "lotline " + words(for: command).map(quoted).joined(separator: " ")
    }

    /// Characters a POSIX shell leaves alone anywhere in a word.
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:,=+@%")

    /// A word as a shell reads it back: as it is when every character is plain, else in single quotes.
    public static func quoted(_ word: String) -> String {
        !word.isEmpty && word.allSatisfy(plain.contains) ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// An option and its value; a value that starts with `-` is attached (`--note=-3 kg`), so it is not read as an option.
    private static func optionWords(_ option: String, _ value: String) -> [String] {
        value.hasPrefix("-") ? ["\(option)=\(value)"] : [option, value]
    }

    /// JSON's `true` and `1` both read back as `NSNumber`, and both cast to `Bool`; only the boolean has the boolean class.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        type(of: number) == type(of: NSNumber(value: true))
    }

    private static func values(_ value: Any?) -> [String] {
        switch value {
        case let list as [Any]: list.flatMap { values($0) }
        case let text as String: [text]
        case let number as NSNumber: [number.stringValue]
        default: []
        }
    }
}
