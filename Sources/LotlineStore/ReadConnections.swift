import Foundation
import GRDB
import Synchronization

/// Read-only connections of a long-lived process's own, one for each thread that reads at a time, beside the writer.
///
/// GRDB's pool of readers hands out its connections through dispatch queues and barriers: with a few threads reading
/// constantly, they parked and woke each other on every read (a fifth of a loaded server's time went to switching
/// threads). Here a connection is taken from a list under a lock held for a moment, so a reading thread never waits for
/// another. Each is opened on first need (a process that never reads concurrently opens none); a read that finds every
/// one busy goes to GRDB's pool as before.
final class ReadConnections: Sendable {
    private struct Connections {
        var free: [DatabaseQueue] = []
        var opened = 0
    }

    private let connections = Mutex(Connections())
    private let path: String
    private let count: Int
    private let configuration: Configuration

    init(path: String, count: Int, configuration: Configuration) {
        var readOnly = configuration
        readOnly.readonly = true
        (self.path, self.count, self.configuration) = (path, count, readOnly)
    }

    /// Runs `body` in a read transaction on a connection of its own; nil when every connection is busy.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard let connection = try take() else { return nil }
        defer { connections.withLock { $0.free.append(connection) } }
        return try connection.read(body)
    }

    private func take() throws -> DatabaseQueue? {
        let (free, open) = connections.withLock { connections -> (DatabaseQueue?, Bool) in
            if let free = connections.free.popLast() { return (free, false) }
            guard connections.opened < count else { return (nil, false) }
            connections.opened += 1
            return (nil, true)
        }
        if let free { return free }
        guard open else { return nil }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            connections.withLock { $0.opened -= 1 }
            throw error
        }
    }
}
