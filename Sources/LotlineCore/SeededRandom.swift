import Scheduling

/// A small, fast, deterministic random number generator, so the same seed always gives the same plant: the
/// scheduler's SplitMix64, under the name the plant generators use.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var inner: SplitMix64

    public init(seed: UInt64) { inner = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { inner.next() }
}
