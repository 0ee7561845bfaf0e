import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore
import LotlineStore

/// The options every subcommand accepts after its own arguments.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Database file (default: $LOTLINE_DB, else lotline.sqlite in the working directory).")
    var db: String?

    @Option(name: .customLong("as"), help: "The acting user (default: $LOTLINE_USER, else the login name).")
    var user: String?

    @Flag(name: .long, help: "Print one JSON document instead of text.")
    var json = false

    @Flag(name: .long, help: "Read the acting user's password from the first line of standard input (once the database has users).")
    var passwordStdin = false

    @Option(
        name: .long,
        help: "Sign the change electronically with this meaning (reviewed, approved, responsible, released); the password is typed again.")
    var sign: String?

    public init() {}
}

/// Everything a command needs to run: the store, who is acting, and the clock.
struct CLIContext {
    let global: GlobalOptions
    let environment: [String: String]
    let now: Date
    let timeZone: TimeZone
    /// The database is opened once per run, however many commands (the demo) use it.
    private let opened = OpenedStore()
    /// Standard input, or what a test gives in its place; read line by line (passwords).
    let input: InputLines

    /// Who is acting: `--as`, else `$LOTLINE_USER`, else the operating system's login name; never a made-up name.
    let actor: String
    /// The `lotline` executable running this, when it is one; nil in-process (the tests).
    var executable: String?

    init(global: GlobalOptions, environment: [String: String], now: Date, timeZone: TimeZone, input: InputLines = InputLines()) throws {
        self.global = global
        self.input = input
        self.environment = environment
        self.now = now
        self.timeZone = timeZone
        guard let user = global.user ?? environment["LOTLINE_USER"] ?? Self.loginName() else {
            throw LotlineError.badInput("user-missing", "no acting user: give --as USER or set LOTLINE_USER", value: nil)
        }
        actor = try TextInput.actor(user)
    }

    /// The login name of the user running the process, from the password database (not `$USER`, which anyone can set).
    static func loginName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    var databasePath: String { global.db ?? environment["LOTLINE_DB"] ?? "lotline.sqlite" }

    var today: CalendarDate { BusinessTime(date: now, timeZone: timeZone).day }

    /// The plant's storage as every interface sees it, once the acting user has signed in (when the database has users);
    /// reading commands refuse a file that does not exist rather than create an empty one.
    func backend(creating: Bool = true) throws -> any LotlineBackend {
        let store = try store(creating: creating)
        return ExportControlledBackend.seenBy(try signedIn(store), store)
    }

    /// The acting user at work on the database, now: the signed-in user once the database has users.
    func session(creating: Bool = true) throws -> Session {
        let store = try store(creating: creating)
        let user = try signedIn(store)
        var session = Session(
            backend: ExportControlledBackend.seenBy(user, store), actor: user?.name.rawValue ?? actor, now: now, timeZone: timeZone)
        session.security = try SecuritySettings(environment: environment)
        return session
    }

    /// The signature `--sign MEANING` asks for: the password typed again, at the prompt or as the next line of standard
    /// input (`--password-stdin`); never from `LOTLINE_PASSWORD`, which would sign without anyone typing anything.
    func signature() throws -> SignatureInput? {
        guard let meaning = global.sign else { return nil }
        _ = try session()
        let password: String
        if global.passwordStdin {
            guard let line = input.next() else {
                throw LotlineError(
                    .unauthenticated, "signature-password-missing", "standard input ended before the password to sign with", value: actor)
            }
            password = line
        } else if let typed = input.prompt("Password to sign as \(actor) (\(meaning)): ") {
            password = typed
        } else {
            throw LotlineError(
                .unauthenticated, "signature-password-required",
                "a signature needs the password typed again: at the prompt, or as the next line of standard input with --password-stdin "
                    + "(LOTLINE_PASSWORD signs nothing)", value: actor)
        }
        return SignatureInput(password: password, meaning: meaning)
    }

    /// Sign-in is hardened by these (`LOTLINE_BCRYPT_COST` for test suites).
    func accounts() throws -> Accounts {
        Accounts(backend: try store(), settings: try SecuritySettings(environment: environment))
    }

    /// Once the database has users, the acting user signs in with their password (`LOTLINE_PASSWORD`, the first line of
    /// standard input with `--password-stdin`, or a prompt on the terminal), once per run; nil while it has none.
    func signedIn(_ store: LotlineStore) throws -> User? {
        if let checked = opened.signedIn { return checked.user }
        let accounts = Accounts(backend: store, settings: try SecuritySettings(environment: environment))
        guard try accounts.hasUsers() else {
            opened.signedIn = SignedIn(user: nil)
            return nil
        }
        let password = try password(prompt: "Password for \(actor): ", source: global.passwordStdin, variable: "LOTLINE_PASSWORD", for: actor)
        let user = try accounts.signIn(actor, password: password, purpose: "cli", at: now, timeZone: timeZone, clearing: global.sign == nil)
        opened.signedIn = SignedIn(user: user)
        return user
    }

    /// A password from standard input when the flag says so, else from the environment variable, else typed at the
    /// terminal without echo; refused when there is none of them.
    func password(prompt: String, source fromStdin: Bool, variable: String, for user: String) throws -> String {
        if fromStdin {
            guard let line = input.next() else {
                throw LotlineError.badInput("password-missing", "standard input ended before the password for '\(user)'", value: user)
            }
            return line
        }
        if let value = environment[variable] { return value }
        if let typed = input.prompt(prompt) { return typed }
        throw LotlineError(
            .unauthenticated, "password-required",
            "this database has users: give the password for '\(user)' at the prompt, in \(variable), or on standard input (--password-stdin)",
            value: user)
    }

    /// Opens the SQLite file itself, for the tools that work on the file (generate, import, bench); the rest use `backend`.
    func store(creating: Bool = true) throws -> LotlineStore {
        if !creating && !FileManager.default.fileExists(atPath: databasePath) {
            throw LotlineError.notFound(
                "database-not-found", "no database at '\(databasePath)'; run `lotline demo` or give --db PATH", value: databasePath)
        }
        if let store = opened.store { return store }
        let store = try LotlineStore(path: databasePath, busyTimeout: environment["LOTLINE_BUSY_TIMEOUT"].flatMap(TimeInterval.init) ?? 10)
        opened.store = store
        return store
    }

    /// What a run does after its command: saves the trace index snapshot if the command built the index or moved it far
    /// past the saved file, so the next process starts from it. A cache: failing to save it never fails the command.
    func finish() {
        try? opened.store?.saveTraceIndexIfStale()
    }

    /// Records a command as the acting user (signed with `--sign`): what it did and its events.
    func execute<Command: LotlineCommand>(_ command: Command) throws -> Executed<Command.Outcome> {
        try signing { try session().record(command, signature: try signature()) }
    }

    /// Runs a change, telling a user who did not sign what needed a signature how to give one.
    func signing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LotlineError where error.code == "signature-required" {
            throw error.adding("sign it with --sign MEANING and type your password again")
        }
    }

    /// The standard output of a change: a summary line, and the events and affected lots in JSON.
    func changed(_ events: [LedgerEvent], summary: String, lots: [LotNumber]) throws -> CLIOutput {
        CLIOutput(text: summary, json: try session().changeView(events, lots: lots))
    }
}

/// Holds the store a run opened, and who signed in to it.
private final class OpenedStore {
    var store: LotlineStore?
    var signedIn: SignedIn?
}

private struct SignedIn {
    var user: User?
}

/// A leaf subcommand: parses its arguments, then runs against the store and returns what to print.
protocol StoreCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func execute(_ context: CLIContext) throws -> CLIOutput
}
