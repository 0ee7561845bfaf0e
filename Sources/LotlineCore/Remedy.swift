import Foundation

/// What a user can do about a refusal, as data rather than as a command line: each interface renders it its own way
/// (the CLI as the command to type, an import as the line's field, the server as a link or a button).
public enum Remedy: Sendable, Hashable, Codable {
    /// Set up a record that is missing (with its code when the refusal names it).
    case add(RecordKind, code: String?)
    /// See the records of a kind there are.
    case list(RecordKind)
    /// Look at one record.
    case show(RecordKind, code: String)
    /// Change a record that exists rather than adding it again.
    case change(RecordKind, code: String)
    /// Quality approves a supplier.
    case approveSupplier(String)
    /// Give an item its operations.
    case addRouting(item: String)
    /// Record a tool's calibration.
    case calibrateTool(String)
    /// Decide what happens to a lot a recall holds.
    case disposition(recall: String, lot: String)
    /// Inspect a lot and pass it.
    case passInspection(lot: String)
    /// Decide an ordinary hold: release the lot, or reject it.
    case dispositionHold(lot: String)
    /// Trace a lot back to what went into it.
    case traceBackward(lot: String)
    /// Return material a work order holds to stock.
    case returnIssue(workOrder: String)
    /// Start an operation.
    case startOperation(workOrder: String, seq: Int)
    /// Issue material to a work order.
    case issue(workOrder: String)
    /// Make a work order's output.
    case produce(workOrder: String)
    /// Give one of these inputs (any one will do unless the message says otherwise).
    case give([InputField])
    /// Rebuild the projections from the ledger.
    case rebuildProjections

    /// The remedy in words, for any interface.
    public var words: String {
        switch self {
        case .add(let kind, let code): "add the \(kind.noun)" + (code.map { " \($0)" } ?? "")
        case .list(let kind): "see the \(kind.plural) on file"
        case .show(let kind, let code): "look at \(kind.noun) \(code)"
        case .change(let kind, let code): "change \(kind.noun) \(code) instead"
        case .approveSupplier(let code): "quality approves supplier \(code)"
        case .addRouting(let item): "give \(item) its operations"
        case .calibrateTool(let code): "record a calibration of tool \(code)"
        case .disposition(let recall, let lot): "decide what happens to lot \(lot) under recall \(recall)"
        case .passInspection(let lot): "inspect lot \(lot) and pass it"
        case .dispositionHold(let lot): "release lot \(lot) or reject it"
        case .traceBackward(let lot): "trace \(lot) back to what went into it"
        case .returnIssue(let order): "consume the material or return it to stock from \(order)"
        case .startOperation(let order, let seq): "start operation \(seq) of \(order)"
        case .issue(let order): "issue the material to \(order) first"
        case .produce(let order): "make the output of \(order) first"
        case .give(let fields): "give the " + Self.list(fields.map(\.words), or: true)
        case .rebuildProjections: "rebuild the projections from the ledger"
        }
    }

    /// "a, b or c".
    public static func list(_ words: [String], or: Bool) -> String {
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + last
    }
}

/// The kinds of record a remedy can name.
public enum RecordKind: String, Sendable, Hashable, Codable, CaseIterable {
    case item, supplier, customer, location, reason, tool, `operator`, equipment, workOrder = "work_order", recall

    public var noun: String { self == .workOrder ? "work order" : rawValue }
    public var plural: String { noun + "s" }
}

/// An input a command takes, by the name an import line gives it (the CLI's option is the same name with dashes).
public enum InputField: String, Sendable, Hashable, Codable {
    case supplierLot = "supplier_lot", heat, cert, po, expires, location, quantity = "qty", serial, serials, serialCount = "serial_count"
    case lot, lots, into, `operator`, equipment, processor, deviation, param, inspect, pass, fail, reason

    public var words: String {
        switch self {
        case .supplierLot: "supplier lot"
        case .cert: "certificate"
        case .po: "purchase order"
        case .expires: "expiry date"
        case .quantity: "quantity"
        case .serialCount: "number of serials"
        case .into: "output lot"
        case .deviation: "deviation reason"
        case .param: "process parameter"
        case .inspect: "inspection result"
        case .pass: "pass verdict"
        case .fail: "fail verdict"
        default: rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }
}
