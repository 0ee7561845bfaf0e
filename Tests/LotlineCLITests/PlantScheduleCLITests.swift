import Foundation
import LotlineCLI
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `lotline schedule` on a small plant, checked from its JSON by rules written here, apart from the scheduler: no
/// machine runs two operations at once, each runs inside its center's shifts and outside downtime, each order's
/// operations run in sequence, started operations stay where they are, and what cannot be placed says why.
@Suite struct PlantScheduleCLITests {
    /// The harness's clock is Friday 2026-11-27 10:00 UTC. Lathes work Mon-Fri 06:00-14:00; the mill around the clock,
    /// except 10:00-12:00 today.
    static func plant() throws -> CLIHarness {
        let cli = try CLIHarness.plant()
        for (code, name) in [("L1", "Lathe 1"), ("L2", "Lathe 2"), ("M1", "Mill 1")] { try cli.ok("equipment", "add", code, "--name", name) }
        try cli.ok("reason", "add", "MAINT", "--description", "Maintenance")
        try cli.ok("operator", "add", "JDOE", "--name", "Jane Doe")
        try cli.ok("workcenter", "set", "LATHES", "--name", "Turning", "--machine", "L1", "--machine", "L2")
        try cli.ok("workcenter", "set", "MILLS", "--name", "Milling", "--machine", "M1")
        try cli.ok("workcenter", "shifts", "LATHES", "--shift", "mon-fri 06:00-14:00")
        try cli.ok("workcenter", "downtime", "MILLS", "--from", "2026-11-27T10:00Z", "--to", "2026-11-27T12:00Z", "--reason", "MAINT")
        for item in ["PART-A", "PART-B", "PART-C"] { try cli.ok("item", "add", item, "--description", item, "--uom", "ea") }
        try cli.ok("routing", "add", "PART-A", "10", "--name", "Turn", "--work-center", "LATHES", "--setup", "30", "--run", "10")
        try cli.ok("routing", "add", "PART-A", "20", "--name", "Mill", "--work-center", "MILLS", "--setup", "15", "--run", "5", "--alt", "LATHES")
        try cli.ok(
            "routing", "add", "PART-A", "30", "--name", "Heat treat", "--work-center", "OUTSIDE", "--special-process", "HEAT-TREAT", "--setup", "1440"
        )
        try cli.ok("routing", "add", "PART-B", "10", "--name", "Weld", "--work-center", "WELDING", "--setup", "10", "--run", "1")
        try cli.ok("routing", "add", "PART-B", "20", "--name", "Turn", "--work-center", "LATHES", "--setup", "10", "--run", "1")
        try cli.ok("routing", "add", "PART-C", "10", "--name", "Turn", "--work-center", "LATHES")
        for (item, qty) in [("PART-A", "3"), ("PART-A", "5"), ("PART-B", "1"), ("PART-C", "1"), ("PART-A", "2")] {
            try cli.ok("wo", "create", item, qty)
        }
        for number in ["WO26-0001", "WO26-0002", "WO26-0003", "WO26-0004", "WO26-0005"] { try cli.ok("wo", "release", number) }
        // The last order's turning started now on L1.
        try cli.ok("op", "start", "WO26-0005", "10", "--equipment", "L1", "--operator", "JDOE")
        return cli
    }

    struct Placed {
        var order: String
        var seq: Int
        var machine: String?
        var start: Date
        var end: Date
        var fixed: String?
    }

