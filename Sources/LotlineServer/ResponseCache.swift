import DequeModule
import Foundation
import LotlineCore
import NIOConcurrencyHelpers

/// The answers of reads that depend on nothing but the ledger, the plant's day and whether the reader may see
/// export-controlled lots (a lot's detail, a trace), kept while the ledger stays as it was.
///
/// Derived, like every projection: an answer is kept under the ledger head its request saw before it was read (its
/// length, and how many times the projections were rebuilt), and is given again only to a request that saw that same
/// head, on the same day, with the same view; the first request to see a newer head drops every answer kept. The answer
/// may come from a state newer than the head it is kept under (a write landed between the two reads), never an older
/// one, so no request is answered from before a write it could know of. Bounded in bytes; the oldest answers go first.
public final class ResponseCache: Sendable {
    /// What an answer depends on besides the ledger.
    public struct Key: Hashable, Sendable {
        public var request: String
        public var day: CalendarDate
        public var seesControlled: Bool

        public init(request: String, day: CalendarDate, seesControlled: Bool) {
            self.request = request
            self.day = day
            self.seesControlled = seesControlled
        }
    }

    /// Where the ledger stood: newer when it grew or its projections were rebuilt (both only ever go up).
    public struct Version: Comparable, Hashable, Sendable {
        public var rebuilds: Int64
        public var seq: Int64

        public init(_ position: LedgerPosition) {
            (rebuilds, seq) = (position.rebuilds, position.seq)
        }

        public static func < (left: Version, right: Version) -> Bool { (left.rebuilds, left.seq) < (right.rebuilds, right.seq) }
    }

    private struct Entries {
        var head: Version?
        var answers: [Key: Data] = [:]
        /// Oldest first.
        var order: Deque<Key> = []
        var bytes = 0

        mutating func drop(below head: Version) {
            if let current = self.head, current >= head { return }
            self = Entries(head: head)
        }
    }

    /// The most the answers may take; 0 keeps none.
    public let capacityBytes: Int
    private let entries = NIOLockedValueBox(Entries())

    public init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
    }

    var isEnabled: Bool { capacityBytes > 0 }

    /// The answer kept for this request at this head, if any.
    public func answer(_ key: Key, head: Version) -> Data? {
        entries.withLockedValue { entries in
            entries.drop(below: head)
            return entries.head == head ? entries.answers[key] : nil
        }
    }

    /// Keeps an answer read after the ledger stood at `head`; nothing when a newer head has been seen meanwhile.
    public func keep(_ answer: Data, for key: Key, head: Version) {
        guard answer.count <= capacityBytes / 4 else { return }
        entries.withLockedValue { entries in
            entries.drop(below: head)
            guard entries.head == head, entries.answers[key] == nil else { return }
            entries.answers[key] = answer
            entries.order.append(key)
            entries.bytes += answer.count
            while entries.bytes > capacityBytes, let gone = entries.order.popFirst() {
                entries.bytes -= entries.answers.removeValue(forKey: gone)?.count ?? 0
            }
        }
    }

    /// How many answers are kept, and under which head (for tests and the health of the cache).
    public var state: (head: Version?, answers: Int, bytes: Int) {
        entries.withLockedValue { ($0.head, $0.answers.count, $0.bytes) }
    }
}
