import Foundation

/// What a signature says the signer did (21 CFR 11.50(a)(3)).
public enum SignatureMeaning: String, Sendable, Hashable, Codable, CaseIterable {
    case reviewed, approved, responsible, released

    public static func parse(_ text: String) throws -> SignatureMeaning {
        guard let meaning = SignatureMeaning(rawValue: text.trimmed.lowercased()) else {
            throw LotlineError(
                .badInput, "meaning-invalid",
                "unknown signature meaning '\(text)'; one of: \(allCases.map(\.rawValue).joined(separator: ", "))", value: text,
                suggestions: ImportFormat.nearestName(to: text.lowercased(), among: allCases.map(\.rawValue)).map { [$0] } ?? [])
        }
        return meaning
    }
}

/// An electronic signature on one record (21 CFR 11.50, 11.70): the signer's printed name, the meaning, and the exact
/// event signed, by its sequence number, type and hash. It is its own event in the chain, right after the one it signs
/// and in the same transaction; `audit verify` checks that every signature's hash is still the hash of the event at
/// its number, made by the signer, so a signature copied onto another record is found out even when the chain around
/// it was recomputed. The time is the event's own.
public struct RecordSigned: EventBody, Hashable {
    public static let type = "record.signed"
    public var signer: UserName
    public var printedName: String
    public var meaning: SignatureMeaning
    public var signs: Int64
    public var signsType: String
    public var signsHash: String
    /// The signed event's lots, so the signature shows in their history.
    public var lots: [LotNumber]

    public init(
        signer: UserName, printedName: String, meaning: SignatureMeaning, signs: Int64, signsType: String, signsHash: String, lots: [LotNumber]
    ) {
        self.signer = signer
        self.printedName = printedName
        self.meaning = meaning
        self.signs = signs
        self.signsType = signsType
        self.signsHash = signsHash
        self.lots = lots
    }

    public var recorded: RecordedEvent { .recordSigned(self) }

    /// "Ann Ames (ann), approved: event 272 lot.status_changed": what a signature shows beside the record.
    public var manifestLine: String { "\(printedName) (\(signer)), \(meaning.rawValue): event \(signs) \(signsType)" }
}

extension LotlineCommand {
    /// Whether the command must be signed once the database has users; commands that need it say when.
    public func requiresSignature(in state: any LedgerState) throws -> Bool { false }

    /// Refuses the command unsigned when it needs a signature and the database has users (who can sign).
    public func requireSignature(_ signing: SignatureMeaning?, actor: String, in state: any LedgerState) throws {
        guard signing == nil, try requiresSignature(in: state), try !state.users().isEmpty else { return }
        throw LotlineError(
            .forbidden, "signature-required",
            "this needs the electronic signature of '\(actor)': the password typed again, and a meaning ("
                + SignatureMeaning.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            value: actor)
    }
}

/// The actions 21 CFR Part 11 plants sign: releases and rejections, recalls, batch release, final acceptance, corrections.
extension ChangeLotStatus {
    public func requiresSignature(in state: any LedgerState) throws -> Bool { action != .hold }
}
extension StartRecall {
    public func requiresSignature(in state: any LedgerState) throws -> Bool { true }
}
extension DispositionRecallLot {
    public func requiresSignature(in state: any LedgerState) throws -> Bool { true }
}
extension CloseRecall {
    public func requiresSignature(in state: any LedgerState) throws -> Bool { true }
}
extension ChangeWorkOrderStatus {
    public func requiresSignature(in state: any LedgerState) throws -> Bool { to == .closed }
}
extension CorrectReceipt {
    public func requiresSignature(in state: any LedgerState) throws -> Bool { true }
}
extension Inspect {
    /// Final acceptance: a passed inspection of a lot or serial made of an item that waits for one.
    public func requiresSignature(in state: any LedgerState) throws -> Bool {
        guard let found = try? state.requireLot(lot), [.production, .serial].contains(found.origin) else { return false }
        return try state.item(found.item)?.finalInspection == true
    }
}
