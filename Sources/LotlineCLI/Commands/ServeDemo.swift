import Foundation
import LotlineApp
import LotlineCore
import LotlineFixtures

/// `lotline serve --demo`: the demo plant with a user for each role, built in a new database (or the demo database
/// built earlier, served again), and the words that say how to sign in.
enum ServeDemo {
    static func prepare(_ context: CLIContext) throws -> String {
        // The file as it is, before any sign-in: the demo's users do not exist yet the first time.
        let store: any LotlineBackend = try context.store()
        let accounts = try context.accounts()
        if try store.head().seq == 0 {
            _ = try DemoPlant.build(on: store, actor: context.actor, now: context.now, timeZone: context.timeZone) { _ in }
            var actor = context.actor
            for user in DemoUsers.all {
                let session = Session(backend: store, actor: actor, now: context.now, timeZone: context.timeZone)
                _ = try accounts.addUser(user, password: DemoUsers.password, in: session)
                actor = DemoUsers.all[0].name
            }
        } else {
            let users = Set(try store.users().map(\.name.rawValue))
            guard DemoUsers.all.allSatisfy({ users.contains($0.name) }) else {
                throw LotlineError(
                    .refused, "demo-database-not-new",
                    "\(context.databasePath) already holds a plant that is not the demo's; --demo builds its plant in a new database (give --db demo.sqlite)",
                    value: context.databasePath)
            }
        }
        let lines = DemoUsers.all.map { "  \($0.name.padding(toLength: 6, withPad: " ", startingAt: 0))  \($0.roles.joined(separator: ", "))" }
        return "Demo plant in \(context.databasePath). Users (each with the password \(DemoUsers.password)):\n" + lines.joined(separator: "\n")
            + "\n"
    }
}
