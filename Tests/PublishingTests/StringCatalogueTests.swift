@testable import Publishing
import Testing

/// The site's words come from one table per area; a key in two areas would hide one of them.
@Suite struct StringCatalogueTests {
    @Test func noKeyIsInTwoAreas() {
        var seen: [String: Int] = [:]
        for area in Strings.siteAreas { for key in area.keys { seen[key, default: 0] += 1 } }
        #expect(seen.filter { $0.value > 1 }.keys.sorted() == [])
        #expect(Strings.site.count == seen.count)
    }

    @Test func everyWordHasBothLanguages() {
        let empty = Strings.site.filter { $0.value.sv.isEmpty || $0.value.en.isEmpty }.keys.sorted()
        #expect(empty == [])
    }
}
