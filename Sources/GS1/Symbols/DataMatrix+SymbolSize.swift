extension DataMatrix {
    /// One ECC 200 symbol size (ISO/IEC 16022 Table 7): its modules, how they split into data regions, and its codewords.
    struct SymbolSize: Sendable, Hashable {
        /// Symbol height and width in modules, finder and alignment patterns included, quiet zone excluded.
        let rows: Int
        let columns: Int
        /// One data region's height and width in modules, without the pattern that borders it.
        let regionRows: Int
        let regionColumns: Int
        /// How many data regions stack vertically and sit side by side.
        let verticalRegions: Int
        let horizontalRegions: Int
        let dataCodewords: Int
        let errorCodewords: Int
        /// Reed–Solomon blocks the codewords interleave into; each gets `errorCodewords / blocks` check codewords.
        let blocks: Int

        var isSquare: Bool { rows == columns }

        /// Rows and columns of the placement grid: the data regions side by side with their borders removed.
        var mappingRows: Int { regionRows * verticalRegions }
        var mappingColumns: Int { regionColumns * horizontalRegions }

        var name: String { "\(rows)x\(columns)" }
    }

    /// Every ECC 200 size, squares from 10x10 to 144x144 then the six rectangles, each group smallest first.
    static let symbolSizes: [SymbolSize] = [
        // Single data region.
        SymbolSize(
            rows: 10, columns: 10, regionRows: 8, regionColumns: 8, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 3, errorCodewords: 5, blocks: 1),
        SymbolSize(
            rows: 12, columns: 12, regionRows: 10, regionColumns: 10, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 5, errorCodewords: 7, blocks: 1),
        SymbolSize(
            rows: 14, columns: 14, regionRows: 12, regionColumns: 12, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 8, errorCodewords: 10, blocks: 1),
        SymbolSize(
            rows: 16, columns: 16, regionRows: 14, regionColumns: 14, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 12, errorCodewords: 12, blocks: 1),
        SymbolSize(
            rows: 18, columns: 18, regionRows: 16, regionColumns: 16, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 18, errorCodewords: 14, blocks: 1),
        SymbolSize(
            rows: 20, columns: 20, regionRows: 18, regionColumns: 18, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 22, errorCodewords: 18, blocks: 1),
        SymbolSize(
            rows: 22, columns: 22, regionRows: 20, regionColumns: 20, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 30, errorCodewords: 20, blocks: 1),
        SymbolSize(
            rows: 24, columns: 24, regionRows: 22, regionColumns: 22, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 36, errorCodewords: 24, blocks: 1),
        SymbolSize(
            rows: 26, columns: 26, regionRows: 24, regionColumns: 24, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 44, errorCodewords: 28, blocks: 1),
        // 2x2 data regions.
        SymbolSize(
            rows: 32, columns: 32, regionRows: 14, regionColumns: 14, verticalRegions: 2, horizontalRegions: 2,
            dataCodewords: 62, errorCodewords: 36, blocks: 1),
        SymbolSize(
            rows: 36, columns: 36, regionRows: 16, regionColumns: 16, verticalRegions: 2, horizontalRegions: 2,
            dataCodewords: 86, errorCodewords: 42, blocks: 1),
        SymbolSize(
            rows: 40, columns: 40, regionRows: 18, regionColumns: 18, verticalRegions: 2, horizontalRegions: 2,
            dataCodewords: 114, errorCodewords: 48, blocks: 1),
        SymbolSize(
            rows: 44, columns: 44, regionRows: 20, regionColumns: 20, verticalRegions: 2, horizontalRegions: 2,
            dataCodewords: 144, errorCodewords: 56, blocks: 1),
        SymbolSize(
            rows: 48, columns: 48, regionRows: 22, regionColumns: 22, verticalRegions: 2, horizontalRegions: 2,
            dataCodewords: 174, errorCodewords: 68, blocks: 1),
        SymbolSize(
            rows: 52, columns: 52, regionRows: 24, regionColumns: 24, verticalRegions: 2, horizontalRegions: 2,
            dataCodewords: 204, errorCodewords: 84, blocks: 2),
        // 4x4 data regions.
        SymbolSize(
            rows: 64, columns: 64, regionRows: 14, regionColumns: 14, verticalRegions: 4, horizontalRegions: 4,
            dataCodewords: 280, errorCodewords: 112, blocks: 2),
        SymbolSize(
            rows: 72, columns: 72, regionRows: 16, regionColumns: 16, verticalRegions: 4, horizontalRegions: 4,
            dataCodewords: 368, errorCodewords: 144, blocks: 4),
        SymbolSize(
            rows: 80, columns: 80, regionRows: 18, regionColumns: 18, verticalRegions: 4, horizontalRegions: 4,
            dataCodewords: 456, errorCodewords: 192, blocks: 4),
        SymbolSize(
            rows: 88, columns: 88, regionRows: 20, regionColumns: 20, verticalRegions: 4, horizontalRegions: 4,
            dataCodewords: 576, errorCodewords: 224, blocks: 4),
        SymbolSize(
            rows: 96, columns: 96, regionRows: 22, regionColumns: 22, verticalRegions: 4, horizontalRegions: 4,
            dataCodewords: 696, errorCodewords: 272, blocks: 4),
        SymbolSize(
            rows: 104, columns: 104, regionRows: 24, regionColumns: 24, verticalRegions: 4, horizontalRegions: 4,
            dataCodewords: 816, errorCodewords: 336, blocks: 6),
        // 6x6 data regions; 144x144 splits its 1558 data codewords unevenly: 8 blocks of 156 and 2 of 155.
        SymbolSize(
            rows: 120, columns: 120, regionRows: 18, regionColumns: 18, verticalRegions: 6, horizontalRegions: 6,
            dataCodewords: 1050, errorCodewords: 408, blocks: 6),
        SymbolSize(
            rows: 132, columns: 132, regionRows: 20, regionColumns: 20, verticalRegions: 6, horizontalRegions: 6,
            dataCodewords: 1304, errorCodewords: 496, blocks: 8),
        SymbolSize(
            rows: 144, columns: 144, regionRows: 22, regionColumns: 22, verticalRegions: 6, horizontalRegions: 6,
            dataCodewords: 1558, errorCodewords: 620, blocks: 10),
        // Rectangles, only on request.
        SymbolSize(
            rows: 8, columns: 18, regionRows: 6, regionColumns: 16, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 5, errorCodewords: 7, blocks: 1),
        SymbolSize(
            rows: 8, columns: 32, regionRows: 6, regionColumns: 14, verticalRegions: 1, horizontalRegions: 2,
            dataCodewords: 10, errorCodewords: 11, blocks: 1),
        SymbolSize(
            rows: 12, columns: 26, regionRows: 10, regionColumns: 24, verticalRegions: 1, horizontalRegions: 1,
            dataCodewords: 16, errorCodewords: 14, blocks: 1),
        SymbolSize(
            rows: 12, columns: 36, regionRows: 10, regionColumns: 16, verticalRegions: 1, horizontalRegions: 2,
            dataCodewords: 22, errorCodewords: 18, blocks: 1),
        SymbolSize(
            rows: 16, columns: 36, regionRows: 14, regionColumns: 16, verticalRegions: 1, horizontalRegions: 2,
            dataCodewords: 32, errorCodewords: 24, blocks: 1),
        SymbolSize(
            rows: 16, columns: 48, regionRows: 14, regionColumns: 22, verticalRegions: 1, horizontalRegions: 2,
            dataCodewords: 49, errorCodewords: 28, blocks: 1),
    ]
}
