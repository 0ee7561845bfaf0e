import Foundation
import LotlineCore
import Testing

@testable import LotlineStore

/// A schedule is checked against the plant when it is published: a wrong one is refused and nothing is written.
@Suite struct PublishScheduleTests {
    let saw = EquipmentCode(rawValue: "SAW-1")
    func plant() throws -> (ProductionPlant, WorkOrderNumber) {
        let plant = try ProductionPlant()
        let order = try plant.workOrder("PIN", "10")
        return (plant, order)
    }

    func at(_ minutes: Int) -> BusinessTime { BusinessTime(date: TestPlant.now.addingTimeInterval(Double(minutes * 60)), timeZone: TestPlant.utc) }

    func publish(_ operations: [ScheduledOperation], unscheduled: [UnscheduledOperation] = []) -> PublishSchedule {
        PublishSchedule(from: at(0), horizonDays: 7, frozenHours: 0, seed: 1, iterations: 0, operations: operations, unscheduled: unscheduled)
    }

    @Test func versionsCountUpAndTheLatestReadsBack() throws {
        let (plant, order) = try plant()
        let op = ScheduledOperation(workOrder: order, seq: 10, workCenter: "SAWS", machine: saw, start: at(0), end: at(30))
        try plant.run(publish([op]))
        try plant.run(publish([ScheduledOperation(workOrder: order, seq: 10, workCenter: "SAWS", machine: saw, start: at(60), end: at(90))]))
        let latest = try #require(try plant.store.latestSchedule())
        #expect(latest.version == 2)
        #expect(latest.operations.map(\.start) == [at(60)])
        #expect(try plant.sqlite.verifyProjections(scratchDirectory: NSTemporaryDirectory()).ok)
    }

    @Test func aMachineRunningTwoOperationsAtOnceIsRefused() throws {
        let (plant, order) = try plant()
        let other = try plant.workOrder("PIN", "5")
        let before = try plant.sqlite.eventCount()
        #expect(throws: LotlineError.self) {
            try plant.run(
                publish([
                    ScheduledOperation(workOrder: order, seq: 10, workCenter: "SAWS", machine: saw, start: at(0), end: at(30)),
                    ScheduledOperation(workOrder: other, seq: 10, workCenter: "SAWS", machine: saw, start: at(20), end: at(40)),
                ]))
        }
        #expect(try plant.sqlite.eventCount() == before)
    }

    @Test func aCompletedOrUnknownOperationOrAnOperationTwiceIsRefused() throws {
        let (plant, order) = try plant()
        try plant.run(StartOperation(workOrder: order.rawValue, seq: 10, equipment: "SAW-1", operatorCode: "JDOE"))
        try plant.run(CompleteOperation(workOrder: order.rawValue, seq: 10, good: "10"))
        let completed = ScheduledOperation(workOrder: order, seq: 10, workCenter: "SAWS", machine: saw, start: at(0), end: at(30))
        let cases: [(PublishSchedule, String)] = [
            (publish([completed]), "operation-completed"),
            (publish([], unscheduled: [UnscheduledOperation(workOrder: order, seq: 99, reason: "x")]), "operation-not-found"),
            (
                publish([], unscheduled: [UnscheduledOperation(workOrder: WorkOrderNumber(rawValue: "WO-NOPE"), seq: 10, reason: "x")]),
                "work-order-not-found"
            ),
        ]
        for (command, code) in cases {
            #expect { try plant.run(command) } throws: { ($0 as? LotlineError)?.code == code }
        }
    }
}
