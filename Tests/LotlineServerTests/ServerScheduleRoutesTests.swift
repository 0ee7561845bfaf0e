import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LotlineApp
import LotlineCore
import LotlineFixtures
import LotlineServer
import LotlineStore
import NIOCore
import Testing

/// The schedule's side of holds over HTTP: a hold answers with what it touches in the same response, a planner pins and
/// chooses lots through the command routes, and an order's plan against what happened is a read.
extension ServerPlantRoutesTests {
    func bytes(_ object: [String: Any]) -> ByteBuffer { ServerAuthTests.bytes(object) }

    @Test func aHoldOverHTTPAnswersWithTheScheduledJobsItHits() async throws {
        let session = Session(backend: store, actor: "quinn", now: ServerAuthTests.now, timeZone: ServerAuthTests.utc)
        let schedule = try session.schedule(PlantScheduler.Options(seconds: 2, iterations: 300)).schedule
        let allocated = try #require(schedule.operations.first { !($0.allocations ?? []).isEmpty })
        let lot = try #require(allocated.allocations?.first?.lot)
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/commands/lot/hold", method: .post, headers: ServerAuthTests.json + auth,
                body: bytes(["lot": lot.rawValue, "reason": "QC-HOLD"]))
            #expect(response.status == .created)
            let impact = try #require(body(response)["impact"] as? [String: Any])
            #expect(impact["schedule_version"] as? Int == schedule.version + 1)
            let scheduled = try #require(impact["scheduled"] as? [[String: Any]])
            #expect(scheduled.contains { $0["work_order"] as? String == allocated.workOrder.rawValue && $0["seq"] as? Int == allocated.seq })
            #expect(scheduled.allSatisfy { ($0["new_lots"] as? [[String: Any]] ?? []).allSatisfy { $0["lot"] as? String != lot.rawValue } })
            #expect((body(response)["events"] as? [[String: Any]])?.first?["type"] as? String == "lot.status_changed")
            // Any other command answers as before, without an impact.
            let release = try await client.execute(
                uri: "/commands/lot/release", method: .post, headers: ServerAuthTests.json + auth,
                body: bytes(["lot": lot.rawValue, "reason": "QC-HOLD", "signature": ["password": TestAuth.password, "meaning": "approved"]]))
            #expect(release.status == .created && body(release)["impact"] == nil, "\(body(release))")
        }
        #expect(try store.latestSchedule()?.operations.allSatisfy { !($0.allocations ?? []).contains { $0.lot == lot } } == true)
    }

    @Test func aPlannerPinsOverHTTPAndTheVarianceIsARead() async throws {
        let order = try #require(try store.workOrders(status: .planned).first { $0.item.rawValue == "PUMP-P100" })
        try await app.test(.router) { client in
            let pin = try await client.execute(
                uri: "/commands/schedule/pin", method: .post, headers: ServerAuthTests.json + auth,
                body: bytes(["wo": order.number.rawValue, "seq": 10, "machine": "BENCH-2", "start": "2026-11-30T08:00"]))
            #expect(pin.status == .created, "\(body(pin))")
            let overlap = try await client.execute(
                uri: "/commands/schedule/pin", method: .post, headers: ServerAuthTests.json + auth,
                body: bytes(["wo": order.number.rawValue, "seq": 20, "machine": "TESTRIG-1", "start": "2026-11-30T08:10"]))
            #expect(overlap.status == .conflict && body(overlap)["code"] as? String == "pin-out-of-sequence", "\(body(overlap))")
            let variance = try await client.execute(uri: "/work-orders/\(order.number)/variance", method: .get, headers: auth)
            #expect(variance.status == .ok)
            #expect((body(variance)["operations"] as? [[String: Any]])?.map { $0["seq"] as? Int } == [10, 20])
            #expect(try await client.execute(uri: "/work-orders/WO-NOPE/variance", method: .get, headers: auth).status == .notFound)
        }
        let pinned = try #require(try store.workOrderDetail(order.number.rawValue).order.operation(10)?.pin)
        #expect(pinned.machine?.rawValue == "BENCH-2")
    }
}
