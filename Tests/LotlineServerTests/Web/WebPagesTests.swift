import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

@testable import LotlineServer

/// The web pages as a browser uses them, on the demo plant: sign-in, the CSRF-protected forms, what each role is
/// offered and refused, the stations' refusals writing nothing, and the lot and trace pages showing their facts.
@Suite struct WebPagesTests {
    let plant: WebPlant

    init() throws { plant = try WebPlant() }

    @Test func aPageWithoutSignInGoesToTheSignInPageAndComesBack() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            let page = try await browser.get("/web/trace?id=SN-000009")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/web/login?next=%2Fweb%2Ftrace%3Fid%3DSN-000009")
            let wrong = try await browser.signIn("quinn", password: "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("value=\"quinn\"") && wrong.html.contains("role=\"alert\""))
            #expect(browser.cookies.isEmpty)
            let signedIn = try await browser.post(
                "/web/login", [("user", "quinn"), ("password", DemoUsers.password), ("next", "/web/trace?id=SN-000009")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/web/trace?id=SN-000009")
            let cookies = signedIn.headers[values: .setCookie]
            #expect(cookies.count == 2 && cookies.allSatisfy { $0.contains("HttpOnly") && $0.contains("SameSite=Strict") })
            #expect(try await browser.get("/web/trace?id=SN-000009").status == .ok)
            // Signing out ends the session: the old cookie no longer opens a page.
            let old = browser.cookies
            #expect(try await browser.post("/web/logout", [("csrf", browser.csrf)]).status == .seeOther)
            browser.cookies = old
            #expect(try await browser.get("/web/").status == .seeOther)
        }
    }

    @Test(arguments: ["https://evil.example/", "//evil.example/web/", "/api/../web", "/web/\\evil", "javascript:alert(1)"])
    func signingInNeverSendsTheBrowserAway(next: String) async throws {
        try await plant.app.test(.router) { client in
            let response = try await Browser(client).post("/web/login", [("user", "quinn"), ("password", DemoUsers.password), ("next", next)])
            #expect(response.headers[.location] == "/web/", "\(next)")
        }
    }

    @Test func everyPageCarriesAStrictContentSecurityPolicyAndNoInlineScriptOrStyle() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("ada")
            for uri in [
                "/web/login", "/web/", "/web/lots/SN-000009", "/web/trace?id=SN-000009&direction=backward", "/web/stations/receiving",
                "/web/stations/issue", "/web/lots/NO-SUCH-1",
            ] {
                let page = try await browser.get(uri)
                let policy = page.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                #expect(
                    policy.contains("script-src 'self'") && policy.contains("style-src 'self'") && policy.contains("frame-ancestors 'none'"), "\(uri)"
                )
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(!page.html.contains("<script") && !page.html.contains("style=") && !page.html.contains("<style"), "\(uri)")
                #expect(!page.html.contains("{{"), "\(uri)")
            }
            let css = try await browser.get("/web/assets/lotline.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8" && css.html.contains("@media print"))
            #expect(try await browser.get("/web/assets/..%2FTemplates%2Flayout.mustache").status == .notFound)
        }
    }

    @Test func aFormWithoutTheSessionsTokenIsRefusedAndWritesNothing() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("rita")
            let before = try plant.store.eventCount()
            let scan = "(01)09521234540014(17)271231(3100)000025(10)B-9999-Z"
            for token in ["", "llc_forged_0000", "csrf"] {
                let response = try await browser.post(
                    "/web/stations/receiving", [("csrf", token), ("scan", scan), ("supplier", "CHEMCO"), ("action", "receive")])
                #expect(response.status == .forbidden)
                #expect(response.html.contains("csrf-token-invalid"))
            }
            #expect(try plant.store.eventCount() == before)
        }
    }

    @Test func aRoleIsOfferedOnlyWhatItMayDoAndRefusedTheRest() async throws {
        try await plant.app.test(.router) { client in
            let auditor = Browser(client)
            try await auditor.signIn("aldo")
            let home = try await auditor.get("/web/")
            #expect(home.status == .ok)
            #expect(!home.html.contains("/web/stations/receiving") && !home.html.contains("/web/stations/issue"))
            // Every page that needs a permission the auditor lacks answers 403 with the reason, as a page.
            for page in plant.environment.pages.all where page.method == .get && !page.access.admits([.auditor]) {
                let response = try await auditor.get(ServerAuthTests.concrete(page.path))
                #expect(response.status == .forbidden, "\(page.path)")
                #expect(response.html.contains("permission-denied"), "\(page.path)")
            }
            let receiving = Browser(client)
            try await receiving.signIn("rita")
            let offered = try await receiving.get("/web/")
            #expect(offered.html.contains("href=\"/web/stations/receiving\"") && !offered.html.contains("href=\"/web/stations/issue\""))
        }
    }

    @Test func aSupplierLabelScannedAtReceivingIsReadThenReceivedAsOurLot() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("rita")
            // A raw element string, as a scanner sends it: the group separator after the variable-length batch.
            let scan = "]C1" + "0109521234540014" + "10B-9999-Z" + "\u{1D}" + "17271231" + "3100000025"
            let read = try await browser.post("/web/stations/receiving", [("csrf", browser.csrf), ("scan", scan), ("action", "read")])
            #expect(read.status == .ok)
            #expect(
                read.html.contains("EPOXY-A") && read.html.contains("B-9999-Z") && read.html.contains("2027-12-31") && read.html.contains("25 kg"))
            let carried = try #require(read.html.firstMatch(of: /name="scan64" value="([^"]+)"/)).1
            let before = try plant.store.lots(LotFilter(supplierLot: "B-9999-Z"), today: plant.environment.today)
            #expect(before.isEmpty)
            let done = try await browser.post(
                "/web/stations/receiving",
                [("csrf", browser.csrf), ("scan64", String(carried)), ("supplier", "CHEMCO"), ("location", "RCV"), ("action", "receive")])
            #expect(done.status == .ok)
            #expect(done.html.contains("class=\"outcome done\"") && done.html.contains("✔"))
            let lots = try plant.store.lots(LotFilter(supplierLot: "B-9999-Z"), today: plant.environment.today)
            #expect(lots.count == 1 && lots.first?.item.rawValue == "EPOXY-A" && lots.first?.quantity.description == "25 kg")
            #expect(lots.first?.expiresOn?.description == "2027-12-31")
            #expect(done.html.contains("/lots/\(lots[0].number)/label?symbology=datamatrix"))
            let events = try plant.store.history(lots[0].number.rawValue).events
            #expect(events.first?.actor == "rita")
        }
    }

    @Test func aScanThatDisagreesWithWhatWasTypedIsRefusedOnScreenAndWritesNothing() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("rita")
            let before = try plant.store.eventCount()
            let scan = "(01)09521234540014(17)271231(3100)000025(10)B-9999-Z"
            for fields in [
                [("supplier", "GREYMARKET")], [("supplier", "CHEMCO"), ("qty", "30kg")], [("supplier", "CHEMCO"), ("location", "NOWHERE")],
                [("supplier", "")],
            ] {
                let response = try await browser.post(
                    "/web/stations/receiving", [("csrf", browser.csrf), ("scan", scan), ("action", "receive")] + fields)
                #expect(response.status != .ok, "\(fields)")
                #expect(response.html.contains("class=\"outcome refused\"") && response.html.contains("nothing was recorded"), "\(fields)")
            }
            let garbled = try await browser.post(
                "/web/stations/receiving", [("csrf", browser.csrf), ("scan", "(01)09521234540015"), ("action", "read")])
            #expect(garbled.status == .badRequest && garbled.html.contains("check digit"))
            #expect(try plant.store.eventCount() == before)
        }
    }

    @Test func aHeldLotScannedAtIssueIsRefusedWithTheReasonAndNothingIsWritten() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("otto")
            let (held, order) = (try #require(plant.role("steel2")), try #require(plant.role("WO-SHAFT-3")))
            let before = try plant.store.eventCount()
            let refused = try await browser.post("/web/stations/issue", [("csrf", browser.csrf), ("wo", order), ("scan", held), ("qty", "6kg")])
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("lot-on-hold") && refused.html.contains("✖") && refused.html.contains(held))
            #expect(try plant.store.eventCount() == before)
            let good = try #require(plant.role("steel3"))
            let issued = try await browser.post("/web/stations/issue", [("csrf", browser.csrf), ("wo", order), ("scan", good), ("qty", "6kg")])
            #expect(issued.status == .ok && issued.html.contains("class=\"outcome done\""), "\(issued.html)")
            #expect(try plant.store.eventCount() == before + 1)
        }
    }

    @Test func theLotPageShowsWhereItCameFromItsHoldAndItsHistory() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let held = try #require(plant.role("steel2"))
            let page = try await browser.get("/web/lots/\(held)")
            #expect(page.status == .ok)
            for fact in ["NORTHSTAR", "H-2231", "on hold", "SUPPLIER-NCR: Northstar NCR-1043 on heat H-2231", "lot.received", "/lots/\(held)/label"] {
                #expect(page.html.contains(fact), "\(fact)")
            }
            let missing = try await browser.get("/web/lots/NO-SUCH-1")
            #expect(missing.status == .notFound && missing.html.contains("lot-not-found"))
        }
    }

    @Test func theTracePageShowsTheChainBothWaysWithCertaintyAndAGraph() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let backward = try await browser.get("/web/trace?id=SN-000009&direction=backward")
            #expect(backward.status == .ok)
            for fact in ["H-2231", "LATHE-3", "T-17", "JDOE", "exact", "<svg", "Export CSV"] {
                #expect(backward.html.contains(fact), "\(fact)")
            }
            // Every lot in the table is a node of the graph, linking to its page.
            let rows = Set(backward.html.matches(of: /<td class="lot">.*?<a href="([^"]+)">/).map { String($0.1) })
            let nodes = Set(backward.html.matches(of: /<a href="(\/web\/lots\/[^"]+)"><rect/).map { String($0.1) })
            #expect(!rows.isEmpty && rows == nodes)
            let forward = try await browser.get("/web/trace?id=H-2231&direction=forward")
            #expect(forward.status == .ok && forward.html.contains("SN-000009"))
            let csv = try await browser.get("/web/trace.csv?id=H-2231&direction=forward")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.html.hasPrefix("depth,lot,item") && csv.html.contains("SN-000009"))
            let folded = try await browser.get("/web/trace?id=H-2231&direction=forward&fold=1")
            #expect(folded.html.contains("folded away") && !folded.html.contains("SN-000009\">SN-000009</a>"))
            let order = try #require(plant.role("WO-PUMP-3"))
            let byOrder = try await browser.get("/web/trace?id=\(order)&direction=backward")
            #expect(byOrder.status == .ok && byOrder.html.contains("SN-000009") && byOrder.html.contains("H-2231"))
            #expect(try await browser.get("/web/trace?id=NOTHING-LIKE-IT").status == .notFound)
        }
    }

    @Test func startingARecallOnThePageNeedsThePasswordTypedAgain() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let list = try await browser.get("/web/recalls")
            #expect(
                list.html.contains("Start a recall") && list.html.contains("name=\"password\"") && list.html.contains("No drill has been run yet"))
            let before = try plant.store.eventCount()
            let form = [("csrf", browser.csrf), ("target", "H-2231"), ("reason", "NCR-1043"), ("meaning", "approved")]
            for password in ["", "not-the-password"] {
                let refused = try await browser.post("/web/recalls", form + [("password", password)])
                #expect(refused.status == .forbidden || refused.status == .unauthorized, "\(password)")
                #expect(refused.html.contains("class=\"outcome refused\""), "\(password)")
            }
            // Nothing is held and no recall exists; the ledger gained only the failed signature (for the lockout count).
            #expect(try plant.store.recalls().isEmpty)
            var since = EventFilter()
            since.after = Int64(before)
            #expect(try plant.store.events(since).map(\.type) == ["user.sign_in_failed"])
            let started = try await browser.post("/web/recalls", form + [("password", DemoUsers.password)])
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            for fact in ["NCR-1043", "Customers to notify", "ACME-AERO", "BETA-MOTORS", "Mass balance", "Holds and dispositions", "WO"] {
                #expect(page.html.contains(fact), "\(fact)")
            }
            let signatures = try plant.store.history(try #require(plant.role("steel2"))).events.filter { $0.type == "record.signed" }
            #expect(signatures.first?.actor == "quinn")
            let csv = try await browser.get(location + ".csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && csv.html.contains("SN-000009"))
            // Someone who may read but not recall is not offered the form, and cannot post it.
            let auditor = Browser(client)
            try await auditor.signIn("aldo")
            #expect(!(try await auditor.get("/web/recalls")).html.contains("Start a recall"))
            let refused = try await auditor.post(
                "/web/recalls", [("csrf", auditor.csrf), ("target", "H-2231"), ("reason", "x"), ("password", DemoUsers.password)])
            #expect(refused.status == .forbidden)
        }
    }
}
