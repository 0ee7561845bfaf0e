import Foundation

/// The typed content of one ledger event. Each conforming type is one event type, named by `type`.
public protocol EventBody: Sendable, Codable {
    /// The stable name stored in the ledger, e.g. `lot.received`. Never renamed once it has landed.
    static var type: String { get }
    /// The lots this event touched (none for master data), so a lot's history can be read without scanning the ledger.
    var lots: [LotNumber] { get }
    /// This event as its case of `RecordedEvent`, which every reader of the ledger switches over.
    var recorded: RecordedEvent { get }
}

extension EventBody {
    public var type: String { Self.type }
}

/// An event as decided by a rule, before the store gives it its place in the chain.
public struct PendingEvent: Sendable {
    public var body: any EventBody
    /// The reason code (and note) where the change needs one.
    public var reason: String?
    /// The sequence number of the event this one corrects.
    public var corrects: Int64?
    /// When it happened on the floor, when that differs from when the command was given.
    public var businessTime: BusinessTime?
    /// The external id of the import line (or other source record) this event came from; unique in the ledger.
    public var ref: String?

    public init(_ body: any EventBody, reason: String? = nil, corrects: Int64? = nil, businessTime: BusinessTime? = nil) {
        self.body = body
        self.reason = reason
        self.corrects = corrects
        self.businessTime = businessTime
    }
}

/// One row of the append-only, hash-chained ledger.
extension Array where Element == LedgerEvent {
    /// The lots these events touched, each once, in lot-number order: what an interface shows as the change's result.
    public var lotsTouched: [LotNumber] { Set<LotNumber>(flatMap { (try? $0.body().lots) ?? [] }).sorted() }
}

public struct LedgerEvent: Sendable {
    public var seq: Int64
    public var id: String
    public var type: String
    /// Canonical JSON of the body, exactly as hashed.
    public var payload: String
    public var actor: String
    public var businessTime: String
    public var recordedAt: String
    public var reason: String?
    public var corrects: Int64?
    /// The external id of the source record (an import line's `ref`): no two events carry the same one.
    public var ref: String?
    public var prevHash: String
    public var hash: String
    /// The body itself when this event was just appended, so reading it back needs no decoding.
    public var appendedBody: (any EventBody)?

    public init(
        seq: Int64, id: String, type: String, payload: String, actor: String, businessTime: String, recordedAt: String,
        reason: String?, corrects: Int64?, prevHash: String, hash: String, ref: String? = nil
    ) {
        self.seq = seq
        self.id = id
        self.type = type
        self.payload = payload
        self.actor = actor
        self.businessTime = businessTime
        self.recordedAt = recordedAt
        self.reason = reason
        self.corrects = corrects
        self.prevHash = prevHash
        self.hash = hash
        self.ref = ref
    }

    /// The exact text the hash covers: a JSON array of every field but `seq` and `hash`, so the chain
    /// (not the row number) fixes the order, and no field can bleed into another. An event with a `ref` has it as a
    /// tenth element; events without one hash exactly as they did before refs existed.
    public var hashedContent: String {
        String(decoding: hashedBytes, as: UTF8.self)
    }

    /// `hashedContent` as UTF-8, built without intermediate strings: it is hashed for every event appended.
    public var hashedBytes: [UInt8] {
        var fields: [String?] = [prevHash, id, type, actor, businessTime, recordedAt, reason, corrects.map { String($0) }, payload]
        if let ref { fields.append(ref) }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(payload.utf8.count + 256)
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if let field { CanonicalJSON.appendQuoted(field, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    /// Decodes the typed body; fails for an unknown type or a payload that does not fit it.
    public func body() throws -> any EventBody {
        if let appendedBody { return appendedBody }
        guard let bodyType = EventTypes.byName[type] else {
            throw LotlineError(.integrity, "event-type-unknown", "event \(seq) has unknown type '\(type)'", value: type)
        }
        return try JSONDecoder().decode(bodyType, from: Data(payload.utf8))
    }
}

/// Sorted keys, no escaped slashes: the one JSON form hashed and stored.
public enum CanonicalJSON {
    /// A JSON string literal: `"` and `\\` escaped, control characters as `\\uXXXX` (`\\n`, `\\r`, `\\t` short),
    /// everything else as is. This exact form is hashed into the ledger and must never change.
    public static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `quote(text)` as UTF-8. Bytes of multi-byte characters are all 0x80 or above, so escaping byte by byte
    /// is escaping character by character. Payloads (`CanonicalEncoder`) also write backspace and form feed short,
    /// as `\b` and `\f`; the hashed form never does.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8], shortBackspaceAndFormFeed: Bool = false) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case 0x08 where shortBackspaceAndFormFeed: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C where shortBackspaceAndFormFeed: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Lower-case hexadecimal digits, as the ledger writes them.
    public static let hexDigits = Array("0123456789abcdef".utf8)

    /// A value's JSON, keys sorted by their UTF-8 bytes (see `CanonicalEncoder`).
    public static func encode(_ value: some Encodable) -> String {
        // Every value hashed is built from our own Codable types, none holding a non-finite number, so encoding cannot fail.
        try! CanonicalEncoder.encode(value)
    }
}

/// Every event type, by its ledger name: the registry used to read the ledger back.
public enum EventTypes {
    public static let all: [any EventBody.Type] = [
        ItemDefined.self, ItemChanged.self, SupplierDefined.self, SupplierChanged.self,
        NamedRecordDefined<CustomerKind>.self, NamedRecordChanged<CustomerKind>.self, NamedRecordDefined<LocationKind>.self,
        NamedRecordChanged<LocationKind>.self, NamedRecordDefined<ReasonKind>.self, NamedRecordChanged<ReasonKind>.self, LotSchemeSet.self,
        LotReceived.self, LotInspected.self, LotStatusChanged.self, LotSplit.self, LotsMerged.self, LotMoved.self,
        LotAdjusted.self, LotScrapped.self, LotReceiptCorrected.self,
        NamedRecordDefined<EquipmentKind>.self, NamedRecordChanged<EquipmentKind>.self, BomLineSet.self, BomLineRemoved.self,
        RoutingOperationSet.self, RoutingOperationRemoved.self, ToolDefined.self, ToolCalibrated.self, OperatorDefined.self,
        OperatorQualified.self, SupplierAccredited.self, WorkOrderCreated.self, WorkOrderStatusChanged.self, MaterialIssued.self,
        MaterialReturned.self, OperationStarted.self, MaterialConsumed.self, OperationRecorded.self, OperationCompleted.self,
        OutputProduced.self, LotsShipped.self, ShipmentReturned.self, RecallStarted.self, RecallDrilled.self, RecallLotDispositioned.self,
        RecallClosed.self, ImportProgressed.self, UserAdded.self, UserChanged.self, UserPasswordSet.self, UserTokenIssued.self,
        UserTokenRevoked.self, UserSignInFailed.self, RecordSigned.self, LotsObserved.self,
        WorkCenterSet.self, WorkCenterShiftsSet.self, DowntimeRecorded.self, SchedulePublished.self, OperationPinSet.self, LotsChosen.self,
    ]

    public static let byName: [String: any EventBody.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.type, $0) })
}
