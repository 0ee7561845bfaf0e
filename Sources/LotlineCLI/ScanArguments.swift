import ArgumentParser

/// `issue LOT QTY` or `issue --scan DATA QTY`: with a scan the one argument left is the quantity.
enum ScanArguments {
    static func lotAndQuantity(_ first: String?, _ second: String?, scan: String?) throws -> (lot: String?, quantity: String) {
        switch (first, second, scan) {
        case (let lot?, let quantity?, _): return (lot, quantity)
        case (let quantity?, nil, _?): return (nil, quantity)
        case (_?, nil, nil): throw ValidationError("Missing the quantity: give LOT QTY, or --scan DATA QTY.")
        default: throw ValidationError("Missing the lot and quantity: give LOT QTY, or --scan DATA QTY.")
        }
    }
}
