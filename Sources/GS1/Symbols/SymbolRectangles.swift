/// A symbol's dark modules as rectangles, in modules: each row's runs of dark modules (a linear symbol's bars run its
/// full height). What a vector renderer (SVG, a PDF) draws, with one rectangle per run rather than per module.
public struct ModuleRectangle: Sendable, Hashable {
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int
}

extension ModuleMatrix {
    public var rectangles: [ModuleRectangle] {
        var rectangles: [ModuleRectangle] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                guard self[x, y] else {
                    x += 1
                    continue
                }
                let start = x
                while x < width, self[x, y] { x += 1 }
                rectangles.append(ModuleRectangle(x: start, y: y, width: x - start, height: 1))
            }
        }
        return rectangles
    }
}

extension LinearSymbol {
    /// The bars, `height` modules tall.
    public func rectangles(height: Int) -> [ModuleRectangle] {
        var rectangles: [ModuleRectangle] = []
        var x = 0
        while x < modules.count {
            guard modules[x] else {
                x += 1
                continue
            }
            let start = x
            while x < modules.count, modules[x] { x += 1 }
            rectangles.append(ModuleRectangle(x: start, y: 0, width: x - start, height: height))
        }
        return rectangles
    }
}
