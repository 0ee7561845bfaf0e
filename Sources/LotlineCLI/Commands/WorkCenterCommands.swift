import ArgumentParser
import LotlineApp
import LotlineCore

/// `lotline workcenter`: work centers, their machines, weekly shifts and downtime: the capacity the schedule uses.
struct WorkCenterGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workcenter", abstract: "Work centers: their machines, weekly shifts and downtime (the capacity the schedule uses).",
        subcommands: [Set.self, Shifts.self, Downtime.self, List.self])

    struct Set: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Define a work center and its machines, or change them.")
        @Argument var code: String
        @Option var name: String
        @Option(help: "A machine (equipment code) of the center; repeat for each.") var machine: [String] = []
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let set = try context.execute(SetWorkCenter(code: code, name: name, machines: machine)).outcome
            return CLIOutput(
                text: "Work center \(set.code): \(set.name), machines \(set.machines.map(\.rawValue).joined(separator: ", "))", json: set)
        }
    }

    struct Shifts: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "shifts", abstract: "Set a work center's weekly shifts (replacing the last ones); none means around the clock.",
            discussion: "A shift is days and hours in plant time: 'mon-fri 06:00-14:00', 'sat 06:00-12:00', 'sun-thu 22:00-06:00' (ends next day).")
        @Argument var workCenter: String
        @Option(help: "A shift, like 'mon-fri 06:00-14:00'; repeat for each.") var shift: [String] = []
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let set = try context.execute(SetWorkCenterShifts(workCenter: workCenter, shifts: shift)).outcome
            let text = set.shifts.isEmpty ? "around the clock" : set.shifts.map(\.description).joined(separator: "; ")
            return CLIOutput(text: "Work center \(set.workCenter) works \(text)", json: set)
        }
    }

    struct Downtime: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "downtime", abstract: "Record a time a work center, or one of its machines, cannot work.")
        @Argument var workCenter: String
        @Option(help: "The machine that is down (default: the whole center).") var machine: String?
        @Option(help: "Start, like 2026-12-04T06:00.") var from: String
        @Option(help: "End, like 2026-12-04T14:00.") var to: String
        @Option var reason: String
        @Option var note: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let recorded = try context.execute(
                RecordDowntime(workCenter: workCenter, machine: machine, from: from, to: to, reason: reason, note: note)
            ).outcome.downtime
            let what = recorded.machine.map { "\($0) of \(recorded.workCenter)" } ?? "work center \(recorded.workCenter)"
            return CLIOutput(text: "Downtime: \(what) from \(recorded.from) to \(recorded.to) (\(recorded.reason))", json: recorded)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List work centers, their machines and shifts.")
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CLIContext) throws -> CLIOutput {
            let centers = try context.backend(creating: false).workCenters()
            let rows = centers.map {
                [
                    $0.code.rawValue, $0.name, $0.machines.map(\.rawValue).joined(separator: ", "),
                    $0.shifts.isEmpty ? "around the clock" : $0.shifts.map(\.description).joined(separator: "; "),
                ]
            }
            return CLIOutput(text: Table(headers: ["CODE", "NAME", "MACHINES", "SHIFTS"], rows: rows).render(), json: ["work_centers": centers])
        }
    }
}
