import ArgumentParser
import LotlineCore

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

    /// `receive --scan DATA 5`: the label names the item (its GTIN), so the one argument given is the quantity, as with
    /// issue; `receive RESIN-A --scan DATA` keeps it as the item. A quantity starts with a digit and holds no dash.
    static func itemAndQuantity(_ first: String?, _ second: String?, scans: [String]) -> (item: String?, quantity: String?) {
        guard !scans.isEmpty, second == nil, let single = first, single.first?.isNumber == true, !single.contains("-"),
            (try? ScanFacts.read(scans))?.gtin != nil
        else { return (first, second) }
        return (nil, single)
    }
}
