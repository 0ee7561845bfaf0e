import Foundation
import GRDB
import LotlineCore

/// The genealogy index saved beside the database file (`<database>-index`), so a new process (a CLI trace, a drill)
/// starts from it instead of reading every link. It is a cache, never the record: it is used only when the ledger
/// holds the event it names (same sequence number and hash, so the same history up to there) and it is not far
/// behind, and then caught up from the ledger. A missing, damaged or stale file only means building from the
/// projections again; deleting it is always safe.
struct TraceIndexSnapshots {
    let path: String
    /// The ledger position of the file on disk, as far as this process knows.
    private var savedSeq: Int64?
    /// Saved again once the index has moved this many events past the file.
    static let resaveAfterEvents: Int64 = 50_000

    init(path: String) {
        self.path = path
    }

    func isStale(at seq: Int64) -> Bool {
        guard let savedSeq else { return true }
        return seq - savedSeq >= Self.resaveAfterEvents
    }

    /// The saved index and the ledger position it includes, if the file matches this ledger and catching up from it
    /// costs less than building anew.
    mutating func load(_ db: Database, latest: Int64) throws -> (GenealogyIndex, Int64)? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped),
            let (index, position) = try? data.withUnsafeBytes({ try GenealogyIndex.fromSnapshot($0) }),
            position.seq <= latest, latest - position.seq <= max(Self.resaveAfterEvents, latest / 4),
            try Self.hash(at: position.seq, db) == position.hash
        else { return nil }
        savedSeq = position.seq
        return (index, position.seq)
    }

    /// Writes the index as of `seq` to a temporary file beside the snapshot, then renames it over the snapshot, so
    /// readers see the old file or the new one. A directory that cannot be written to only means no snapshot.
    mutating func save(_ index: inout GenealogyIndex, at seq: Int64, db: Database) throws {
        savedSeq = seq
        guard seq > 0, let hash = try Self.hash(at: seq, db) else { return }
        removeLeftovers()
        let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard let file = SnapshotFile(creating: temporary) else { return }
        do {
            _ = try index.writeSnapshot(at: GenealogyIndex.SnapshotPosition(seq: seq, hash: hash), to: file)
            file.close()
            guard rename(temporary, path) == 0 else { throw SnapshotError() }
        } catch {
            file.close()
            unlink(temporary)
        }
    }

    /// The hash of the event at a ledger position, which names the whole history up to it.
    private static func hash(at seq: Int64, _ db: Database) throws -> String? {
        try db.fetchOne(String.self, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [seq])
    }

    /// Temporary files of processes that died while saving (`<snapshot>.<pid>.tmp` whose process is gone).
    private func removeLeftovers() {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + "."
        let directory = url.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let pid = Int32(name.dropFirst(prefix.count).dropLast(".tmp".count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    mutating func remove() {
        try? FileManager.default.removeItem(atPath: path)
        savedSeq = nil
    }
}

/// A snapshot written straight to a file descriptor.
private struct SnapshotFile: SnapshotSink {
    let descriptor: Int32

    init?(creating path: String) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return nil }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            guard written > 0 else { throw SnapshotError() }
            done += written
        }
    }

    func close() {
        _ = Foundation.close(descriptor)
    }
}
