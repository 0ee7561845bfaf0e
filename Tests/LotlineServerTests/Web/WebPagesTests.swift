import BarcodeDecoding
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LotlineApp
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
                // Scripts only from this server's assets, none inline; no style but the style sheet.
                let scripts = page.html.matches(of: /<script[^>]*>/).map { String($0.0) }
                #expect(scripts.allSatisfy { $0.contains("src=\"/web/assets/") }, "\(uri): \(scripts)")
                #expect(!page.html.contains("<script>") && !page.html.contains("style=") && !page.html.contains("<style"), "\(uri)")
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

    @Test func aHoldOnTheLotPageAnswersWithTheScheduledJobsItHits() async throws {
        let planner = Session(backend: plant.store, actor: "pia", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        let schedule = try planner.schedule(PlantScheduler.Options(seconds: 2, iterations: 300)).schedule
        let allocated = try #require(schedule.operations.first { !($0.allocations ?? []).isEmpty })
        let lot = try #require(allocated.allocations?.first?.lot.rawValue)
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            _ = try await browser.get("/web/lots/\(lot)")
            let held = try await browser.post("/web/lots/\(lot)", [("csrf", browser.csrf), ("action", "hold"), ("reason", "QC-HOLD")])
            #expect(held.status == .ok && held.html.contains("class=\"outcome done\""), "\(held.html)")
            #expect(held.html.contains("<ul class=\"impact\"><li>Scheduled to use it (schedule version \(schedule.version + 1) re-allocates):</li>"))
            #expect(held.html.contains("<li>  \(allocated.workOrder) op \(allocated.seq) on "), "\(held.html)")
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
            // Without a direction the page shows both ways: what is in the serial, then where it went.
            let both = try await browser.get("/web/trace?id=SN-000009")
            #expect(
                both.status == .ok && both.html.contains("Backward: what is in it from SN-000009")
                    && both.html.contains("Forward: where it went from SN-000009"))
            #expect(both.html.contains("H-2231") && both.html.contains("BETA-MOTORS") && both.html.contains("Export CSV (forward)"))
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
            let csv = try await browser.get(location + "/report.csv")
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

    @Test func aRecalledLotScannedAtShippingIsRefusedAndAGoodOneShipsWithAPackingSlip() async throws {
        let quality = Session(backend: plant.store, actor: "quinn", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        _ = try quality.startRecall(
            StartRecall(target: "SN-000010", reason: "customer report", viaAncestor: nil, certainty: nil),
            signature: SignatureInput(password: DemoUsers.password, meaning: "approved"))
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("sam")
            let order = [("csrf", browser.csrf), ("customer", "ACME-AERO"), ("order", "SO-1009")]
            let before = try plant.store.eventCount()
            let refused = try await browser.post("/web/stations/ship", order + [("scan", "]C1" + "0109521234540021" + "21SN-000010")])
            #expect(refused.status == .conflict && refused.html.contains("class=\"outcome refused\"") && refused.html.contains("SN-000010"))
            #expect(!refused.html.contains("name=\"line\""))
            // A good serial is checked and listed, not yet shipped; then the two ship together.
            let added = try await browser.post("/web/stations/ship", order + [("scan", "SN-000011")])
            #expect(added.status == .ok && added.html.contains("name=\"line\" value=\"SN-000011\""), "\(added.html)")
            let twice = try await browser.post("/web/stations/ship", order + [("line", "SN-000011"), ("scan", "SN-000011")])
            #expect(twice.status == .conflict && twice.html.contains("lot-scanned-twice"))
            #expect(try plant.store.eventCount() == before)
            let shipped = try await browser.post("/web/stations/ship", order + [("line", "SN-000011"), ("action", "ship")])
            #expect(shipped.status == .ok && shipped.html.contains("Packing slip SH") && shipped.html.contains("SO-1009"), "\(shipped.html)")
            #expect(shipped.html.contains("<td>SN-000011</td><td>PUMP-P100</td><td>1 ea</td>"), "the slip shows what shipped, not what is left")
            #expect(try plant.store.lotDetail("SN-000011").lot.status(on: plant.environment.today) == .shipped)
            // Shipping what was never checked (a hand-made form) is still decided by the rules.
            let forged = try await browser.post("/web/stations/ship", order + [("line", "SN-000010"), ("action", "ship")])
            #expect(forged.status == .conflict)
        }
    }

    @Test func theOperationStationStartsConsumesRecordsAndCompletesUnderTheRules() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("otto")
            let order = try #require(plant.role("WO-SHAFT-3"))
            let steel = try #require(plant.role("steel3"))
            let opened = try await browser.get("/web/stations/operation?wo=\(order)")
            #expect(opened.status == .ok && opened.html.contains("Turn") && opened.html.contains("name=\"task\" value=\"start\""))
            let at = [("csrf", browser.csrf), ("wo", order), ("seq", "10")]
            let before = try plant.store.eventCount()
            // An operator without the qualification the operation needs is refused, and nothing starts.
            let unqualified = try await browser.post(
                "/web/stations/operation", at + [("task", "start"), ("operator", "MSMITH"), ("equipment", "LATHE-3"), ("tool", "T-17")])
            #expect(unqualified.status == .conflict && unqualified.html.contains("MSMITH") && unqualified.html.contains("nothing was recorded"))
            #expect(try plant.store.eventCount() == before)
            let started = try await browser.post(
                "/web/stations/operation", at + [("task", "start"), ("operator", "JDOE"), ("equipment", "LATHE-3"), ("tool", "T-17")])
            #expect(started.status == .ok && started.html.contains("Started") && started.html.contains("name=\"task\" value=\"consume\""))
            #expect(
                try await browser.post("/web/stations/issue", [("csrf", browser.csrf), ("wo", order), ("scan", steel), ("qty", "6kg")]).status == .ok)
            let consumed = try await browser.post("/web/stations/operation", at + [("task", "consume"), ("scan", steel), ("qty", "6kg")])
            #expect(consumed.status == .ok && consumed.html.contains("Consumed"), "\(consumed.html)")
            let recorded = try await browser.post(
                "/web/stations/operation",
                at + [("task", "record"), ("param", "spindle=1800rpm\r\nfeed=0.2mm"), ("inspect", "OD=24.99mm"), ("pass", "true")])
            #expect(recorded.status == .ok && recorded.html.contains("#"), "\(recorded.html)")
            let completed = try await browser.post("/web/stations/operation", at + [("task", "complete"), ("good", "5")])
            #expect(completed.status == .ok && completed.html.contains("Completed"), "\(completed.html)")
            let detail = try plant.store.workOrderDetail(order).order
            #expect(detail.operations.first?.status == .completed && detail.operations.first?.operatorCode?.rawValue == "JDOE")
            let unknown = try await browser.post("/web/stations/operation", at + [("task", "explode")])
            #expect(unknown.status == .badRequest)
        }
    }

    @Test func aHeldLotIsReleasedOnItsPageOnlyWithTheSignersPassword() async throws {
        try await plant.app.test(.router) { client in
            let held = try #require(plant.role("steel2"))
            let operatorBrowser = Browser(client)
            try await operatorBrowser.signIn("otto")
            let offered = try await operatorBrowser.get("/web/lots/\(held)")
            #expect(offered.html.contains("Put on hold") && !offered.html.contains("Sign and release"))
            let forbidden = try await operatorBrowser.post(
                "/web/lots/\(held)",
                [
                    ("csrf", operatorBrowser.csrf), ("action", "release"), ("reason", "QC-HOLD"), ("meaning", "approved"),
                    ("password", DemoUsers.password),
                ])
            #expect(forbidden.status == .forbidden, "\(forbidden.outcome)")
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let form = [("csrf", browser.csrf), ("action", "release"), ("reason", "QC-HOLD"), ("note", "NCR closed"), ("meaning", "approved")]
            for password in ["", "wrong-password-1"] {
                let refused = try await browser.post("/web/lots/\(held)", form + [("password", password)])
                #expect(refused.html.contains("class=\"outcome refused\""), "\(password)")
            }
            #expect(try plant.store.lotDetail(held).lot.status(on: plant.environment.today) == .onHold)
            let released = try await browser.post("/web/lots/\(held)", form + [("password", DemoUsers.password)])
            #expect(released.status == .ok && released.html.contains("class=\"outcome done\""))
            #expect(try plant.store.lotDetail(held).lot.status(on: plant.environment.today) == .released)
            #expect(released.html.contains("Quinn Quality (quinn)") && released.html.contains("approved"))
        }
    }

    @Test func theTravelerPrintsTheOrderAsADataMatrixAndAFilledOneIsEnteredAllOrNothing() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("otto")
            let order = try #require(plant.role("WO-SHAFT-3"))
            let (good, held) = (try #require(plant.role("steel3")), try #require(plant.role("steel2")))
            let traveler = try await browser.get("/web/work-orders/\(order)/traveler")
            #expect(traveler.status == .ok && traveler.html.contains("(91)\(order)") && traveler.html.contains("name=\"op-10-operator\""))
            // The order's symbol decodes, with an independent decoder, to the GS1 data the stations read back.
            let svg = try #require(traveler.html.firstMatch(of: /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="order-symbol".*?<\/svg>/)).0
            let decoded = try BarcodeDecoder.decode(files: [("svg", Array(("<?xml version=\"1.0\"?>" + svg).utf8))]).first ?? nil
            #expect(decoded?.text == "91" + order && decoded?.symbologyIdentifier == "]d2")
            let scanned = try await browser.get("/web/stations/operation?wo=%5Dd291\(order)")
            #expect(scanned.status == .ok && scanned.html.contains("name=\"task\" value=\"start\""))
            // A sheet with one refused line (a held lot consumed) records nothing of the rest.
            let before = try plant.store.eventCount()
            var sheet = [
                ("csrf", browser.csrf), ("nonce", "sheet-1"), ("issue-lot", good), ("issue-qty", "6kg"), ("issue-lot", ""), ("issue-qty", ""),
                ("op-10-operator", "JDOE"),
                ("op-10-equipment", "LATHE-3"), ("op-10-tool", "T-17"), ("op-10-consume", "\(good) 6kg\r\n\(held) 1kg"),
                ("op-10-param", "spindle=1800rpm"), ("op-10-good", "5"),
            ]
            let refused = try await browser.post("/web/work-orders/\(order)/traveler", sheet)
            #expect(refused.status == .conflict && refused.html.contains("none of the steps was recorded") && refused.html.contains(held))
            #expect(try plant.store.eventCount() == before)
            sheet[9] = ("op-10-consume", "\(good) 6 kg")
            let entered = try await browser.post("/web/work-orders/\(order)/traveler", sheet)
            #expect(entered.status == .ok && entered.html.contains("Entered 5 lines"), "\(entered.outcome)")
            #expect(entered.outcome.contains(">\(good)</a>"), "the lots the sheet touched are listed")
            let detail = try plant.store.workOrderDetail(order).order
            #expect(detail.operations.first?.status == .completed && detail.operations.first?.equipment?.rawValue == "LATHE-3")
            // The same sheet sent again (a double click, a reload) adds nothing.
            let count = try plant.store.eventCount()
            let again = try await browser.post("/web/work-orders/\(order)/traveler", sheet)
            #expect(try again.status == .conflict && again.html.contains("form-already-sent") && plant.store.eventCount() == count)
            // Entered again from a fresh form (another nonce), the same sheet is refused by the ledger: its reference is unique.
            sheet[1] = ("nonce", "sheet-2")
            let twice = try await browser.post("/web/work-orders/\(order)/traveler", sheet)
            #expect(try twice.status == .conflict && twice.html.contains("ref-already-applied") && plant.store.eventCount() == count)
            // A time after now is not what happened.
            let future = try await browser.post(
                "/web/work-orders/\(order)/traveler",
                [("csrf", browser.csrf), ("op-20-processor", "HEATCO"), ("op-20-started", "2026-11-27T11:00:00Z")])
            #expect(try future.status == .badRequest && future.html.contains("traveler-time-in-future") && plant.store.eventCount() == count)
            // Quality closes the order from its traveler, signed; production is not offered it.
            #expect(!traveler.html.contains("Close the order"))
            let quality = Browser(client)
            try await quality.signIn("quinn")
            #expect(try await quality.get("/web/work-orders/\(order)/traveler").html.contains("Close the order"))
            let close = [("csrf", quality.csrf), ("meaning", "released")]
            let unsigned = try await quality.post("/web/work-orders/\(order)/close", close)
            #expect(unsigned.html.contains("class=\"outcome refused\""))
            // The demo left material at the order: closing is refused while it holds some, with the reason.
            let holding = try await quality.post("/web/work-orders/\(order)/close", close + [("nonce", "c-1"), ("password", DemoUsers.password)])
            #expect(holding.status == .conflict && holding.html.contains("work-order-has-wip"), "\(holding.outcome)")
            let wip = try #require(plant.role("steel1-b"))
            _ = try await Session(backend: plant.store, actor: "otto", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc).recordAny(
                try ImportFormat.command("issue", fields: ["wo": order, "lot": wip, "qty": "6kg", "return": true]))
            let closed = try await quality.post("/web/work-orders/\(order)/close", close + [("password", DemoUsers.password)])
            #expect(closed.status == .ok && closed.html.contains("Closed: the batch is released"), "\(closed.outcome)")
            #expect(try plant.store.workOrderDetail(order).order.status == .closed)
            #expect(
                try await browser.post("/web/work-orders/\(order)/close", [("csrf", browser.csrf), ("password", DemoUsers.password)]).status
                    == .forbidden)
        }
    }

    @Test func finalAcceptanceIsSignedAtItsStation() async throws {
        // The pump now waits for a final inspection: accepting one is a signed act.
        var change = ChangeItem(part: "PUMP-P100")
        change.finalInspection = true
        _ = try await Session(backend: plant.store, actor: "ada", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc).record(change)
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let opened = try await browser.post("/web/stations/acceptance", [("csrf", browser.csrf), ("scan", "(01)09521234540021(21)SN-000003")])
            #expect(opened.status == .ok && opened.html.contains("SN-000003") && opened.html.contains("quarantine"), "\(opened.outcome)")
            let form = [("csrf", browser.csrf), ("action", "accept"), ("lot", "SN-000003"), ("result", "leak=0.1ml/min"), ("pass", "true")]
            let unsigned = try await browser.post("/web/stations/acceptance", form)
            #expect(unsigned.status == .forbidden && unsigned.html.contains("signature-required"), "\(unsigned.outcome)")
            #expect(try plant.store.lotDetail("SN-000003").lot.status(on: plant.environment.today) == .quarantine)
            let signed = try await browser.post("/web/stations/acceptance", form + [("password", DemoUsers.password), ("meaning", "approved")])
            #expect(signed.status == .ok && signed.html.contains("Inspection recorded"), "\(signed.outcome)")
            #expect(try plant.store.lotDetail("SN-000003").lot.status(on: plant.environment.today) == .released)
        }
    }

    @Test func theTraceByMachineListsWhatWasMadeWithIt() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("aldo")
            let page = try await browser.get("/web/trace/where?equipment=LATHE-3&tool=T-17")
            #expect(page.status == .ok && page.html.contains("SHAFT-S") && page.html.contains("trace forward"))
            let produced = try TraceWhere(equipment: "LATHE-3", tool: "T-17").run(
                in: plant.store, today: plant.environment.today, timeZone: ServerAuthTests.utc)
            for made in produced.produced { #expect(page.html.contains(">\(made.lot)</a>")) }
            let hot = try await browser.get("/web/trace/where?param=spindle%3E1500rpm")
            #expect(hot.status == .ok && hot.html.contains("spindle=1800rpm") && hot.html.contains("SHAFT-S"), "\(hot.outcome)")
            let none = try await browser.get("/web/trace/where?equipment=NOSUCH-9")
            #expect(none.status == .notFound && none.html.contains("NOSUCH-9"))
            let nothing = try await browser.get("/web/trace/where?equipment=MILL-2&tool=T-17")
            #expect(nothing.status == .ok && nothing.html.contains("Nothing was made"))
        }
    }

    @Test func aRecallIsDispositionedAndClosedSignedAndADrillRunsFromThePage() async throws {
        try await plant.app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quinn")
            let form = [
                ("csrf", browser.csrf), ("target", "SN-000010"), ("reason", "CR-9"), ("meaning", "approved"), ("password", DemoUsers.password),
            ]
            let started = try await browser.post("/web/recalls", form)
            let location = try #require(started.headers[.location])
            let page = try await browser.get(location)
            #expect(page.html.contains("Disposition a held lot") && page.html.contains("<option value=\"SN-000010\">"))
            let disposition = [
                ("csrf", browser.csrf), ("action", "disposition"), ("lot", "SN-000010"), ("disposition", "scrap"), ("reason", "QC-HOLD"),
            ]
            let unsigned = try await browser.post(location, disposition)
            #expect(unsigned.html.contains("class=\"outcome refused\""))
            let signed = try await browser.post(location, disposition + [("meaning", "approved"), ("password", DemoUsers.password)])
            #expect(signed.status == .ok && signed.html.contains("Dispositioned"), "\(signed.outcome)")
            #expect(signed.html.contains("Every held lot has its disposition"))
            let closed = try await browser.post(
                location, [("csrf", browser.csrf), ("action", "close"), ("meaning", "approved"), ("password", DemoUsers.password)])
            #expect(
                closed.status == .ok && closed.html.contains("Recall closed") && !closed.html.contains("Disposition a held lot"), "\(closed.outcome)")
            let drill = try await browser.post("/web/recalls/drills", [("csrf", browser.csrf), ("target", "H-2231")])
            let drillPage = try await browser.get(try #require(drill.headers[.location]))
            #expect(drillPage.status == .ok && drillPage.html.contains("H-2231") && !drillPage.html.contains("Disposition a held lot"))
            #expect(try await browser.get("/web/recalls").html.contains("The next quarterly drill is due by"))
        }
    }
}
