import LotlineCore

/// A released work order as the stations list it (to pick one, or to print its traveler): what it makes and needs.
struct OrderRow: Sendable {
    var number: String
    var item: String
    var quantity: String
    var components: String
}

extension OrderRow {
    init(_ order: WorkOrder) {
        number = order.number.rawValue
        item = order.item.rawValue
        quantity = order.quantity.description
        components = order.components.map { "\($0.component) \($0.quantityPer) each" }.joined(separator: ", ")
    }
}
