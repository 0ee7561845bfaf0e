import Foundation
import LotlineCore

/// A filled paper traveler as typed back in: the lots issued, and per operation who ran it on what, the material it
/// consumed, what was measured, and the good and scrap; then what the order made. Each filled part becomes one command
/// in the import format's terms (the same commands, fields and rules as the stations); parts left blank are left out.
struct TravelerEntry {
    let form: FormInput
    let order: WorkOrder
    /// When the sheet is entered: the time of a line whose time was left blank on the paper.
    let now: String
    let timeZone: TimeZone

    init(form: FormInput, order: WorkOrder, now: String, timeZone: TimeZone) {
        self.form = form
        self.order = order
        self.now = now
        self.timeZone = timeZone
    }

    /// One command of the sheet: its import-format name and fields, and when it happened.
    struct Step {
        var name: String
        var fields: [String: Any]
        var at: String

        /// As a person reads it: the command and its fields.
        var description: String {
            ([name] + fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }).joined(separator: ", ")
        }
    }

    /// The earliest start time written on the sheet (as typed, the one whose moment is earliest).
    var firstStart: String? {
        order.operations.compactMap { form["op-\($0.routing.seq)-started"] }.min { a, b in
            let (x, y) = (
                try? BusinessTime.parse(a, timeZone: timeZone, field: "time").date, try? BusinessTime.parse(b, timeZone: timeZone, field: "time").date
            )
            return (x ?? .distantFuture) < (y ?? .distantFuture)
        }
    }

    func steps() throws -> [Step] {
        var lines: [[String: Any]] = []
        let wo = order.number.rawValue
        let (lots, quantities) = (form.all["issue-lot"] ?? [], form.all["issue-qty"] ?? [])
        for (index, lot) in lots.enumerated() {
            let (lot, quantity) = (
                lot.trimmingCharacters(in: .whitespaces), index < quantities.count ? quantities[index].trimmingCharacters(in: .whitespaces) : ""
            )
            if lot.isEmpty && quantity.isEmpty { continue }
            guard !lot.isEmpty, !quantity.isEmpty else {
                throw LotlineError.badInput(
                    "traveler-issue-incomplete", "an issue line needs both the lot and the quantity (got '\(lot)', '\(quantity)')")
            }
            var line: [String: Any] = ["command": "issue", "wo": wo, "lot": lot, "qty": quantity]
            // Material is issued before it is consumed: at the sheet's first operation start, when one is written.
            if let first = firstStart { line["at"] = first }
            lines.append(line)
        }
        for operation in order.operations {
            lines += try self.operation(operation.routing.seq, wo: wo)
        }
        if let quantity = form["produce-qty"] {
            var line: [String: Any] = ["command": "produce", "wo": wo, "qty": quantity]
            if let count = form["produce-serials"] {
                guard let number = Int(count), number > 0 else {
                    throw LotlineError.badInput(
                        "serial-count-invalid", "the number of serials is a whole number above 0, not '\(count)'", value: count)
                }
                line["serial_count"] = number
            }
            if let location = form["produce-location"] { line["location"] = location }
            if let at = form["produce-at"] { line["at"] = at }
            lines.append(line)
        }
        return lines.map { line in
            var fields = line
            let (name, at) = (fields.removeValue(forKey: "command") as? String ?? "", fields.removeValue(forKey: "at") as? String ?? now)
            return Step(name: name, fields: fields, at: at)
        }
    }

    private func operation(_ seq: Int, wo: String) throws -> [[String: Any]] {
        let field = { (name: String) in form["op-\(seq)-\(name)"] }
        var lines: [[String: Any]] = []
        let base: [String: Any] = ["wo": wo, "seq": seq]
        let started = field("started"), completed = field("completed")
        let at = { (line: [String: Any], time: String?) in time.map { line.merging(["at": $0]) { _, new in new } } ?? line }
        if field("operator") != nil || field("equipment") != nil || field("processor") != nil {
            var line = base.merging(["command": "op start"]) { _, new in new }
            for name in ["operator", "equipment", "tool", "processor"] { if let value = field(name) { line[name] = value } }
            lines.append(at(line, started))
        }
        for text in form.lines("op-\(seq)-consume") {
            // `LOT QUANTITY`, the unit written on or apart (`R1 6kg`, `R1 6 kg`).
            let parts = text.split(whereSeparator: \.isWhitespace)
            guard parts.count == 2 || parts.count == 3 else {
                throw LotlineError.badInput(
                    "traveler-consume-invalid", "op \(seq): write each lot consumed as 'LOT QUANTITY' on its own line, not '\(text)'", value: text)
            }
            let quantity = parts.dropFirst().joined()
            lines.append(at(base.merging(["command": "op consume", "lot": String(parts[0]), "qty": quantity]) { _, new in new }, started))
        }
        let (parameters, inspections) = (form.lines("op-\(seq)-param"), form.lines("op-\(seq)-inspect"))
        if !parameters.isEmpty || !inspections.isEmpty {
            var line = base.merging(["command": "op record", "param": parameters, "inspect": inspections]) { _, new in new }
            if !inspections.isEmpty {
                guard field("pass") != nil else {
                    throw LotlineError.badInput("traveler-pass-missing", "op \(seq): say whether the inspections passed")
                }
                line["pass"] = try form.bool("op-\(seq)-pass", "op \(seq): whether the inspections passed")
            }
            lines.append(at(line, completed ?? started))
        }
        if let good = field("good") {
            var line = base.merging(["command": "op complete", "good": good]) { _, new in new }
            for name in ["scrap", "reason", "cert"] { if let value = field(name) { line[name] = value } }
            lines.append(at(line, completed))
        }
        return lines
    }
}
