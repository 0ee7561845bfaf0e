import ArgumentParser
import LotlineApp
import LotlineCore

struct LotGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lot", abstract: "Show, list, hold, release, reject, split, merge, move, adjust, scrap and correct lots.",
        subcommands: [
            Show.self, List.self, Available.self, StatusCommand<HoldAction>.self, StatusCommand<ReleaseAction>.self, StatusCommand<RejectAction>.self,
            Split.self, Merge.self, Move.self, Adjust.self, Scrap.self, Correct.self,
        ])

    struct Available: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "available",
            abstract:
                "An item's lots in allocation order (first expiring, else first received): on hand, allocated by the latest schedule, free, usable.")
        @Argument(help: "The item.") var item: String
        @Option(help: "When the material would be used (default now): expiry and the minimum shelf life are judged then.") var at: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let availability = try context.session().availability(of: item, at: at)
            let rows = availability.lots.map {
                [
                    $0.lot.rawValue, $0.status.rawValue, $0.expiresOn?.description ?? "-", $0.onHand.description, $0.allocated.description,
                    $0.available.description, $0.why.map { "no: \($0)" } ?? "yes",
                ]
            }
            let header =
                "\(availability.item) at \(availability.at.text): \(availability.usable) usable and free"
                + (availability.minShelfLifeDays.map { " (needs \($0) days of shelf life left)" } ?? "") + "\n"
            return CLIOutput(
                text: header + Table(headers: ["LOT", "STATUS", "EXPIRES", "ON HAND", "ALLOCATED", "FREE", "USABLE"], rows: rows).render(),
                json: availability)
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a lot with its parents, children and inspections.")
        @Argument(help: "Lot number, typed or scanned.") var lot: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let detail = try context.backend(creating: false).lotDetail(lot)
            let view = LotView(detail.lot, today: context.today)
            var text = Fields(pairs: [
                ("Lot", view.number), ("Item", view.item), ("Quantity", "\(view.quantity) \(view.unit)"),
                ("Status", view.status == view.storedStatus ? view.status : "\(view.status) (recorded \(view.storedStatus))"),
                ("Location", view.location), ("Origin", view.origin), ("Supplier", view.supplier), ("Supplier lot", view.supplierLot),
                ("Heat", view.heat), ("Certificate", view.certificate), ("PO", view.purchaseOrder), ("Expires", view.expiresOn),
                ("Created", view.createdAt),
            ]).render()
            if !detail.parents.isEmpty {
                text += "\nParents\n" + Table(headers: ["LOT", "QTY"], rows: detail.parents.map { [$0.lot.rawValue, "\($0.quantity)"] }).render()
            }
            if !detail.children.isEmpty {
                text += "\nChildren\n" + Table(headers: ["LOT", "QTY"], rows: detail.children.map { [$0.lot.rawValue, "\($0.quantity)"] }).render()
            }
            if !detail.inspections.isEmpty {
                let rows = detail.inspections.map { inspection in
                    [
                        inspection.at, inspection.passed ? "pass" : "fail", inspection.inspector,
                        inspection.results.map { "\($0.name)=\($0.value)" }.joined(separator: " "), inspection.note ?? "",
                    ]
                }
                text += "\nInspections\n" + Table(headers: ["AT", "RESULT", "BY", "VALUES", "NOTE"], rows: rows).render()
            }
            if !detail.signatures.isEmpty {
                let rows = detail.signatures.map { [$0.at, $0.printedName, $0.signer, $0.meaning.rawValue, "event \($0.signs) \($0.signsType)"] }
                text += "\nSignatures\n" + Table(headers: ["AT", "SIGNED BY", "USER", "MEANING", "SIGNS"], rows: rows).render()
            }
            return CLIOutput(text: text, json: LotDetailView(detail, today: context.today))
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List lots, filtered by item, status, supplier lot or heat, or location.")
        @Option var item: String?
        @Option(help: "quarantine, released, on_hold, rejected, expired, consumed, shipped, scrapped.") var status: LotStatus?
        @Option(help: "Supplier lot or heat number; case, spaces and dashes do not matter.") var supplierLot: String?
        @Option var location: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let filter = LotFilter(
                item: try item.map(PartNumber.parse), status: status, supplierLot: supplierLot, location: try location.map(LocationCode.parse))
            let lots = try context.backend(creating: false).lots(filter, today: context.today).map { LotView($0, today: context.today) }
            let text = lots.isEmpty ? "No lots match.\n" : Table(headers: LotView.tableHeaders, rows: lots.map(\.tableRow)).render()
            return CLIOutput(text: text, json: ["lots": lots])
        }
    }
}

extension LotStatus: ExpressibleByArgument {}

struct HistoryCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every event that touched a lot, oldest first, with actor, time and reason.")
    @Argument var lot: String
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let (lot, events) = try context.backend(creating: false).history(lot)
        let rows = events.map { event in
            let signed = (try? event.body()) as? RecordSigned
            return [
                String(event.seq), event.businessTime, event.type, event.actor, signed?.manifestLine ?? event.reason ?? "",
                event.corrects.map { "corrects \($0)" } ?? "",
            ]
        }
        let text = "History of lot \(lot.number)\n" + Table(headers: ["SEQ", "TIME", "EVENT", "ACTOR", "REASON", ""], rows: rows).render()
        return CLIOutput(text: text, json: HistoryView(lot: lot.number.rawValue, events: events.map(EventView.init)))
    }

}
