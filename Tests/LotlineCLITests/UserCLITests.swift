import Foundation
import GRDB
import LotlineCLI
import LotlineCore
import LotlineStore
import Testing

/// Users from the command line: the first admin, signing in for every command once there are users, roles, disabling,
/// passwords from standard input or the environment, tokens.
@Suite struct UserCLITests {
    let cli: CLIHarness

    init() throws {
        cli = try CLIHarness()
    }

    func events(_ type: String) throws -> [String] {
        try LotlineStore(path: cli.db).inspect { db in
            try String.fetchAll(db, sql: "SELECT actor FROM events WHERE type = ? ORDER BY seq", arguments: [type])
        }
    }

    /// `ann` (admin, US person) added from an empty database by the operating-system user.
    func admin() throws {
        let refused = cli.run(
            ["user", "add", "ann", "--role", "quality", "--full-name", "Ann Admin", "--new-password-stdin"], as: "root", input: ["ann password 1"])
        #expect(refused.exitCode == 67 && refused.stderr.contains("first-user-not-admin"))
        let added = cli.run(
            ["user", "add", "ann", "--role", "admin,quality", "--full-name", "Ann Admin", "--us-person", "--new-password-stdin"], as: "root",
            input: ["ann password 1"])
        try #require(added.exitCode == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added user ann (Ann Admin): admin, quality, US person"))
    }

    @Test func onceTheDatabaseHasUsersEveryCommandSignsInAndRecordsThatUser() throws {
        try admin()
        let before = try cli.eventCount()
        let item = ["item", "add", "ST-1", "--description", "Steel", "--uom", "kg"]
        let unsigned = cli.run(item, as: "ann")
        #expect(unsigned.exitCode == 77 && unsigned.stderr.contains("password-required"))
        let read = cli.run(["lot", "list"], as: "ann")
        #expect(read.exitCode == 77, "reads sign in too: export control depends on who reads")
        let wrong = cli.run(item, as: "ann", environment: ["LOTLINE_PASSWORD": "ann password 2"])
        #expect(wrong.exitCode == 77 && wrong.stderr.contains("sign-in-failed"))
        #expect(try cli.eventCount() == before + 1, "only the failed sign-in is recorded")
        #expect(try events("user.sign_in_failed") == ["ann"])
        let typed = cli.run(item + ["--password-stdin"], as: "ANN", input: ["ann password 1"])
        #expect(typed.exitCode == 0, "\(typed.stderr)")
        #expect(try events("item.defined") == ["ann"], "recorded as the user who signed in, by the name on file")
        let empty = cli.run(item + ["--password-stdin"], as: "ann", input: [])
        #expect(empty.exitCode == 65 && empty.stderr.contains("password-missing"))
    }

    @Test func rolesLimitWhatAUserMayDoAndTheLastAdminStays() throws {
        try admin()
        let ann = ["LOTLINE_PASSWORD": "ann password 1"]
        let added = cli.run(
            ["user", "add", "rex", "--role", "receiving", "--full-name", "Rex Receiver", "--password-stdin", "--new-password-stdin"], as: "ann",
            input: ["ann password 1", "rex password 1"])
        try #require(added.exitCode == 0, "\(added.stderr)")
        let rex = ["LOTLINE_PASSWORD": "rex password 1"]
        let denied = cli.run(["item", "add", "ST-1", "--description", "Steel", "--uom", "kg"], as: "rex", environment: rex)
        #expect(denied.exitCode == 77 && denied.stderr.contains("may not change master data"))
        let typo = cli.run(["user", "add", "eve", "--role", "recieving", "--full-name", "Eve"], as: "ann", environment: ann)
        #expect(typo.exitCode == 65 && typo.stderr.contains("role-invalid") && typo.stderr.contains("receiving"))
        let list = cli.run(["user", "list", "--json"], as: "rex", environment: rex)
        #expect(list.exitCode == 0 && list.stdout.contains("\"full_name\" : \"Rex Receiver\""))
        #expect(cli.run(["user", "disable", "ann"], as: "ann", environment: ann).exitCode == 67, "the last admin")
        #expect(cli.run(["user", "disable", "ann"], as: "rex", environment: rex).exitCode == 77)
        #expect(cli.run(["user", "disable", "rex"], as: "ann", environment: ann).exitCode == 0)
        #expect(cli.run(["user", "list"], as: "rex", environment: rex).exitCode == 77, "a disabled user cannot sign in")
        #expect(cli.run(["user", "enable", "rex"], as: "ann", environment: ann).exitCode == 0)
        let reset = cli.run(
            ["user", "reset-password", "rex"], as: "ann", environment: ann.merging(["LOTLINE_NEW_PASSWORD": "rex password 2"]) { $1 })
        #expect(reset.exitCode == 0, "\(reset.stderr)")
        #expect(cli.run(["user", "list"], as: "rex", environment: rex).exitCode == 77)
        #expect(cli.run(["user", "list"], as: "rex", environment: ["LOTLINE_PASSWORD": "rex password 2"]).exitCode == 0)
    }

