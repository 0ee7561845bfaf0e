import DequeModule
import Foundation

/// The threads that run the server's storage reads, a fixed few, taking reads in the order they came.
///
/// Handing each read to the shared dispatch pool (as writes still are) put a thread on every waiting request: with 50
/// clients and five SQLite reader connections, 45 threads parked on the connection pool, and every read woke one.
/// Here a waiting read is an entry in a queue, and a busy thread takes the next one without sleeping: measured on the
/// load benchmark's read mix, about a sixth more requests a second with a lower p99. There are twice as many threads as
/// cores (at least four), so one long read (a recall's whole tree) never holds every thread, and `lotline serve` opens
/// the store with one read connection more than there are threads, so no thread ever waits for a connection.
public final class ReadWorkers: @unchecked Sendable {
    /// One set for the process: every server built in it (the tests build many) shares these threads.
    public static let shared = ReadWorkers(threads: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    public let threadCount: Int
    /// Guards `jobs` (hence unchecked Sendable) and wakes a thread when one is added.
    private let condition = NSCondition()
    private var jobs = Deque<@Sendable () -> Void>()

    private init(threads: Int) {
        threadCount = threads
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "lotline-read-\(index)"
            thread.start()
        }
    }

    /// Runs `read` on one of the threads and awaits its answer.
    public func run<T: Sendable>(_ read: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            jobs.append { continuation.resume(with: Result { try read() }) }
            condition.signal()
            condition.unlock()
        }
    }

    private func work() {
        while true {
            // A thread sleeps only when no read is waiting.
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
