import Foundation
import HTTPTypes
import LotlineCore

/// The role x endpoint table, from the routes as the router declared them: what the README shows and
/// `lotline serve --routes` prints. `yes` = allowed; `own` = for the user's own record only; blank = refused (403).
public func routeTable(_ routes: [DeclaredRoute]) -> String {
    let roles = Role.allCases
    var lines = [
        "| method | path | access | " + roles.map(\.rawValue).joined(separator: " | ") + " |",
        "|---|---|---|" + roles.map { _ in "---" }.joined(separator: "|") + "|",
    ]
    for route in routes {
        let cells = roles.map { role -> String in
            if route.access.admits([role]) { return "yes" }
            if case .ownOr = route.access { return "own" }
            return ""
        }
        let path = openAPIPath(route.path)
        lines.append("| \(route.method.rawValue) | `\(path)` | \(route.access) | " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
}
