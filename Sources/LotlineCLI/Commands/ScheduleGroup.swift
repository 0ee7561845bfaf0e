import ArgumentParser

/// `lotline schedule`: the finite-capacity schedule and the scheduler's benchmark.
struct ScheduleGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Finite-capacity scheduling: benchmark the scheduler on standard instances.",
        subcommands: [ScheduleBenchCommand.self])
}
