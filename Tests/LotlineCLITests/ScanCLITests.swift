import BarcodeDecoding
import Foundation
import GS1
import LotlineCLI
import LotlineCore
import Testing

/// Scans, labels and RFID through the CLI, as a user at a station would use them, on the demo plant.
@Suite struct ScanCLITests {
    /// The demo plant, built through `lotline demo`, with its labels beside the database.
    static func demo() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.ok("demo")
        return cli
    }

    @Test func theDemosLabelsDecodeAndScanBackToTheirLots() throws {
        let cli = try Self.demo()
        let folder = cli.directory.appendingPathComponent("plant-labels")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 6)
        #expect(Set(names.map { ($0 as NSString).pathExtension }) == ["svg", "zpl"])
        let files = try names.map { name in
            ((name as NSString).pathExtension, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        let decoded = try BarcodeDecoder.decode(files: files)
        for (name, read) in zip(names, decoded) {
            let read = try #require(read, "\(name) did not decode")
            // The file is named after its lot; scanning what the decoder read finds that lot.
            let output = try cli.ok("scan", read.symbologyIdentifier + read.text, "--json")
            let reading = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let found = (reading?["lot"] as? [String: Any])?["number"] as? String
            #expect(found.map { name.hasPrefix($0 + "-") } == true, "\(name): \(output)")
        }
    }

    @Test func aLabelIsWrittenThroughALinkNotOverIt() throws {
        let cli = try Self.demo()
        let target = cli.directory.appendingPathComponent("printer-queue.svg")
        let link = cli.directory.appendingPathComponent("current-label.svg")
        try Data().write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try cli.ok("label", "SN-000003", "--symbology", "qr", "--output", link.path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("SERIAL SN-000003"))
    }

    @Test func aReceiptScanThatDisagreesIsRefusedAndWritesNothing() throws {
        let cli = try Self.demo()
        let before = try cli.eventCount()
        let label = "(01)09521234540014(17)270131(3100)000040(10)B-9000"
        let refused = cli.run(["receive", "--scan", label, "--supplier", "CHEMCO", "--expires", "2027-01-30"])
        #expect(refused.exitCode == 67)
        #expect(refused.stderr.contains("scan-disagrees") && refused.stderr.contains("2027-01-31"))
        #expect(try cli.eventCount() == before)
        // With the label naming the item, the one argument given is the quantity.
        let received = try cli.ok("receive", "--scan", label, "40kg", "--supplier", "CHEMCO", "--expires", "2027-01-31")
        #expect(received.contains("40 kg EPOXY-A from CHEMCO lot B-9000"))
        #expect(received.contains("expires 2027-01-31"))
    }

    @Test func rfidReadsNameTheirUnitsAndRecordAnObservation() throws {
        let cli = try Self.demo()
        let tag = try SGTIN(gtin: "09521234540021", companyPrefixLength: 7, serial: "SN-000003", filter: 1)
        let pump = try tag.encode(.sgtin198)
        let stranger = try SGTIN(gtin: "09521234543213", companyPrefixLength: 7, serial: "77", filter: 1).encode(.sgtin96)
        // What to write on the pump's tag is what a reader of it reports.
        let encoded = try cli.ok("rfid", "encode", "SN-000003", "--company-prefix-length", "7").split(separator: "\n").map(String.init)
        #expect(encoded == [pump, tag.pureIdentityURI, try tag.tagURI(.sgtin198)])
        let numeric = cli.run(["rfid", "encode", "SN-000003", "--company-prefix-length", "7", "--scheme", "sgtin-96"])
        #expect(numeric.exitCode == 65 && numeric.stderr.contains("epc-invalid"))
        #expect(cli.run(["rfid", "encode", "ST-4140-NOPE", "--company-prefix-length", "7"]).exitCode == 66)
        // An SGTIN names one unit: a lot of four valves has none; serials are case-sensitive.
        let valveLot = String(try cli.ok("lot", "list", "--item", "VALVE-V20").split(separator: "\n")[1].prefix { $0 != " " })
        let valves = cli.run(["rfid", "encode", valveLot, "--company-prefix-length", "7"])
        #expect(valves.exitCode == 67 && valves.stderr.contains("not-a-serial-unit"), "\(valveLot): \(valves.stderr)")
        let lower = try SGTIN(gtin: "09521234540021", companyPrefixLength: 7, serial: "sn-000003", filter: 1).encode(.sgtin198)
        #expect(try cli.ok("rfid", lower).contains("not here"))
        let read = try cli.ok("rfid", pump, stranger)
        #expect(read.contains(tag.pureIdentityURI))
        #expect(read.contains("PUMP-P100") && read.contains("SN-000003") && read.contains("not here"))
        let before = try cli.eventCount()
        // The same unit read through two encodings (company prefix length 7 and 8 give two EPCs) is seen once.
        let other = try SGTIN(gtin: "09521234540021", companyPrefixLength: 8, serial: "SN-000003", filter: 1).encode(.sgtin198)
        let recorded = try cli.ok("rfid", "record", pump, pump, other, stranger, "--reader", "PORTAL-1", "--location", "FG")
        #expect(recorded.contains("Saw 1 unit(s) at FG: SN-000003"))
        #expect(recorded.contains("1 tag(s) name no unit here"))
        #expect(try cli.eventCount() == before + 1)
        #expect(try cli.ok("history", "SN-000003").contains("lot.observed"))
        // A read that is no SGTIN refuses the batch, naming the read and the rule, and writes nothing.
        let bad = cli.run(["rfid", "record", pump, "31" + String(pump.dropFirst(2)), "--reader", "PORTAL-1"])
        #expect(bad.exitCode == 65)
        #expect(bad.stderr.contains("epc-invalid") && bad.stderr.contains("read 2"))
        #expect(try cli.eventCount() == before + 1)
    }
}
