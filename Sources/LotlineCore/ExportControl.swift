import Foundation

/// Export control (ITAR/EAR): lots of items flagged export-controlled are handled and seen only by US persons. For
/// anyone else they do not exist: a command that would touch one is refused as if the lot were not there (or, for a
/// new lot of such an item, because of the item), and reads leave them out with a count, never a number.
public enum ExportControl {
    /// Before anything is appended: a lot this change would make under a number a controlled lot already has (which
    /// the rules, seeing the plant as this actor may, took for free) is refused as export-controlled, not left to the
    /// database's uniqueness check (an internal error naming the number).
    public static func requireFreeNumbers(of events: [any EventBody], actor: String, in state: any LedgerState) throws {
        guard try isNotUSPerson(actor, in: state) else { return }
        let created = events.compactMap(\.createdLots).flatMap { $0 }
        guard !created.isEmpty else { return }
        let controlled = try state.exportControlledItems()
        for lot in created {
            guard let found = try state.lot(lot), controlled.contains(found.item) else { continue }
            throw reachesControlledLots
        }
    }

    /// Refuses events a user who is not a US person may not record: any that touch a lot of an export-controlled item.
    /// The rules never showed them such a lot (`HiddenLotsState`), so this catches what a command reaches by itself: a
    /// new lot of such an item, or a recall that would hold one. Neither names a controlled lot. `state` sees them all.
    public static func requireHandler(of events: [any EventBody], actor: String, in state: any LedgerState) throws {
        guard try isNotUSPerson(actor, in: state) else { return }
        let touched = Set(events.flatMap(\.lots))
        guard !touched.isEmpty else { return }
        let controlled = try state.exportControlledItems()
        guard !controlled.isEmpty else { return }
        let created = Set(events.compactMap(\.createdLots).flatMap { $0 })
        for lot in touched.sorted() {
            guard let found = try state.lot(lot), controlled.contains(found.item) else { continue }
            if created.contains(lot) {
                throw LotlineError(
                    .forbidden, "export-controlled",
                    "item '\(found.item)' is export-controlled: only users who are US persons handle its lots", value: found.item.rawValue)
            }
            throw reachesControlledLots
        }
    }

    /// A user on file who is not a US person: whom the control applies to (not an open database's actor).
    private static func isNotUSPerson(_ actor: String, in state: any LedgerState) throws -> Bool {
        guard let name = try? UserName.parse(actor), let user = try state.user(name) else { return false }
        return !user.usPerson
    }

    /// The refusal that names no lot.
    private static var reachesControlledLots: LotlineError {
        LotlineError(
            .forbidden, "export-controlled",
            "this change reaches lots of export-controlled items, which only users who are US persons handle: ask one to make it")
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
