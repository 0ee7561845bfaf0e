import Foundation
import GRDB
import LotlineCore
import Testing

@testable import LotlineStore

/// Electronic signatures in the ledger: required where Part 11 needs them once there are users, bound to the exact
/// event they sign, shown beside it, and found out by `audit verify` when moved onto another record.
@Suite struct SignatureBindingTests {
    /// A plant whose `tester` is now a user (admin, quality), with a second user `quincy` (quality), and a lot on hold.
    func plant() throws -> (TestPlant, LotNumber) {
        let plant = try TestPlant()
        let lot = try plant.receive("100", item: "BOLT")
        for (name, full, roles) in [("tester", "Tess Tester", ["admin", "quality"]), ("quincy", "Quincy Q", ["quality"])] {
            _ = try plant.sqlite.execute(
                AddUser(name: name, fullName: full, roles: roles), actor: "tester", at: TestPlant.now, timeZone: TestPlant.utc,
                alongside: .password(UserName(rawValue: name), hash: "not checked here"))
        }
        try plant.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC"))
        return (plant, lot)
    }

    func sign(_ plant: TestPlant, _ command: some LotlineCommand, as actor: String = "tester", _ meaning: SignatureMeaning = .approved) throws
        -> [LedgerEvent]
    {
        try plant.sqlite.execute(command, actor: actor, at: TestPlant.now, timeZone: TestPlant.utc, signing: meaning).events
    }

    @Test func aReleaseNeedsASignatureOnceThereAreUsersAndTheSignatureIsBoundToIt() throws {
        let (plant, lot) = try plant()
        let before = try plant.store.eventCount()
        let release = ChangeLotStatus(lot: lot.rawValue, action: .release, reason: "QC", note: "re-measured: in tolerance")
        do {
            _ = try plant.run(release)
            Issue.record("an unsigned release was recorded")
        } catch let error as LotlineError {
            #expect(error.code == "signature-required" && error.kind == .forbidden)
        }
        #expect(try plant.store.eventCount() == before)
        let events = try sign(plant, release)
        #expect(events.map(\.type) == ["lot.status_changed", "record.signed"])
        let signature = try #require(try events[1].body() as? RecordSigned)
        #expect(signature.signs == events[0].seq && signature.signsHash == events[0].hash && signature.signsType == "lot.status_changed")
        #expect(signature.printedName == "Tess Tester" && signature.meaning == .approved && signature.lots == [lot])
        // It shows wherever the record shows: the lot's history and the lot itself.
        #expect(try plant.store.history(lot.rawValue).events.map(\.type).suffix(2) == ["lot.status_changed", "record.signed"])
        #expect(try plant.store.lotDetail(lot.rawValue).signatures.map(\.printedName) == ["Tess Tester"])
        #expect(try plant.store.verify().ok)
        let live = try plant.store.projectionDump()
        _ = try plant.store.rebuild()
        #expect(try plant.store.projectionDump() == live)
        // A hold needs none; an import signs nothing, so what needs a signature is refused in one.
        #expect(!(try plant.sqlite.withState { try ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC").requiresSignature(in: $0) }))
    }

    @Test func aSignatureMovedOntoAnotherRecordIsFoundEvenWhenTheChainIsRecomputed() throws {
        let (plant, lot) = try plant()
        let other = try #require(try plant.store.history(lot.rawValue).events.first { $0.type == "lot.status_changed" }, "the hold")
        let signed = try sign(plant, ChangeLotStatus(lot: lot.rawValue, action: .release, reason: "QC"))
        try plant.run(AddNamedRecord<ReasonKind>(code: "LATE", name: "After the move"))
        // The attacker points the signature at the earlier hold (same signer, same lot) and re-hashes the chain from there.
        try plant.sqlite.write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete")
            var events = try Ledger.events(db, where: "seq >= ?", arguments: [signed[1].seq])
            events[0].payload = events[0].payload.replacingOccurrences(of: "\"signs\":\(signed[0].seq)", with: "\"signs\":\(other.seq)")
            var previous = signed[1].prevHash
            for index in events.indices {
                events[index].prevHash = previous
                events[index].hash = HashChain.hash(events[index])
                previous = events[index].hash
                try db.execute(
                    sql: "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    arguments: [events[index].payload, events[index].prevHash, events[index].hash, events[index].seq])
            }
            try db.execute(sql: "UPDATE ledger_head SET hash = ?", arguments: [previous])
        }
        let report = try plant.store.verify()
        #expect(!report.ok && report.breach == .signature && report.seq == signed[1].seq, "\(report)")
        #expect(report.message?.contains("made for another record") == true)
    }

    @Test func aSignatureOnARecordByAnotherUserIsFound() throws {
        let (plant, lot) = try plant()
        let signed = try sign(plant, ChangeLotStatus(lot: lot.rawValue, action: .release, reason: "QC"), as: "quincy")
        #expect(try plant.store.verify().ok)
        try plant.sqlite.write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete")
            var event = try #require(try Ledger.events(db, where: "seq = ?", arguments: [signed[1].seq]).first)
            event.payload = event.payload.replacingOccurrences(of: "\"signer\":\"quincy\"", with: "\"signer\":\"tester\"")
            event.hash = HashChain.hash(event)
            try db.execute(sql: "UPDATE events SET payload = ?, hash = ? WHERE seq = ?", arguments: [event.payload, event.hash, event.seq])
            try db.execute(sql: "UPDATE ledger_head SET hash = ?", arguments: [event.hash])
        }
        let report = try plant.store.verify()
        #expect(report.breach == .signature && report.message?.contains("not who recorded") == true, "\(report)")
    }

    @Test func onlyAUserOnFileSignsAndAnImportSignsNothing() throws {
        let open = try TestPlant()
        let lot = try open.receive("5", item: "BOLT")
        try open.run(ChangeLotStatus(lot: lot.rawValue, action: .hold, reason: "QC"))
        #expect(throws: LotlineError.self) { try sign(open, ChangeLotStatus(lot: lot.rawValue, action: .release, reason: "QC")) }
        _ = try open.run(ChangeLotStatus(lot: lot.rawValue, action: .release, reason: "QC"))  // open: no users, nothing to sign with

        let (plant, held) = try plant()
        let line = #"{"command":"lot release","lot":"\#(held.rawValue)","reason":"QC"}"#
        let report = try plant.sqlite.importLines(
            [line], source: .init(name: "release.jsonl", digest: "d1"), atomic: false, actor: "tester", timeZone: TestPlant.utc)
        #expect(report.failures.map(\.code) == ["signature-required"], "\(report.failures)")
    }
}
