import Foundation

/// What material is taken from a lot for.
public enum LotUse: String, Sendable, CaseIterable {
    /// Issued to a work order.
    case issue
    /// Shipped to a customer.
    case ship
    /// Merged into a composite lot: a lot still in quarantine may be, its composite then waits for inspection too.
    case merge
    /// Consumed at an operation, from what was issued to the order: the lot may have nothing left in stock.
    case consume

    var allowsQuarantine: Bool { self == .merge }
    var needsStock: Bool { self != .consume }
}

/// The one rule every use of material shares, by use: a lot on hold or expired is never used; a lot awaiting its final
/// inspection is not issued or shipped; issue and ship need a released lot, merge a released or quarantined one, and all
/// but consumption something left in stock. Used by issue, consume, merge and ship (and next, by allocation).
public enum UsableLot {
    public static func require(_ lot: Lot, for use: LotUse, today: CalendarDate) throws {
        let status = lot.status(on: today)
        let action = use.rawValue
        func refuse(_ code: String, _ why: String, remedy: Remedy? = nil) -> LotlineError {
            LotlineError.refused(code, "cannot \(action) lot \(lot.number): \(why)", value: lot.number.rawValue, remedy: remedy)
        }
        switch status {
        case .onHold: throw refuse("lot-on-hold", "it is on_hold")
        case .expired: throw refuse("lot-expired", "it is expired")
        // Consumed from what the order holds: any other status of the lot itself is no bar.
        case _ where use == .consume: break
        case .quarantine where lot.origin == .production && !use.allowsQuarantine:
            throw refuse("lot-awaiting-acceptance", "it awaits its final inspection", remedy: .passInspection(lot: lot.number.rawValue))
        case .released: break
        case .quarantine where use.allowsQuarantine: break
        case .shipped: throw refuse("lot-already-shipped", "it is shipped; only released lots can be used")
        default:
            throw use.allowsQuarantine
                ? refuse("lot-not-usable", "it is \(status.rawValue); only released or quarantined lots can be merged")
                : refuse("lot-not-released", "it is \(status.rawValue); only released lots can be used")
        }
        if use.needsStock { try InventoryRules.requireInStock(lot, for: action) }
    }
}
