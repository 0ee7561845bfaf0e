import Foundation

/// Correct what was recorded at receiving (a mistyped heat, a missing certificate); the event names the receipt it corrects.
public struct CorrectReceipt: LotlineCommand {
    /// The field names of the import format: the CLI's own option names.
    enum CodingKeys: String, CodingKey {
        case lot, heat, expires, note
        case supplierLot = "supplier_lot", certificate = "cert", purchaseOrder = "po"
    }

    public var lot: String
    public var supplierLot: String?
    public var heat: String?
    public var certificate: String?
    public var purchaseOrder: String?
    public var expires: String?
    public var note: String

    public init(lot: String, note: String) {
        self.lot = lot
        self.note = note
    }

    public var permission: Permission { .correct }

    public func decide(_ state: any LedgerState, _ context: CommandContext) throws -> Decision<LotReceiptCorrected> {
        let lot = try state.requireLot(lot)
        let note = try TextInput.required(note, field: "note", limit: 1000)
        let event = LotReceiptCorrected(
            lot: lot.number, supplierLot: try TextInput.optional(supplierLot, field: "supplier-lot", limit: 80),
            heat: try TextInput.optional(heat, field: "heat", limit: 80),
            certificate: try TextInput.optional(certificate, field: "cert", limit: 120),
            purchaseOrder: try TextInput.optional(purchaseOrder, field: "po", limit: 80),
            expiresOn: try expires.map { try CalendarDate.parse($0, field: "expires") }, note: note)
        guard event.supplierLot != nil || event.heat != nil || event.certificate != nil || event.purchaseOrder != nil || event.expiresOn != nil
        else {
            throw LotlineError.badInput(
                "nothing-to-change", "nothing to correct", value: lot.number.rawValue,
                remedy: .give([.supplierLot, .heat, .cert, .po, .expires]))
        }
        guard lot.origin == .receipt, let receipt = try state.creatingEvent(of: lot.number) else {
            throw LotlineError.refused(
                "not-a-receipt", "lot \(lot.number) was made by a \(lot.origin.rawValue), not received; correct the lot it came from",
                value: lot.number.rawValue)
        }
        var corrected = event
        if event.heat != nil && event.supplierLot == nil {
            let others = try state.lotsSharingHeat(with: lot.number)
            corrected.alsoChanges = others.isEmpty ? nil : others
        }
        return Decision(corrected, reason: note, corrects: receipt)
    }
}
