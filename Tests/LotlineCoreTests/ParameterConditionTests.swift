import Foundation
import LotlineCore
import Testing

@Suite struct ParameterConditionTests {
    let recorded = ProcessParameter(name: "temperature", value: "845", unit: "C")

    @Test(arguments: [
        ("temperature", true), ("TEMPERATURE", true), ("temp", false), ("temperature=845", true), ("temperature=845C", true),
        ("temperature=845.0 c", true), ("temperature=845F", false), ("temperature=846", false), ("temperature>844", true),
        ("temperature>845", false), ("temperature>=845", true), ("temperature<845", false), ("temperature<=845C", true),
        ("temperature < 900", true), ("temperature>=845F", false),
    ])
    func matchesByNameNumberAndUnit(condition: String, matches: Bool) throws {
        #expect(try ParameterCondition.parse(condition).matches(recorded) == matches)
    }

    @Test func textValuesMatchOnlyByEquality() throws {
        let coolant = ProcessParameter(name: "coolant", value: "on", unit: nil)
        #expect(try ParameterCondition.parse("coolant=ON").matches(coolant))
        #expect(try !ParameterCondition.parse("coolant=off").matches(coolant))
        #expect(try !ParameterCondition.parse("coolant=1").matches(coolant))
    }

    @Test(arguments: [
        ("", "param-invalid"), ("=845", "param-invalid"), ("temperature=", "param-invalid"), ("temperature>>3", "param-invalid"),
        ("temperature=<3", "param-invalid"), ("temperature>hot", "param-not-number"), ("temperature<=", "param-invalid"),
    ])
    func refusesWhatIsNotACondition(text: String, code: String) {
        #expect { try ParameterCondition.parse(text) } throws: { ($0 as? LotlineError)?.code == code }
    }
}
