extension DataMatrix {
    /// Where each codeword bit goes in the placement grid (ISO/IEC 16022 Annex F): the diagonal "utah" shapes, the
    /// four corner shapes, and the fixed pattern in the bottom-right corner when a 2x2 square is left over.
    struct Placement {
        /// What a grid cell holds after placement.
        enum Cell: Equatable {
            /// Not reached by any codeword: light.
            case empty
            /// The dark modules of the leftover bottom-right square.
            case fixedDark
            /// Bit `shift` (7 = most significant) of codeword `codeword` of the interleaved stream.
            case bit(codeword: Int, shift: Int)
        }

        let rows: Int
        let columns: Int
        private(set) var cells: [Cell]
        private var nextCodeword = 0

        init(rows: Int, columns: Int) {
            self.rows = rows
            self.columns = columns
            cells = Array(repeating: .empty, count: rows * columns)
            placeAll()
        }

        subscript(row: Int, column: Int) -> Cell { cells[row * columns + column] }

        /// Walks the grid in diagonal sweeps, up-right then down-left, starting at row 4 column 0, dropping a utah
        /// shape wherever its anchor is still free and a corner shape when the sweep meets a corner.
        private mutating func placeAll() {
            var row = 4
            var column = 0
            repeat {
                if row == rows && column == 0 { corner1() }
                if row == rows - 2 && column == 0 && columns % 4 != 0 { corner2() }
                if row == rows - 2 && column == 0 && columns % 8 == 4 { corner3() }
                if row == rows + 4 && column == 2 && columns % 8 == 0 { corner4() }
                repeat {
                    if row < rows && column >= 0 && isEmpty(row, column) { utah(row, column) }
                    row -= 2
                    column += 2
                } while row >= 0 && column < columns
                row += 1
                column += 3
                repeat {
                    if row >= 0 && column < columns && isEmpty(row, column) { utah(row, column) }
                    row += 2
                    column -= 2
                } while row < rows && column >= 0
                row += 3
                column += 1
            } while row < rows || column < columns
            if isEmpty(rows - 1, columns - 1) {
                cells[rows * columns - 1] = .fixedDark
                cells[(rows - 1) * columns - 2] = .fixedDark
            }
        }

        private func isEmpty(_ row: Int, _ column: Int) -> Bool { cells[row * columns + column] == .empty }

        /// Sets one bit (1 = most significant, as the standard numbers them), wrapping positions off the top or left
        /// edge around to the opposite side the way the standard's shapes expect.
        private mutating func module(_ row: Int, _ column: Int, codeword: Int, bit: Int) {
            var row = row
            var column = column
            if row < 0 {
                row += rows
                column += 4 - ((rows + 4) % 8)
            }
            if column < 0 {
                column += columns
                row += 4 - ((columns + 4) % 8)
            }
            cells[row * columns + column] = .bit(codeword: codeword, shift: 8 - bit)
        }

        /// Places the next codeword's eight bits at the given offsets, in bit order 1…8.
        private mutating func shape(_ offsets: [(Int, Int)]) {
            let codeword = nextCodeword
            nextCodeword += 1
            for (index, (row, column)) in offsets.enumerated() { module(row, column, codeword: codeword, bit: index + 1) }
        }

        /// The standard shape: a 3-wide, 3-tall block missing its top-right module, anchored at its bottom-right.
        private mutating func utah(_ row: Int, _ column: Int) {
            shape([
                (row - 2, column - 2), (row - 2, column - 1), (row - 1, column - 2), (row - 1, column - 1),
                (row - 1, column), (row, column - 2), (row, column - 1), (row, column),
            ])
        }

        private mutating func corner1() {
            shape([
                (rows - 1, 0), (rows - 1, 1), (rows - 1, 2), (0, columns - 2),
                (0, columns - 1), (1, columns - 1), (2, columns - 1), (3, columns - 1),
            ])
        }

        private mutating func corner2() {
            shape([
                (rows - 3, 0), (rows - 2, 0), (rows - 1, 0), (0, columns - 4),
                (0, columns - 3), (0, columns - 2), (0, columns - 1), (1, columns - 1),
            ])
        }

        private mutating func corner3() {
            shape([
                (rows - 3, 0), (rows - 2, 0), (rows - 1, 0), (0, columns - 2),
                (0, columns - 1), (1, columns - 1), (2, columns - 1), (3, columns - 1),
            ])
        }

        private mutating func corner4() {
            shape([
                (rows - 1, 0), (rows - 1, columns - 1), (0, columns - 3), (0, columns - 2),
                (0, columns - 1), (1, columns - 3), (1, columns - 2), (1, columns - 1),
            ])
        }
    }

    /// The finished symbol: every data region framed by its finder (solid left and bottom edges) and its timing
    /// pattern (alternating top and right edges), the codeword bits placed inside.
    static func draw(_ codewords: [UInt8], size: SymbolSize) -> ModuleMatrix {
        let placement = Placement(rows: size.mappingRows, columns: size.mappingColumns)
        var matrix = ModuleMatrix(width: size.columns, height: size.rows)
        let blockHeight = size.regionRows + 2
        let blockWidth = size.regionColumns + 2
        for y in 0..<size.rows {
            for x in 0..<size.columns {
                let inBlockY = y % blockHeight
                let inBlockX = x % blockWidth
                if inBlockX == 0 || inBlockY == blockHeight - 1 {
                    matrix[x, y] = true
                } else if inBlockY == 0 {
                    matrix[x, y] = inBlockX % 2 == 0
                } else if inBlockX == blockWidth - 1 {
                    matrix[x, y] = inBlockY % 2 == 1
                } else {
                    let row = (y / blockHeight) * size.regionRows + inBlockY - 1
                    let column = (x / blockWidth) * size.regionColumns + inBlockX - 1
                    switch placement[row, column] {
                    case .empty: break
                    case .fixedDark: matrix[x, y] = true
                    case .bit(let codeword, let shift): matrix[x, y] = (codewords[codeword] >> shift) & 1 == 1
                    }
                }
            }
        }
        return matrix
    }
}
