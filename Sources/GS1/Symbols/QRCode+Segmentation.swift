extension QRCode {
    /// The data modes used here (ISO/IEC 18004 7.4): Kanji and ECI are left out, GS1 data and UTF-8 text need neither.
    enum Mode: CaseIterable {
        case numeric, alphanumeric, byte

        /// The four-bit mode indicator.
        var indicator: Int {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            }
        }

        /// Versions 1–9, 10–26 and 27–40 have count indicators of different widths (0, 1, 2).
        static func countWidthClass(version: Int) -> Int { version <= 9 ? 0 : version <= 26 ? 1 : 2 }

        /// Width of the character count indicator (ISO/IEC 18004 table 3).
        func countBits(version: Int) -> Int {
            let widthClass = Mode.countWidthClass(version: version)
            switch self {
            case .numeric: return [10, 12, 14][widthClass]
            case .alphanumeric: return [9, 11, 13][widthClass]
            case .byte: return [8, 16, 16][widthClass]
            }
        }

        /// The most characters one segment can count; longer runs are split into several segments.
        func maximumCount(version: Int) -> Int { (1 << countBits(version: version)) - 1 }
    }

    /// The mode indicator for FNC1 in first position, which makes a symbol a GS1 QR Code.
    static let fnc1FirstPositionIndicator = 0b0101

    /// Alphanumeric mode's 45 characters and their values.
    static let alphanumericValues: [Unicode.Scalar: UInt8] = {
        let characters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".unicodeScalars
        var values: [Unicode.Scalar: UInt8] = [:]
        for (value, character) in characters.enumerated() { values[character] = UInt8(value) }
        return values
    }()

    /// One character of the input and what it becomes in each mode that can carry it.
    struct DataUnit {
        /// The digit's value when the character is 0–9.
        var digit: UInt8?
        /// Its alphanumeric values: two for a literal `%` in GS1 data, which alphanumeric mode writes `%%`.
        var alphanumeric: [UInt8]?
        /// Its bytes in byte mode: UTF-8, FNC1 (GS) as 0x1D.
        var bytes: [UInt8]

        /// The input's characters; with `gs1`, GS stands for FNC1, which alphanumeric mode writes as `%`.
        static func units(of data: String, gs1: Bool) -> [DataUnit] {
            let percent = alphanumericValues["%"] ?? 38
            let scalars = Array(data.unicodeScalars)
            return scalars.indices.map { index in
                let scalar = scalars[index]
                var bytes: [UInt8] = []
                UTF8.encode(scalar) { bytes.append($0) }
                var alphanumeric = alphanumericValues[scalar].map { [$0] }
                if gs1 && scalar == "%" { alphanumeric = [percent, percent] }
                if gs1 && scalar == "\u{1D}" {
                    // A reader pairs `%%` from the left, so FNC1 as `%` followed by another `%` (FNC1 or a literal)
                    // would read back wrong: such an FNC1 goes in byte mode. A valid element string never has one,
                    // as an AI's digits follow every separator.
                    let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                    alphanumeric = next == "\u{1D}" || next == "%" ? nil : [percent]
                }
                let digit = (48...57).contains(scalar.value) ? UInt8(scalar.value - 48) : nil
                return DataUnit(digit: digit, alphanumeric: alphanumeric, bytes: bytes)
            }
        }

        /// What this character adds to a segment in `mode` (a mode it can be written in).
        func values(in mode: Mode) -> [UInt8] {
            switch mode {
            case .numeric: digit.map { [$0] } ?? []
            case .alphanumeric: alphanumeric ?? []
            case .byte: bytes
            }
        }
    }

    /// A run of characters in one mode: digit values, alphanumeric values or bytes, as many as the count indicator says.
    struct Segment {
        let mode: Mode
        var values: [UInt8]

        /// Mode indicator, count indicator and data: numeric packs three digits in 10 bits (7 and 4 for a shorter last
        /// group), alphanumeric two characters in 11 bits (6 for a single last one).
        func bitCount(version: Int) -> Int {
            let count = values.count
            let data: Int
            switch mode {
            case .numeric: data = 10 * (count / 3) + [0, 4, 7][count % 3]
            case .alphanumeric: data = 11 * (count / 2) + 6 * (count % 2)
            case .byte: data = 8 * count
            }
            return 4 + mode.countBits(version: version) + data
        }
    }

    /// The states of the segmentation search: the mode of the segment being written and how many characters sit in its
    /// unfinished group (numeric: 0–2 of 3; alphanumeric: 0–1 of 2), which decides what the next character costs.
    private enum SearchState: Int, CaseIterable {
        case numeric0, numeric1, numeric2, alphanumeric0, alphanumeric1, byte

        var mode: Mode {
            switch self {
            case .numeric0, .numeric1, .numeric2: .numeric
            case .alphanumeric0, .alphanumeric1: .alphanumeric
            case .byte: .byte
            }
        }
    }

    /// Splits the data into segments so its bit stream is as short as possible for `version`'s count indicator widths.
    ///
    /// A shortest path over (character, state): exact, because a numeric digit costs 4, 3, 3 bits as it starts or
    /// continues a group of three, an alphanumeric character 6 then 5 bits, a byte 8, and a new segment its mode and
    /// count indicators. Runs longer than a count indicator can say are split afterwards.
    static func segment(_ units: [DataUnit], version: Int) -> [Segment] {
        guard !units.isEmpty else { return [] }
        let states = SearchState.allCases
        let unreachable = Int.max
        var cost = [Int](repeating: unreachable, count: states.count)
        // previous[i][s]: the state before character i on the cheapest way to reach state s after it (-1: the start).
        var previous = [[Int]](repeating: [Int](repeating: -1, count: states.count), count: units.count)
        for (index, unit) in units.enumerated() {
            var next = [Int](repeating: unreachable, count: states.count)
            let origins: [SearchState?] = index == 0 ? [nil] : states.filter { cost[$0.rawValue] != unreachable }
            for origin in origins {
                let base = origin.map { cost[$0.rawValue] } ?? 0
                forEachTransition(from: origin, unit: unit, version: version) { state, added in
                    guard base + added < next[state.rawValue] else { return }
                    next[state.rawValue] = base + added
                    previous[index][state.rawValue] = origin?.rawValue ?? -1
                }
            }
            cost = next
        }
        // Walk back from the cheapest final state to find each character's mode.
        var state = cost.indices.min { cost[$0] < cost[$1] } ?? SearchState.byte.rawValue
        var modes = [Mode](repeating: .byte, count: units.count)
        for index in units.indices.reversed() {
            modes[index] = states[state].mode
            state = previous[index][state]
        }
        var segments: [Segment] = []
        for (unit, mode) in zip(units, modes) {
            let values = unit.values(in: mode)
            if let last = segments.last, last.mode == mode, last.values.count + values.count <= mode.maximumCount(version: version) {
                segments[segments.count - 1].values += values
            } else {
                segments.append(Segment(mode: mode, values: values))
            }
        }
        return segments
    }

    /// The states one character can lead to from `origin` (`nil`: the start), each with the bits it adds.
    private static func forEachTransition(
        from origin: SearchState?, unit: DataUnit, version: Int, _ body: (SearchState, Int) -> Void
    ) {
        func header(_ mode: Mode) -> Int { origin?.mode == mode ? 0 : 4 + mode.countBits(version: version) }
        body(.byte, header(.byte) + 8 * unit.bytes.count)
        if unit.digit != nil {
            switch origin {
            case .numeric0: body(.numeric1, 4)
            case .numeric1: body(.numeric2, 3)
            case .numeric2: body(.numeric0, 3)
            default: body(.numeric1, header(.numeric) + 4)
            }
        }
        if let values = unit.alphanumeric {
            var pending = origin == .alphanumeric1 ? 1 : 0
            var added = header(.alphanumeric)
            for _ in values {
                added += pending == 0 ? 6 : 5
                pending ^= 1
            }
            body(pending == 0 ? .alphanumeric0 : .alphanumeric1, added)
        }
    }
}
