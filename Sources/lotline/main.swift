import Foundation
import LotlineCLI

let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
let result = CLIRunner.run(Array(CommandLine.arguments.dropFirst()), executable: executable)
FileHandle.standardOutput.write(Data(result.stdout.utf8))
FileHandle.standardError.write(Data(result.stderr.utf8))
exit(result.exitCode)
