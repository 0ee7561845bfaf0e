import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

/// `lotline user ...`: the people who sign in, their roles and passwords. The first user of a database is an admin,
/// added here; from then on every command signs in.
struct UserGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Users, their roles and passwords.",
        discussion: "Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). The first user of a database must be an admin.",
        subcommands: [Add.self, List.self, Change.self, Disable.self, Enable.self, ResetPassword.self])

    /// Where a new password comes from: standard input, `LOTLINE_NEW_PASSWORD`, or typed twice at the terminal.
    struct NewPassword: ParsableArguments {
        @Flag(help: "Read the new password from standard input (after the acting user's, with --password-stdin).")
        var newPasswordStdin = false

        func read(_ context: CLIContext, for user: String) throws -> String {
            let password = try context.password(
                prompt: "New password for \(user): ", source: newPasswordStdin, variable: "LOTLINE_NEW_PASSWORD", for: user)
            if !newPasswordStdin && context.environment["LOTLINE_NEW_PASSWORD"] == nil,
                let again = context.input.prompt("Again: "), again != password
            {
                throw LotlineError.badInput("password-mismatch", "the two passwords typed differ; nothing was changed", value: user)
            }
            return password
        }
    }

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user with one or more roles and a first password.")
        @Argument(help: "Login name: letters, digits, '.', '_', '-'.") var name: String
        @Option(help: "A role (repeat, or comma-separate, for more).") var role: [String] = []
        @Option(help: "The full name electronic signatures print.") var fullName: String
        @Flag(help: "The user is a US person and may see export-controlled records.") var usPerson = false
        @OptionGroup var newPassword: NewPassword
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let session = try context.session()
            let command = AddUser(name: name, fullName: fullName, roles: role, usPerson: usPerson)
            // Every rule before the password is asked for: a typo in a role is not found out after typing it twice.
            _ = try session.backend.withState { state in
                try command.authorize(session.actor, in: state)
                return try command.decide(state, session.commandContext)
            }
            let password = try newPassword.read(context, for: name)
            let user = try context.accounts().addUser(command, password: password, in: session).outcome.user
            return CLIOutput(text: "Added user \(user.name) (\(user.fullName)): \(Self.describe(user))", json: UserView(user))
        }

        static func describe(_ user: User) -> String {
            user.roles.map(\.rawValue).joined(separator: ", ") + (user.usPerson ? ", US person" : "") + (user.active ? "" : ", DISABLED")
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users, their roles and standing.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let users = try context.backend(creating: false).users()
            let rows = users.map {
                [
                    $0.name.rawValue, $0.fullName, $0.roles.map(\.rawValue).joined(separator: ","), $0.usPerson ? "yes" : "no",
                    $0.active ? "active" : "disabled",
                ]
            }
            return CLIOutput(
                text: Table(headers: ["USER", "FULL NAME", "ROLES", "US PERSON", "STANDING"], rows: rows).render(),
                json: ["users": users.map(UserView.init)])
        }
    }

    struct Change: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "change", abstract: "Change a user's roles, full name or US-person status.")
        @Argument var name: String
        @Option(help: "The user's roles from now on (repeat, or comma-separate).") var role: [String] = []
        @Option var fullName: String?
        @Option(help: "true or false.") var usPerson: Bool?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = ChangeUser(name: name)
            command.roles = role.isEmpty ? nil : role
            command.fullName = fullName
            command.usPerson = usPerson
            return try UserGroup.change(command, context)
        }
    }

    struct Disable: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable", abstract: "Disable a user: they can no longer sign in or act; their records stay theirs.")
        @Argument var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = ChangeUser(name: name)
            command.active = false
            return try UserGroup.change(command, context)
        }
    }

    struct Enable: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled user again.")
        @Argument var name: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            var command = ChangeUser(name: name)
            command.active = true
            return try UserGroup.change(command, context)
        }
    }

    static func change(_ command: ChangeUser, _ context: CLIContext) throws -> CLIOutput {
        let changed = try context.execute(command).outcome
        return CLIOutput(
            text: "Changed user \(changed.user.name) (\(changed.changed.joined(separator: ", "))): \(Add.describe(changed.user))",
            json: UserView(changed.user))
    }

    struct ResetPassword: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password for a user (an admin, or the user for their own); ends a lockout.")
        @Argument var name: String
        @OptionGroup var newPassword: NewPassword
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let session = try context.session()
            // Refused before the password is asked for, if the user may not.
            _ = try session.backend.withState { state in
                _ = try state.requireUser(name)
                try SetPassword(name: name).authorize(session.actor, in: state)
            }
            let password = try newPassword.read(context, for: name)
            let set = try context.accounts().setPassword(of: name, to: password, in: session).outcome
            return CLIOutput(text: "Set a new password for \(set.user)", json: ["user": set.user.rawValue])
        }
    }
}
