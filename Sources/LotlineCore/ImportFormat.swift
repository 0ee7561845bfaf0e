import Foundation

/// The bulk-import line format: one JSON object per line, `{"command": "receive", "item": "ST-4140", "qty": "100", ...}`,
/// named and spelled like the CLI (`lot split`, `op consume`; `qty`, `supplier_lot`, `wo`), with an optional `at`
/// (business time) saying when it happened. Every line becomes the same command the CLI builds, under the same rules.
public enum ImportFormat {
    struct Entry {
        let name: String
        let type: any LotlineCommand.Type
        /// Values used when a line leaves a field out.
        let defaults: [String: Any]
        /// Values the command name implies (`lot hold` is a status change with action hold).
        let fixed: [String: Any]
        /// What the command needs leave to do, as its values say (`permission`); a test checks the two agree, so an
        /// interface can declare it before it reads a command.
        let permission: Permission

        init(
            _ name: String, _ type: any LotlineCommand.Type, defaults: [String: Any] = [:], fixed: [String: Any] = [:], permission: Permission
        ) {
            self.name = name
            self.type = type
            self.defaults = defaults
            self.fixed = fixed
            self.permission = permission
        }
    }

    nonisolated(unsafe) static let entries: [Entry] = [
        Entry("item add", AddItem.self, defaults: ["tracking": "lot", "inspect": false, "export_controlled": false], permission: .masterData),
        Entry("item change", ChangeItem.self, permission: .masterData),
        Entry("supplier add", AddSupplier.self, defaults: ["approved": false], permission: .masterData),
        Entry("supplier change", ChangeSupplier.self, permission: .masterData),
        Entry("supplier accredit", AccreditSupplier.self, permission: .masterData),
        Entry("customer add", AddNamedRecord<CustomerKind>.self, permission: .masterData),
        Entry("location add", AddNamedRecord<LocationKind>.self, permission: .masterData),
        Entry("reason add", AddNamedRecord<ReasonKind>.self, permission: .masterData),
        Entry("equipment add", AddNamedRecord<EquipmentKind>.self, permission: .masterData),
        Entry("scheme set", SetLotScheme.self, permission: .masterData),
        Entry("tool add", AddTool.self, permission: .masterData),
        Entry("tool calibrate", CalibrateTool.self, permission: .masterData),
        Entry("operator add", AddOperator.self, permission: .masterData),
        Entry("operator qualify", QualifyOperator.self, permission: .masterData),
        Entry("bom add", SetBomLine.self, permission: .masterData),
        Entry("bom remove", RemoveBomLine.self, permission: .masterData),
        Entry("routing add", SetRoutingOperation.self, permission: .masterData),
        Entry("routing remove", RemoveRoutingOperation.self, permission: .masterData),
        Entry("workcenter set", SetWorkCenter.self, permission: .masterData),
        Entry("workcenter shifts", SetWorkCenterShifts.self, defaults: ["shift": [String]()], permission: .masterData),
        Entry("workcenter downtime", RecordDowntime.self, permission: .planWork),
        Entry("schedule pin", PinOperation.self, fixed: ["unpin": false], permission: .planWork),
        Entry("schedule unpin", PinOperation.self, fixed: ["unpin": true], permission: .planWork),
        Entry("schedule allocate", ChooseLots.self, defaults: ["lot": [String](), "clear": false], permission: .planWork),
        Entry("receive", Receive.self, permission: .receive),
        Entry("inspect", Inspect.self, defaults: ["result": [String]()], permission: .inspect),
        Entry("lot hold", ChangeLotStatus.self, fixed: ["action": "hold"], permission: .hold),
        Entry("lot release", ChangeLotStatus.self, fixed: ["action": "release"], permission: .release),
        Entry("lot reject", ChangeLotStatus.self, fixed: ["action": "reject"], permission: .release),
        Entry("lot split", SplitLot.self, permission: .moveStock),
        Entry("lot merge", MergeLots.self, permission: .moveStock),
        Entry("lot move", MoveLot.self, permission: .moveStock),
        Entry("lot adjust", AdjustLot.self, permission: .adjust),
        Entry("lot scrap", ScrapLot.self, permission: .scrap),
        Entry("lot correct", CorrectReceipt.self, permission: .correct),
        Entry("wo create", CreateWorkOrder.self, permission: .planWork),
        Entry("wo release", ChangeWorkOrderStatus.self, fixed: ["to": "released"], permission: .planWork),
        Entry("wo close", ChangeWorkOrderStatus.self, fixed: ["to": "closed"], permission: .closeWorkOrder),
        Entry("issue", IssueMaterial.self, defaults: ["return": false], permission: .produce),
        Entry("op start", StartOperation.self, permission: .produce),
        Entry("op consume", ConsumeMaterial.self, permission: .produce),
        Entry("op record", RecordOperation.self, defaults: ["param": [String](), "inspect": [String]()], permission: .produce),
        Entry("op complete", CompleteOperation.self, permission: .produce),
        Entry("produce", Produce.self, defaults: ["serials": [String]()], permission: .produce),
        Entry("ship", Ship.self, defaults: ["lots": [String](), "serial": [String]()], permission: .ship),
        Entry("return", ReturnShipment.self, permission: .returns),
        Entry("rfid record", RecordRFIDReads.self, permission: .moveStock),
    ]

