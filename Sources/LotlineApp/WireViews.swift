import Foundation
import LotlineCore

/// A lot as an interface shows it (the CLI's `--json`, later the server): the status that rules today, and the stored one.
public struct LotView: Encodable, Sendable {
    public var number: String
    public var item: String
    public var quantity: String
    public var unit: String
    public var status: String
    public var storedStatus: String
    public var location: String?
    public var origin: String
    public var supplier: String?
    public var supplierLot: String?
    public var heat: String?
    public var certificate: String?
    public var purchaseOrder: String?
    public var expiresOn: String?
    public var createdAt: String

    public init(_ lot: Lot, today: CalendarDate) {
        number = lot.number.rawValue
        item = lot.item.rawValue
        quantity = Quantity.format(lot.quantity.amount)
        unit = lot.quantity.unit
        status = lot.status(on: today).rawValue
        storedStatus = lot.storedStatus.rawValue
        location = lot.location?.rawValue
        origin = lot.origin.rawValue
        supplier = lot.supplier?.rawValue
        supplierLot = lot.supplierLot
        heat = lot.heats.isEmpty ? nil : lot.heats.joined(separator: ", ")
        certificate = lot.certificate
        purchaseOrder = lot.purchaseOrder
        expiresOn = lot.expiresOn?.description
        createdAt = lot.createdAt.text
    }

    public static let tableHeaders = ["LOT", "ITEM", "QTY", "STATUS", "LOCATION", "SUPPLIER LOT", "HEAT", "EXPIRES"]

    public var tableRow: [String] {
        [number, item, "\(quantity) \(unit)", status, location ?? "-", supplierLot ?? "-", heat ?? "-", expiresOn ?? "-"]
    }
}

/// A ledger event as an interface shows it, with its payload as an object.
public struct EventView: Encodable, Sendable {
    public var seq: Int64
    public var id: String
    public var type: String
    public var actor: String
    public var businessTime: String
    public var recordedAt: String
    public var reason: String?
    public var corrects: Int64?
    public var ref: String?
    public var hash: String
    public var payload: JSONValue

    public init(_ event: LedgerEvent) {
        seq = event.seq
        id = event.id
        type = event.type
        actor = event.actor
        businessTime = event.businessTime
        recordedAt = event.recordedAt
        reason = event.reason
        corrects = event.corrects
        ref = event.ref
        hash = event.hash
        payload = (try? JSONDecoder().decode(JSONValue.self, from: Data(event.payload.utf8))) ?? .null
    }
}

/// Any JSON value, so stored payloads pass through to an interface unchanged.
public enum JSONValue: Codable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// What a command that changed something reports: its events and the lots as they now stand.
public struct ChangeView: Encodable, Sendable {
    public var events: [EventView]
    public var lots: [LotView]
    /// For a hold: the scheduled jobs, orders, customer orders and made lots it touches.
    public var impact: HoldImpact?

    public init(events: [EventView], lots: [LotView]) {
        self.events = events
        self.lots = lots
    }
}

/// A lot with its parents, children and inspections.
public struct LotDetailView: Encodable, Sendable {
    public var lot: LotView
    public var parents: [PortionView]
    public var children: [PortionView]
    public var inspections: [InspectionRecord]
    public var signatures: [SignatureRecord]

    public struct PortionView: Encodable, Sendable {
        public var lot: String
        public var quantity: String
        public var unit: String

        public init(_ portion: LotPortion) {
            lot = portion.lot.rawValue
            quantity = Quantity.format(portion.quantity.amount)
            unit = portion.quantity.unit
        }
    }

    public init(_ detail: LotDetail, today: CalendarDate) {
        lot = LotView(detail.lot, today: today)
        parents = detail.parents.map(PortionView.init)
        children = detail.children.map(PortionView.init)
        inspections = detail.inspections
        signatures = detail.signatures
    }
}

/// Every event that touched a lot, oldest first.
public struct HistoryView: Encodable, Sendable {
    public var lot: String
    public var events: [EventView]

    public init(lot: String, events: [EventView]) {
        self.lot = lot
        self.events = events
    }
}
