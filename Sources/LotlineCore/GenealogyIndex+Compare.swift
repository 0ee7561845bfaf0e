import Foundation

/// Comparing two indexes as traces read them: an index saved beside the database must answer every trace exactly as
/// one built afresh from the projections.
extension GenealogyIndex {
    /// Every lot the index knows, in intern order.
    public var lotNumbers: [String] { (0..<lots.count).map { lots.string(Int32($0)) } }

    /// A lot's live neighbours one step away with each link's certainty, exactly as `reach` walks them (backward through
    /// the packed adjacency, forward through the edge arrays).
    public func neighbours(of lot: String, _ direction: TraceDirection) -> [Step] {
        guard let id = lots.id(of: lot) else { return [] }
        var steps: [Step] = []
        forEachNeighbour(of: id, direction) { other, level in
            steps.append(Step(lot: lots.string(other), certainty: Self.certainties[Int(level)]))
        }
        return steps
    }

    /// The first lot whose neighbours differ between this index and `other`, described; nil when every lot of either
    /// has the same neighbours with the same certainties both ways.
    public func firstDifference(from other: GenealogyIndex, names: (this: String, other: String)) -> String? {
        for lot in Set(lotNumbers).union(other.lotNumbers).sorted() {
            for direction in TraceDirection.allCases {
                let mine = neighbours(of: lot, direction).map { "\($0.lot) [\($0.certainty.rawValue)]" }.sorted()
                let theirs = other.neighbours(of: lot, direction).map { "\($0.lot) [\($0.certainty.rawValue)]" }.sorted()
                guard mine != theirs else { continue }
                let word = direction == .forward ? "made into" : "made from"
                return "lot \(lot): \(names.this) has it \(word) \(mine.isEmpty ? "nothing" : mine.joined(separator: ", ")); "
                    + "\(names.other) has \(theirs.isEmpty ? "nothing" : theirs.joined(separator: ", "))"
            }
        }
        return nil
    }
}
