import Foundation

/// The independent decoder the tests check our symbols and labels against: zxing-cpp (PyPI `zxing-cpp`, with `pillow`
/// and `cairosvg` for SVG), run by `scripts/decode-barcode.py` on the files a test writes. `.ci/run` installs them.
/// A target of its own so every test target can use it; nothing in the product links it.
public enum BarcodeDecoder {
    /// What zxing-cpp read from one file.
    public struct Decoded: Decodable, Equatable, Sendable {
        /// The symbology zxing-cpp found (`Code128`, `DataMatrix`, `QRCode`).
        public let format: String
        /// The AIM symbology identifier (`]C1`, `]d2`, `]Q3`, `]Q1`...).
        public let symbologyIdentifier: String
        /// The decoded bytes, each as the character of that code (Latin-1), FNC1 separators as GS (ASCII 29).
        public let text: String
    }

    /// The decoder could not run: the message says what to install.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Decodes each image (PGM or PNG bytes); nil where nothing was found.
    public static func decode(_ images: [[UInt8]]) throws -> [Decoded?] {
        try decode(files: images.map { ("pgm", $0) })
    }

    /// Decodes each file, given by its extension (`pgm`, `png`, `svg`, `zpl`) and bytes; nil where nothing was found.
    public static func decode(files: [(fileExtension: String, bytes: [UInt8])]) throws -> [Decoded?] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotline-decode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try files.enumerated().map { index, file in
            let url = folder.appendingPathComponent("\(index).\(file.fileExtension)")
            try Data(file.bytes).write(to: url)
            return url.path
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/decode-barcode.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + paths
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "the decoder did not run (pip install zxing-cpp pillow cairosvg): \(message)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Decoded?].self, from: data)
    }
}
