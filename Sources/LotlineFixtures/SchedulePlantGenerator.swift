import Foundation
import LotlineCore
import LotlineStore

/// A plant for measuring the schedule and a hold's impact on it: work centers of three machines each with two shifts,
/// raw materials received as lots with expiry dates, products with a routing of `operationsPerOrder` steps through
/// the centers and two raw components, and `orders` released work orders. Seeded: the same seed, the same plant.
public struct SchedulePlantGenerator {
    public var orders: Int
    public var operationsPerOrder: Int
    public var seed: UInt64
    public static let workCenters = 10
    public static let rawItems = 20
    public static let products = 25

    public init(orders: Int = 1_000, operationsPerOrder: Int = 10, seed: UInt64 = 42) {
        self.orders = orders
        self.operationsPerOrder = operationsPerOrder
        self.seed = seed
    }

    /// Builds the plant in `store` at `now` (UTC).
    public func build(in store: LotlineStore, now: Date) throws {
        var random = SeededRandom(seed: seed)
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        try store.batch(actor: "generator", timeZone: TimeZone(secondsFromGMT: 0)!) { batch in
            func run<Command: LotlineCommand>(_ command: Command) throws { _ = try batch.execute(command, at: now) }
            try run(AddSupplier(code: "RAWCO", name: "Raw materials", approved: true))
            try run(AddNamedRecord<LocationKind>(code: "STORES", name: "Stores"))
            try run(AddNamedRecord<ReasonKind>(code: "QC-HOLD", name: "Quality hold"))
            for center in 0..<Self.workCenters {
                let machines = (0..<3).map { "M-\(center)-\($0)" }
                for machine in machines { try run(AddNamedRecord<EquipmentKind>(code: machine, name: machine)) }
                try run(SetWorkCenter(code: "WC-\(center)", name: "Center \(center)", machines: machines))
                try run(SetWorkCenterShifts(workCenter: "WC-\(center)", shifts: ["mon-fri 06:00-14:00", "mon-fri 14:00-22:00"]))
            }
            for raw in 0..<Self.rawItems {
                var item = AddItem(part: "RAW-\(raw)", description: "Raw \(raw)", unit: "kg")
                item.shelfLifeDays = 365
                try run(item)
                for lot in 0..<10 {
                    var receive = Receive(item: "RAW-\(raw)", quantity: "\(200 + below(400))", supplier: "RAWCO", supplierLot: "S-\(raw)-\(lot)")
                    receive.location = "STORES"
                    receive.expires = CalendarDate(year: 2027, month: 1 + below(12), day: 1 + below(28)).description
                    try run(receive)
                }
            }
            for product in 0..<Self.products {
                try run(AddItem(part: "PROD-\(product)", description: "Product \(product)", unit: "ea"))
                for component in Set([product % Self.rawItems, (product * 7 + 3) % Self.rawItems]).sorted() {
                    try run(SetBomLine(item: "PROD-\(product)", component: "RAW-\(component)", quantityPer: "0.\(1 + below(5))"))
                }
                for step in 0..<operationsPerOrder {
                    var operation = SetRoutingOperation(
                        item: "PROD-\(product)", seq: (step + 1) * 10, name: "Step \(step + 1)", workCenter: "WC-\(below(Self.workCenters))")
                    operation.setup = String(10 + below(30))
                    operation.run = String(1 + below(4))
                    try run(operation)
                }
            }
            for _ in 0..<orders {
                let order = try batch.execute(CreateWorkOrder(item: "PROD-\(below(Self.products))", quantity: String(5 + below(20))), at: now).outcome
                try run(ChangeWorkOrderStatus(number: order.number.rawValue, to: .released))
            }
        }
    }
}
