import Foundation

/// Checks shared by the inventory operations.
enum InventoryRules {
    /// Refuses a lot that is no longer in the building: consumed, shipped or scrapped.
    static func requireInStock(_ lot: Lot, for action: String) throws {
        guard lot.storedStatus.isInStock, !lot.quantity.isZero else {
            throw LotlineError.refused(
                "lot-not-in-stock", "cannot \(action) lot \(lot.number): it is \(lot.storedStatus.rawValue) and nothing of it is left",
                value: lot.number.rawValue)
        }
    }

    /// Refuses taking more than the lot holds.
    static func requireAvailable(_ wanted: Quantity, in lot: Lot, rule: String, action: String) throws {
        guard wanted.amount <= lot.quantity.amount else {
            throw LotlineError.refused(
                rule, "cannot \(action) \(wanted) from lot \(lot.number): it holds only \(lot.quantity)", value: Quantity.format(wanted.amount))
        }
    }
}
