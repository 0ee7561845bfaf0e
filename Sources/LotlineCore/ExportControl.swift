import Foundation

/// Export control (ITAR/EAR): lots of items flagged export-controlled are handled and seen only by US persons. For
/// anyone else they do not exist: a command that would touch one is refused as if the lot were not there (or, for a
/// new lot of such an item, because of the item), and reads leave them out with a count, never a number.
public enum ExportControl {
    /// Refuses events a user who is not a US person may not record: any that touch a lot of an export-controlled item.
    /// Open databases (no users) and US persons pass. `created` are the lots these events made.
    public static func requireHandler(of events: [any EventBody], actor: String, in state: any LedgerState) throws {
        guard let name = try? UserName.parse(actor), let user = try state.user(name), !user.usPerson else { return }
        let touched = Set(events.flatMap(\.lots))
        guard !touched.isEmpty else { return }
        let created = Set(events.compactMap(\.createdLots).flatMap { $0 })
        for lot in touched.sorted() {
            guard let found = try state.lot(lot), try state.item(found.item)?.exportControlled == true else { continue }
            if created.contains(lot) {
                throw LotlineError(
                    .forbidden, "export-controlled",
                    "item '\(found.item)' is export-controlled: only users who are US persons handle its lots", value: found.item.rawValue)
            }
            throw LotlineError.notFound("lot-not-found", "no lot '\(lot)'", value: lot.rawValue)
        }
    }
}

extension ExportControl {
    /// A refusal as a user who is not a US person may see it: when the command names a lot of an export-controlled item
    /// (in any of its fields), the answer is that no such lot exists, whatever the rules said about it.
    public static func masking(_ error: any Error, of command: some LotlineCommand, actor: String, in state: any LedgerState) -> any Error {
        guard let name = try? UserName.parse(actor), let user = try? state.user(name), !user.usPerson else { return error }
        for text in strings(in: command) {
            let number = LotNumber(rawValue: LotNumberLookup.normalize(text))
            guard !number.rawValue.isEmpty, let lot = try? state.lot(number), (try? state.item(lot.item))??.exportControlled == true else { continue }
            return LotlineError.notFound("lot-not-found", "no lot '\(text)'", value: text)
        }
        return error
    }

    /// Every string a command carries, found by reflection (only on a refusal, never on the hot path).
    static func strings(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        return Mirror(reflecting: value).children.flatMap { strings(in: $0.value) }
    }
}

extension EventBody {
    /// The lots this event made, where it makes any (a receipt, a split, a merge, an output, a return).
    var createdLots: [LotNumber]? {
        switch recorded {
        case .lotReceived(let e): [e.lot]
        case .lotSplit(let e): e.children.map(\.lot)
        case .lotsMerged(let e): [e.output]
        case .outputProduced(let e): e.outputs.map(\.lot)
        case .shipmentReturned(let e): [e.returnLot]
        default: nil
        }
    }
}
