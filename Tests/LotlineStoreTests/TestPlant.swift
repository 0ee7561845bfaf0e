import Foundation
import LotlineCore
import LotlineFixtures
import LotlineStore
import Testing

/// The backends the scenario tests run on: each scenario runs on every one, through the backend protocols.
enum Backend: String, CaseIterable, Sendable {
    case sqliteMemory = "SQLite in memory"
    case sqliteFile = "SQLite file"

    /// The store, and the folder its files are in (removed when the test lets go of it).
    func open() throws -> (LotlineStore, ScratchDirectory?) {
        switch self {
        case .sqliteMemory: return (try LotlineStore.inMemory(), nil)
        case .sqliteFile:
            let scratch = try ScratchDirectory()
            return (try LotlineStore(path: scratch.url.appendingPathComponent("plant.sqlite").path), scratch)
        }
    }
}

/// A store with a small plant's master data, and a fixed clock; on real in-memory SQLite unless a backend is named.
struct TestPlant {
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let now = try! BusinessTime.parse("2026-11-27T10:00:00Z", timeZone: utc).date
    static let utcToday = CalendarDate(year: 2026, month: 11, day: 27)

    /// The SQLite store itself, for what only it has (its state, its SQL, its trace index).
    let sqlite: LotlineStore
    private let scratch: ScratchDirectory?
    /// The store as every interface sees it: through the backend protocols.
    var store: any LotlineBackend { sqlite }

    init(_ backend: Backend = .sqliteMemory) throws {
        (sqlite, scratch) = try backend.open()
        var steel = AddItem(part: "STEEL-BAR", description: "4140 steel bar", unit: "kg")
        steel.inspectionRequired = true
        try run(steel)
        var resin = AddItem(part: "RESIN", description: "Epoxy resin", unit: "kg")
        resin.shelfLifeDays = 180
        try run(resin)
        try run(AddItem(part: "BOLT", description: "M8 bolt", unit: "ea"))
        try run(AddSupplier(code: "ACME", name: "Acme Steel", approved: true))
        try run(AddSupplier(code: "SHADY", name: "Shady Metals", approved: false))
        try run(AddNamedRecord<LocationKind>(code: "RCV", name: "Receiving dock"))
        try run(AddNamedRecord<LocationKind>(code: "A-01", name: "Rack A-01"))
        try run(AddNamedRecord<ReasonKind>(code: "QC", name: "Quality concern"))
        try run(AddNamedRecord<ReasonKind>(code: "COUNT", name: "Cycle count"))
        try run(AddNamedRecord<ReasonKind>(code: "DMG", name: "Damaged"))
    }

    @discardableResult
    func run(_ command: some LotlineCommand, at date: Date = TestPlant.now) throws -> [LedgerEvent] {
        try store.execute(command, actor: "tester", at: date, timeZone: TestPlant.utc).events
    }

    /// Receives steel and returns the new lot's number.
    func receive(_ quantity: String, item: String = "STEEL-BAR", supplierLot: String = "SL-1", heat: String? = "H-2231") throws -> LotNumber {
        var receive = Receive(item: item, quantity: quantity, supplier: "ACME", supplierLot: supplierLot)
        receive.heat = heat
        receive.location = "RCV"
        let events = try run(receive)
        return LotNumber(rawValue: try #require(events.first.flatMap { try? $0.body() as? LotReceived }).lot.rawValue)
    }

    func lot(_ number: LotNumber) throws -> Lot {
        try store.lotDetail(number.rawValue).lot
    }
}
