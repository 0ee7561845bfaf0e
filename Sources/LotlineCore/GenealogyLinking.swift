/// Which outputs of a work order one consumption is linked into, and how surely: the rule behind every consumption link.
///
/// The order of the ledger decides, never the clock: timestamps are coarse (a scan second, an ERP's day), so an output
/// recorded before a consumption is never its best guess, whatever time either names, and equal times never tie-break on
/// anything but the sequence number.
/// - `exact`: the consumption named its output, or the order has made a single output, recorded after it;
/// - `window`: the first output(s) recorded after the consumption (outputs made together share a window);
/// - `possible`: every other output recorded after it (work in process waits in queues), and every output recorded
///   before it whose business time is later (a back-dated consumption may have gone into it).
/// A consumption with no output after it is work in process (`order`), not a link, until an output is made.
public enum GenealogyLinking {
    /// An output of the order: its lot, the ledger sequence number that made it, and its business time in seconds.
    public struct Output: Sendable, Hashable {
        public var lot: String
        public var seq: Int64
        public var at: Double

        public init(lot: String, seq: Int64, at: Double) {
            self.lot = lot
            self.seq = seq
            self.at = at
        }
    }

    /// The outputs a consumption (recorded at `seq`, business time `at`, naming `into` or not) is linked to, with the
    /// certainty of each; empty while nothing it could be in exists.
    public static func targets(seq: Int64, at: Double, into: String?, among outputs: [Output]) -> [(lot: String, certainty: Certainty)] {
        if let into { return [(into, .exact)] }
        let later = outputs.filter { $0.seq > seq }
        let backDated = outputs.filter { $0.seq < seq && $0.at > at }
        guard let first = later.map(\.seq).min() else { return backDated.map { ($0.lot, .possible) } }
        if outputs.count == 1 { return [(later[0].lot, .exact)] }
        return later.map { ($0.lot, $0.seq == first ? Certainty.window : .possible) } + backDated.map { ($0.lot, .possible) }
    }
}
