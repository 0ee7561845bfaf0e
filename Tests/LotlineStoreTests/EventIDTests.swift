import Foundation
import Testing

@testable import LotlineStore

@Suite struct EventIDTests {
    @Test func idsAreVersion7UUIDsThatSortByTime() throws {
        let earlier = Date(timeIntervalSince1970: 1_795_000_000)
        let later = earlier.addingTimeInterval(0.002)
        let ids = (0..<200).map { EventID.make(at: $0 < 100 ? earlier : later) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "7")
            #expect("89ab".contains(characters[19]))
        }
        // 1,795,000,000,000 ms is 0x01a1_ee56_5e00: the first 48 bits of the id.
        #expect(ids[0].hasPrefix("01a1ee56-5e00-7"))
        #expect(ids[0..<100].allSatisfy { $0 < ids[100] })
    }
}
