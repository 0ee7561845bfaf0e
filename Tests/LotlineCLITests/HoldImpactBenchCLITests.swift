import Foundation
import LotlineCLI
import Testing

/// `lotline bench --hold-impact` on a small plant: it builds, schedules, holds the busiest lot and reports the answer.
/// The timing itself is the benchmark's to print, never a test's to assert.
@Suite struct HoldImpactBenchCLITests {
    @Test func theHoldImpactBenchReportsWhatTheHoldTouched() throws {
        let cli = try CLIHarness()
        let output = try cli.ok("bench", "--hold-impact", "--orders", "20", "--operations-per-order", "3", "--iterations", "100", "--json")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(result["orders"] as? Int == 20)
        #expect(result["operations"] as? Int == 60)
        #expect(result["scheduled_operations"] as? Int == 60)
        let affected = try #require(result["affected"] as? Int)
        #expect(affected >= 1)
        #expect((result["reallocated"] as? Int ?? -1) + (result["cannot_schedule"] as? Int ?? -1) == affected)
        #expect((result["hold_impact_ms"] as? Double ?? 0) > 0)
        #expect(cli.run("bench", "--hold-impact", "--orders", "0").exitCode == 65)
    }
}
