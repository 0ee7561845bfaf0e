import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LotlineCore
import LotlineFixtures
import LotlineServer
import LotlineStore
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// The response cache never answers from before a change: a write through the server, a write by another process on
/// the same file, the day turning, and a reader who may not see export-controlled lots each get what a fresh read
/// gives; and a kept answer is byte for byte the fresh one.
@Suite struct ResponseCacheTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = try! BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: utc).date

    /// The demo plant in a file of its own, a clock the test moves, and a server over it with the cache on.
    struct Plant {
        let scratch: ScratchDirectory
        let store: LotlineStore
        let clock = NIOLockedValueBox(ResponseCacheTests.now)
        let cache = ResponseCache(capacityBytes: 8 << 20)

        init() throws {
            scratch = try ScratchDirectory()
            store = try LotlineStore(path: scratch.path("plant.sqlite"), concurrentReads: 3)
            _ = try DemoPlant.build(on: store, actor: "clerk", now: ResponseCacheTests.now, timeZone: ResponseCacheTests.utc)
        }

        var path: String { scratch.path("plant.sqlite") }

        func app(cache: ResponseCache? = nil) -> some ApplicationProtocol {
            let clock = self.clock
            let environment = ServerEnvironment(
                backend: store, timeZone: ResponseCacheTests.utc, security: TestAuth.fast, clock: { clock.withLockedValue { $0 } },
                responseCache: cache ?? self.cache)
            return Application(
                router: buildRouter(environment), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
        }

        func lot(expiring: Bool) throws -> String {
            let lots = try store.lots(LotFilter(), today: BusinessTime(date: ResponseCacheTests.now, timeZone: ResponseCacheTests.utc).day)
            return try #require(lots.first { ($0.expiresOn != nil) == expiring && $0.origin == .receipt }).number.rawValue
        }
    }

    static func get(_ client: some TestClientProtocol, _ path: String, _ headers: HTTPFields) async throws -> String {
        let response = try await client.execute(uri: path, method: .get, headers: headers)
        #expect(response.status == .ok, "\(path): \(String(buffer: response.body))")
        return String(buffer: response.body)
    }

    @Test func aWriteThroughTheStoreIsSeenByTheNextRead() async throws {
        let plant = try Plant()
        let reader = try TestAuth.bearer(plant.store, at: Self.now)
        let epoxy = try plant.lot(expiring: true)
        try await plant.app().test(.router) { client in
            let before = try await Self.get(client, "/lots/\(epoxy)", reader)
            #expect(try await Self.get(client, "/lots/\(epoxy)", reader) == before)
            #expect(plant.cache.state.answers == 1, "the second read was answered from the cache")
            _ = try plant.store.execute(MoveLot(lot: epoxy, to: "QC-CAGE"), actor: "root-admin", at: Self.now, timeZone: Self.utc)
            let after = try await Self.get(client, "/lots/\(epoxy)", reader)
            #expect(after != before && after.contains("QC-CAGE"), "\(after)")
            let trace = try await Self.get(client, "/trace/forward/\(epoxy)", reader)
            #expect(trace.contains("QC-CAGE"), "\(trace)")
        }
    }

    @Test func aWriteByAnotherProcessOnTheSameFileIsSeenByTheNextRead() async throws {
        let plant = try Plant()
        let reader = try TestAuth.bearer(plant.store, at: Self.now)
        let epoxy = try plant.lot(expiring: true)
        try await plant.app().test(.router) { client in
            let before = try await Self.get(client, "/trace/backward/\(epoxy)", reader)
            #expect(!before.contains("QC-CAGE"))
            // What the CLI does: its own connection to the file.
            let other = try LotlineStore(path: plant.path)
            _ = try other.execute(MoveLot(lot: epoxy, to: "QC-CAGE"), actor: "root-admin", at: Self.now, timeZone: Self.utc)
            let after = try await Self.get(client, "/trace/backward/\(epoxy)", reader)
            #expect(after.contains("QC-CAGE"), "\(after)")
        }
    }

    /// A projection row edited behind the ledger's back is served until the projections are rebuilt; the rebuild (by
    /// another process, appending nothing) is seen by the next read, never the edited answer kept from before it.
    @Test func aRebuildOfTheProjectionsIsSeenByTheNextRead() async throws {
        let plant = try Plant()
        let reader = try TestAuth.bearer(plant.store, at: Self.now)
        let epoxy = try plant.lot(expiring: true)
        // As `sqlite3` would: a connection of its own, the location one that exists (foreign keys hold).
        try await DatabaseQueue(path: plant.path).write { db in
            try db.execute(sql: "UPDATE lots SET location = 'QC-CAGE' WHERE number = ?", arguments: [epoxy])
        }
        try await plant.app().test(.router) { client in
            #expect(try await Self.get(client, "/lots/\(epoxy)", reader).contains("QC-CAGE"))
            #expect(try await Self.get(client, "/lots/\(epoxy)", reader).contains("QC-CAGE"), "kept")
            let head = try plant.store.head()
            _ = try LotlineStore(path: plant.path).rebuild()
            #expect(try plant.store.head().seq == head.seq && plant.store.head().rebuilds == head.rebuilds + 1)
            let after = try await Self.get(client, "/lots/\(epoxy)", reader)
            #expect(!after.contains("QC-CAGE") && after.contains("RACK-A1"), "\(after)")
        }
    }

    @Test func theDayTurningIsSeenByTheNextRead() async throws {
        let plant = try Plant()
        let reader = try TestAuth.bearer(plant.store, at: Self.now)
        let epoxy = try plant.lot(expiring: true)
        let expires = try #require(try plant.store.lotDetail(epoxy).lot.expiresOn)
        try await plant.app().test(.router) { client in
            let today = try await Self.get(client, "/lots/\(epoxy)", reader)
            #expect(!today.contains("\"expired\""), "\(today)")
            // The ledger stands still; only the clock moves past the expiry.
            plant.clock.withLockedValue { $0 = try! BusinessTime.parse("\(expires.adding(days: 1))T10:00:00Z", timeZone: Self.utc).date }
            let later = try await Self.get(client, "/lots/\(epoxy)", reader)
            #expect(later.contains("\"expired\""), "\(later)")
        }
    }

    /// The reader who may see controlled lots reads first and fills the cache; the one who may not then gets no
    /// controlled number from it, and the other way round the first reader still sees everything.
    @Test func aKeptAnswerIsNeverGivenToAReaderWhoMayNotSeeIt() async throws {
        let plant = try Plant()
        var pump = ChangeItem(part: "PUMP-P100")
        pump.exportControlled = true
        _ = try plant.store.execute(pump, actor: "clerk", at: Self.now, timeZone: Self.utc)
        let us = try TestAuth.bearer(plant.store, user: "uma", roles: ["auditor"], usPerson: true, at: Self.now)
        let other = try TestAuth.bearer(plant.store, user: "nina", roles: ["auditor"], usPerson: false, at: Self.now)
        let today = BusinessTime(date: Self.now, timeZone: Self.utc).day
        let controlled = try plant.store.lots(LotFilter(item: PartNumber(rawValue: "PUMP-P100")), today: today).map(\.number.rawValue)
        try #require(!controlled.isEmpty)
        try await plant.app().test(.router) { client in
            for (first, second) in [(us, other), (other, us)] {
                for path in ["/trace/forward/H-2231", "/trace/backward/\(controlled[0])", "/lots/\(controlled[0])"] {
                    var answers: [Bool: (status: HTTPResponse.Status, text: String)] = [:]
                    for reader in [first, second] {
                        let response = try await client.execute(uri: path, method: .get, headers: reader)
                        answers[reader == us] = (response.status, String(buffer: response.body))
                    }
                    let (seen, withheld) = (try #require(answers[true]), try #require(answers[false]))
                    #expect(seen.status == .ok && !ExportControlTests.leaked(seen.text, controlled).isEmpty, "\(path) shows a US person the lots")
                    if path.hasSuffix(controlled[0]) {
                        #expect(withheld.status == .notFound, "\(path) does not exist for a reader who is not a US person")
                    } else {
                        #expect(withheld.status == .ok && ExportControlTests.leaked(withheld.text, controlled).isEmpty, "\(path) leaks")
                    }
                }
            }
        }
    }

    /// Every lot's detail and traces, read twice with the cache and once without: the same bytes each time.
    @Test func aKeptAnswerIsTheFreshOne() async throws {
        let plant = try Plant()
        let reader = try TestAuth.bearer(plant.store, at: Self.now)
        let today = BusinessTime(date: Self.now, timeZone: Self.utc).day
        let paths = try plant.store.lots(LotFilter(), today: today).flatMap { lot in
            ["/lots/\(lot.number)", "/trace/forward/\(lot.number)", "/trace/backward/\(lot.number)?depth=2"]
        }
        let fresh = NIOLockedValueBox([String: String]())
        try await plant.app(cache: ResponseCache(capacityBytes: 0)).test(.router) { client in
            for path in paths {
                let answer = try await Self.get(client, path, reader)
                fresh.withLockedValue { $0[path] = answer }
            }
        }
        let expected = fresh.withLockedValue { $0 }
        try await plant.app().test(.router) { client in
            for _ in 0..<2 {
                for path in paths {
                    let answer = try await Self.get(client, path, reader)
                    #expect(answer == expected[path], "\(path) from the cache differs from a fresh read")
                }
            }
        }
        #expect(plant.cache.state.answers == paths.count)
    }

    @Test func answersBeyondTheCapacityPushOutTheOldestAndANewerHeadDropsAll() {
        let cache = ResponseCache(capacityBytes: 1000)
        let day = CalendarDate(year: 2026, month: 11, day: 27)
        let (head7, head8) = (ResponseCache.Version(LedgerPosition(seq: 7, hash: "")), ResponseCache.Version(LedgerPosition(seq: 8, hash: "")))
        func key(_ name: String, sees: Bool = true) -> ResponseCache.Key { ResponseCache.Key(request: name, day: day, seesControlled: sees) }
        for index in 0..<5 { cache.keep(Data(repeating: 1, count: 240), for: key("r\(index)"), head: head7) }
        #expect(cache.state.bytes <= 1000 && cache.state.answers == 4)
        #expect(cache.answer(key("r0"), head: head7) == nil, "the oldest went first")
        #expect(cache.answer(key("r4"), head: head7) != nil && cache.answer(key("r4", sees: false), head: head7) == nil)
        // Too large to keep: more than a quarter of the capacity.
        cache.keep(Data(repeating: 1, count: 251), for: key("big"), head: head7)
        #expect(cache.answer(key("big"), head: head7) == nil)
        // A request that saw the ledger before the last write finds nothing, and keeps nothing.
        #expect(cache.answer(key("r4"), head: head8) == nil && cache.state.answers == 0)
        cache.keep(Data([1]), for: key("late"), head: head7)
        #expect(cache.answer(key("late"), head: head8) == nil && cache.state.answers == 0)
        // A rebuild of the projections appends nothing, and is newer all the same.
        cache.keep(Data([1]), for: key("r1"), head: head8)
        let rebuilt = ResponseCache.Version(LedgerPosition(seq: 8, hash: "", rebuilds: 1))
        #expect(cache.answer(key("r1"), head: rebuilt) == nil && cache.state.answers == 0)
    }
}
