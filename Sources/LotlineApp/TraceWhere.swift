import Foundation
import LotlineCore

/// Every lot and serial made at an operation that ran with all the named machine, tool, operator, processor and
/// parameters (AND at one operation), started in a time range; with `forward`, everything made from them too.
public struct TraceWhere: Sendable {
    public var equipment: String?
    public var tool: String?
    public var operatorCode: String?
    public var processor: String?
    /// `NAME`, `NAME=VALUE`, `NAME>VALUE`, `>=`, `<`, `<=`.
    public var parameters: [String]
    /// Operations started at or after / at or before these times; a day alone as `to` means the whole day.
    public var from: String?
    public var to: String?
    public var forward: Bool

    public init(
        equipment: String? = nil, tool: String? = nil, operatorCode: String? = nil, processor: String? = nil, parameters: [String] = [],
        from: String? = nil, to: String? = nil, forward: Bool = false
    ) {
        self.equipment = equipment
        self.tool = tool
        self.operatorCode = operatorCode
        self.processor = processor
        self.parameters = parameters
        self.from = from
        self.to = to
        self.forward = forward
    }

    /// What was produced, and with `forward` what was made from it (`produced`, `downstream`).
    public struct Result: Sendable, Encodable {
        public var produced: [ProducedWith]
        public var downstream: [Downstream]?
    }

    /// The filter as typed, checked: codes and conditions parsed, times in the plant's time zone.
    public func filter(timeZone: TimeZone) throws -> ProductionFilter {
        var filter = ProductionFilter(
            equipment: try equipment.map(EquipmentCode.parse), tool: try tool.map(ToolCode.parse),
            operatorCode: try operatorCode.map(OperatorCode.parse), processor: try processor.map(SupplierCode.parse),
            parameters: try parameters.map(ParameterCondition.parse))
        let range = try TimeRange(from: from, to: to, timeZone: timeZone)
        (filter.from, filter.to) = (range.from, range.to)
        return filter
    }

    public func run(in store: some GenealogyReading, today: CalendarDate, timeZone: TimeZone) throws -> Result {
        let produced = try store.producedWith(try filter(timeZone: timeZone), today: today)
        guard forward, !produced.isEmpty else { return Result(produced: produced, downstream: forward ? [] : nil) }
        let lots = Array(Set(produced.map(\.lot))).sorted { $0.rawValue < $1.rawValue }
        return Result(produced: produced, downstream: try store.downstream(of: lots, today: today))
    }
}
