import Foundation

/// JSON parsers keep the last of two equal keys in an object and say nothing; Lotline refuses such a document, so
/// `{"lot": "A", "lot": "B"}` never acts on B while the sender meant A.
public enum JSONDuplicateKeys {
    /// The first key given twice in one object of a well-formed JSON text, if any.
    public static func first(in data: Data) -> String? {
        var stack: [(keys: Set<String>, expectingKey: Bool)?] = []  // nil: an array
        var bytes = data.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "{"): stack.append((keys: [], expectingKey: true))
            case UInt8(ascii: "["): stack.append(nil)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ":"): if stack.last??.expectingKey == true { stack[stack.count - 1]?.expectingKey = false }
            case UInt8(ascii: ","): if case .some(.some) = stack.last { stack[stack.count - 1]?.expectingKey = true }
            case UInt8(ascii: "\""):
                var raw: [UInt8] = [byte]
                var escaped = false
                while let next = bytes.next() {
                    raw.append(next)
                    if escaped { escaped = false } else if next == UInt8(ascii: "\\") { escaped = true } else if next == UInt8(ascii: "\"") { break }
                }
                guard stack.last??.expectingKey == true else { continue }
                let key = key(raw)
                if stack[stack.count - 1]!.keys.contains(key) { return key }
                stack[stack.count - 1]!.keys.insert(key)
            default: continue
            }
        }
        return nil
    }

    /// A key as its escapes spell it (`"\u006cot"` is `lot`).
    private static func key(_ raw: [UInt8]) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self) }
        let array = Data("[".utf8) + Data(raw) + Data("]".utf8)
        return ((try? JSONSerialization.jsonObject(with: array)) as? [String])?.first ?? String(decoding: raw, as: UTF8.self)
    }
}
