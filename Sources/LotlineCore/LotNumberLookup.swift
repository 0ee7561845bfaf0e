import Foundation

/// How a typed or scanned lot number is turned into the form it is stored and searched under.
public enum LotNumberLookup {
    private static let dashes: Set<Character> = [
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE58}", "\u{FE63}", "\u{FF0D}",
    ]

    /// Upper-case, trimmed, Unicode dashes as '-'. Scanned data is read by the GS1 module (`ScannedData`) before it gets
    /// here: a part or location code that happens to start like an AI or a symbology identifier is kept whole.
    public static func normalize(_ text: String) -> String {
        if isAlreadyNormal(text) { return text }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return String(trimmed.map { dashes.contains($0) ? "-" : $0 }).uppercased()
    }

    /// Upper-case ASCII letters, digits and `-_./` only, not starting with punctuation: the common case, kept fast.
    private static func isAlreadyNormal(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"): if first { return false }
            default: return false
            }
            first = false
        }
        return !first
    }

    /// Letters and digits only: the form supplier lots and heats are searched by, so `H-2231`, `h 2231` and `H2231` meet.
    public static func searchKey(_ text: String) -> String {
        String(normalize(text).filter { $0.isLetter || $0.isNumber })
    }

    /// The existing numbers closest to one that was not found, best first.
    public static func suggestions(for text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let wanted = searchKey(text)
        guard !wanted.isEmpty else { return [] }
        let threshold = max(2, wanted.count / 3)
        let scored: [(String, Int)] = candidates.compactMap { candidate in
            let key = searchKey(candidate)
            if key.contains(wanted) || wanted.contains(key) && key.count >= 3 { return (candidate, 0) }
            let distance = editDistance(Array(wanted), Array(key))
            return distance <= threshold ? (candidate, distance) : nil
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
