import ArgumentParser
import Foundation
import LotlineCore
import Scheduling

/// `lotline schedule bench`: the scheduler on standard job-shop and flexible job-shop files, against best known makespans.
struct ScheduleBenchCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Schedule standard job-shop and Brandimarte flexible job-shop files; print makespan, best known, gap and seconds.",
        discussion: """
            A job-shop file starts with `jobs machines` and has one line per job of `machine duration` pairs (machines from 0); \
            a Brandimarte file starts with `jobs machines flexibility` and lists, per job, its operation count and, per \
            operation, how many machines may run it followed by `machine duration` pairs (machines from 1). Best known \
            makespans are read from --best-known, or else from a best-known.tsv in the file's folder or a folder above it \
            (columns instance, ..., upper_bound). Every schedule is checked (machines, durations, job order, no overlap) \
            before it is printed. One core; with --json, each instance's operations as numbered in its file.
            """)
    @Argument(help: "Instance files.") var files: [String]
    @Option(help: "Search time per instance, in seconds.") var seconds: Double = 10
    @Option(help: "Stop after this many search iterations (the same seed and limit give the same schedule).") var iterations: Int?
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "A TSV with columns instance and upper_bound (best known makespan).") var bestKnown: String?
    @OptionGroup var global: GlobalOptions

    func execute(_ context: CLIContext) throws -> CLIOutput {
        guard seconds > 0, seconds.isFinite else {
            throw LotlineError.badInput("seconds-invalid", "--seconds takes a positive number of seconds", value: String(seconds))
        }
        if let iterations, iterations < 0 {
            throw LotlineError.badInput("iterations-invalid", "--iterations takes a number of iterations, 0 or more", value: String(iterations))
        }
        let instances = try files.map(Self.read)
        let known = try BestKnownMakespans(explicit: bestKnown, near: files)
        var results: [ScheduleBenchResult] = []
        for instance in instances {
            let clock = ContinuousClock()
            let began = clock.now
            let found = ShopSolver.solve(instance, options: ShopSearchOptions(seconds: seconds, iterations: iterations, seed: seed))
            let elapsed = clock.now - began
            let problems = found.schedule.violations(of: instance)
            guard problems.isEmpty else {
                throw LotlineError(
                    .internal, "schedule-invalid",
                    "the schedule for \(instance.name) breaks its instance: \(problems.prefix(3).joined(separator: "; "))")
            }
            results.append(ScheduleBenchResult(instance: instance, found: found, seconds: elapsed, bestKnown: known[instance.name]))
        }
        return CLIOutput(text: ScheduleBenchResult.table(results), json: results)
    }

    private static func read(_ path: String) throws -> ShopInstance {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LotlineError.notFound("instance-not-found", "no instance file at \(path)", value: path)
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            return try ShopInstance(text: String(decoding: data, as: UTF8.self), name: name)
        } catch {
            throw LotlineError.badInput("instance-invalid", "\(path): \(error.rule)", value: error.value)
        }
    }
}
