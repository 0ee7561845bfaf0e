import Foundation

/// A temporary folder for a test's database files, removed with everything in it when the last reference goes.
public final class ScratchDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lotline-backend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A file's path in the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
