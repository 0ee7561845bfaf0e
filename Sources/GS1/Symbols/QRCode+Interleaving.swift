extension QRCode {
    /// The codewords as the symbol carries them (ISO/IEC 18004 7.6): the data split into the version's blocks, each
    /// block's error-correction codewords added, and both interleaved codeword by codeword across the blocks.
    static func interleavedCodewords(_ data: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let blockCount = ecBlockCounts[level.tableIndex][version - 1]
        let ecCount = ecCodewordsPerBlock[level.tableIndex][version - 1]
        // The shorter blocks (table 9's first group) come first; the rest hold one data codeword more.
        let shortLength = data.count / blockCount
        let longCount = data.count % blockCount
        var blocks: [ArraySlice<UInt8>] = []
        var start = data.startIndex
        for index in 0..<blockCount {
            let length = shortLength + (index >= blockCount - longCount ? 1 : 0)
            blocks.append(data[start..<start + length])
            start += length
        }
        let generator = ReedSolomon.qrCode.generator(degree: ecCount)
        let ecBlocks = blocks.map { ReedSolomon.qrCode.remainder(of: $0, generator: generator) }
        var result: [UInt8] = []
        result.reserveCapacity(data.count + blockCount * ecCount)
        for offset in 0...shortLength {
            for block in blocks where offset < block.count { result.append(block[block.startIndex + offset]) }
        }
        for offset in 0..<ecCount {
            for block in ecBlocks { result.append(block[offset]) }
        }
        return result
    }
}
