import ArgumentParser
import Foundation
import LotlineApp
import LotlineCore

/// `lotline schedule`: the finite-capacity schedule, and the scheduler's benchmark.
struct ScheduleGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Finite-capacity scheduling of open work orders on the plant's machines.",
        subcommands: [
            ScheduleRunCommand.self, ScheduleShowCommand.self, SchedulePinCommand.self, ScheduleUnpinCommand.self, ScheduleAllocateCommand.self,
            ScheduleBenchCommand.self,
        ], defaultSubcommand: ScheduleRunCommand.self)
}

/// `lotline schedule [run]`: schedule every open order and publish the result as the next version.
struct ScheduleRunCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Schedule released and planned work orders on the machines, operation by operation, and publish it as the next version.",
        discussion: """
            Each operation goes to a machine of its work center or of an alternative one, inside the center's shifts and \
            outside downtime, after the order's previous operation. Started operations, and with --frozen the previous \
            schedule's operations starting within that many hours, keep their place. What cannot be placed is listed with \
            the reason. The same plant, seed and --iterations give the same schedule; --seconds caps the search's time.
            """)
    @Option(help: "Days ahead to schedule.") var horizon = 14
    @Option(help: "Hours ahead in which the previous schedule's operations keep their place.") var frozen = 0
    @Option(help: "Most seconds the search may take.") var seconds: Double = 10
    @Option(help: "Search iterations (the same plant, seed and iterations give the same schedule).") var iterations = 20_000
    @Option(help: "Random seed of the search.") var seed: UInt64 = 1
    @Option(help: "How lots are allocated: fefo (first expiring, else first received), fewest (fewest lots), single (one lot per need).")
    var lots: AllocationRule = .fefo
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        guard (1...366).contains(horizon) else {
            throw LotlineError.badInput("horizon-invalid", "--horizon takes 1 to 366 days", value: String(horizon))
        }
        guard (0...(horizon * 24)).contains(frozen) else {
            throw LotlineError.badInput("frozen-invalid", "--frozen takes 0 to \(horizon * 24) hours (the horizon)", value: String(frozen))
        }
        guard seconds > 0, seconds.isFinite, iterations >= 0 else {
            throw LotlineError.badInput(
                "search-limit-invalid", "--seconds must be positive and --iterations 0 or more", value: "\(seconds) \(iterations)")
        }
        let result = try context.session().schedule(
            PlantScheduler.Options(horizonDays: horizon, frozenHours: frozen, seconds: seconds, iterations: iterations, seed: seed, allocation: lots))
        let published = result.schedule
        let machines = Set(published.operations.compactMap(\.machine)).count
        let summary =
            "Published schedule version \(published.version): \(published.operations.count) operations on \(machines) machines, "
            + "\(published.unscheduled.count) unscheduled (search: \(result.iterations) iterations, \(String(format: "%.1f", result.seconds)) s)\n"
        return CLIOutput(text: summary + ScheduleText.render(published.operations, published.unscheduled), json: result)
    }
}

/// `lotline schedule show`: the latest published schedule.
struct ScheduleShowCommand: StoreCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, svg }

    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the latest published schedule, by machine and start, and what could not be scheduled.")
    @Option(help: "Only this work center's operations.") var workCenter: String?
    @Option(help: "text, json, or svg (a Gantt chart per machine, with a line at now).") var format: Format = .text
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        guard var schedule = try context.backend(creating: false).latestSchedule() else {
            throw LotlineError.notFound("schedule-not-found", "no schedule has been published yet; run the schedule command first")
        }
        if let workCenter {
            let code = LotNumberLookup.normalize(workCenter)
            schedule.operations = schedule.operations.filter { LotNumberLookup.normalize($0.workCenter) == code }
        }
        let header =
            "Schedule version \(schedule.version) from \(ScheduleText.clock(schedule.from)), \(schedule.horizonDays) days"
            + (schedule.frozenHours > 0 ? ", frozen \(schedule.frozenHours) h" : "") + "\n"
        let output = CLIOutput(text: header + ScheduleText.render(schedule.operations, schedule.unscheduled), json: schedule)
        switch format {
        case .text: return output
        case .json: return CLIOutput(text: output.jsonText, json: schedule)
        case .svg:
            let flagged = try context.session().heldLotImpacts(in: schedule)
            return CLIOutput(text: ScheduleGantt(schedule: schedule, now: context.now, flagged: flagged).svg(), json: schedule)
        }
    }
}

/// A schedule as text: operations by machine and start, then the unscheduled ones with their reasons.
enum ScheduleText {
    static func render(_ operations: [ScheduledOperation], _ unscheduled: [UnscheduledOperation]) -> String {
        let ordered = operations.sorted { ($0.machine?.rawValue ?? "~", $0.start.date) < ($1.machine?.rawValue ?? "~", $1.start.date) }
        var text = Table(
            headers: ["WORK CENTER", "MACHINE", "WORK ORDER", "OP", "START", "END", "FIXED", "LOTS"],
            rows: ordered.map {
                [
                    $0.workCenter, $0.machine?.rawValue ?? "(outside)", $0.workOrder.rawValue, String($0.seq), clock($0.start), clock($0.end),
                    $0.fixed?.rawValue ?? "",
                    (($0.allocations ?? []).map { "\($0.lot) \($0.quantity)" } + ($0.awaits ?? []).map { "after \($0)" }).joined(separator: ", "),
                ]
            }
        ).render()
        if !unscheduled.isEmpty {
            text += "\nNot scheduled:\n"
            text += Table(headers: ["WORK ORDER", "OP", "REASON"], rows: unscheduled.map { [$0.workOrder.rawValue, String($0.seq), $0.reason] })
                .render()
        }
        return text
    }

    /// `2026-12-03 14:00`: the business time to the minute, in its own offset.
    static func clock(_ time: BusinessTime) -> String { time.minuteText }
}

extension AllocationRule: ExpressibleByArgument {}
