import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

/// `lotline token ...`: API tokens, for machines (an ERP, a station) to act as a user over HTTP.
struct TokenGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for the HTTP API: issue, list, revoke.", subcommands: [Issue.self, List.self, Revoke.self])

    struct Issue: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue", abstract: "Issue an API token (shown once) for yourself, or as an admin for another user.")
        @Option(name: .customLong("for"), help: "The user the token acts as (default: you).") var user: String?
        @Option(help: "What the token is for, e.g. 'ERP interface'.") var label: String
        @Option(help: "The last day it works, YYYY-MM-DD.") var expires: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let session = try context.session()
            let issued = try context.accounts().issueToken(for: user ?? session.actor, label: label, expires: expires, in: session)
            let view = IssuedTokenView(token: issued.token, key: AccessKeyView(issued.key, now: context.now, timeZone: context.timeZone))
            return CLIOutput(
                text:
                    "Issued token \(issued.key.id) for \(issued.key.user) (\(label)), valid through \(expires); it is shown only now:\n\(issued.token)",
                json: view)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List API tokens: yours, or everyone's for an admin.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let session = try context.session(creating: false)
            let me = try session.backend.user(UserName(rawValue: session.actor))
            let everyone = me == nil || me?.may(.manageUsers) == true
            let keys = try session.backend.accessKeys(of: everyone ? nil : me?.name).filter { $0.kind == .token }
            let views = keys.map { AccessKeyView($0, now: context.now, timeZone: context.timeZone) }
            let rows = views.map { [$0.id, $0.user, $0.label, $0.expires, $0.state] }
            return CLIOutput(text: Table(headers: ["TOKEN", "USER", "LABEL", "EXPIRES", "STATE"], rows: rows).render(), json: ["tokens": views])
        }
    }

    struct Revoke: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token by its id: it stops working at once.")
        @Argument var token: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let session = try context.session()
            let revoked = try context.accounts().revokeToken(token, in: session).outcome
            return CLIOutput(
                text: "Revoked token \(revoked.token) of \(revoked.user)", json: ["token": revoked.token, "user": revoked.user.rawValue])
        }
    }
}
