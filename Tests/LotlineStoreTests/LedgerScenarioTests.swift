import Foundation
import GRDB
import LotlineCore
import Testing

@testable import LotlineStore

@Suite struct LedgerScenarioTests {
    /// Given a plant that received, inspected, split, merged, held and released lots.
    func scenario(_ backend: Backend) throws -> TestPlant {
        let plant = try TestPlant(backend)
        let first = try plant.receive("100")
        let second = try plant.receive("50", supplierLot: "SL-1")
        try plant.run(Inspect(lot: first.rawValue, passed: true, results: ["hardness=32HRC"]))
        try plant.run(Inspect(lot: second.rawValue, passed: true))
        try plant.run(SplitLot(lot: first.rawValue, quantities: ["30", "20"]))
        try plant.run(ChangeLotStatus(lot: "\(first.rawValue)-01", action: .hold, reason: "QC", note: "check surface"))
        try plant.run(ChangeLotStatus(lot: "\(first.rawValue)-01", action: .release, reason: "QC"))
        try plant.run(MergeLots(lots: ["\(first.rawValue)-01", second.rawValue]))
        try plant.run(MoveLot(lot: "\(first.rawValue)-02", to: "A-01"))
        try plant.run(AdjustLot(lot: first.rawValue, quantity: "49.5", reason: "COUNT"))
        try plant.run(ScrapLot(lot: "\(first.rawValue)-02", quantity: "2", reason: "DMG"))
        return plant
    }

    @Test(arguments: Backend.allCases) func untouchedLedgerVerifies(backend: Backend) throws {
        let plant = try scenario(backend)
        let report = try plant.store.verify()
        #expect(report.ok)
        #expect(report.eventCount == 21)
        #expect(report.headHash.count == 64)
    }

    @Test(arguments: Backend.allCases) func editedPayloadIsNamed(backend: Backend) throws {
        let plant = try scenario(backend)
        try tamper(plant, "UPDATE events SET payload = replace(payload, '\"100\"', '\"1000\"') WHERE seq = 11")
        let report = try plant.store.verify()
        #expect(!report.ok)
        #expect(report.breach == .edited)
        #expect(report.seq == 11)
    }

    @Test(arguments: Backend.allCases) func deletedEventIsNamed(backend: Backend) throws {
        let plant = try scenario(backend)
        try tamper(plant, "DELETE FROM events WHERE seq = 14")
        let report = try plant.store.verify()
        #expect(report.breach == .deleted)
        #expect(report.seq == 15)
        #expect(report.message?.contains("event 14 is missing") == true)
    }

    @Test(arguments: Backend.allCases) func deletedLastEventIsNamed(backend: Backend) throws {
        let plant = try scenario(backend)
        try tamper(plant, "DELETE FROM events WHERE seq = 21")
        let report = try plant.store.verify()
        #expect(report.breach == .deleted)
        #expect(report.seq == 21)
    }

    @Test(arguments: Backend.allCases) func swappedEventsAreNamed(backend: Backend) throws {
        let plant = try scenario(backend)
        try tamper(
            plant, "UPDATE events SET seq = -1 WHERE seq = 15; UPDATE events SET seq = 15 WHERE seq = 16; UPDATE events SET seq = 16 WHERE seq = -1")
        let report = try plant.store.verify()
        #expect(report.breach == .reordered)
        #expect(report.seq == 15)
    }

    @Test(arguments: Backend.allCases) func insertedEventIsNamed(backend: Backend) throws {
        let plant = try scenario(backend)
        let events = try plant.sqlite.read { db in try Ledger.events(db) }
        var forged = events[20]
        forged.seq = 22
        forged.id = "forged"
        forged.prevHash = events[20].hash
        forged.hash = HashChain.hash(forged)
        try plant.sqlite.write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete")
            try Ledger.insert(forged, db: db)
        }
        let report = try plant.store.verify()
        #expect(report.breach == .inserted)
        #expect(report.seq == 22)
    }

    @Test(arguments: Backend.allCases) func ledgerRefusesUpdateAndDelete(backend: Backend) throws {
        let plant = try scenario(backend)
        #expect(throws: DatabaseError.self) { try plant.sqlite.write { db in try db.execute(sql: "DELETE FROM events WHERE seq = 1") } }
        #expect(throws: DatabaseError.self) { try plant.sqlite.write { db in try db.execute(sql: "UPDATE events SET actor = 'x'") } }
        #expect(try plant.store.verify().ok)
    }

    @Test(arguments: Backend.allCases) func rebuildEqualsLiveState(backend: Backend) throws {
        let plant = try scenario(backend)
        let live = try plant.store.projectionDump()
        #expect(live["lots"]?.count == 5)
        let replayed = try plant.store.rebuild()
        #expect(replayed == 21)
        #expect(try plant.store.projectionDump() == live)
    }

    @Test(arguments: Backend.allCases) func rebuildRefusesTamperedLedger(backend: Backend) throws {
        let plant = try scenario(backend)
        try tamper(plant, "UPDATE events SET actor = 'mallory' WHERE seq = 12")
        #expect(throws: LotlineError.self) { try plant.store.rebuild() }
    }

    /// Edits the ledger behind the store's back, as someone with the file and the sqlite3 shell could.
    private func tamper(_ plant: TestPlant, _ sql: String) throws {
        try plant.sqlite.write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete")
            try db.execute(sql: sql)
        }
    }
}
