import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LotlineApp
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

@testable import LotlineServer

/// What a hostile pass found in the pages, each kept from coming back: forms sent from another site, a form sent
/// twice, errors that were not pages, a stale cookie, names told apart by the sign-in page, a recall page that left
/// lots out, formulas in exported CSV.
@Suite struct WebHardeningTests {
    let plant: WebPlant

    init() throws { plant = try WebPlant() }

    @Test func aFormPostedFromAnotherSiteIsRefusedSignInIncluded() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            let credentials = [("user", "rita"), ("password", DemoUsers.password)]
            for headers: HTTPFields in [
                [HTTPField.Name("Origin")!: "https://evil.example"], [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                [HTTPField.Name("Origin")!: "null"],
            ] {
                let response = try await browser.post("/web/login", credentials, headers: headers)
                #expect(response.status == .forbidden && response.html.contains("cross-site-form"), "\(headers)")
                #expect(browser.cookies.isEmpty)
            }
            // The same site (as a browser sends it) signs in.
            let same = try await browser.post(
                "/web/login", credentials, headers: [HTTPField.Name("Origin")!: "http://localhost", HTTPField.Name("Host")!: "localhost"])
            #expect(same.status == .seeOther && !browser.cookies.isEmpty)
        }
    }

    @Test func aFormSentTwiceIsRecordedOnce() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("otto")
            let page = try await browser.get("/web/stations/issue")
            let nonce = String(try #require(page.html.firstMatch(of: /name="nonce" value="([0-9a-f]+)"/)).1)
            let (order, steel) = (try #require(plant.role("WO-SHAFT-3")), try #require(plant.role("steel3")))
            let form = [("csrf", browser.csrf), ("nonce", nonce), ("wo", order), ("scan", steel), ("qty", "3kg")]
            let before = try plant.store.eventCount()
            #expect(try await browser.post("/web/stations/issue", form).status == .ok)
            let again = try await browser.post("/web/stations/issue", form)
            #expect(again.status == .conflict && again.html.contains("form-already-sent"))
            #expect(try plant.store.eventCount() == before + 1)
            // A refused form frees its nonce: corrected, it goes through.
            let refusedNonce = [("csrf", browser.csrf), ("nonce", "n-2"), ("wo", order), ("scan", steel)]
            #expect(try await browser.post("/web/stations/issue", refusedNonce + [("qty", "-1kg")]).status != .ok)
            #expect(try await browser.post("/web/stations/issue", refusedNonce + [("qty", "1kg")]).status == .ok)
        }
    }

    @Test func errorsUnderWebArePagesWithThePagesHeaders() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            for (uri, method, status) in [
                ("/web/nope", HTTPRequest.Method.get, HTTPResponse.Status.notFound), ("/web/recalls", .put, .methodNotAllowed),
                ("/web/stations/receiving", .delete, .methodNotAllowed),
            ] {
                let response = try await browser.send(uri, method: method, body: nil)
                #expect(response.status == status, "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!] != nil, "\(uri)")
            }
            let large = try await browser.post("/web/recalls", [("csrf", browser.csrf), ("reason", String(repeating: "x", count: 70_000))])
            #expect(large.status == .contentTooLarge && large.headers[.contentType] == "text/html; charset=utf-8")
            // The API keeps answering problem+json.
            #expect(try await browser.get("/nope").headers[.contentType] == "application/problem+json")
        }
    }

    @Test func signingOutWithAStaleCookieClearsIt() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            browser.cookies = ["lotline_session": "lls_stale_0000", "lotline_csrf": "llc_stale"]
            let response = try await browser.post("/web/logout", [("csrf", "llc_stale")])
            #expect(response.status == .seeOther && browser.cookies.isEmpty)
        }
    }

    @Test func theSignInPageSaysTheSameForALockedUserAndAnUnknownOne() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            var answers: [String] = []
            for user in ["pia", "ghost"] {
                for attempt in 1...6 {
                    let response = try await browser.post("/web/login", [("user", user), ("password", "wrong-\(attempt)-password")])
                    answers.append(String(try #require(response.html.firstMatch(of: /role="alert">(.*?)<\/section>/)).1))
                }
            }
            #expect(Set(answers).count == 1, "\(Set(answers))")
        }
    }

    @Test func aWrongSignaturePasswordIsNotCalledNothingRecorded() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let held = try #require(plant.role("steel2"))
            let refused = try await browser.post(
                "/web/lots/\(held)",
                [("csrf", browser.csrf), ("action", "release"), ("reason", "QC-HOLD"), ("meaning", "approved"), ("password", "wrong-password-9")])
            #expect(refused.html.contains("Refused: the change was not recorded") && refused.html.contains("counts toward a lockout"))
        }
    }

    @Test func theRecallPageListsEveryLotTheReportReaches() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let report = try plant.store.recallReport("H-2231", today: plant.environment.today)
            let page = try await browser.get("/web/recalls/H-2231")
            #expect(page.status == .ok && page.html.contains("Every lot it reaches"))
            for lot in report.affected { #expect(page.html.contains(">\(lot.lot)</a>"), "\(lot.lot) \(lot.status)") }
            #expect(report.affected.count > 5)
            let csv = try await browser.get("/web/recalls/H-2231/report.csv")
            #expect(csv.status == .ok && csv.headers[.contentDisposition] == "attachment; filename=\"recall-H-2231.csv\"")
        }
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\""), ("+1", "'+1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"), ("-5", "-5"), ("H-2231", "H-2231"), ("a,b", "\"a,b\""),
    ])
    func anExportedCellIsNeverAFormula(value: String, field: String) {
        #expect(TraceRenderer.csvField(value) == field)
    }

    @Test func someoneWhoMayNotActIsToldSoBeforeAnyPasswordIsChecked() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("aldo")
            let held = try #require(plant.role("steel2"))
            let before = try plant.store.eventCount()
            let refused = try await browser.post(
                "/web/lots/\(held)",
                [("csrf", browser.csrf), ("action", "inspect"), ("pass", "true"), ("meaning", "approved"), ("password", "wrong-password-1")])
            #expect(refused.status == .forbidden && refused.html.contains("permission-denied"), "\(refused.outcome)")
            #expect(try plant.store.eventCount() == before)
        }
    }

    @Test func aNonceIsShortAndPlain() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("otto")
            let response = try await browser.post("/web/stations/issue", [("csrf", browser.csrf), ("nonce", String(repeating: "a", count: 65))])
            #expect(response.status == .badRequest && response.html.contains("nonce-invalid"))
            let yes = try await browser.post(
                "/web/stations/operation",
                [("csrf", browser.csrf), ("wo", "WO26-0001"), ("seq", "10"), ("task", "record"), ("inspect", "OD=1"), ("pass", "yes")])
            #expect(yes.status != .ok && yes.html.contains("pass-invalid"), "\(yes.outcome)")
        }
    }

    @Test func aTravelersIssuesAreDatedAtItsFirstOperationStartSoAnEarlierConsumptionIsTaken() async throws {
        // The sheet is entered an hour after the demo's order was made; its operation started half an hour before that.
        let later = ServerEnvironment(
            backend: plant.store, timeZone: ServerAuthTests.utc, security: TestAuth.fast, clock: { ServerAuthTests.now.addingTimeInterval(3600) })
        let app = Application(
            router: buildRouter(later), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("otto")
            let (order, steel) = (try #require(plant.role("WO-SHAFT-3")), try #require(plant.role("steel3")))
            let sheet = [
                ("csrf", browser.csrf), ("issue-lot", steel), ("issue-qty", "6kg"), ("op-10-operator", "JDOE"), ("op-10-equipment", "LATHE-3"),
                ("op-10-tool", "T-17"), ("op-10-started", "2026-11-27T10:30:00Z"), ("op-10-consume", "\(steel) 6 kg"),
            ]
            let entered = try await browser.post("/web/work-orders/\(order)/traveler", sheet)
            #expect(entered.status == .ok && entered.html.contains("Entered 3 lines"), "\(entered.outcome)")
            let issued = try plant.store.events(EventFilter(lot: steel, type: "material.issued")).last
            #expect(issued?.businessTime == "2026-11-27T10:30:00+00:00")
        }
    }
}
