import ArgumentParser
import LotlineApp
import LotlineCore

struct WorkOrderGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wo", abstract: "Work orders: create, release, close, show, list.",
        subcommands: [
            Create.self, StatusChange<ReleaseOrder>.self, StatusChange<CloseOrder>.self, Show.self, List.self, WorkOrderVarianceCommand.self,
        ])

    struct Create: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a work order; the item's bill of material and routing are copied into it.")
        @Argument var item: String
        @Argument var qty: String
        @Option(help: "Due date, YYYY-MM-DD.") var due: String?
        @Option(help: "The order's own number (e.g. the ERP's); default: the next WO{YY}-{SEQ:4}.") var number: String?
        @Option(help: "The customer the order is made for (a hold that stops it names them).") var customer: String?
        @Option(help: "The customer's order number.") var salesOrder: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(
                CreateWorkOrder(item: item, quantity: qty, due: due, number: number, customer: customer, salesOrder: salesOrder))
            let created = executed.outcome
            let detail = try context.backend().workOrderDetail(created.number.rawValue)
            return CLIOutput(
                text: "Created work order \(created.number): \(created.quantity) \(created.item), \(created.operations.count) operations (planned)",
                json: WorkOrderView(detail.order, wip: detail.wip))
        }
    }

    protocol Target {
        static var status: WorkOrderStatus { get }
        static var name: String { get }
    }

    enum ReleaseOrder: Target {
        static let status = WorkOrderStatus.released
        static let name = "release"
    }

    enum CloseOrder: Target {
        static let status = WorkOrderStatus.closed
        static let name = "close"
    }

    struct StatusChange<To: Target>: StoreCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: To.name, abstract: To.status == .released ? "Release a work order to the floor." : "Close a finished work order.")
        }
        @Argument var number: String
        @OptionGroup var global: GlobalOptions

        init() {}

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let executed = try context.execute(ChangeWorkOrderStatus(number: number, to: To.status))
            let change = executed.outcome
            return CLIOutput(text: "Work order \(change.number): \(change.from.rawValue) -> \(change.to.rawValue)", json: change)
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a work order: components, operations, material at it, outputs.")
        @Argument var number: String
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let (order, wip) = try context.backend(creating: false).workOrderDetail(number)
            var text = Fields(pairs: [
                ("Work order", order.number.rawValue), ("Item", order.item.rawValue), ("Quantity", "\(order.quantity)"),
                ("Produced", "\(order.produced)"), ("Status", order.status.rawValue), ("Due", order.due?.description),
                ("Customer", order.customer.map { "\($0)" + (order.salesOrder.map { " order \($0)" } ?? "") }),
            ]).render()
            text +=
                "\nComponents\n"
                + Table(headers: ["COMPONENT", "PER UNIT"], rows: order.components.map { [$0.component.rawValue, "\($0.quantityPer)"] }).render()
            text +=
                "\nOperations\n"
                + Table(
                    headers: ["SEQ", "NAME", "STATUS", "EQUIPMENT", "TOOL", "OPERATOR", "PROCESSOR"],
                    rows: order.operations.map { op in
                        [
                            String(op.seq), op.routing.name, op.status.rawValue, op.equipment?.rawValue ?? missing("equipment", op),
                            op.tool?.rawValue ?? "-", op.operatorCode?.rawValue ?? missing("operator", op),
                            op.processor.map {
                                "\($0) (\(op.processorCertificate ?? "no cert"))" + (op.jobCertificate.map { " job cert \($0)" } ?? "")
                            } ?? "-",
                        ]
                    }
                ).render()
            let unchecked = order.operations.compactMap { op in op.unchecked.map { "op \(op.seq): \($0.joined(separator: ", "))" } }
            if !unchecked.isEmpty {
                text += "Not checked (imported history that did not record who or what ran it): " + unchecked.joined(separator: "; ") + "\n"
            }
            if !wip.isEmpty {
                text +=
                    "\nMaterial\n"
                    + Table(
                        headers: ["LOT", "ISSUED", "CONSUMED", "RETURNED", "AT ORDER", "OFF THE BOM"],
                        rows: wip.map {
                            [$0.lot.rawValue, "\($0.issued)", "\($0.consumed)", "\($0.returned)", "\($0.remaining)", $0.deviation?.rawValue ?? ""]
                        }
                    ).render()
            }
            if !order.outputs.isEmpty { text += "\nOutputs\n" + order.outputs.map(\.rawValue).joined(separator: "\n") + "\n" }
            return CLIOutput(text: text, json: WorkOrderView(order, wip: wip))
        }

        /// `-`, or `not recorded` where imported history left the fact out.
        func missing(_ fact: String, _ operation: WorkOrderOperation) -> String {
            operation.notRecorded?.contains(fact) == true ? "not recorded" : "-"
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List work orders, newest first.")
        @Option var status: WorkOrderStatus?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let orders = try context.backend(creating: false).workOrders(status: status)
            let rows = orders.map {
                [$0.number.rawValue, $0.item.rawValue, "\($0.quantity)", "\($0.produced)", $0.status.rawValue, $0.due?.description ?? "-"]
            }
            let text = Table(headers: ["WORK ORDER", "ITEM", "QTY", "PRODUCED", "STATUS", "DUE"], rows: rows).render()
            return CLIOutput(text: text, json: ["work_orders": orders.map { WorkOrderView($0, wip: []) }])
        }
    }
}