    static func schedule(_ cli: CLIHarness, _ arguments: String...) throws -> (placed: [Placed], unscheduled: [String: String]) {
        let output = try cli.ok(["schedule"] + arguments + ["--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let schedule = try #require(object["schedule"] as? [String: Any])
        let formatter = ISO8601DateFormatter()
        let placed = try (schedule["operations"] as? [[String: Any]] ?? []).map { op in
            Placed(
                order: op["work_order"] as! String, seq: op["seq"] as! Int, machine: op["machine"] as? String,
                start: try #require(formatter.date(from: op["start"] as! String)), end: try #require(formatter.date(from: op["end"] as! String)),
                fixed: op["fixed"] as? String)
        }
        var unscheduled: [String: String] = [:]
        for op in schedule["unscheduled"] as? [[String: Any]] ?? [] { unscheduled["\(op["work_order"]!) \(op["seq"]!)"] = op["reason"] as? String }
        return (placed, unscheduled)
    }

    /// Resin for coated parts (1 kg per part at their first operation, on the mill) and lots of it received from
    /// Northstar, as (supplier lot, quantity, expiry): their lot numbers, in that order. `resin` adds options to the item.
    static func coated(_ cli: CLIHarness, resin: [String] = [], lots: [(String, String, String?)]) throws -> [String] {
        try cli.ok(["item", "add", "RESIN", "--description", "Resin", "--uom", "kg"] + resin)
        try cli.ok("item", "add", "COATED", "--description", "Coated part", "--uom", "ea")
        try cli.ok("bom", "add", "COATED", "RESIN", "1")
        try cli.ok("routing", "add", "COATED", "10", "--name", "Coat", "--work-center", "MILLS", "--setup", "10", "--run", "2")
        return try lots.map { lot, qty, expires in
            let received = try cli.ok(
                ["receive", "RESIN", qty, "--supplier", "NORTHSTAR", "--supplier-lot", lot, "--location", "RCV", "--json"]
                    + (expires.map { ["--expires", $0] } ?? []))
            return try #require(
                (try JSONSerialization.jsonObject(with: Data(received.utf8)) as? [String: Any]).flatMap {
                    ($0["lots"] as? [[String: Any]])?.first?["number"] as? String
                })
        }
    }

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func theScheduleKeepsEveryRuleOfThePlant() throws {
        let cli = try Self.plant()
        let (placed, unscheduled) = try Self.schedule(cli, "--iterations", "3000")
        // Every operation of the three PART-A orders is placed (the started one fixed where it is).
        for order in ["WO26-0001", "WO26-0002", "WO26-0005"] {
            #expect(Set(placed.filter { $0.order == order }.map(\.seq)) == [10, 20, 30], "\(order)")
        }
        let started = try #require(placed.first { $0.order == "WO26-0005" && $0.seq == 10 })
        #expect(started.fixed == "started")
        #expect(started.machine == "L1")
        #expect(started.start == Self.at("2026-11-27T10:00:00Z"))
        #expect(started.end == Self.at("2026-11-27T10:50:00Z"))  // 30 + 2 x 10 minutes
        // Durations: setup + run x quantity.
        let turn = try #require(placed.first { $0.order == "WO26-0002" && $0.seq == 10 })
        #expect(turn.end.timeIntervalSince(turn.start) == 80 * 60)
        // Nothing at once on a machine.
        for machine in Set(placed.compactMap(\.machine)) {
            let ordered = placed.filter { $0.machine == machine }.sorted { $0.start < $1.start }
            for (earlier, later) in zip(ordered, ordered.dropFirst()) { #expect(later.start >= earlier.end, "\(machine): \(earlier) and \(later)") }
        }
        // Lathe work (not the started one) inside Mon-Fri 06:00-14:00 UTC; nothing moved starts before now.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        for op in placed where op.fixed == nil {
            #expect(op.start >= Self.at("2026-11-27T10:00:00Z"))
            if op.machine == "L1" || op.machine == "L2" {
                let day = utc.startOfDay(for: op.start)
                let weekday = utc.component(.weekday, from: op.start)
                #expect((2...6).contains(weekday), "\(op)")
                #expect(op.start >= day.addingTimeInterval(6 * 3600) && op.end <= day.addingTimeInterval(14 * 3600), "\(op)")
            }
            if op.machine == "M1" {
                #expect(op.end <= Self.at("2026-11-27T10:00:00Z") || op.start >= Self.at("2026-11-27T12:00:00Z"), "\(op)")
            }
        }
        // Each order's operations in sequence.
        for order in Set(placed.map(\.order)) {
            let ops = placed.filter { $0.order == order }.sorted { $0.seq < $1.seq }
            for (earlier, later) in zip(ops, ops.dropFirst()) { #expect(later.start >= earlier.end, "\(order)") }
        }
        // What cannot be placed says why, and what follows it waits.
        #expect(unscheduled["WO26-0003 10"] == "work center WELDING is not defined (it has no machines to schedule on)")
        #expect(unscheduled["WO26-0003 20"] == "after operation 10, which is not scheduled")
        #expect(unscheduled["WO26-0004 10"] == "its routing operation has no setup or run time")
        try cli.ok("audit", "verify", "--projections")
    }

    @Test func theSamePlantAndIterationsGiveTheSameScheduleAndEachRunIsANewVersion() throws {
        let cli = try Self.plant()
        let first = try Self.schedule(cli, "--iterations", "2000", "--seed", "5")
        let second = try Self.schedule(cli, "--iterations", "2000", "--seed", "5")
        #expect(first.placed.map { "\($0)" } == second.placed.map { "\($0)" })
        let shown = try cli.ok("schedule", "show")
        #expect(shown.hasPrefix("Schedule version 2 from 2026-11-27 10:00, 14 days\n"))
    }

    /// Resin lots: R1 expires first, R2 later, R3 in four days (too soon for a 10-day minimum at use); a coated part takes
    /// 1 kg of resin per unit at its first operation.
    @Test func materialIsAllocatedFirstExpiringFirstAndAHoldMovesItToTheNextLot() throws {
        let cli = try Self.plant()
        let resin = try Self.coated(
            cli, resin: ["--shelf-life", "180", "--min-shelf-life", "10"],
            lots: [("NS-R2", "20", "2027-03-01"), ("NS-R1", "10", "2026-12-20"), ("NS-R3", "50", "2026-12-01")])
        let (r2, r1, r3) = (resin[0], resin[1], resin[2])
        try cli.ok("wo", "create", "COATED", "3")
        try cli.ok("wo", "release", "WO26-0006")
        let first = try cli.ok("schedule", "--iterations", "500", "--json")
        #expect(first.contains("\"lot\" : \"\(r1)\""))
        let available = try cli.ok("lot", "available", "RESIN")
        #expect(available.hasPrefix("RESIN at 2026-11-27T10:00:00+00:00: 27 kg usable and free (needs 10 days of shelf life left)\n"), "\(available)")
        #expect(available.contains("\(r1)  released  2026-12-20  10 kg    3 kg       7 kg   yes"), "\(available)")
        #expect(available.contains("no: expires on 2026-12-01, less than 10 days after use on 2026-11-27"), "\(available)")
        // The hold answers at once: the operation that was to use it, now from the next lot in a new schedule version.
        let held = try cli.ok("lot", "hold", r1, "--reason", "QC-HOLD")
        let lines = held.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(held)")
        #expect(lines.first == "Hold \(r1): released -> on_hold (QC-HOLD)")
        #expect(lines.dropFirst().first == "Scheduled to use it (schedule version 2 re-allocates):")
        #expect(
            lines.last?.hasPrefix("  WO26-0006 op 10 on M1 2026-11-27 ") == true && lines.last?.hasSuffix(": 3 kg -> now from \(r2) 3 kg") == true,
            "\(held)")
        let shown = try cli.ok("schedule", "show")
        #expect(shown.hasPrefix("Schedule version 2 ") && shown.contains("\(r2) 3 kg") && !shown.contains(r1), "\(shown)")
        let second = try cli.ok("schedule", "--iterations", "500", "--json")
        #expect(!second.contains("\"lot\" : \"\(r1)\""))
        #expect(second.contains("\"lot\" : \"\(r2)\""))
        #expect(!second.contains("\"lot\" : \"\(r3)\""))
        // Nothing usable left for a big order: it is not scheduled, and the reason names what there is.
        try cli.ok("wo", "create", "COATED", "40")
        try cli.ok("wo", "release", "WO26-0007")
        let (_, unscheduled) = try Self.schedule(cli, "--iterations", "500")
        #expect(
            unscheduled["WO26-0007 10"]
                == "no usable material: RESIN short by 23 kg (50 kg expired or too close to expiry, 10 kg on hold)")
        try cli.ok("audit", "verify", "--projections")
    }