    @Test func aTokenIsShownOnceListedWithoutItsSecretAndRevoked() throws {
        try admin()
        let ann = ["LOTLINE_PASSWORD": "ann password 1"]
        let issued = cli.run(["token", "issue", "--label", "ERP interface", "--expires", "2027-06-30", "--json"], as: "ann", environment: ann)
        try #require(issued.exitCode == 0, "\(issued.stderr)")
        let view = try #require(try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any])
        let token = try #require(view["token"] as? String)
        let id = try #require((view["key"] as? [String: Any])?["id"] as? String)
        let list = cli.run(["token", "list"], as: "ann", environment: ann)
        #expect(list.stdout.contains(id) && list.stdout.contains("active") && !list.stdout.contains(token))
        #expect(cli.run(["token", "revoke", id], as: "ann", environment: ann).exitCode == 0)
        #expect(cli.run(["token", "list"], as: "ann", environment: ann).stdout.contains("revoked"))
        #expect(cli.run(["token", "revoke", id], as: "ann", environment: ann).exitCode == 67)
        #expect(cli.run(["token", "revoke", "nosuch"], as: "ann", environment: ann).exitCode == 66)
        #expect(cli.run(["token", "issue", "--label", "x", "--expires", "2020-01-01"], as: "ann", environment: ann).exitCode == 65)
    }

    @Test func aReleaseIsSignedWithThePasswordTypedAgainAndTheSignatureShowsWithTheLot() throws {
        let plant = try CLIHarness.plant()
        let added = plant.run(
            ["user", "add", "ann", "--role", "admin,quality", "--full-name", "Ann Ames", "--new-password-stdin"], as: "root",
            input: ["ann password 1"])
        try #require(added.exitCode == 0, "\(added.stderr)")
        let ann = ["LOTLINE_PASSWORD": "ann password 1"]
        let lot = try #require(
            plant.run(["lot", "list", "--item", "BOLT-M8", "--json"], as: "ann", environment: ann).stdout
                .split(separator: "\"").first { $0.hasPrefix("R") && $0.contains("-") }.map(String.init))
        #expect(plant.run(["lot", "hold", lot, "--reason", "QC-HOLD"], as: "ann", environment: ann).exitCode == 0)
        let unsigned = plant.run(["lot", "release", lot, "--reason", "QC-HOLD"], as: "ann", environment: ann)
        #expect(unsigned.exitCode == 77 && unsigned.stderr.contains("signature-required") && unsigned.stderr.contains("--sign"))
        let fromEnvironment = plant.run(["lot", "release", lot, "--reason", "QC-HOLD", "--sign", "approved"], as: "ann", environment: ann)
        #expect(
            fromEnvironment.exitCode == 77 && fromEnvironment.stderr.contains("signature-password-required"), "an exported variable signs nothing")
        let signed = plant.run(
            ["lot", "release", lot, "--reason", "QC-HOLD", "--sign", "approved", "--password-stdin"], as: "ann",
            input: ["ann password 1", "ann password 1"])
        #expect(signed.exitCode == 0, "\(signed.stderr)")
        #expect(plant.run(["lot", "show", lot], as: "ann", environment: ann).stdout.contains("Ann Ames"))
        #expect(plant.run(["history", lot], as: "ann", environment: ann).stdout.contains("Ann Ames (ann), approved"))
        let trace = plant.run(["trace", "backward", lot], as: "ann", environment: ann).stdout
        #expect(trace.contains("signed approved by Ann Ames (ann)") && trace.contains("lot.status_changed"), "\(trace)")
        let manifest = plant.run(["audit", "signatures", "--from", "2026-11-01"], as: "ann", environment: ann)
        #expect(manifest.stdout.contains("lot.status_changed") && manifest.stdout.contains("1 signature"))
        #expect(plant.run(["audit", "verify"], as: "ann", environment: ann).exitCode == 0)
    }
}
