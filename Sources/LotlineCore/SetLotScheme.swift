/// Set the lot number scheme for a kind of lot, or for one item's lots of that kind.
public struct SetLotScheme: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case pattern, item
        case origin = "kind"
    }

    public var origin: LotOrigin
    public var pattern: String
    public var item: String?

    public init(origin: LotOrigin, pattern: String, item: String? = nil) {
        self.origin = origin
        self.pattern = pattern
        self.item = item
    }

    public var permission: Permission { .masterData }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotSchemeSet> {
        let scheme = try LotNumberScheme(pattern)
        let part = try item.map { try state.requireItem($0).part }
        return Decision(LotSchemeSet(origin: origin, item: part, scheme: scheme))
    }
}
