import ArgumentParser
import LotlineCore

/// The `lotline` command: lot tracking and traceability from the terminal.
public struct Lotline: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lotline",
        abstract: "Lot tracking and traceability: receive, inspect, split, merge, hold and trace lots on a tamper-evident ledger.",
        discussion: """
            Every subcommand accepts --db PATH (or LOTLINE_DB), --as USER (or LOTLINE_USER) and --json after its own arguments.
            Exit codes: 0 ok, 64 usage, 65 bad input, 66 not found, 67 refused by a rule, 70 ledger verification failed,
            74 database unavailable, 75 busy, 77 not signed in or not allowed.
            Start with `lotline demo` to build a sample plant.
            """,
        subcommands: [
            Demo.self, ItemGroup.self, SupplierGroup.self, NamedGroup<CustomerKind>.self, NamedGroup<LocationKind>.self,
            NamedGroup<ReasonKind>.self, SchemeGroup.self, NamedGroup<EquipmentKind>.self, ToolGroup.self, OperatorGroup.self,
            BomGroup.self, RoutingGroup.self, WorkCenterGroup.self, ReceiveCommand.self, InspectCommand.self, LotGroup.self, WorkOrderGroup.self,
            IssueCommand.self, OperationGroup.self, ProduceCommand.self, ShipCommand.self, ReturnCommand.self, TraceGroup.self,
            RecallGroup.self, HistoryCommand.self, AuditGroup.self, AdminGroup.self, GenerateCommand.self, ImportCommand.self,
            BenchCommand.self, ServeCommand.self, UserGroup.self, TokenGroup.self, ScanCommand.self, LabelCommand.self, RFIDGroup.self,
            ScheduleGroup.self,
        ]
    )

    public init() {}
}
