import ArgumentParser
import Foundation
import LotlineCore

/// What one run of the CLI printed and how it exited.
public struct CLIResult: Sendable {
    public var stdout: String
    public var stderr: String
    public var exitCode: Int32
}

/// Runs `lotline` in-process: parses, executes, and renders output or errors; the executable only writes the result out.
public enum CLIRunner {
    /// Exit codes, one per kind of refusal, documented in the README.
    public enum Exit {
        public static let badInput: Int32 = 65
        public static let notFound: Int32 = 66
        public static let refused: Int32 = 67
        public static let integrity: Int32 = 70
        /// `EX_IOERR`: the database file could not be read or written.
        public static let unavailable: Int32 = 74
        /// A bug.
        public static let `internal`: Int32 = 1
        /// `EX_TEMPFAIL`: another process held the write lock; try again.
        public static let busy: Int32 = 75
        public static let usage: Int32 = 64
        /// `EX_NOPERM`: not signed in, or no role of the user's allows it.
        public static let permission: Int32 = 77
    }

    /// `executable` is the `lotline` program running this, when it is one (the benchmark starts it again to time whole
    /// processes); nil inside another program, such as the tests, where such commands run in-process.
    public static func run(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date(),
        timeZone: TimeZone = .current, executable: String? = nil, input: [String]? = nil
    ) -> CLIResult {
        let runnable: any StoreCommand
        do {
            var command = try Lotline.parseAsRoot(arguments.map(protectNegativeNumber))
            guard let storeCommand = command as? any StoreCommand else {
                // `help`, `--help` and bare command groups: their run() throws the help request to render.
                try command.run()
                return CLIResult(stdout: Lotline.helpMessage(for: type(of: command)) + "\n", stderr: "", exitCode: 0)
            }
            runnable = storeCommand
        } catch {
            let code = Lotline.exitCode(for: error).rawValue
            let message = Lotline.fullMessage(for: error)
            return code == 0
                ? CLIResult(stdout: message + "\n", stderr: "", exitCode: 0)
                : CLIResult(stdout: "", stderr: message + "\n", exitCode: code == 1 ? 1 : Exit.usage)
        }
        let json = runnable.global.json
        do {
            var context = try CLIContext(
                global: runnable.global, environment: environment, now: now, timeZone: timeZone,
                input: input.map(InputLines.init(lines:)) ?? InputLines())
            context.executable = executable
            let output = try runnable.execute(context)
            context.finish()
            return CLIResult(stdout: json ? output.jsonText : output.text, stderr: "", exitCode: output.exitCode)
        } catch let error as LotlineError {
            return failure(error, json: json)
        } catch let error as ValidationError {
            return failure(LotlineError.badInput("usage", error.message), json: json, exitCode: Exit.usage)
        } catch {
            return failure(LotlineError(.internal, "internal", "\(error)"), json: json)
        }
    }

    /// `-5` would be read as a short option; pass it on as `−5` (U+2212) so the quantity rule can refuse it by name.
    static func protectNegativeNumber(_ argument: String) -> String {
        guard argument.count > 1, argument.hasPrefix("-"), argument.dropFirst().first.map({ $0.isNumber || $0 == "." }) == true else {
            return argument
        }
        return "\u{2212}" + argument.dropFirst()
    }

    static func failure(_ error: LotlineError, json: Bool, exitCode: Int32? = nil) -> CLIResult {
        let code: Int32 =
            exitCode
            ?? {
                switch error.kind {
                case .badInput: Exit.badInput
                case .notFound: Exit.notFound
                case .refused: Exit.refused
                case .integrity: Exit.integrity
                case .busy: Exit.busy
                case .unavailable: Exit.unavailable
                case .internal: Exit.internal
                case .unauthenticated, .forbidden: Exit.permission
                }
            }()
        let stdout = json ? JSONOutput.encode(ErrorView(error: .init(error))) : ""
        return CLIResult(stdout: stdout, stderr: error.rendered(remedy: \.rendered) + "\n", exitCode: code)
    }
}

/// The `--json` form of a refusal.
struct ErrorView: Encodable {
    struct Body: Encodable {
        var code: String
        var kind: String
        var message: String
        var value: String?
        var suggestions: [String]
        var remedy: RemedyView?

        init(_ error: LotlineError) {
            code = error.code
            kind = error.kind.rawValue
            message = error.message
            value = error.value
            suggestions = error.suggestions
            remedy = error.remedy.map(RemedyView.init)
        }
    }

    var error: Body
}

/// A remedy in `--json`: in words, and as the command to type.
struct RemedyView: Encodable {
    var words: String
    var command: String

    init(_ remedy: Remedy) {
        words = remedy.words
        command = remedy.commandLine
    }
}
