/// What a search may use and how long it may take.
public struct ShopSearchOptions: Sendable {
    /// Wall-clock limit for the improvement search.
    public var seconds: Double
    /// Limit on improvement iterations: the same instance, seed and iteration limit give the same schedule on any
    /// machine, as long as the time limit is not reached first.
    public var iterations: Int?
    public var seed: UInt64
    /// The earliest each operation may start, `release[job][operation]`; nil for all at 0.
    public var release: [[Int]]?
    /// When each machine may work; nil for always.
    public var calendar: MachineCalendar?

    public init(seconds: Double = 10, iterations: Int? = nil, seed: UInt64 = 1, release: [[Int]]? = nil, calendar: MachineCalendar? = nil) {
        self.seconds = seconds
        self.iterations = iterations
        self.seed = seed
        self.release = release
        self.calendar = calendar
    }
}

/// A search's answer: the best schedule found and how the search ended.
public struct ShopSearchResult: Sendable {
    public enum Stop: String, Sendable {
        /// The makespan reached a lower bound, so no better schedule exists.
        case optimal
        case iterations
        case time
    }

    public var schedule: ShopSchedule
    public var makespan: Int
    public var lowerBound: Int
    public var iterations: Int
    public var stop: Stop
}

/// Schedules a (flexible) job shop to a short makespan: the best of a few Giffler–Thompson builds, then tabu search
/// over the critical path (swaps at the ends of machine blocks, and moves of critical operations to other machines),
/// going back to the best schedule found with a small random shake when the search stalls. Single-threaded.
public enum ShopSolver {
    public static func solve(_ instance: ShopInstance, options: ShopSearchOptions = ShopSearchOptions()) -> ShopSearchResult {
        let shop = FlatShop(instance, release: options.release, calendar: options.calendar)
        var search = TabuSearch(shop: shop, instance: instance, options: options)
        return search.run()
    }
}
