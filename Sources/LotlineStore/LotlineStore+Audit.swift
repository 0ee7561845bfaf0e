import Foundation
import GRDB
import LotlineCore

/// What `audit verify` found.
public struct AuditReport: Sendable, Codable {
    /// How the chain was broken at the first bad event.
    public enum Breach: String, Sendable, Codable {
        case edited, deleted, inserted, reordered
    }

    public var ok: Bool
    public var eventCount: Int
    public var headHash: String
    public var breach: Breach?
    /// The sequence number where the chain first breaks.
    public var seq: Int64?
    public var eventID: String?
    public var message: String?
}

extension LotlineStore {
    /// Recomputes the whole hash chain and names the first event that was edited, deleted, inserted or reordered.
    public func verify() throws -> AuditReport {
        try read { db in try Self.verify(db) }
    }

    static func verify(_ db: Database) throws -> AuditReport {
        let events = try Ledger.events(db)
        let position = Dictionary(events.enumerated().map { ($1.hash, $0) }, uniquingKeysWith: { first, _ in first })
        var expectedPrev = HashChain.genesis
        var expectedSeq: Int64 = 1
        func breach(_ kind: AuditReport.Breach, _ event: LedgerEvent, _ message: String) -> AuditReport {
            AuditReport(
                ok: false, eventCount: events.count, headHash: events.last?.hash ?? HashChain.genesis, breach: kind, seq: event.seq,
                eventID: event.id, message: message)
        }
        for (index, event) in events.enumerated() {
            if event.seq != expectedSeq {
                return breach(
                    .deleted, event,
                    "event \(expectedSeq) is missing: the ledger jumps from event \(expectedSeq - 1) to event \(event.seq) (deleted)")
            }
            if HashChain.hash(event) != event.hash {
                return breach(.edited, event, "event \(event.seq) (\(event.type), id \(event.id)) was edited: its content no longer matches its hash")
            }
            if event.prevHash != expectedPrev {
                if let earlier = position[event.prevHash], earlier > index {
                    return breach(
                        .reordered, event,
                        "event \(event.seq) (\(event.type), id \(event.id)) is out of order: it was recorded after event id \(events[earlier].id), which now stands at \(events[earlier].seq)"
                    )
                }
                if index > 0, event.prevHash == events[index - 1].prevHash {
                    let inserted = events[index - 1]
                    return breach(
                        .inserted, inserted,
                        "event \(inserted.seq) (\(inserted.type), id \(inserted.id)) was inserted: event \(event.seq) was chained to the event before it"
                    )
                }
                return breach(
                    .deleted, event, "the event recorded before event \(event.seq) (\(event.type), id \(event.id)) is missing (deleted)")
            }
            expectedPrev = event.hash
            expectedSeq += 1
        }
        if let head = try db.fetchRow(sql: "SELECT seq, hash FROM ledger_head WHERE id = 1") {
            let headSeq: Int64 = head["seq"]
            let headHash: String = head["hash"]
            if headSeq > events.count {
                let last = events.last
                return AuditReport(
                    ok: false, eventCount: events.count, headHash: expectedPrev, breach: .deleted, seq: Int64(events.count + 1),
                    eventID: nil,
                    message:
                        "events \(events.count + 1) to \(headSeq) are missing: the ledger head records \(headSeq) events, the last left is \(last.map { "\($0.seq)" } ?? "none") (deleted)"
                )
            }
            if headSeq < events.count || headHash != expectedPrev {
                let extra = events[Int(min(headSeq, Int64(events.count - 1)))]
                return breach(
                    .inserted, extra,
                    "event \(extra.seq) (\(extra.type), id \(extra.id)) was inserted after the recorded head of the ledger (event \(headSeq))")
            }
        } else if !events.isEmpty {
            return breach(.inserted, events[0], "the ledger head is missing while \(events.count) events exist")
        }
        return AuditReport(ok: true, eventCount: events.count, headHash: expectedPrev, breach: nil, seq: nil, eventID: nil, message: nil)
    }

    /// Empties every projection and replays the whole ledger through the same projection code, in one transaction.
    /// Refuses when the chain does not verify, since a tampered ledger must not become the current state.
    @discardableResult
    public func rebuild() throws -> Int {
        defer { traceIndex.invalidate() }
        return try write { db in
            let report = try Self.verify(db)
            guard report.ok else {
                throw LotlineError(
                    .integrity, "ledger-broken", "the ledger does not verify, so projections are not rebuilt from it: \(report.message ?? "")",
                    value: report.seq.map { String($0) })
            }
            for table in Schema.projectionTables { try db.run(sql: "DELETE FROM \(table)") }
            let events = try Ledger.events(db)
            for event in events { try Projector.apply(try event.body(), of: event, db: db) }
            return events.count
        }
    }

    /// Every projection table's rows in a fixed order, as text: two databases with the same state give the same dump.
    public func projectionDump() throws -> [String: [String]] {
        try read { db in
            var dump: [String: [String]] = [:]
            for table in Schema.projectionTables {
                let rows = try db.fetchRows(sql: "SELECT * FROM \(table)")
                dump[table] = rows.map { row in row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|") }.sorted()
            }
            return dump
        }
    }
}