extension WorkOrderStatus: ExpressibleByArgument {}

struct WorkOrderView: Encodable {
    var order: WorkOrder
    var wip: [WorkInProcess]

    init(_ order: WorkOrder, wip: [WorkInProcess]) {
        self.order = order
        self.wip = wip
    }
}

struct IssueCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue material from a lot to a work order (or, with --return, bring unused material back to stock).")
    @Argument(help: "The lot (leave it out with --scan).") var lot: String?
    @Argument var qty: String?
    @Option(name: .customLong("wo"), help: "The work order.") var workOrder: String
    @Option(help: "The lot's label as the scanner sends it (our lot label, or a supplier's GS1 label); then give only the quantity.")
    var scan: String?
    @Flag(name: .customLong("return"), help: "Return unused material from the work order to stock.") var isReturn = false
    @Option(help: "Reason code for material not on the order's bill of material (a substitution, rework): recorded as a deviation.")
    var deviation: String?
    @Option(help: "Reason code for issuing this lot ahead of an older usable lot of its item (first expiring, else first received).")
    var outOfOrder: String?
    @Option(help: "Reason code for issuing a lot other than the ones the published schedule allocated to the order.")
    var substitute: String?
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        let (typed, qty) = try ScanArguments.lotAndQuantity(lot, qty, scan: scan)
        var command = IssueMaterial(lot: typed, quantity: qty, workOrder: workOrder, isReturn: isReturn, deviation: deviation, scan: scan)
        command.outOfOrder = outOfOrder
        command.substitute = substitute
        let executed = try context.execute(command)
        let summary: String
        let lot: LotNumber
        switch executed.outcome {
        case .returned(let returned):
            summary = "Returned \(returned.quantity) of \(returned.lot) from \(returned.workOrder) to stock"
            lot = returned.lot
        case .issued(let issued):
            summary =
                "Issued \(issued.quantity) of \(issued.lot) to \(issued.workOrder)" + (issued.deviation.map { " (off the BOM: \($0))" } ?? "")
                + substitution(issued)
                + (issued.olderLots.map { older in
                    issued.outOfOrder.map { " (ahead of older \(older.map(\.rawValue).joined(separator: ", ")): \($0))" }
                        ?? "\nwarning: issued ahead of older usable lot\(older.count == 1 ? "" : "s") \(older.map(\.rawValue).joined(separator: ", ")) "
                        + "(first expiring first, else first received); give --out-of-order REASON to record why"
                } ?? "") + substitutionWarning(issued)
            lot = issued.lot
        }
        return try context.changed(executed.events, summary: summary, lots: [lot])
    }

    /// A lot other than the schedule's, with the reason given.
    private func substitution(_ issued: MaterialIssued) -> String {
        guard issued.isSubstitution, let plan = issued.planned, let reason = issued.substitute else { return "" }
        return " (instead of planned \(plan.lots.map(\.lot.rawValue).joined(separator: ", ")): \(reason))"
    }

    /// A lot other than the schedule's, without a reason: a warning that asks for one.
    private func substitutionWarning(_ issued: MaterialIssued) -> String {
        guard issued.isSubstitution, let plan = issued.planned, issued.substitute == nil else { return "" }
        return "\nwarning: schedule version \(plan.version) allocated \(plan.lots.map(\.lot.rawValue).joined(separator: ", ")) to "
            + "\(issued.workOrder); give --substitute REASON to record why"
    }
}
