extension DataMatrix {
    /// The data codewords followed by their check codewords, interleaved the way ISO/IEC 16022 §5.8 lays out blocks.
    ///
    /// The whole stream is one interleave: position `p` belongs to block `p % blocks`, and each block is its data then
    /// its checks. When every block is equally long that is the familiar "data round-robin, then checks round-robin";
    /// for 144x144, whose last two blocks hold one data codeword less, it makes the check region start with block 8.
    static func interleave(_ data: [UInt8], size: SymbolSize) -> [UInt8] {
        let blockCount = size.blocks
        let checksPerBlock = size.errorCodewords / blockCount
        let generator = ReedSolomon.dataMatrix.generator(degree: checksPerBlock)
        var stream = [UInt8](repeating: 0, count: size.dataCodewords + size.errorCodewords)
        for block in 0..<blockCount {
            let blockData = Array(stride(from: block, to: data.count, by: blockCount).map { data[$0] })
            let blockCodewords = blockData + ReedSolomon.dataMatrix.remainder(of: blockData, generator: generator)
            for (index, codeword) in blockCodewords.enumerated() { stream[block + index * blockCount] = codeword }
        }
        return stream
    }
}
