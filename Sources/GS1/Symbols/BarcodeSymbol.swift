/// A two-dimensional symbol as its grid of modules (DataMatrix, QR), without the quiet zone around it.
public struct ModuleMatrix: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// Row-major, `true` for a dark module.
    public private(set) var modules: [Bool]

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        self.modules = Array(repeating: false, count: width * height)
    }

    public subscript(x: Int, y: Int) -> Bool {
        get { modules[y * width + x] }
        set { modules[y * width + x] = newValue }
    }
}

/// A one-dimensional symbol (GS1-128) as its modules from left to right, `true` for a bar, without the quiet zones.
public struct LinearSymbol: Sendable, Hashable {
    public let modules: [Bool]

    public init(modules: [Bool]) { self.modules = modules }
}

/// What an encoder refuses: data it cannot carry, or more than the largest symbol holds.
public struct SymbolError: Error, Sendable, Hashable, CustomStringConvertible {
    public let symbology: String
    public let message: String

    public init(symbology: String, _ message: String) {
        self.symbology = symbology
        self.message = message
    }

    public var description: String { "\(symbology): \(message)" }
}
