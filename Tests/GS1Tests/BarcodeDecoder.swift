import Foundation
import GS1
import Testing

/// The independent decoder the label tests check our symbols against: zxing-cpp (PyPI `zxing-cpp`, with `pillow`),
/// run by `scripts/decode-barcode.py` on images the tests write. `.ci/run` installs both.
enum BarcodeDecoder {
    struct Decoded: Decodable, Equatable {
        /// The symbology zxing-cpp found (`Code128`, `DataMatrix`, `QRCode`).
        let format: String
        /// The AIM symbology identifier (`]C1`, `]d2`, `]Q3`, `]Q1`...).
        let symbologyIdentifier: String
        /// The decoded bytes as text, FNC1 separators as GS (ASCII 29).
        let text: String
    }

    /// Decodes each image (PGM or PNG bytes); fails the test with the decoder's own message if it cannot run.
    static func decode(_ images: [[UInt8]], sourceLocation: SourceLocation = #_sourceLocation) throws -> [Decoded?] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotline-decode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try images.enumerated().map { index, bytes in
            let url = folder.appendingPathComponent("\(index).pgm")
            try Data(bytes).write(to: url)
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
            Issue.record("the decoder did not run (pip install zxing-cpp pillow): \(message)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Decoded?].self, from: data)
    }
}
