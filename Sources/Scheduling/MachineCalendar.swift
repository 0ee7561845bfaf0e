/// When each machine can work: sorted, non-overlapping windows `[start, end)`. An operation runs inside one window
/// without a break; back-to-back windows (three shifts) are one. A machine whose windows are `nil` is always available;
/// one with an empty list never is.
public struct MachineCalendar: Sendable, Hashable {
    /// A time no operation can start at: the machine has no window long enough.
    public static let never = Int.max / 4

    private var windows: [[Range<Int>]?]

    /// `windows[m]` lists machine `m`'s windows in any order; overlapping or touching ones are merged. Machines past the
    /// end of the list are always available.
    public init(windows: [[Range<Int>]?]) {
        self.windows = windows.map { $0.map(Self.merged) }
    }

    /// The earliest start at or after `ready` when `duration` fits in one window, or `never`.
    public func earliestStart(machine: Int, ready: Int, duration: Int) -> Int {
        guard machine < windows.count, let list = windows[machine] else { return ready }
        var low = 0
        var high = list.count
        while low < high {  // the first window that ends after `ready`
            let middle = (low + high) / 2
            if list[middle].upperBound <= ready { low = middle + 1 } else { high = middle }
        }
        for window in list[low...] {
            let start = max(ready, window.lowerBound)
            if start + duration <= window.upperBound { return start }
        }
        return Self.never
    }

    /// True when every machine is always available.
    public var isUnrestricted: Bool { windows.allSatisfy { $0 == nil } }

    private static func merged(_ list: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for window in list.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, window.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
            } else {
                result.append(window)
            }
        }
        return result
    }
}