    public static var commandNames: [String] { entries.map(\.name) }

    /// Every command by name, with the permission it needs.
    public static var commands: [(name: String, permission: Permission)] { entries.map { ($0.name, $0.permission) } }

    /// One decoded line: the command, its business time if it gives one, and its external id if it has one.
    public struct Line {
        public var command: any LotlineCommand
        public var at: String?
        /// `"ref"`: the source system's id for this line, stored on its event; a second line with it is refused.
        public var ref: String?
    }

    /// The command a named command's fields ask for: an import line without its `command`, `at` or `ref`, as an API
    /// request gives it.
    public static func command(_ name: String, fields: [String: Any]) throws -> any LotlineCommand {
        for key in ["command", "at", "ref"] where fields[key] != nil {
            throw LotlineError.badInput("field-unknown", "\(name): unknown field \"\(key)\": a change happens now, as its user gives it", value: key)
        }
        var line = fields
        line["command"] = name
        guard let data = try? JSONSerialization.data(withJSONObject: line) else {
            throw LotlineError.badInput("body-not-json", "\(name): the fields are not JSON")
        }
        return try decode(String(decoding: data, as: UTF8.self)).command
    }

    /// The command a line asks for, and its business time and external id if it gives them.
    public static func decode(_ line: String) throws -> Line {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)), var fields = object as? [String: Any] else {
            throw LotlineError.badInput("line-not-json", "the line is not a JSON object", value: String(line.prefix(80)))
        }
        if let key = JSONDuplicateKeys.first(in: Data(line.utf8)) {
            throw LotlineError.badInput("field-repeated", "the field \"\(key)\" is given more than once", value: key)
        }
        guard let name = fields.removeValue(forKey: "command") as? String else {
            throw LotlineError.badInput("command-missing", "the line has no \"command\" (one of: \(commandNames.joined(separator: ", ")))")
        }
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw LotlineError.badInput("command-unknown", "unknown command '\(name)'; one of: \(commandNames.joined(separator: ", "))", value: name)
        }
        let at = fields.removeValue(forKey: "at") as? String
        let ref = try (fields.removeValue(forKey: "ref")).map { value -> String in
            guard let text = value as? String else { throw LotlineError.badInput("ref-invalid", "\"ref\" must be a string", value: "\(value)") }
            return try TextInput.required(text, field: "ref")
        }
        for (key, value) in entry.defaults where fields[key] == nil || fields[key] is NSNull { fields[key] = value }
        for (key, value) in entry.fixed { fields[key] = value }
        do {
            let data = try JSONSerialization.data(withJSONObject: fields)
            let command = try decode(entry.type, from: data)
            try refuseUnknownFields(fields, of: command, name: name)
            return Line(command: command, at: at, ref: ref)
        } catch let error as DecodingError {
            throw LotlineError.badInput("field-invalid", "\(name): \(describe(error))", value: String(line.prefix(80)))
        }
    }

    /// Every field name any import command reads: where an unknown field's nearest known name is looked for.
    public static let fieldNames = [
        "action", "alt", "approved", "calibrated_until", "cert", "code", "component", "customer", "description", "deviation", "due", "equipment",
        "expires",
        "export_controlled", "final_inspection", "from", "good", "gtin", "heat", "inspect", "into", "issue_order", "item", "kind", "location", "lot",
        "lots",
        "machine", "name", "note",
        "number", "operator", "order", "out_of_order", "param", "part", "pass", "pattern", "po", "process", "processor", "qty", "qualification",
        "reader", "reads",
        "reason",
        "received_at", "requires", "result", "return", "run", "scan", "scrap", "seq", "serial", "serial_count", "serials", "setup", "shelf_life",
        "shift", "shipment",
        "special_process", "supplier", "supplier_lot", "to", "tool", "tracking", "unit", "until", "uom", "wo", "work_center",
    ]

    /// A field the command did not take (it reads back without it) is refused, never dropped: a mistyped `"haet"` would
    /// otherwise lose the heat, and a recall of that heat would never find the lot.
    private static func refuseUnknownFields(_ fields: [String: Any], of command: any LotlineCommand, name: String) throws {
        let taken = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(command))) as? [String: Any] ?? [:]
        let unknown = fields.filter { !($0.value is NSNull) && taken[$0.key] == nil }.keys.sorted()
        guard let field = unknown.first else { return }
        let nearest = nearestName(to: field, among: fieldNames)
        throw LotlineError(
            .badInput, "field-unknown", "\(name): unknown field \"\(field)\"" + (nearest.map { "; did you mean \"\($0)\"?" } ?? ""),
            value: field, suggestions: [])
    }

    /// The known name a mistyped one most likely meant: the closest within two edits, the first of equals; nil if none is.
    public static func nearestName(to name: String, among names: [String]) -> String? {
        names.map { ($0, editDistance($0, name)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    /// Edit distance between two short names, a swap of neighbouring letters counting as one edit ("haet" is one
    /// edit from "heat", two from "alt"): the optimal string alignment distance.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }

    private static func decode<T: LotlineCommand>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(T.self, from: data)
    }

    /// The line for a command, as `import` reads it.
    public static func encode(_ command: some LotlineCommand, at: BusinessTime? = nil) -> String {
        let (name, fields) = fields(of: command)
        var line = fields
        line["command"] = name
        if let at { line["at"] = at.text }
        let data = (try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A command's name and fields as an import line gives them: without the fields its name implies (`lot hold`) and
    /// without those equal to what a line may leave out. Values are JSON values (strings, numbers, booleans, arrays).
    public static func fields(of command: any LotlineCommand) -> (name: String, fields: [String: Any]) {
        let encoded = CanonicalJSON.encode(command)
        var fields = (try? JSONSerialization.jsonObject(with: Data(encoded.utf8))) as? [String: Any] ?? [:]
        let entry = entries.first { entry in
            entry.type == type(of: command) && entry.fixed.allSatisfy { key, value in fields[key].map { sameJSON($0, value) } ?? false }
        }
        for key in entry?.fixed.keys.map({ $0 }) ?? [] { fields.removeValue(forKey: key) }
        for (key, value) in entry?.defaults ?? [:] where fields[key].map({ sameJSON($0, value) }) == true {
            fields.removeValue(forKey: key)
        }
        return (entry?.name ?? "\(type(of: command))", fields)
    }

    /// Whether two JSON values are equal, as JSON.
    private static func sameJSON(_ a: Any, _ b: Any) -> Bool {
        let text = { (value: Any) in try? JSONSerialization.data(withJSONObject: ["v": value], options: [.sortedKeys]) }
        return text(a) == text(b)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\": \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}
