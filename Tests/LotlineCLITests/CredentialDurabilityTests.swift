import Foundation
import GRDB
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// A user's event and their password hash, a token's event and its key, are written in one transaction: a `lotline`
/// killed with SIGKILL at any moment of `user add` or `token issue` leaves both or neither, never a user who cannot
/// sign in or a key the ledger does not know.
@Suite(.serialized) struct CredentialDurabilityTests {
    static let rootPassword = "keeper of the plant 1"

    /// Users and keys as the ledger has them, and as the tables beside it do.
    func sides(_ path: String) throws -> (ledgerUsers: Set<String>, users: Set<String>, credentials: Set<String>, ledgerKeys: Int, keys: Int) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let added = try Set(
                String.fetchAll(db, sql: "SELECT json_extract(payload, '$.user.name') FROM events WHERE type = 'user.added'"))
            let users = try Set(String.fetchAll(db, sql: "SELECT name FROM users"))
            let credentials = try Set(String.fetchAll(db, sql: "SELECT user FROM credentials"))
            let issued = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE type = 'user.token_issued'") ?? 0
            let keys = try Int.fetchOne(db, sql: "SELECT count(*) FROM access_keys WHERE kind = 'token'") ?? 0
            return (added, users, credentials, issued, keys)
        }
    }

    @Test func killedUserAndTokenCommandsLeaveTheEventAndTheCredentialTogetherOrNeither() throws {
        let cli = try CLIHarness()
        try cli.ok("demo")
        let first = cli.run(
            ["user", "add", "root", "--role", "admin", "--full-name", "Root Admin", "--new-password-stdin"], as: "root",
            input: [Self.rootPassword])
        try #require(first.exitCode == 0, "\(first.stderr)")

        // Kills land anywhere in a command's life, however fast this machine runs one: the window is a little longer
        // than one whole `token issue` takes here, timed first (a fixed window was all too early on a loaded machine).
        let whole = Process()
        whole.executableURL = ImportDurabilityTests.binary
        whole.arguments = ["token", "issue", "--label", "timed", "--expires", "2027-01-31", "--db", cli.db, "--as", "root"]
        whole.environment = ["LOTLINE_PASSWORD": Self.rootPassword, "LOTLINE_BCRYPT_COST": "4", "PATH": "/usr/bin:/bin"]
        whole.standardOutput = FileHandle.nullDevice
        let timed = Date()
        try whole.run()
        whole.waitUntilExit()
        try #require(whole.terminationStatus == 0)
        let window = UInt32(max(60_000, Date().timeIntervalSince(timed) * 1_500_000))
        var random = SeededRandom(seed: 29)
        var killed = 0
        for round in 0..<40 {
            let process = Process()
            process.executableURL = ImportDurabilityTests.binary
            process.arguments =
                round.isMultiple(of: 2)
                ? [
                    "user", "add", "u\(round)", "--role", "receiving", "--full-name", "User \(round)", "--new-password-stdin", "--db", cli.db, "--as",
                    "root",
                ]
                : ["token", "issue", "--label", "t\(round)", "--expires", "2027-01-31", "--db", cli.db, "--as", "root"]
            process.environment = ["LOTLINE_PASSWORD": Self.rootPassword, "LOTLINE_BCRYPT_COST": "4", "PATH": "/usr/bin:/bin"]
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data("secret of number \(round)\n".utf8))
            try? input.fileHandleForWriting.close()
            usleep(UInt32.random(in: 0..<window, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()

            let found = try sides(cli.db)
            #expect(found.users == found.ledgerUsers, "round \(round): users \(found.users.symmetricDifference(found.ledgerUsers))")
            #expect(found.credentials == found.ledgerUsers, "round \(round): a user without a password, or a password without a user")
            #expect(found.keys == found.ledgerKeys, "round \(round): \(found.keys) keys, \(found.ledgerKeys) issued in the ledger")
        }
        #expect(killed > 0, "no command was killed: the test proved nothing")
        let found = try sides(cli.db)
        #expect(found.ledgerUsers.count > 1 && found.ledgerKeys > 0, "no command got through: the kill came too early every time")
        let verify = cli.run(["audit", "verify", "--projections"], as: "root", environment: ["LOTLINE_PASSWORD": Self.rootPassword])
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
