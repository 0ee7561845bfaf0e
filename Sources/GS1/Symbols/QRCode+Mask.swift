extension QRCode {
    /// Whether data mask `mask` (0–7) inverts the module at column `x`, row `y` (ISO/IEC 18004 table 10, where i is the
    /// row and j the column).
    static func maskInverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: (x * y) % 2 + (x * y) % 3 == 0
        case 6: ((x * y) % 2 + (x * y) % 3) % 2 == 0
        default: ((x + y) % 2 + (x * y) % 3) % 2 == 0
        }
    }
}

extension QRCode.Grid {
    /// The mask evaluation score (ISO/IEC 18004 7.8.3), lower is better: runs of five or more modules of one colour in a
    /// row or column (3 + the excess), 2 × 2 blocks of one colour (3 each), finder-like 1:1:3:1:1 patterns with four
    /// light modules on a side (40 each), and 10 for every full 5 % the dark share is away from half.
    func penalty() -> Int {
        var score = 0
        var line = [Bool](repeating: false, count: size)
        for index in 0..<size {
            for position in 0..<size { line[position] = dark[index * size + position] }
            score += Self.linePenalty(line)
            for position in 0..<size { line[position] = dark[position * size + index] }
            score += Self.linePenalty(line)
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let top = y * size + x
                let colour = dark[top]
                if dark[top + 1] == colour && dark[top + size] == colour && dark[top + size + 1] == colour { score += 3 }
            }
        }
        let darkCount = dark.count { $0 }
        let total = size * size
        score += 10 * (abs(darkCount * 20 - total * 10) / total)
        return score
    }

    /// Rules 1 and 3 on one row or column. The quiet zone counts as light, so a finder-like pattern at the edge scores.
    private static func linePenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runStart = 0
        for index in 1...line.count where index == line.count || line[index] != line[runStart] {
            let run = index - runStart
            if run >= 5 { score += 3 + (run - 5) }
            runStart = index
        }
        // Dark, light, three dark, light, dark: checked directly, this runs for every row and column of eight masks.
        for start in 0...(line.count - 7) {
            guard line[start], !line[start + 1], line[start + 2], line[start + 3], line[start + 4], !line[start + 5],
                line[start + 6]
            else { continue }
            // One pattern scores once, even with light modules on both sides.
            if isLight(line, from: start - 4, to: start) || isLight(line, from: start + 7, to: start + 11) { score += 40 }
        }
        return score
    }

    /// Whether `line[from..<to]` is all light, positions outside the symbol counting as light.
    private static func isLight(_ line: [Bool], from: Int, to: Int) -> Bool {
        for index in max(from, 0)..<min(to, line.count) where line[index] { return false }
        return true
    }
}
