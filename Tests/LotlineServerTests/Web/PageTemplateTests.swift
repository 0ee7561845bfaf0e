import Foundation
import LotlineApp
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

@testable import LotlineServer

/// Every template rendered against a view model filled from the demo plant, and every name a template reads checked
/// against the view model's own properties: a misspelt or removed key renders as nothing in Mustache, so only this
/// check sees it.
@Suite struct PageTemplateTests {
    let fixtures: [String: any PageView]

    init() throws {
        let plant = try WebPlant()
        let backend = plant.store
        let today = plant.environment.today
        let user = try #require(try backend.user(UserName(rawValue: "ada")))
        let page = PageRequest(user: user, csrf: "llc_token", form: FormInput(text: ""), path: "/web/")
        let held = try #require(plant.role("steel2"))
        let heldLot = try backend.lotDetail(held).lot
        let table = LotTable.of([heldLot], today: today)
        var outcome = StationOutcome.recorded("Received", events: try backend.history(held).events, lots: [heldLot], today: today)
        outcome.detail = "detail"
        outcome.suggestions = ["CHEMCO"]
        var lot = LotPage(
            detail: try backend.lotDetail("SN-000009"), events: try backend.history("SN-000009").events, today: today, chrome: page.chrome("Lot"))
        lot.storedStatus = "released"
        lot.actions = LotActions(user, reasons: ["QC-HOLD"], received: true)
        lot.outcome = outcome
        // The demo's serial has none of these; the rows are filled so their keys are checked too.
        lot.receipt = [.init(name: "Heat", value: "H-1")]
        lot.inspections = [.init(seq: "1", at: "t", outcome: "pass", results: "a=1", inspector: "quinn", note: "n")]
        lot.signatures = [SignatureRow(printedName: "Quinn Quality", signer: "quinn", meaning: "approved", at: "t", record: "event 1")]
        let trace = TracePage(
            id: "SN-000009",
            traces: [
                (.backward, try backend.trace("SN-000009", direction: .backward, today: today)),
                (.forward, try backend.trace("SN-000009", direction: .forward, today: today)),
            ], foldDepth: 1, chrome: page.chrome("Trace"))
        var traceRows = trace
        traceRows.trees[0].rows[0].withheld = "1 more lot withheld"
        traceRows.trees[0].rows[0].workOrder = "WO op 10"
        let reading = ReceivingStation.Reading(
            try Session(backend: backend, actor: "ada", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc).readScan([
                "(00)095212345000000018(01)09521234540014(17)271231(3100)000025(10)B-2211-A"
            ]))
        let session = Session(backend: backend, actor: "quinn", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        _ = try session.startRecall(
            StartRecall(target: "H-2231", reason: "NCR-1", viaAncestor: nil, certainty: nil),
            signature: SignatureInput(password: DemoUsers.password, meaning: "approved"))
        let recallRecord = RecallListPage.Record(try #require(try backend.recalls().first))
        var recall = RecallPage(try backend.recallReport("RC26-0001", today: today), chrome: page.chrome("Recall"))
        recall.closedAt = "t"
        recall.withheld = "1 lot"
        recall.holds[0].by = "quinn"
        recall.outcome = outcome
        recall.dispositions = RecallPage.Dispositions(
            recall: "RC26-0001", open: ["L"], choices: ["scrap"], reasons: ["QC-HOLD"], signature: SignatureFields("d", default: .approved),
            closeSignature: SignatureFields("c", default: .approved))
        let order = try backend.workOrderDetail(try #require(plant.role("WO-SHAFT-3"))).order
        var traveler = TravelerPage(order, chrome: page.chrome("Traveler"), entry: true)
        traveler.outcome = outcome
        traveler.closeSignature = SignatureFields("close", default: .released)
        fixtures = [
            "login": LoginPage(chrome: page.chrome("Sign in"), next: "/web/", userName: "ada", refusal: "wrong password"),
            "home": HomePage(chrome: page.chrome("Home"), stations: NavLink.offered(to: user, current: ""), held: table, quarantined: table),
            "lot": lot,
            "trace": traceRows,
            "receiving": ReceivingStation(
                chrome: page.chrome("Receiving", station: true), scan64: "eA==", reading: reading, supplier: "CHEMCO", quantity: "25kg",
                location: "RCV", suppliers: ["CHEMCO"], locations: ["RCV"], outcome: outcome, label: "/lots/X/label"),
            "issue": IssueStation(
                chrome: page.chrome("Issue", station: true), workOrder: "WO26-0001",
                orders: [OrderRow(number: "WO26-0001", item: "SHAFT-S", quantity: "5 ea", components: "ST-4140 1.2 kg each")],
                outcome: outcome),
            "recalls": RecallListPage(
                chrome: page.chrome("Recalls"), recalls: [recallRecord], drills: [recallRecord], nextDrill: "due", mayStart: true, target: "H-2231",
                reason: "NCR", signature: SignatureFields("recall", default: .approved), outcome: outcome),
            "recall": recall,
            "traveler": traveler,
            "acceptance": AcceptanceStation(
                chrome: page.chrome("Acceptance", station: true), unit: table?.rows.first, inspections: lot.inspections,
                signature: SignatureFields("accept", default: .approved), outcome: outcome),
            "trace-where": TraceWherePage(
                chrome: page.chrome("Trace where"), equipment: "LATHE-3", tool: "", operatorCode: "", parameter: "", from: "", to: "", searched: true,
                produced: [
                    .init(
                        lot: "L", href: "/web/lots/L", forward: "f", item: "I", quantity: "1 ea", status: "released", workOrder: "WO", startedAt: "t",
                        parameters: "p")
                ]),
            "ship": ShipStation(
                chrome: page.chrome("Ship", station: true), customer: "ACME-AERO", order: "SO-1", scanned: table?.rows ?? [],
                customers: ["ACME-AERO"],
                outcome: outcome,
                slip: ShipStation.PackingSlip(
                    shipment: "SH1", customer: "ACME-AERO", order: "SO-1", at: "t", lines: [.init(lot: "L", item: "I", quantity: "1 ea")])),
            "operation": OperationStation(
                chrome: page.chrome("Operation", station: true), workOrder: order.number.rawValue,
                order: OperationStation.Order(order, wip: [], chosen: nil), orders: [OrderRow(order)], outcome: outcome),
            "produce": ProduceStation(
                chrome: page.chrome("Produce", station: true), workOrder: "WO", orders: [OrderRow(order)], outcome: outcome,
                labels: [.init(lot: "L", src: "/lots/L/label")]),
            "error": ErrorPage(
                LotlineError(.notFound, "lot-not-found", "no lot 'X'", value: "X", suggestions: ["Y"]), page: page),
        ]
    }

    @Test func everyPageTemplateHasAFixtureAndRendersWithoutALeftoverTag() throws {
        let renderer = PageRenderer.shipped
        let pages = Set(renderer.sources.keys).subtracting(Self.partials)
        #expect(pages == Set(fixtures.keys))
        for (name, view) in fixtures {
            #expect(type(of: view).template == name)
            let html = renderer.render(view)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"), "\(name)")
            #expect(!html.contains("{{") && !html.contains("}}"), "\(name)")
        }
    }

    @Test func everyNameATemplateReadsIsAPropertyOfItsViewModel() throws {
        let renderer = PageRenderer.shipped
        for (name, view) in fixtures {
            var names: Set<String> = []
            Self.collectNames(view, into: &names)
            for template in [name] + Self.partials(of: name, in: renderer.sources) {
                for key in Self.keys(in: renderer.sources[template] ?? "") {
                    #expect(names.contains(key), "template '\(template)' (in '\(name)') reads '\(key)', which its view model does not have")
                }
            }
        }
    }

    @Test func theKeyCheckCatchesAMisspeltName() {
        var names: Set<String> = []
        Self.collectNames(LoginPage(chrome: Chrome(title: "t", user: nil, csrf: "", current: ""), next: "", userName: ""), into: &names)
        let keys = Self.keys(in: "{{chrome.titel}} {{#refusal}}{{refusal}}{{/refusal}} {{^empty(nexts)}}{{/empty(nexts)}}")
        #expect(keys.filter { !names.contains($0) }.sorted() == ["nexts", "titel"])
    }

    /// Templates used inside others, not pages of their own.
    static let partials: Set<String> = ["layout", "outcome", "lot-table", "recall-stock", "signature"]

    /// The partials and parent a template pulls in, and theirs.
    static func partials(of name: String, in sources: [String: String]) -> [String] {
        let text = sources[name] ?? ""
        let direct = text.matches(of: /\{\{[<>]\s*([\w-]+)\s*\}\}/).map { String($0.1) }
        return direct + direct.flatMap { partials(of: $0, in: sources) }
    }

    /// Every name a template reads: each part of a dotted name, the argument of a transform; not `.`, block names or
    /// partials.
    static func keys(in template: String) -> Set<String> {
        var keys: Set<String> = []
        for match in template.matches(of: /\{\{\{?([#^\/&]?)\s*([^}]*?)\s*\}?\}\}/) {
            let (sigil, body) = (String(match.1), String(match.2))
            if body.hasPrefix("<") || body.hasPrefix(">") || body.hasPrefix("$") || body.hasPrefix("!") || sigil == "/" { continue }
            var name = body
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            }
            if name == "." || name.isEmpty { continue }
            keys.formUnion(name.split(separator: ".").map(String.init))
        }
        return keys
    }

    /// Every property name anywhere in a value: through optionals, arrays and nested structs.
    static func collectNames(_ value: Any, into names: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional, .collection, .set:
            for child in mirror.children { collectNames(child.value, into: &names) }
        case .struct, .class:
            for child in mirror.children {
                if let label = child.label { names.insert(label) }
                collectNames(child.value, into: &names)
            }
        default: break
        }
    }
}
