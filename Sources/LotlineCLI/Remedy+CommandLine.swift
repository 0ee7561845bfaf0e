import Foundation
import LotlineCore

/// Remedies as the CLI says them: the command to type, or the options to give.
extension Remedy {
    /// The remedy in words followed by the command line (or the options) that carries it out.
    var rendered: String {
        if case .give = self { return "\(words) (\(commandLine))" }
        return "\(words): `\(commandLine)`"
    }

    /// The command line that carries the remedy out, or for missing inputs the options that give them.
    var commandLine: String {
        switch self {
        case .add(let kind, let code): "lotline \(kind.command) add \(code ?? "CODE") \(kind.requiredOptions)"
        case .list(let kind): "lotline \(kind.command) list"
        case .show(let kind, let code): "lotline \(kind.command) show \(code)"
        case .change(let kind, let code): "lotline \(kind.command) change \(code) ..."
        case .approveSupplier(let code): "lotline supplier change \(code) --approved"
        case .addRouting(let item): "lotline routing add \(item) SEQ --name NAME --work-center CENTER"
        case .calibrateTool(let code): "lotline tool calibrate \(code) --until DATE"
        case .disposition(let recall, let lot):
            "lotline recall disposition \(recall) \(lot) --release|--scrap|--rework|--return-to-supplier --reason REASON"
        case .passInspection(let lot): "lotline inspect \(lot) --pass"
        case .dispositionHold(let lot): "lotline lot release \(lot) --reason REASON (or lotline lot reject \(lot) --reason REASON)"
        case .traceBackward(let lot): "lotline trace backward \(lot)"
        case .returnIssue(let order): "lotline issue LOT QTY --wo \(order) --return"
        case .startOperation(let order, let seq): "lotline op start \(order) \(seq) --operator CODE --equipment CODE"
        case .issue(let order): "lotline issue LOT QTY --wo \(order)"
        case .produce(let order): "lotline produce \(order) QTY"
        case .give(let fields) where fields.count == 1: fields[0].option + (fields[0].placeholder.map { " \($0)" } ?? "")
        case .give(let fields): Remedy.list(fields.map(\.option), or: true)
        case .rebuildProjections: "lotline admin rebuild"
        }
    }
}

extension RecordKind {
    /// The command group that keeps records of this kind.
    var command: String { self == .workOrder ? "wo" : rawValue }

    /// What adding a record of this kind needs besides its code.
    var requiredOptions: String {
        switch self {
        case .item: "--description TEXT --uom UOM"
        case .workOrder, .recall: ""
        default: "--name NAME"
        }
    }
}

extension InputField {
    /// The option that gives this input.
    var option: String {
        switch self {
        case .lots: "LOT[:QTY] ..."
        case .pass, .fail: "--" + rawValue
        default: "--" + rawValue.replacingOccurrences(of: "_", with: "-")
        }
    }

    /// What the option's value looks like, when it takes one.
    var placeholder: String? {
        switch self {
        case .pass, .fail, .lots: nil
        case .quantity, .serialCount: "QTY"
        case .param, .inspect: "NAME=VALUE"
        case .processor: "SUPPLIER"
        case .deviation, .reason: "REASON"
        case .operator, .equipment, .location: "CODE"
        case .expires: "DATE"
        case .lot, .into, .serial: "LOT"
        case .serials: "SN,SN,..."
        default: "TEXT"
        }
    }
}
