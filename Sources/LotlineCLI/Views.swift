import Foundation
import LotlineCore
import LotlineStore

/// A lot as `--json` shows it: the status that rules today, and the stored one.
struct LotView: Encodable {
    var number: String
    var item: String
    var quantity: String
    var unit: String
    var status: String
    var storedStatus: String
    var location: String?
    var origin: String
    var supplier: String?
    var supplierLot: String?
    var heat: String?
    var certificate: String?
    var purchaseOrder: String?
    var expiresOn: String?
    var createdAt: String

    init(_ lot: Lot, today: CalendarDate) {
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

    static let tableHeaders = ["LOT", "ITEM", "QTY", "STATUS", "LOCATION", "SUPPLIER LOT", "HEAT", "EXPIRES"]

    var tableRow: [String] {
        [number, item, "\(quantity) \(unit)", status, location ?? "-", supplierLot ?? "-", heat ?? "-", expiresOn ?? "-"]
    }
}

/// A ledger event as `--json` shows it, with its payload as an object.
struct EventView: Encodable {
    var seq: Int64
    var id: String
    var type: String
    var actor: String
    var businessTime: String
    var recordedAt: String
    var reason: String?
    var corrects: Int64?
    var ref: String?
    var hash: String
    var payload: JSONValue

    init(_ event: LedgerEvent) {
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

/// Any JSON value, so stored payloads pass through `--json` unchanged.
enum JSONValue: Codable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
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

    func encode(to encoder: any Encoder) throws {
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
struct ChangeView: Encodable {
    var events: [EventView]
    var lots: [LotView]
}

extension CLIContext {
    /// The standard output of a change: a summary line, and the events and affected lots in JSON.
    func changed(_ store: LotlineStore, _ events: [LedgerEvent], summary: String, lots: [LotNumber]) throws -> CLIOutput {
        let views = try lots.map { LotView(try store.lotDetail($0.rawValue).lot, today: today) }
        return CLIOutput(text: summary, json: ChangeView(events: events.map(EventView.init), lots: views))
    }
}
