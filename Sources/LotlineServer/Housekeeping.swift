import Foundation
import Logging
import LotlineCore
import ServiceLifecycle

/// Upkeep that is never part of a request: saving the trace index snapshot so the next start is quick. It runs every
/// `interval`, and once more when the server shuts down (after the last request has finished).
public struct Housekeeping: Sendable {
    public var interval: Duration
    public var work: @Sendable () throws -> Void

    public init(every interval: Duration, _ work: @escaping @Sendable () throws -> Void) {
        self.interval = interval
        self.work = work
    }
}

/// Runs the housekeeping beside the server; a failure is logged and tried again next time, never fatal (it keeps caches).
struct HousekeepingService: Service {
    let housekeeping: Housekeeping
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled {
            let stopping = Task.isShuttingDownGracefully
            if !stopping { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: housekeeping.interval) } }
            let work = housekeeping.work
            do {
                // Blocking file work: on a thread of its own, not one of the threads async tasks share.
                try await offCooperativePool(qos: .utility, work)
            } catch {
                logger.error("housekeeping failed: \(error)")
            }
            if stopping || Task.isShuttingDownGracefully { return }
        }
    }
}
