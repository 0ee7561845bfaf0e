import Foundation
import NIOConcurrencyHelpers

/// Each rendered form carries a nonce; a form sent twice (a double click, a reload of the answer, the back button) is
/// refused the second time rather than recorded twice. A nonce is held while its form is handled and kept once it
/// succeeded; a refused form frees it, so correcting and sending again works. Only the last `capacity` are kept: a
/// guard against accidents, not a record (the ledger is that).
public final class FormNonces: Sendable {
    private struct State {
        var held: Set<String> = []
        var order: [String] = []
    }

    private let state = NIOLockedValueBox(State())
    let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = capacity }

    /// A new nonce for a form about to be rendered.
    static func fresh() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Takes the nonce for a form being handled; false when it was taken already.
    func reserve(_ nonce: String) -> Bool {
        state.withLockedValue { state in
            guard state.held.insert(nonce).inserted else { return false }
            state.order.append(nonce)
            if state.order.count > capacity {
                let dropped = state.order.count - capacity
                for old in state.order.prefix(dropped) { state.held.remove(old) }
                state.order.removeFirst(dropped)
            }
            return true
        }
    }

    /// Frees the nonce of a form that was refused.
    func release(_ nonce: String) {
        state.withLockedValue { state in
            state.held.remove(nonce)
            state.order.removeAll { $0 == nonce }
        }
    }
}
