import BarcodeDecoding
import Foundation
import GS1
import LotlineCore
import LotlineStore
import Testing

@testable import LotlineApp

/// Every label these tests make, in every symbology and both formats, is read back by an independent decoder (zxing-cpp,
/// the SVG drawn by cairosvg, the ZPL graphic field drawn dot by dot) to exactly the data that went in; the data read
/// back then scans to the same lot.
@Suite struct LabelTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = Date(timeIntervalSince1970: 1_796_300_000)
    static let gs = "\u{1D}"

    let store: LotlineStore
    let session: Session

    init() throws {
        store = try LotlineStore.inMemory()
        session = Session(backend: store, actor: "rex", now: Self.now, timeZone: Self.utc)
        for (part, unit, gtin, shelfLife, scheme) in [
            ("RESIN-A", "kg", "09521234543213", 180, nil), ("CAP-7", "ea", "09521234543220", nil, nil), ("PLAIN", "m", nil, nil, nil),
            // Lot numbers of 20 characters, the most (10) takes.
            ("LONG-A", "kg", "09521234543244", 180, "R-LONG-LOT-NUMB-{SEQ:4}"),
        ] as [(String, String, String?, Int?, String?)] {
            var item = AddItem(part: part, description: "Item \(part)", unit: unit)
            item.gtin = gtin
            item.shelfLifeDays = shelfLife
            item.lotScheme = scheme
            _ = try session.record(item)
        }
        _ = try session.record(AddSupplier(code: "ACME", name: "Acme", approved: true))
    }

    func receive(_ item: String, _ quantity: String) throws -> String {
        try session.record(Receive(item: item, quantity: quantity, supplier: "ACME", supplierLot: "S-1")).outcome.lot.rawValue
    }

    /// Each label in both formats, decoded: the symbology identifier and the bytes zxing read.
    func decoded(_ label: LotLabel) throws -> [BarcodeDecoder.Decoded?] {
        try BarcodeDecoder.decode(files: [("svg", Array(label.svg().utf8)), ("zpl", Array(label.zpl().utf8))])
    }

    @Test(arguments: LabelSymbology.allCases)
    func everyLabelDecodesToTheDataThatWentIn(symbology: LabelSymbology) throws {
        let lots = [
            try receive("RESIN-A", "25.5kg"), try receive("LONG-A", "0.125kg"), try receive("CAP-7", "12"),
            try receive("PLAIN", "3.5"),
        ]
        for lot in lots {
            if symbology == .gs1128 && lot.count == 20 { continue }  // 56 characters: refused below
            let label = try session.label(for: lot, symbology: symbology)
            let expectedIdentifier: String
            switch (symbology, label.gs1) {
            case (.gs1128, true): expectedIdentifier = "]C1"
            case (.gs1128, false): expectedIdentifier = "]C0"
            case (.datamatrix, true): expectedIdentifier = "]d2"
            case (.datamatrix, false): expectedIdentifier = "]d1"
            case (.qr, _): expectedIdentifier = "]Q1"
            }
            for read in try decoded(label) {
                #expect(read?.symbologyIdentifier == expectedIdentifier, "\(lot) \(symbology)")
                #expect(read?.text == label.data, "\(lot) \(symbology)")
                // What the decoder read scans back to the lot the label is of.
                let scanned = try session.readScan([(read?.symbologyIdentifier ?? "") + (read?.text ?? "")])
                #expect(scanned.lot?.number == lot, "\(lot) \(symbology): \(scanned.lotProblem ?? "")")
            }
        }
    }

    @Test func theDataSaysGTINExpiryQuantityAndLot() throws {
        let resin = try receive("RESIN-A", "25.5kg")
        let label = try session.label(for: resin, symbology: .gs1128)
        // Expiry: receipt (2026-12-03) plus 180 days of shelf life; 25.5 kg as (3101) with one decimal; (10) last.
        #expect(label.humanReadable == "(01)09521234543213(17)270601(3101)000255(10)\(resin)")
        #expect(label.data == "0109521234543213" + "17270601" + "3101000255" + "10" + resin)
        let caps = try session.label(for: try receive("CAP-7", "12"), symbology: .datamatrix)
        #expect(caps.data.hasPrefix("0109521234543220" + "3012" + Self.gs + "10"))
        let qr = try session.label(for: resin, symbology: .qr, domain: "https://labels.example.com/")
        #expect(qr.data == "https://labels.example.com/01/09521234543213/10/\(resin)?17=270601&3101=000255")
        // No GTIN: the lot number as plain data, which a scan reads as our own label.
        let plain = try receive("PLAIN", "3.5")
        #expect(try session.label(for: plain, symbology: .gs1128).data == plain)
    }

    @Test func theTextOfTheLabelAndItsDocumentsAreWellFormed() throws {
        let resin = try receive("RESIN-A", "25.5kg")
        let label = try session.label(for: resin, symbology: .datamatrix)
        let svg = label.svg()
        #expect(svg.contains("<text x=\"16\" y=\"32\">RESIN-A  Item RESIN-A</text>"))
        #expect(svg.contains("LOT \(resin)"))
        #expect(svg.contains("QTY 25.5 kg"))
        #expect(svg.contains("EXP 2027-06-01"))
        // The human-readable data, broken before an AI where a line would be too long.
        #expect(svg.contains(">(01)09521234543213(17)270601(3101)000255</text>"))
        #expect(svg.contains(">(10)\(resin)</text>"))
        let zpl = label.zpl()
        #expect(zpl.hasPrefix("^XA\n") && zpl.hasSuffix("^XZ\n"))
        #expect(zpl.contains("^FDLOT \(resin)^FS"))
    }

    @Test func longDataBreaksWhereAReaderExpects() {
        #expect(LotLabel.chunks("(01)09521234543213(10)ABC", width: 20) == ["(01)09521234543213", "(10)ABC"])
        #expect(LotLabel.chunks("https://id.gs1.org/01/09521234543213", width: 20) == ["https://id.gs1.org/", "01/09521234543213"])
        #expect(LotLabel.chunks(String(repeating: "X", count: 25), width: 10) == ["XXXXXXXXXX", "XXXXXXXXXX", "XXXXX"])
    }

    @Test func whatALabelCannotCarryIsRefusedByName() throws {
        let long = try receive("LONG-A", "0.125kg")
        // (01) 16 + (17) 8 + (3103) 10 + (10) 22 characters: over GS1-128's 48; a DataMatrix carries it.
        let error = #expect(throws: LotlineError.self) { try session.label(for: long, symbology: .gs1128) }
        #expect(error?.code == "label-too-long")
        #expect(error?.message.contains("datamatrix") == true)
        #expect(try session.label(for: long, symbology: .datamatrix).humanReadable.hasSuffix("(10)R-LONG-LOT-NUMB-0001"))
        let missing = #expect(throws: LotlineError.self) { try session.label(for: "NO-SUCH-LOT", symbology: .qr) }
        #expect(missing?.code == "lot-not-found")
        for domain in ["ftp://example.com", "https://example.com?x=1", "https://example.com#a", "example.com", "https://"] {
            let error = #expect(throws: LotlineError.self) { try session.label(for: long, symbology: .qr, domain: domain) }
            #expect(error?.code == "domain-invalid", "\(domain)")
        }
    }

    @Test func aLongLotNumberIsPrintedWhole() throws {
        let long = try receive("LONG-A", "0.125kg")
        var described = ChangeItem(part: "LONG-A")
        described.description = "Two-part structural epoxy, 50 ml cartridge, grey, low odour"
        _ = try session.record(described)
        let svg = try session.label(for: long, symbology: .datamatrix).svg()
        // The label is wide enough for its longest line: 16 px monospace text needs under 10 px a character.
        let width = Int(svg.split(separator: "width=\"")[1].prefix { $0 != "\"" }) ?? 0
        #expect(width >= 32 + "LONG-A  \(described.description!)".count * 10)
        #expect(svg.contains(">LOT \(long)</text>"))
    }

    @Test func aSerialTrackedItemReceivedInBulkIsLabelledAsALot() throws {
        var item = AddItem(part: "SER-9", description: "Serial-tracked, bought in", unit: "ea")
        item.tracking = .serial
        item.gtin = "09521234543251"
        _ = try session.record(item)
        let lot = try receive("SER-9", "5")
        let label = try session.label(for: lot, symbology: .gs1128)
        #expect(!label.serial)
        #expect(label.humanReadable == "(01)09521234543251(30)5(10)\(lot)")
    }
}