    /// Two orders of coated parts: the first allocated the first-expiring lot, the second the next. A hold on the first
    /// lot moves exactly the first order's material; every place, the started operation's included, stays where it was.
    @Test func aHoldReallocatesExactlyTheAffectedJobsAndMovesNothing() throws {
        let cli = try Self.plant()
        let lots = try Self.coated(cli, lots: [("NS-R1", "3", "2027-01-01"), ("NS-R2", "10", "2027-02-01")])
        for qty in ["3", "4"] { try cli.ok("wo", "create", "COATED", qty) }
        for number in ["WO26-0006", "WO26-0007"] { try cli.ok("wo", "release", number) }
        let before = try Self.schedule(cli, "--iterations", "500")
        let first = try cli.ok("schedule", "show", "--format", "json")
        #expect(first.contains("\"lot\" : \"\(lots[0])\""))
        try cli.ok("lot", "hold", lots[0], "--reason", "QC-HOLD")
        let after = try cli.ok("schedule", "show", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 2)
        let operations = try #require(object["operations"] as? [[String: Any]])
        func allocations(_ order: String) -> [String] {
            (operations.first { $0["work_order"] as? String == order }?["allocations"] as? [[String: Any]] ?? []).map {
                "\($0["lot"]!) \(($0["quantity"] as? [String: Any])?["amount"] ?? $0["quantity"]!)"
            }
        }
        let beforeObject = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let beforeOperations = try #require(beforeObject["operations"] as? [[String: Any]])
        func allocationsBefore(_ order: String) -> [String] {
            (beforeOperations.first { $0["work_order"] as? String == order }?["allocations"] as? [[String: Any]] ?? []).map {
                "\($0["lot"]!) \(($0["quantity"] as? [String: Any])?["amount"] ?? $0["quantity"]!)"
            }
        }
        let affected = beforeOperations.filter { op in (op["allocations"] as? [[String: Any]] ?? []).contains { $0["lot"] as? String == lots[0] } }
            .compactMap { $0["work_order"] as? String }
        #expect(affected.count == 1)
        for order in ["WO26-0006", "WO26-0007"] where !affected.contains(order) {
            #expect(allocations(order) == allocationsBefore(order), "\(order) was not affected and keeps its lots")
        }
        #expect(allocations(affected[0]).allSatisfy { $0.hasPrefix(lots[1]) } && !allocations(affected[0]).isEmpty)
        // Every place is where it was.
        let places = operations.map { "\($0["work_order"]!) \($0["seq"]!) \($0["machine"] ?? "-") \($0["start"]!) \($0["end"]!)" }.sorted()
        let placesBefore = before.placed.map { "\($0.order) \($0.seq) \($0.machine ?? "-") \($0.start) \($0.end)" }
        #expect(places.count == placesBefore.count)
        let started = try #require(operations.first { $0["fixed"] as? String == "started" })
        #expect(started["work_order"] as? String == "WO26-0005" && started["machine"] as? String == "L1")
        let beforeTimes = beforeOperations.map { "\($0["work_order"]!) \($0["seq"]!) \($0["machine"] ?? "-") \($0["start"]!) \($0["end"]!)" }.sorted()
        #expect(places == beforeTimes)
    }

