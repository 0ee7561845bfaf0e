/// Code 128 (ISO/IEC 15417) and GS1-128: ASCII text or a GS1 element string as the bars of a linear symbol.
public enum Code128 {
    /// The GS1 General Specifications' limit on the data characters of one GS1-128 symbol.
    public static let gs1MaximumLength = 48

    /// `gs1`: GS1-128 (FNC1 right after the start character); `data` is then an element string with GS (U+001D) where
    /// FNC1 separators go. Otherwise ASCII text (0–127).
    public static func encode(_ data: String, gs1: Bool) throws -> LinearSymbol {
        let input = try units(data, gs1: gs1)
        var values = shortestValues(input)
        if gs1 { values.insert(fnc1Value, at: 1) }
        var checksum = values[0]
        for (position, value) in values.enumerated().dropFirst() { checksum += position * value }
        values.append(checksum % 103)
        values.append(stopValue)
        var modules: [Bool] = []
        modules.reserveCapacity(values.count * 11 + 2)  // the stop pattern's final bar makes it 13
        for value in values {
            for (index, width) in patterns[value].utf8.enumerated() {
                // Elements alternate bar, space, bar... starting with a bar.
                modules += repeatElement(index % 2 == 0, count: Int(width - UInt8(ascii: "0")))
            }
        }
        return LinearSymbol(modules: modules)
    }

    /// The three code sets: A has upper case and control characters, B upper and lower case, C digit pairs.
    private enum CodeSet: Int, CaseIterable {
        case a, b, c

        var startValue: Int { [103, 104, 105][rawValue] }
        /// The symbol value that latches to this set from either of the others (the same in every set).
        var latchValue: Int { [101, 100, 99][rawValue] }
    }

    /// FNC1 among the input units (which are otherwise ASCII 0…127).
    private static let fnc1 = 128
    private static let fnc1Value = 102
    private static let shiftValue = 98
    private static let stopValue = 106

    /// The input as units, GS read as FNC1 in GS1 mode; refuses what Code 128 cannot carry without FNC4 extension.
    private static func units(_ data: String, gs1: Bool) throws -> [Int] {
        var units: [Int] = []
        for (offset, scalar) in data.unicodeScalars.enumerated() {
            guard scalar.value < 128 else {
                let code = String(scalar.value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
                throw SymbolError(
                    symbology: "Code128", "character \"\(scalar)\" (U+\(padded)) at position \(offset + 1) is not ASCII (0–127)")
            }
            units.append(gs1 && scalar.value == 0x1D ? fnc1 : Int(scalar.value))
        }
        guard !units.isEmpty else { throw SymbolError(symbology: "Code128", "no data to encode") }
        if gs1 {
            guard units.count <= gs1MaximumLength else {
                throw SymbolError(
                    symbology: "Code128", "GS1-128 carries at most \(gs1MaximumLength) data characters, this data has \(units.count)")
            }
            // The leading FNC1 is the symbol's own; a separator first or last would be an empty or dangling field.
            guard units.first != fnc1, units.last != fnc1 else {
                throw SymbolError(symbology: "Code128", "a GS1 element string cannot start or end with a GS separator")
            }
        }
        return units
    }

    /// Whether a unit is a digit, for set C pairs.
    private static func isDigit(_ unit: Int) -> Bool { unit >= 0x30 && unit <= 0x39 }

    /// The symbol value of one unit in set A or B, nil when that set lacks it.
    private static func value(_ unit: Int, in set: CodeSet) -> Int? {
        if unit == fnc1 { return fnc1Value }
        switch set {
        case .a: return unit < 32 ? unit + 64 : unit < 96 ? unit - 32 : nil
        case .b: return unit >= 32 ? unit - 32 : nil
        case .c: return nil
        }
    }

    /// One move of the shortest path: the values it adds and where it leaves the input.
    private struct Move {
        let values: [Int]
        let next: Int
    }

    /// The moves that consume input from `position` while staying in `set` (a shift counts as staying).
    private static func moves(_ input: [Int], at position: Int, in set: CodeSet) -> [Move] {
        let unit = input[position]
        switch set {
        case .c:
            if unit == fnc1 { return [Move(values: [fnc1Value], next: position + 1)] }
            guard position + 1 < input.count, isDigit(unit), isDigit(input[position + 1]) else { return [] }
            return [Move(values: [(unit - 0x30) * 10 + input[position + 1] - 0x30], next: position + 2)]
        case .a, .b:
            if let value = value(unit, in: set) { return [Move(values: [value], next: position + 1)] }
            // A shift borrows the other of A and B for one character.
            let other: CodeSet = set == .a ? .b : .a
            guard let value = value(unit, in: other) else { return [] }
            return [Move(values: [shiftValue, value], next: position + 1)]
        }
    }

    /// Symbol values from the start character to the last data character, the fewest there are: a shortest path over
    /// (position, code set), computed from the end so each node knows its cheapest way to finish.
    private static func shortestValues(_ input: [Int]) -> [Int] {
        let sets = CodeSet.allCases.count
        let count = input.count
        // cost[position * sets + set]: fewest values that encode input[position...] when in `set` at `position`.
        var cost = [Int](repeating: Int.max, count: (count + 1) * sets)
        var choice = [(target: CodeSet, move: Move)?](repeating: nil, count: (count + 1) * sets)
        for set in CodeSet.allCases { cost[count * sets + set.rawValue] = 0 }
        for position in stride(from: count - 1, through: 0, by: -1) {
            for set in CodeSet.allCases {
                // Staying in the current set is tried first, so ties keep the symbol free of needless latches.
                for target in [set] + preference.filter({ $0 != set }) {
                    let latch = target == set ? 0 : 1
                    for move in moves(input, at: position, in: target) {
                        let rest = cost[move.next * sets + target.rawValue]
                        guard rest != Int.max else { continue }
                        let total = latch + move.values.count + rest
                        if total < cost[position * sets + set.rawValue] {
                            cost[position * sets + set.rawValue] = total
                            choice[position * sets + set.rawValue] = (target, move)
                        }
                    }
                }
            }
        }
        // Every ASCII character fits A or B, so some start always reaches the end.
        let start = preference.min { cost[$0.rawValue] < cost[$1.rawValue] }!
        var values = [start.startValue]
        var position = 0
        var set = start
        while position < count, let step = choice[position * sets + set.rawValue] {
            if step.target != set { values.append(step.target.latchValue) }
            values += step.move.values
            set = step.target
            position = step.move.next
        }
        return values
    }

    /// The order ties between sets are broken in: B, the usual text set, then C, then A.
    private static let preference: [CodeSet] = [.b, .c, .a]

    /// Bar and space widths of symbol values 0…105 and the stop pattern (106, with its final bar): ISO/IEC 15417 Table 1.
    private static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]
}
