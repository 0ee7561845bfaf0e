import Foundation
import GRDB
import LotlineCore

/// Computes what a recall reaches: every lot forward of the starting lots, classified, with customers and mass balances.
struct RecallEngine {
    let db: Database
    let today: CalendarDate
    let index: GenealogyIndex

    /// Every lot forward of the starting lots (the starting lots included), with the weakest certainty on its best path.
    /// A recall never rests on the cache alone: the index's answer is checked against one recursive query over the
    /// projections, and where they disagree every lot either reached is kept (with the projections' certainty) and the
    /// disagreement is described.
    func reach(from starts: [LotNumber]) throws -> (steps: [(LotNumber, Certainty)], disagreement: String?) {
        let indexed = index.reach(from: starts.map(\.rawValue), .forward)
        let recorded = try SQLTrace.reach(from: starts.map(\.rawValue), .forward, db: db)
        guard Set(indexed) != Set(recorded) else { return (indexed.map { (LotNumber(rawValue: $0.lot), $0.certainty) }, nil) }
        var merged = Dictionary(indexed.map { ($0.lot, $0.certainty) }, uniquingKeysWith: min)
        for step in recorded { merged[step.lot] = step.certainty }
        let differing = Set(indexed).symmetricDifference(recorded).map(\.lot)
        let examples = Set(differing).sorted().prefix(5).joined(separator: ", ")
        let message =
            "the saved trace index disagreed with the projections on \(Set(differing).count) lots (\(examples)); this report holds every lot "
            + "either reached, with the projections' certainty, and the index is rebuilt; check the database with audit verify --projections"
        // The recall's order: the index's lots first, as it walks them, then any only the projections reached.
        let known = Set(indexed.map(\.lot))
        let order = indexed.map(\.lot) + recorded.map(\.lot).filter { !known.contains($0) }
        var seen = Set<String>()
        let steps = order.filter { seen.insert($0).inserted }.map { (LotNumber(rawValue: $0), merged[$0]!) }
        return (steps, message)
    }

    func report(id: String?, target: String, reason: String?, startingLots: [LotNumber]) throws -> RecallReport {
        let state = SQLiteLedgerState(db: db)
        let holds = try id.map { try SQLiteLedgerState.recallHolds(recall: $0, db: db) } ?? []
        let held = Set(holds.filter { $0.disposition == nil }.map(\.lot))
        var affected: [AffectedLot] = []
        let (steps, disagreement) = try reach(from: startingLots)
        // Shipments and work in process of every lot reached, read at once.
        let shipments = try TraceFacts.shipments(of: steps.map(\.0), db: db)
        let workInProcess = try TraceFacts.workInProcess(of: steps.map(\.0), db: db)
        for (number, certainty) in steps {
            guard let lot = try state.lot(number) else { continue }
            let totals = try Movements.totals(number, db: db)
            let unit = lot.quantity.unit
            affected.append(
                AffectedLot(
                    lot: number, item: lot.item, status: lot.status(on: today), certainty: certainty, inStock: lot.quantity, location: lot.location,
                    workInProcess: workInProcess[number] ?? [], shipments: shipments[number] ?? [],
                    consumed: Quantity(totals.consumed, unit), scrapped: Quantity(totals[.scrap], unit),
                    held: held.contains(number)))
        }
        var report = RecallReport(
            id: id, target: target, reason: reason, startingLots: startingLots, affected: affected, customers: try customers(affected),
            balances: try startingLots.map(balance))
        report.awaitingOutput = try state.awaitingOutput(of: affected.map(\.lot))
        report.holds = holds
        if let id {
            report.heldOrders = try db.fetchAll(
                String.self, sql: "SELECT DISTINCT work_order FROM work_order_holds WHERE recall = ? ORDER BY work_order", arguments: [id]
            ).map(WorkOrderNumber.init(rawValue:))
            report.closedAt = try db.fetchOne(String.self, sql: "SELECT closed_at FROM recalls WHERE id = ?", arguments: [id])
            let signatures = try Signing.signatures(ofRecall: id, db: db)
            report.signatures = signatures.isEmpty ? nil : signatures
        }
        report.traceIndexDisagreed = disagreement
        return report
    }

    private func customers(_ affected: [AffectedLot]) throws -> [CustomerNotice] {
        var lines: [CustomerCode: [CustomerNotice.ShipmentLine]] = [:]
        for lot in affected {
            for s in lot.shipments {
                lines[s.customer, default: []].append(
                    .init(
                        shipment: s.shipment, order: s.order, lot: lot.lot, item: lot.item, quantity: s.quantity, returned: s.returned,
                        shippedAt: s.shippedAt))
            }
        }
        let state = SQLiteLedgerState(db: db)
        return try lines.keys.sorted().map { code in
            CustomerNotice(
                customer: code, name: try state.named(code)?.name ?? code.rawValue, shipments: lines[code]!.sorted { $0.shippedAt < $1.shippedAt })
        }
    }

    /// The starting lot and every lot split (or returned) from it are one body of material; what left it otherwise is accounted for.
    func balance(_ start: LotNumber) throws -> MassBalance {
        var members = [start]
        var index = 0
        while index < members.count {
            members += try db.fetchAll(
                String.self,
                sql:
                    "SELECT p.child FROM lot_parents p JOIN lots l ON l.number = p.child WHERE p.parent = ? AND l.origin IN ('split', 'return') ORDER BY p.seq",
                arguments: [members[index].rawValue]
            ).map(LotNumber.init(rawValue:))
            index += 1
        }
        let state = SQLiteLedgerState(db: db)
        let unit = try state.lot(start)?.quantity.unit ?? ""
        var family = StockMovement.Totals()
        var inStock: Decimal = 0
        var atOrders: Decimal = 0
        for member in members {
            family.add(try Movements.totals(member, db: db))
            inStock += try state.lot(member)?.quantity.amount ?? 0
            atOrders += try db.fetchRows(sql: "SELECT * FROM wip WHERE lot = ?", arguments: [member.rawValue]).map(Rows.wip).reduce(0) {
                $0 + $1.remaining.amount
            }
        }
        return MassBalance(
            of: start, unit: unit, made: try Movements.totals(start, db: db), family: family, inStock: inStock, workInProcess: atOrders)
    }
}
