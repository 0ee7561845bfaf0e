import Foundation

/// Where a lot stands. `expired` is never stored: it is read from the expiry date, whatever the stored status.
public enum LotStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case quarantine, released
    case onHold = "on_hold"
    case rejected, expired, consumed, shipped, scrapped

    /// Still physically in the building with something left.
    public var isInStock: Bool {
        switch self {
        case .quarantine, .released, .onHold, .rejected, .expired: true
        case .consumed, .shipped, .scrapped: false
        }
    }

}
