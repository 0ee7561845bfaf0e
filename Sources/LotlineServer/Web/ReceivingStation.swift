import Foundation
import Hummingbird
import LotlineApp
import LotlineCore

/// The receiving station: scan the supplier's label, check what it says, confirm with the supplier (and anything the
/// label leaves out), and get our lot with its label to print.
struct ReceivingStation: PageView {
    static let template = "receiving"
    var chrome: Chrome
    /// The barcodes read so far, carried into the confirm step as base64 (a label's data may hold the group separator,
    /// which an HTML attribute cannot carry).
    var scan64: String
    var reading: Reading?
    var supplier: String
    var quantity: String
    var location: String
    var suppliers: [String]
    var locations: [String]
    var outcome: StationOutcome?
    /// After a receipt: the new lot's label to print.
    var label: String?

    /// What the label says, as the confirm step shows it.
    struct Reading: Sendable {
        var elements: [ScanReading.Element]
        var item: String
        var batch: String
        var expires: String
        var labelQuantity: String
        var sscc: String
        var earlier: String?

        init(_ scan: ScanReading) {
            elements = scan.elements
            item = [scan.item, scan.itemDescription].compactMap { $0 }.joined(separator: " · ")
            if item.isEmpty { item = scan.gtin.map { "GTIN \($0): no item has it" } ?? "not on the label: type it below" }
            batch = scan.batch ?? "—"
            expires = scan.expires ?? "—"
            labelQuantity = scan.quantity ?? "not on the label: type it below"
            sscc = scan.sscc ?? "—"
            earlier = scan.receipts.isEmpty ? nil : "Already received under this batch: " + scan.receipts.joined(separator: ", ")
        }
    }
}

func addReceivingStation(to pages: PageBuilder) {
    let environment = pages.environment
    let choices = { @Sendable (context: LotlineRequestContext) in
        try await environment.read(context) {
            (try $0.suppliers().filter(\.approved).map(\.code.rawValue).sorted(), try $0.named(LocationKind.self).map(\.code.rawValue).sorted())
        }
    }
    pages.get("web/stations/receiving", .permission(.receive)) { request, context, page in
        let (suppliers, locations) = try await choices(context)
        let view = ReceivingStation(
            chrome: page.chrome("Receiving", station: true), scan64: "", supplier: "", quantity: "", location: "", suppliers: suppliers,
            locations: locations)
        return try HTMLPage(view).response(from: request, context: context)
    }
    pages.post("web/stations/receiving", .permission(.receive)) { request, context, page in
        let form = page.form
        let barcodes =
            form["scan64"].flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }.map {
                $0.split(separator: "\n").map(String.init)
            } ?? form.lines("scan")
        let (suppliers, locations) = try await choices(context)
        var view = ReceivingStation(
            chrome: page.chrome("Receiving", station: true), scan64: Data(barcodes.joined(separator: "\n").utf8).base64EncodedString(),
            supplier: form["supplier"] ?? "", quantity: form["qty"] ?? "", location: form["location"] ?? "", suppliers: suppliers,
            locations: locations)
        var status = HTTPResponse.Status.ok
        do {
            guard !barcodes.isEmpty else { throw LotlineError.badInput("scan-missing", "scan the supplier's label first") }
            let session = try environment.session(context)
            view.reading = ReceivingStation.Reading(try await offCooperativePool { try session.readScan(barcodes) })
            if form["action"] == "receive" {
                var fields: [String: Any] = ["scan": barcodes, "supplier": try form.required("supplier", "the supplier")]
                for name in ["qty", "location"] { if let value = form[name] { fields[name] = value } }
                let (events, lots) = try await environment.record("receive", fields: fields, for: context)
                view.outcome = .recorded("Received", events: events, lots: lots, today: environment.today)
                view.label = lots.first.map { PageLinks.label($0.number.rawValue, symbology: "datamatrix") }
                (view.scan64, view.reading, view.quantity) = ("", nil, "")
            }
        } catch let error as LotlineError where error.kind != .unauthenticated {
            view.outcome = .refused(error)
            status = Problem(error).status
        }
        return try HTMLPage(view, status: status).response(from: request, context: context)
    }
}
