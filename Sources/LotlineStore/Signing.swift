import Foundation
import GRDB
import LotlineCore

/// Electronic signatures: made right after the event they sign, and checked by `audit verify`.
enum Signing {
    /// The signature of the actor on an event just appended: only a user on file signs, with their printed name.
    static func signature(of event: LedgerEvent, meaning: SignatureMeaning, state: SQLiteLedgerState) throws -> PendingEvent {
        guard let name = try? UserName.parse(event.actor), let user = try state.user(name), user.active else {
            throw LotlineError(
                .unauthenticated, "signer-unknown", "only a user of this database signs; '\(event.actor)' is not one (add users first)",
                value: event.actor)
        }
        let lots = (try? event.body().lots) ?? []
        return PendingEvent(
            RecordSigned(
                signer: user.name, printedName: user.fullName, meaning: meaning, signs: event.seq, signsType: event.type, signsHash: event.hash,
                lots: lots))
    }

    /// The signatures on a recall's own records (its start, dispositions and closing), oldest first.
    static func signatures(ofRecall id: String, db: Database) throws -> [SignatureRecord] {
        try Ledger.events(
            db,
            where: """
                type = 'record.signed' AND json_extract(payload, '$.signs') IN (SELECT seq FROM events WHERE type IN
                    ('recall.started', 'recall.lot_dispositioned', 'recall.closed') AND json_extract(payload, '$.recall') = ?)
                """, arguments: [id]
        ).compactMap(SignatureRecord.init)
    }

    /// The first signature that no longer binds to what it signed: the event at its number is gone, has another hash or
    /// type, comes after it, or was made by someone else than the signer (a signature moved onto another record).
    static func firstMisbound(_ db: Database) throws -> (seq: Int64, id: String, message: String)? {
        let rows = try db.fetchRows(
            sql: """
                SELECT s.seq, s.id, s.actor, json_extract(s.payload, '$.signs') AS signs, json_extract(s.payload, '$.signsHash') AS signs_hash,
                    json_extract(s.payload, '$.signsType') AS signs_type, json_extract(s.payload, '$.signer') AS signer,
                    e.hash AS hash, e.type AS type, e.actor AS signed_by
                FROM events s LEFT JOIN events e ON e.seq = json_extract(s.payload, '$.signs')
                WHERE s.type = 'record.signed' ORDER BY s.seq
                """)
        for row in rows {
            let seq: Int64 = row["seq"]
            let signs: Int64? = row["signs"]
            let signer: String? = row["signer"]
            let problem: String? =
                if signs == nil || (row["hash"] as String?) == nil {
                    "the event it signs (\(signs.map(String.init) ?? "none")) does not exist"
                } else if signs! >= seq {
                    "it signs a later event (\(signs!))"
                } else if (row["hash"] as String?) != (row["signs_hash"] as String?) || (row["type"] as String?) != (row["signs_type"] as String?) {
                    "it was made for another record than event \(signs!) (\(row["type"] as String? ?? "?")): its hash and type differ"
                } else if signer == nil || (row["signed_by"] as String?) != signer || (row["actor"] as String?) != signer {
                    "its signer \(signer ?? "none") is not who recorded event \(signs!) (\(row["signed_by"] as String? ?? "?"))"
                } else { nil }
            if let problem { return (seq, row["id"], "signature event \(seq) is not bound to what it signs: \(problem)") }
        }
        return nil
    }
}