    /// A hold on a lot already issued, consumed and made into something: the order holding it and what was made from
    /// it are in the answer, for people to deal with.
    @Test func aHoldNamesTheOrdersHoldingTheLotAndWhatWasMadeFromIt() throws {
        let cli = try Self.plant()
        let resin = try Self.coated(cli, lots: [("NS-R9", "20", nil)])[0]
        try cli.ok("wo", "create", "COATED", "5")
        try cli.ok("wo", "release", "WO26-0006")
        try cli.ok("issue", resin, "5", "--wo", "WO26-0006")
        try cli.ok("op", "start", "WO26-0006", "10", "--equipment", "M1", "--operator", "JDOE")
        try cli.ok("op", "consume", "WO26-0006", "10", resin, "2")
        let made = try cli.ok("produce", "WO26-0006", "2", "--json")
        let output = try #require(
            (try JSONSerialization.jsonObject(with: Data(made.utf8)) as? [String: Any]).flatMap {
                ($0["lots"] as? [[String: Any]])?.first?["number"] as? String
            })
        let held = try cli.ok("lot", "hold", resin, "--reason", "QC-HOLD")
        #expect(
            held == """
                Hold \(resin): released -> on_hold (QC-HOLD)
                Already at work orders (for a person to deal with):
                  WO26-0006: 3 kg still there, 2 kg consumed
                Already made from it: \(output) [exact]
                """ + "\n", "\(held)")
        let json = try cli.ok("lot", "release", resin, "--reason", "QC-HOLD")
        #expect(json.hasPrefix("Release"))
    }

    /// The floor moves on between schedules: a hold after an operation was completed still answers (the completed
    /// operation drops out of the new version), and two operations started on one machine do not stop the next schedule.
    @Test func holdsAndSchedulesFollowTheFloorAsItIs() throws {
        let cli = try Self.plant()
        let resin = try Self.coated(cli, lots: [("NS-R1", "20", nil)])[0]
        try cli.ok("wo", "create", "COATED", "3")
        try cli.ok("wo", "release", "WO26-0006")
        try cli.ok("schedule", "--iterations", "300")
        try cli.ok("op", "complete", "WO26-0005", "10", "--good", "2")
        let held = try cli.ok("lot", "hold", resin, "--reason", "QC-HOLD")
        #expect(held.contains("Scheduled to use it (schedule version 2 re-allocates):"), "\(held)")
        #expect(held.contains("cannot schedule: no usable material: RESIN short by 3 kg (20 kg on hold)"), "\(held)")
        #expect(!(try cli.ok("schedule", "show")).contains("WO26-0005   10"))
        try cli.ok("op", "start", "WO26-0001", "10", "--equipment", "L1", "--operator", "JDOE")
        try cli.ok("op", "start", "WO26-0002", "10", "--equipment", "L1", "--operator", "JDOE")
        let (placed, _) = try Self.schedule(cli, "--iterations", "300")
        #expect(placed.filter { $0.fixed == "started" && $0.machine == "L1" }.count == 2)
    }

    @Test func theGanttChartHasARowPerMachineABarPerOperationAndANowLine() throws {
        let cli = try Self.plant()
        let (placed, _) = try Self.schedule(cli, "--iterations", "500")
        let svg = try cli.ok("schedule", "show", "--format", "svg")
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "well-formed XML")
        #expect(svg.components(separatedBy: "<title>").count - 1 == placed.count)
        for row in ["LATHES / L1", "LATHES / L2", "MILLS / M1", "OUTSIDE / outside"] { #expect(svg.contains(">\(row)</text>"), "\(row)") }
        #expect(svg.contains("stroke-dasharray"), "the started operation is drawn as fixed")
        #expect(svg.contains(">now</text>"))
    }

    @Test func workThatDoesNotFitTheHorizonIsUnscheduledWithTheReason() throws {
        let cli = try Self.plant()
        try cli.ok("wo", "create", "PART-A", "100")
        try cli.ok("wo", "release", "WO26-0006")
        let (_, unscheduled) = try Self.schedule(cli, "--horizon", "1", "--iterations", "500")
        // 30 + 1,000 minutes of turning; the lathes work four more hours today and not tomorrow (Saturday).
        #expect(unscheduled["WO26-0006 10"] == "no capacity at LATHES within the 1-day horizon for its 1030 minutes")
        #expect(unscheduled["WO26-0006 20"] == "after operation 10, which is not scheduled")
    }

    @Test func theFrozenWindowKeepsThePreviousPlacesOfWhatStartsInIt() throws {
        let cli = try Self.plant()
        let before = try Self.schedule(cli, "--iterations", "1000")
        try cli.ok("wo", "create", "PART-A", "1")
        try cli.ok("wo", "release", "WO26-0006")
        let after = try Self.schedule(cli, "--iterations", "1000", "--seed", "9", "--frozen", "4")
        #expect(before.placed.filter { $0.fixed == nil && $0.start < Self.at("2026-11-27T14:00:00Z") }.count >= 3)
        for op in before.placed where op.fixed == nil && op.start < Self.at("2026-11-27T14:00:00Z") {
            let kept = try #require(after.placed.first { $0.order == op.order && $0.seq == op.seq })
            #expect(kept.fixed == "frozen", "\(op)")
            #expect(kept.start == op.start && kept.end == op.end && kept.machine == op.machine)
        }
    }

    @Test func badOptionsAreRefusedAndNothingIsPublished() throws {
        let cli = try Self.plant()
        let before = try cli.eventCount()
        for arguments in [["--horizon", "0"], ["--horizon", "400"], ["--frozen", "999"], ["--seconds", "0"]] {
            #expect(cli.run(["schedule"] + arguments).exitCode == 65, "\(arguments)")
        }
        #expect(cli.run("schedule", "show").exitCode == 66)
        #expect(try cli.eventCount() == before)
    }
}
