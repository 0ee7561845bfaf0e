import Foundation
import LotlineCore
import Testing

/// A hold's re-allocation when the only other material is an open order's planned output: the assembly placed before
/// that output is made cannot take it, and is told from when it could.
@Suite struct HoldReallocationTests {
    static let utc = TimeZone(secondsFromGMT: 0)!

    static func time(_ text: String) throws -> BusinessTime { try BusinessTime.parse(text, timeZone: utc) }

    static func order(_ number: String, item: String, components: [BomLine], center: String) -> WorkOrder {
        WorkOrder(
            number: WorkOrderNumber(rawValue: number), item: PartNumber(rawValue: item), quantity: Quantity(3, "ea"), due: nil, status: .released,
            components: components,
            operations: [WorkOrderOperation(routing: RoutingOperation(seq: 10, name: "Work", workCenter: center, setupMinutes: 60))],
            produced: Quantity(0, "ea"), outputs: [])
    }

    @Test func anAssemblyBeforeThePlannedOutputIsToldWhenItComes() throws {
        let sub = Self.order("WO-SUB", item: "SUB", components: [], center: "LATHES")
        let asm = Self.order(
            "WO-ASM", item: "ASM", components: [BomLine(component: PartNumber(rawValue: "SUB"), quantityPer: Quantity(1, "ea"))], center: "MILLS")
        let stock = LotNumber(rawValue: "S-1")
        var assembly = ScheduledOperation(
            workOrder: asm.number, seq: 10, workCenter: "MILLS", machine: EquipmentCode(rawValue: "M1"), start: try Self.time("2026-12-01T08:00Z"),
            end: try Self.time("2026-12-01T09:00Z"))
        assembly.allocations = [LotPortion(lot: stock, quantity: Quantity(3, "ea"))]
        let making = ScheduledOperation(
            workOrder: sub.number, seq: 10, workCenter: "LATHES", machine: EquipmentCode(rawValue: "L1"), start: try Self.time("2026-12-02T08:00Z"),
            end: try Self.time("2026-12-02T09:00Z"))
        let previous = PublishedSchedule(
            version: 1, seq: 1, from: try Self.time("2026-12-01T06:00Z"), horizonDays: 14, frozenHours: 0, operations: [assembly, making],
            unscheduled: [])
        let held = AllocatableLot(
            number: stock, item: PartNumber(rawValue: "SUB"), quantity: Quantity(3, "ea"), status: .onHold, expiresOn: nil, receiptSeq: 1)
        let plant = PlantScheduler.Plant(orders: [sub, asm], workCenters: [], downtimes: [], previous: previous, lots: [held])
        let command = PlantScheduler.reallocate(previous, awayFrom: [stock], plant: plant, rule: .fefo)
        #expect(command.schedule.reallocatedFor == [stock])
        let reason = try #require(command.schedule.unscheduled.first { $0.workOrder == asm.number }?.reason)
        #expect(
            reason
                == "no usable material: SUB short by 3 ea (3 ea on hold, 3 ea planned output not made yet); not before 2026-12-02T09:00:00+00:00, when that output is made"
        )
        #expect(command.schedule.operations.map(\.workOrder) == [sub.number], "the making order keeps its place")
    }
}
