import Foundation
import Hummingbird
import Logging
import LotlineCore
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Where the server listens, and the upkeep it runs beside the requests.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    public var housekeeping: Housekeeping?
    /// How long requests in flight may take to finish once SIGTERM or SIGINT came; then they are cancelled.
    public var shutdownDeadline: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, housekeeping: Housekeeping? = nil, shutdownDeadline: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.housekeeping = housekeeping
        self.shutdownDeadline = shutdownDeadline
    }
}

/// The server: the router over the plant's storage, listening where the settings say; SIGTERM and SIGINT shut it
/// down gracefully (requests in flight finish).
public func buildApplication(
    _ environment: ServerEnvironment, settings: ServerSettings, logger: Logger = Logger(label: "lotline"),
    onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(environment),
        // A connection that sends nothing for a minute is closed, so idle or half-sent requests cannot hold every socket.
        server: .http1(configuration: .init(idleTimeout: .seconds(60))),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "lotline"),
        services: settings.housekeeping.map { [HousekeepingService(housekeeping: $0, logger: logger)] } ?? [],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
        logger: logger)
}

/// Runs the server until SIGTERM or SIGINT, then lets the requests in flight finish (within the settings' deadline) and
/// returns.
public func runServer(
    _ environment: ServerEnvironment, settings: ServerSettings, logger: Logger = Logger(label: "lotline"),
    onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in }
) async throws {
    let application = buildApplication(environment, settings: settings, logger: logger, onServerRunning: onServerRunning)
    var configuration = ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    configuration.maximumGracefulShutdownDuration = settings.shutdownDeadline
    try await ServiceGroup(configuration: configuration).run()
}
