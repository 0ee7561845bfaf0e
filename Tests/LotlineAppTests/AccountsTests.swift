import Foundation
import GRDB
import LotlineApp
import LotlineCore
import LotlineStore
import Testing

/// Users, roles, passwords and access keys on a real SQLite database: who may act, and what a wrong password costs.
@Suite struct AccountsTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static var fast: SecuritySettings {
        var settings = SecuritySettings()
        settings.bcryptCost = 4
        return settings
    }

    let store: LotlineStore
    let accounts: Accounts

    init() throws {
        store = try LotlineStore.inMemory()
        accounts = Accounts(backend: store, settings: Self.fast)
    }

    func session(_ actor: String, at date: Date = now) -> Session {
        Session(backend: store, actor: actor, now: date, timeZone: Self.utc)
    }

    /// An admin `ann`, a receiving clerk `rex` and an auditor `aud`, each with password "<name> password 1".
    func staff() throws {
        _ = try accounts.addUser(
            AddUser(name: "ann", fullName: "Ann Admin", roles: ["admin"], usPerson: true), password: "ann password 1", in: session("root"))
        _ = try accounts.addUser(AddUser(name: "rex", fullName: "Rex Receiver", roles: ["receiving"]), password: "rex password 1", in: session("ann"))
        _ = try accounts.addUser(AddUser(name: "aud", fullName: "Aud Itor", roles: ["auditor"]), password: "aud password 1", in: session("ann"))
    }

    func events(_ type: String) throws -> [String] {
        try store.inspect { db in
            try String.fetchAll(db, sql: "SELECT actor || ' ' || payload FROM events WHERE type = ? ORDER BY seq", arguments: [type])
        }
    }

    @Test func theFirstUserMustBeAnAdminAndAfterThatOnlyAnAdminAddsUsers() throws {
        #expect(throws: LotlineError.self) {
            try accounts.addUser(AddUser(name: "rex", fullName: "Rex", roles: ["receiving"]), password: "rex password 1", in: session("root"))
        }
        #expect(try store.eventCount() == 0 && store.users().isEmpty)
        try staff()
        let before = try store.eventCount()
        do {
            _ = try accounts.addUser(AddUser(name: "eve", fullName: "Eve", roles: ["admin"]), password: "eve password 1", in: session("rex"))
            Issue.record("a receiving clerk added an admin")
        } catch let error as LotlineError {
            #expect(error.kind == .forbidden && error.code == "permission-denied")
        }
        #expect(try store.eventCount() == before && store.credential(UserName(rawValue: "eve")) == nil, "nothing written, not even the hash")
    }

    @Test func onceThereAreUsersEveryCommandNeedsAnActiveUserWhoseRoleAllowsIt() throws {
        let item = AddItem(part: "ST-1", description: "Steel", unit: "kg")
        _ = try store.execute(item, actor: "anyone", at: Self.now, timeZone: Self.utc)  // open until the first user
        try staff()
        let before = try store.eventCount()
        for (actor, kind) in [("nobody", LotlineError.Kind.unauthenticated), ("rex", .forbidden), ("aud", .forbidden)] {
            do {
                _ = try store.execute(AddItem(part: "ST-2", description: "Steel", unit: "kg"), actor: actor, at: Self.now, timeZone: Self.utc)
                Issue.record("\(actor) added an item")
            } catch let error as LotlineError {
                #expect(error.kind == kind, "\(actor): \(error)")
            }
        }
        _ = try store.execute(AddSupplier(code: "NS", name: "North", approved: true), actor: "ann", at: Self.now, timeZone: Self.utc)
        _ = try store.execute(Receive(item: "ST-1", quantity: "10", supplier: "NS", supplierLot: "A"), actor: "rex", at: Self.now, timeZone: Self.utc)
        var disable = ChangeUser(name: "rex")
        disable.active = false
        _ = try session("ann").record(disable)
        #expect(throws: LotlineError.self) {
            try store.execute(Receive(item: "ST-1", quantity: "10", supplier: "NS", supplierLot: "B"), actor: "rex", at: Self.now, timeZone: Self.utc)
        }
        #expect(try store.eventCount() == before + 3, "the supplier, one receipt, the disable")
    }

    @Test func theLastActiveAdminCannotBeDisabledOrLoseTheRole() throws {
        try staff()
        var disable = ChangeUser(name: "ann")
        disable.active = false
        var demote = ChangeUser(name: "ann")
        demote.roles = ["quality"]
        for change in [disable, demote] {
            #expect(throws: LotlineError.self) { try session("ann").record(change) }
        }
        #expect(try store.user(UserName(rawValue: "ann"))?.may(.manageUsers) == true)
    }

    @Test func aWrongPasswordIsRecordedAndEnoughInARowLockTheUserOut() throws {
        try staff()
        #expect(try accounts.signIn("REX", password: "rex password 1", purpose: "login", at: Self.now, timeZone: Self.utc).name.rawValue == "rex")
        var codes: [String] = []
        for attempt in 1...5 {
            do {
                _ = try accounts.signIn("rex", password: "guess \(attempt)", purpose: "login", at: Self.now, timeZone: Self.utc)
            } catch let error as LotlineError { codes.append(error.code) }
        }
        #expect(codes == Array(repeating: "sign-in-failed", count: 4) + ["user-locked"])
        let failures = try events("user.sign_in_failed")
        #expect(failures.count == 5 && failures.allSatisfy { $0.hasPrefix("rex ") } && failures.last?.contains(#""locked":true"#) == true)
        // Locked: even the right password is refused, and nothing more is recorded, until the lock runs out.
        #expect(throws: LotlineError.self) {
            try accounts.signIn("rex", password: "rex password 1", purpose: "login", at: Self.now.addingTimeInterval(60), timeZone: Self.utc)
        }
        #expect(try events("user.sign_in_failed").count == 5)
        let later = Self.now.addingTimeInterval(16 * 60)
        #expect(try accounts.signIn("rex", password: "rex password 1", purpose: "login", at: later, timeZone: Self.utc).name.rawValue == "rex")
        #expect(try store.credential(UserName(rawValue: "rex"))?.failures == 0)
    }

    @Test func anUnknownUserAndAWrongPasswordAnswerAlike() throws {
        try staff()
        var answers: [String] = []
        for (name, password) in [("nobody", "whatever pass"), ("rex", "whatever pass"), ("", "x"), ("rex'; DROP TABLE users;--", "x")] {
            do {
                _ = try accounts.signIn(name, password: password, purpose: "login", at: Self.now, timeZone: Self.utc)
            } catch let error as LotlineError { answers.append("\(error.kind) \(error.code) \(error.message)") }
        }
        #expect(Set(answers).count == 1, "\(answers)")
        #expect(try events("user.sign_in_failed").count == 1, "only the known user's failure is recorded")
    }

    @Test func aPasswordIsKeptOnlyAsABcryptHashBesideTheLedger() throws {
        try staff()
        let hash = try #require(try store.credential(UserName(rawValue: "rex"))?.passwordHash)
        #expect(hash.hasPrefix("$2b$04$") && !hash.contains("rex password 1"))
        let ledger = try store.inspect { db in try String.fetchAll(db, sql: "SELECT payload FROM events") }.joined()
        #expect(!ledger.contains(hash) && !ledger.contains("password 1"))
        #expect(try events("user.password_set").count == 3)
        for bad in ["short", String(repeating: "x", count: 73)] {
            #expect(throws: LotlineError.self) { try accounts.setPassword(of: "rex", to: bad, in: session("ann")) }
        }
        let quinn = AddUser(name: "quinn", fullName: "Quinn", roles: ["quality"])
        #expect(throws: LotlineError.self) { try accounts.addUser(quinn, password: "Quinn's password", in: session("ann")) }
        #expect(try store.user(UserName(rawValue: "quinn")) == nil)
        // Rebuilt from the ledger, the users are the same; the credentials, kept beside it, are untouched.
        let users = try store.users()
        _ = try store.rebuild()
        #expect(try store.users() == users && store.credential(UserName(rawValue: "rex"))?.passwordHash == hash)
    }

    @Test func aUserChangesTheirOwnPasswordButOnlyAnAdminSetsAnothers() throws {
        try staff()
        _ = try accounts.setPassword(of: "rex", to: "rex new password", in: session("rex"))
        #expect(throws: LotlineError.self) { try accounts.setPassword(of: "aud", to: "hijacked password", in: session("rex")) }
        _ = try accounts.setPassword(of: "aud", to: "aud new password", in: session("ann"))
        #expect(try accounts.signIn("aud", password: "aud new password", purpose: "login", at: Self.now, timeZone: Self.utc).name.rawValue == "aud")
        #expect(try events("user.password_set").suffix(2).map { $0.contains(#""reset":true"#) } == [false, true])
    }

    @Test func aTokenWorksUntilItIsRevokedOrExpiresAndIsStoredOnlyAsAHash() throws {
        try staff()
        let issued = try accounts.issueToken(for: "rex", label: "dock scanner", expires: "2027-01-15", in: session("rex"))
        #expect(issued.token.hasPrefix("llt_\(issued.key.id)_"))
        #expect(try accounts.authenticate(secret: issued.token, kind: .token, at: Self.now).user.name.rawValue == "rex")
        let stored = try store.inspect { db in try String.fetchAll(db, sql: "SELECT id || secret_hash || label FROM access_keys") }.joined()
        let ledger = try store.inspect { db in try String.fetchAll(db, sql: "SELECT payload FROM events") }.joined()
        #expect(!stored.contains(issued.token) && !ledger.contains(issued.token) && ledger.contains(issued.key.id))
        // Expiry: through its last day in the plant's time zone, not a second longer.
        let end = try BusinessTime.parse("2027-01-16T00:00", timeZone: Self.utc).date
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: issued.token, kind: .token, at: end) }
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: issued.token, kind: .session, at: Self.now) }
        // Someone else's token: only an admin revokes it.
        #expect(throws: LotlineError.self) { try accounts.revokeToken(issued.key.id, in: session("aud")) }
        _ = try accounts.revokeToken(issued.key.id, in: session("ann"))
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: issued.token, kind: .token, at: Self.now) }
        #expect(throws: LotlineError.self) { try accounts.revokeToken(issued.key.id, in: session("ann")) }
        #expect(throws: LotlineError.self) { try accounts.issueToken(for: "aud", label: "x", expires: "2027-01-01", in: session("rex")) }
        #expect(try events("user.token_issued").count == 1 && events("user.token_revoked").count == 1)
    }

    @Test func aDisabledUsersTokensAndSessionsStopWorking() throws {
        try staff()
        let token = try accounts.issueToken(for: "rex", label: "scanner", expires: "2027-01-15", in: session("rex")).token
        let rex = try #require(try store.user(UserName(rawValue: "rex")))
        let browser = try accounts.startSession(for: rex, at: Self.now)
        #expect(try accounts.authenticate(secret: browser.secret, kind: .session, at: Self.now).key.id == browser.key.id)
        #expect(Accounts.csrfMatches(browser.csrf, key: browser.key) && !Accounts.csrfMatches(browser.secret, key: browser.key))
        var disable = ChangeUser(name: "rex")
        disable.active = false
        _ = try session("ann").record(disable)
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: token, kind: .token, at: Self.now) }
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: browser.secret, kind: .session, at: Self.now) }
    }
}

