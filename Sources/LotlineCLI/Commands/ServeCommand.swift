import ArgumentParser
import Foundation
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
        guard FileManager.default.fileExists(atPath: context.databasePath) else {
            throw LotlineError.notFound(
                "database-not-found", "no database at '\(context.databasePath)'; build one first (a sample: the demo)", value: context.databasePath)
        }
        // Many readers at once: a pool of read connections beside the writer.
        let store = try LotlineStore(path: context.databasePath, busyTimeout: 10, concurrentReads: true)
        // Built once at start and shared by every request; saved so the next start is quick.
        let index = try store.buildTraceIndex()
        let (host, port, path) = (self.host, self.port, context.databasePath)
        let environment = ServerEnvironment(
            backend: store, timeZone: context.timeZone, security: try SecuritySettings(environment: context.environment))
        try waitFor {
            // The snapshot is saved beside the requests, never inside one, and once more at shutdown.
            let housekeeping = Housekeeping(every: .seconds(60)) { try store.saveTraceIndexIfStale() }
            try await runServer(environment, settings: ServerSettings(host: host, port: port, housekeeping: housekeeping)) { port in
                let line =
                    "Serving \(path) (trace index: \(index.lots) lots, \(index.edges) links) on http://\(host):\(port.map(String.init) ?? "?")\n"
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
