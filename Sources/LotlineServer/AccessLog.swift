import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LotlineCore

/// One line per request at `info`: method, path, status, milliseconds and who asked (never a secret: tokens and
/// passwords travel in headers and bodies, which are not logged). Placed after sign-in, so it knows the user; a
/// refusal is logged with the status its problem document will carry.
struct AccessLog: RouterMiddleware {
    typealias Context = LotlineRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, response.status, since: started)
            return response
        } catch {
            log(request, context, Problem(for: error).status, since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, _ status: HTTPResponse.Status, since started: ContinuousClock.Instant) {
        guard context.logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.inSeconds * 1000
        context.logger.info(
            "\(request.method) \(AccessLogRedaction.path(request.uri.path)) \(status.code)",
            metadata: [
                "user": .string(context.identity?.user.name.rawValue ?? "-"), "ms": .string(String(format: "%.1f", milliseconds)),
            ])
    }
}

/// What the access log writes of a path.
public enum AccessLogRedaction {
    /// The path with anything shaped like a token, session or CSRF secret cut to its kind (a client that put one in the
    /// path by mistake does not leave it in the log).
    public static func path(_ path: String) -> String {
        guard path.contains("ll") else { return path }
        let range = NSRange(path.startIndex..., in: path)
        return secret.stringByReplacingMatches(in: path, range: range, withTemplate: "$1_[redacted]")
    }

    nonisolated(unsafe) private static let secret = try! NSRegularExpression(pattern: "(ll[tsc])_[0-9A-Za-z_]+")
}