/// What a hostile pass found, each kept found: passwords bcrypt would cut short, keys that outlive a reset, parallel
/// guesses past the lockout, tokens that never expire, signatures.
@Suite struct AccountsHardeningTests {
    let store: LotlineStore
    let accounts: Accounts

    init() throws {
        store = try LotlineStore.inMemory()
        accounts = Accounts(backend: store, settings: AccountsTests.fast)
        _ = try accounts.addUser(
            AddUser(name: "ann", fullName: "Ann Admin", roles: ["admin", "quality"], usPerson: true), password: "ann password 1",
            in: session("root"))
    }

    func session(_ actor: String, at date: Date = AccountsTests.now) -> Session {
        var session = Session(backend: store, actor: actor, now: date, timeZone: AccountsTests.utc)
        session.security = AccountsTests.fast
        return session
    }

    @Test func aPasswordBcryptWouldCutShortIsRefusedAndTheSameLettersAreTheSamePassword() throws {
        for bad in ["\0\0\0\0\0\0\0\0\0\0", "x\0123456789abc", "          ", "tab\tinside pass", "\u{202E}abcdefghij\n"] {
            #expect(throws: LotlineError.self, "\(bad.debugDescription)") {
                try accounts.addUser(AddUser(name: "nul", fullName: "N", roles: ["auditor"]), password: bad, in: session("ann"))
            }
        }
        // "é" composed and decomposed: one password.
        _ = try accounts.addUser(AddUser(name: "eli", fullName: "Eli", roles: ["auditor"]), password: "caf\u{E9} au lait 1", in: session("ann"))
        #expect(
            try accounts.signIn("eli", password: "cafe\u{301} au lait 1", purpose: "login", at: AccountsTests.now, timeZone: AccountsTests.utc).name
                .rawValue == "eli")
        #expect(throws: LotlineError.self) {
            try accounts.addUser(
                AddUser(name: "rtl", fullName: "Ann\u{202E}nimda", roles: ["auditor"]), password: "right to left 1", in: session("ann"))
        }
    }

    @Test func aNewPasswordOrADisablingEndsEveryTokenAndSessionForGood() throws {
        _ = try accounts.addUser(AddUser(name: "rex", fullName: "Rex", roles: ["receiving"]), password: "rex password 1", in: session("ann"))
        let rex = try #require(try store.user(UserName(rawValue: "rex")))
        let token = try accounts.issueToken(for: "rex", label: "scanner", expires: "2027-01-15", in: session("rex")).token
        let browser = try accounts.startSession(for: rex, at: AccountsTests.now).secret
        let later = AccountsTests.now.addingTimeInterval(60)
        _ = try accounts.setPassword(of: "rex", to: "rex password 2", in: session("ann", at: later))
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: token, kind: .token, at: later) }
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: browser, kind: .session, at: later) }
        // A key made after the reset works; disabling and enabling again does not bring it back.
        let fresh = try accounts.issueToken(
            for: "rex", label: "new scanner", expires: "2027-01-15", in: session("rex", at: later.addingTimeInterval(1))
        ).token
        #expect(try accounts.authenticate(secret: fresh, kind: .token, at: later.addingTimeInterval(2)).user.name.rawValue == "rex")
        for active in [false, true] {
            var change = ChangeUser(name: "rex")
            change.active = active
            _ = try session("ann", at: later.addingTimeInterval(3)).record(change)
        }
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: fresh, kind: .token, at: later.addingTimeInterval(4)) }
        // The moment is the ledger's: a rebuild keeps it.
        _ = try store.rebuild()
        #expect(throws: LotlineError.self) { try accounts.authenticate(secret: fresh, kind: .token, at: later.addingTimeInterval(4)) }
    }

    @Test func aTokenLivesAYearAtMost() throws {
        #expect(throws: LotlineError.self) { try accounts.issueToken(for: "ann", label: "forever", expires: "9999-12-30", in: session("ann")) }
        let latest = BusinessTime(date: AccountsTests.now, timeZone: AccountsTests.utc).day.adding(days: IssueToken.longestLifeDays)
        _ = try accounts.issueToken(for: "ann", label: "a year", expires: latest.description, in: session("ann"))
        #expect(throws: LotlineError.self) {
            try accounts.issueToken(for: "ann", label: "a day more", expires: latest.adding(days: 1).description, in: session("ann"))
        }
    }

    @Test func passwordsGuessedInParallelLockTheUserAfterExactlyTheLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotline-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LotlineStore(path: folder.appendingPathComponent("plant.sqlite").path)
        let accounts = Accounts(backend: file, settings: AccountsTests.fast)
        _ = try accounts.addUser(
            AddUser(name: "ann", fullName: "Ann", roles: ["admin"]), password: "ann password 1",
            in: Session(backend: file, actor: "root", now: AccountsTests.now, timeZone: AccountsTests.utc))
        DispatchQueue.concurrentPerform(iterations: 24) { attempt in
            _ = try? accounts.signIn("ann", password: "guess \(attempt)", purpose: "login", at: AccountsTests.now, timeZone: AccountsTests.utc)
        }
        let failures = try file.events(EventFilter(type: UserSignInFailed.type, limit: 1000))
        #expect(failures.count == 5, "recorded \(failures.count) failures before the lock")
        #expect(failures.filter { $0.payload.contains(#""locked":true"#) }.count == 1)
        #expect(throws: LotlineError.self) {
            try accounts.signIn("ann", password: "ann password 1", purpose: "login", at: AccountsTests.now, timeZone: AccountsTests.utc)
        }
    }

    @Test func aSignatureNeedsTheMeaningAndThePasswordAgainAndAWrongOneCountsTowardLockout() throws {
        _ = try session("ann").record(AddItem(part: "BOLT", description: "Bolt", unit: "ea"))
        _ = try session("ann").record(AddSupplier(code: "NS", name: "North", approved: true))
        _ = try session("ann").record(AddNamedRecord<ReasonKind>(code: "QC", name: "Quality"))
        let lot = try store.execute(
            Receive(item: "BOLT", quantity: "10", supplier: "NS", supplierLot: "A"), actor: "ann", at: AccountsTests.now, timeZone: AccountsTests.utc
        ).outcome.lot.rawValue
        _ = try session("ann").record(ChangeLotStatus(lot: lot, action: .hold, reason: "QC"))
        let release = ChangeLotStatus(lot: lot, action: .release, reason: "QC")
        let before = try store.eventCount()
        var codes: [String] = []
        for signature in [
            nil, SignatureInput(password: "", meaning: "approved"), SignatureInput(password: "ann password 1", meaning: ""),
            SignatureInput(password: "ann password 1", meaning: "aproved"), SignatureInput(password: "wrong password", meaning: "approved"),
        ] {
            do {
                _ = try session("ann").record(release, signature: signature)
            } catch let error as LotlineError { codes.append(error.code) }
        }
        #expect(codes == ["signature-required", "signature-password-missing", "signature-meaning-missing", "meaning-invalid", "signature-failed"])
        #expect(try store.eventCount() == before + 1, "only the wrong password is recorded")
        #expect(try store.events(EventFilter(type: UserSignInFailed.type)).last?.payload.contains(#""purpose":"signature""#) == true)
        #expect(try store.credential(UserName(rawValue: "ann"))?.failures == 1)
        let signed = try session("ann").record(release, signature: SignatureInput(password: "ann password 1", meaning: "approved"))
        #expect(signed.events.map(\.type) == ["lot.status_changed", "record.signed"])
        #expect(try store.credential(UserName(rawValue: "ann"))?.failures == 0)
        let manifest = try SignatureManifest.read(store, range: TimeRange(from: "2020-01-01", to: nil, timeZone: AccountsTests.utc))
        #expect(manifest.map(\.printedName) == ["Ann Admin"] && manifest.first?.signs == signed.events[0].seq)
    }
}
