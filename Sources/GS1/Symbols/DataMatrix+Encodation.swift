extension DataMatrix {
    /// Turns the message into data codewords, mixing ASCII, C40 and Text encodation (ISO/IEC 16022 §5.2): a shortest
    /// path over (position, mode), so the fewest codewords these three schemes allow rather than a look-ahead guess.
    enum Encodation {
        /// FNC1 among the input bytes (which are 0…255).
        static let fnc1 = 256

        /// The two ways a message can end: back in ASCII, ready for padding, or still in C40/Text after a whole
        /// triplet, which is only allowed when the codewords fill the symbol exactly (§5.2.5.2 a and b: no unlatch).
        struct Result {
            let endingInASCII: [UInt8]
            let endingInTriplets: [UInt8]?
        }

        /// The encodation a codeword run is in; C40 and Text pack three values into two codewords.
        enum Mode: Int, CaseIterable {
            case ascii, c40, text
        }

        /// How a shortest path reached a (position, mode) node: from where, and which codewords it added.
        private struct Step {
            let cost: Int
            let position: Int
            let mode: Mode
            let codewords: [UInt8]
        }

        /// A C40/Text run from some position that ends on a triplet boundary, packed.
        private struct Run {
            let end: Int
            let codewords: [UInt8]
            /// Completed with a Shift 1 pad value, which §5.2.5.2 b allows only in the symbol's last two codewords.
            let padded: Bool
        }

        /// Codewords for `input` (bytes, FNC1 as `fnc1`), which the caller may prefix with a leading FNC1 in ASCII.
        static func encode(_ input: [Int]) -> Result {
            let count = input.count
            let modes = Mode.allCases.count
            var best = [Step?](repeating: nil, count: (count + 1) * modes)
            best[0] = Step(cost: 0, position: 0, mode: .ascii, codewords: [])
            // Runs padded with Shift 1 end the data; kept out of `best` so nothing (an unlatch, padding) follows them.
            var paddedEnds: [Step] = []

            /// Keeps the cheaper way to reach (position, mode); on a tie the first found, ASCII before C40 before Text.
            func relax(_ position: Int, _ mode: Mode, from: Int, _ fromMode: Mode, _ codewords: [UInt8]) {
                guard let origin = best[from * modes + fromMode.rawValue] else { return }
                let cost = origin.cost + codewords.count
                if let current = best[position * modes + mode.rawValue], current.cost <= cost { return }
                best[position * modes + mode.rawValue] = Step(cost: cost, position: from, mode: fromMode, codewords: codewords)
            }

            for position in 0...count {
                // Unlatch to ASCII first, then latch from ASCII, so C40 → Text goes through ASCII in one pass.
                relax(position, .ascii, from: position, .c40, [254])
                relax(position, .ascii, from: position, .text, [254])
                relax(position, .c40, from: position, .ascii, [230])
                relax(position, .text, from: position, .ascii, [239])
                guard position < count else { break }
                if position + 1 < count, let pair = digitPair(input[position], input[position + 1]) {
                    relax(position + 2, .ascii, from: position, .ascii, [pair])
                }
                relax(position + 1, .ascii, from: position, .ascii, ascii(input[position]))
                for mode in [Mode.c40, .text] {
                    guard let run = tripletRun(input, from: position, text: mode == .text) else { continue }
                    if !run.padded {
                        relax(run.end, mode, from: position, mode, run.codewords)
                    } else if let origin = best[position * modes + mode.rawValue] {
                        paddedEnds.append(Step(cost: origin.cost + run.codewords.count, position: position, mode: mode, codewords: run.codewords))
                    }
                }
            }

            /// The codewords along the shortest path from the start to (position, mode).
            func path(to position: Int, _ mode: Mode) -> [UInt8] {
                var pieces: [[UInt8]] = []
                var (position, mode) = (position, mode)
                while position != 0 || mode != .ascii, let step = best[position * modes + mode.rawValue] {
                    pieces.append(step.codewords)
                    (position, mode) = (step.position, step.mode)
                }
                return pieces.reversed().flatMap { $0 }
            }

            var endingInTriplets: [UInt8]?
            let unpadded = [Mode.c40, .text].filter { best[count * modes + $0.rawValue] != nil }.map { path(to: count, $0) }
            let padded = paddedEnds.map { path(to: $0.position, $0.mode) + $0.codewords }
            for candidate in unpadded + padded where candidate.count < endingInTriplets?.count ?? .max {
                endingInTriplets = candidate
            }
            return Result(endingInASCII: path(to: count, .ascii), endingInTriplets: endingInTriplets)
        }

        /// Two digits as one codeword, 130 + their value.
        private static func digitPair(_ first: Int, _ second: Int) -> UInt8? {
            let digits = 48...57
            guard digits.contains(first), digits.contains(second) else { return nil }
            return UInt8(130 + (first - 48) * 10 + (second - 48))
        }

        /// One character in ASCII encodation: value + 1, FNC1 as 232, bytes 128…255 behind Upper Shift (235).
        private static func ascii(_ symbol: Int) -> [UInt8] {
            if symbol == fnc1 { return [232] }
            if symbol < 128 { return [UInt8(symbol + 1)] }
            return [235, UInt8(symbol - 127)]
        }

        /// The shortest run from `start` that ends on a triplet boundary (longer runs are chains of these).
        ///
        /// A run two values short of a triplet at the very end of the data is completed with Shift 1 (value 0), marked
        /// `padded`. The look-ahead stops after a dozen characters to keep the search linear: a run that has not closed
        /// by then alternates basic and shifted characters or holds Upper-Shifted bytes, which C40 and Text pack no
        /// denser than ASCII does.
        private static func tripletRun(_ input: [Int], from start: Int, text: Bool) -> Run? {
            var values: [Int] = []
            var end = start
            while end < input.count && end < start + 12 {
                values += cValues(input[end], text: text)
                end += 1
                if values.count % 3 == 0 { return Run(end: end, codewords: pack(values), padded: false) }
            }
            if end == input.count && values.count % 3 == 2 { return Run(end: end, codewords: pack(values + [0]), padded: true) }
            return nil
        }

        /// Three values per two codewords: 1600·v₁ + 40·v₂ + v₃ + 1, high byte first.
        private static func pack(_ values: [Int]) -> [UInt8] {
            stride(from: 0, to: values.count, by: 3).flatMap { index -> [UInt8] in
                let packed = 1600 * values[index] + 40 * values[index + 1] + values[index + 2] + 1
                return [UInt8(packed / 256), UInt8(packed % 256)]
            }
        }

        /// One character as C40 or Text values: the basic set directly, the rest behind Shift 1, 2 or 3
        /// (values 0, 1, 2), bytes 128…255 behind Upper Shift (Shift 2, 30) as their value − 128.
        static func cValues(_ symbol: Int, text: Bool) -> [Int] {
            switch symbol {
            case fnc1: return [1, 27]
            case 128...: return [1, 30] + cValues(symbol - 128, text: text)
            case 32: return [3]
            case 48...57: return [symbol - 44]
            case 65...90: return text ? [2, symbol - 64] : [symbol - 51]
            case 97...122: return text ? [symbol - 83] : [2, symbol - 96]
            case 0..<32: return [0, symbol]
            case 33...47: return [1, symbol - 33]
            case 58...64: return [1, symbol - 43]
            case 91...95: return [1, symbol - 69]
            default: return [2, symbol - 96]  // ` { | } ~ DEL: the same Shift 3 values in C40 and Text.
            }
        }
    }
}
