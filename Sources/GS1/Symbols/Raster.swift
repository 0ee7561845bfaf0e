/// Symbols as greyscale images (binary PGM, `P5`), what an independent decoder reads in the tests and what a printer
/// driver without SVG can take.
public enum Raster {
    /// `scale` pixels per module and `quietZone` light modules on every side.
    public static func pgm(_ matrix: ModuleMatrix, scale: Int = 4, quietZone: Int = 4) -> [UInt8] {
        let width = (matrix.width + 2 * quietZone) * scale
        let height = (matrix.height + 2 * quietZone) * scale
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<matrix.height {
            for x in 0..<matrix.width where matrix[x, y] {
                for dy in 0..<scale {
                    let row = ((y + quietZone) * scale + dy) * width
                    for dx in 0..<scale { pixels[row + (x + quietZone) * scale + dx] = 0 }
                }
            }
        }
        return header(width: width, height: height) + pixels
    }

    /// A linear symbol `barHeight` modules tall with `quietZone` light modules left and right (GS1-128 asks for 10).
    public static func pgm(_ symbol: LinearSymbol, scale: Int = 2, barHeight: Int = 50, quietZone: Int = 10) -> [UInt8] {
        let width = (symbol.modules.count + 2 * quietZone) * scale
        let height = (barHeight + 2 * 4) * scale
        var row = [UInt8](repeating: 255, count: width)
        for (index, dark) in symbol.modules.enumerated() where dark {
            for dx in 0..<scale { row[(index + quietZone) * scale + dx] = 0 }
        }
        let light = [UInt8](repeating: 255, count: width)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height)
        for y in 0..<height { pixels += (y >= 4 * scale && y < (4 + barHeight) * scale) ? row : light }
        return header(width: width, height: height) + pixels
    }

    private static func header(width: Int, height: Int) -> [UInt8] { Array("P5\n\(width) \(height)\n255\n".utf8) }
}
