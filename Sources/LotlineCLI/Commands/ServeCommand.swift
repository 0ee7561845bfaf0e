import ArgumentParser
import Foundation
import Logging
import LotlineApp
import LotlineCore
import LotlineServer
import LotlineStore

/// `lotline serve`: the HTTP API over the database, until SIGINT or SIGTERM.
struct ServeCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API over the database until stopped: reads, every command, sign-in, tokens and users.",
        discussion: "Listens on 127.0.0.1:8080 unless told otherwise. Ctrl-C or SIGTERM stops it after the requests in flight.")
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 8080
    @Option(help: "What the log shows: trace, debug, info (a line per request), notice, warning, error or critical; default LOG_LEVEL, else info.")
    var logLevel: String?
    @Option(help: "Seconds the requests in flight get to finish once stopped; then they are cut off.") var shutdownDeadline = 30
    @Option(
        help:
            "Megabytes of lot and trace answers kept for asking again until the ledger changes (0 keeps none: every read is made afresh)."
    )
    var responseCache = 64
    @Flag(
        help:
            "Build the demo plant with a user for each role in a new database first (or serve the demo database built before), and print how to sign in."
    )
    var demo = false
    @Flag(help: "Print every route with the roles that may call it (a Markdown table) and exit.") var routes = false
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        if routes {
            let environment = ServerEnvironment(backend: try LotlineStore.inMemory())
            _ = buildRouter(environment)
            return CLIOutput(
                text: routeTable(environment.declarations.all),
                json: ["routes": environment.declarations.all.map { "\($0.method) \($0.path) \($0.access)" }])
        }
        guard (0...65_535).contains(port) else {
            throw LotlineError.badInput("port-invalid", "a port is 0 to 65535, got \(port)", value: String(port))
        }
        let levelText = logLevel ?? context.environment["LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw LotlineError.badInput(
                "log-level-invalid",
                "unknown log level '\(levelText)'; one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))", value: levelText)
        }
        let logger = Logger(label: "lotline") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        guard (1...3600).contains(shutdownDeadline) else {
            throw LotlineError.badInput(
                "shutdown-deadline-invalid", "the shutdown deadline is 1 to 3600 seconds, got \(shutdownDeadline)", value: String(shutdownDeadline))
        }
        guard (0...65_536).contains(responseCache) else {
            throw LotlineError.badInput(
                "response-cache-invalid", "the response cache is 0 to 65536 megabytes, got \(responseCache)", value: String(responseCache))
        }
        let banner = demo ? try ServeDemo.prepare(context) : ""
        guard FileManager.default.fileExists(atPath: context.databasePath) else {
            throw LotlineError.notFound(
                "database-not-found", "no database at '\(context.databasePath)'; build one first (a sample: the demo)", value: context.databasePath)
        }
        // Many readers at once: a pool of read connections beside the writer, one more than the threads that read.
        let store = try LotlineStore(path: context.databasePath, busyTimeout: 10, concurrentReads: ReadWorkers.shared.threadCount + 1)
        // Built once at start and shared by every request; saved so the next start is quick.
        let index = try store.buildTraceIndex()
        let (host, port, path, deadline) = (self.host, self.port, context.databasePath, shutdownDeadline)
        let environment = ServerEnvironment(
            backend: store, timeZone: context.timeZone, security: try SecuritySettings(environment: context.environment),
            responseCache: ResponseCache(capacityBytes: responseCache << 20))
        try waitFor {
            // The snapshot is saved beside the requests, never inside one, and once more at shutdown.
            let housekeeping = Housekeeping(every: .seconds(60)) { try store.saveTraceIndexIfStale() }
            try await runServer(
                environment, settings: ServerSettings(host: host, port: port, housekeeping: housekeeping, shutdownDeadline: .seconds(deadline)),
                logger: logger
            ) { port in
                let address = "http://\(host):\(port.map(String.init) ?? "?")"
                let line =
                    banner + "Serving \(path) (trace index: \(index.lots) lots, \(index.edges) links) on \(address)\n"
                    + "Sign in at \(address)/web/login\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
        return CLIOutput(text: "Stopped.", json: ["stopped": true])
    }

    /// Runs async work to its end from this synchronous command (the main thread waits; the work runs on Swift's pool).
    private func waitFor(_ work: @escaping @Sendable () async throws -> Void) throws {
        final class Result: @unchecked Sendable {
            var error: (any Error)?
        }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await work() } catch { result.error = error }
            done.signal()
        }
        done.wait()
        if let error = result.error { throw error }
    }
}
