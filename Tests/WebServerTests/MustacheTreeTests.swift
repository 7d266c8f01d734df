import Mustache
import Testing
@testable import WebServer

/// Rendering a view's dictionaries gives what rendering the view itself gives.
@Suite("Views as dictionaries")
struct MustacheTreeTests {
    struct Row { let name: String; let note: String?; let flagged: Bool; let count: Int }
    struct Page { let title: String; let note: String; let rows: [Row]; let empty: [Row]; let link: Row?; let missing: Row? }

    @Test func aViewRendersTheSameAsItsDictionaries() throws {
        let template = try MustacheTemplate(string: """
            {{title}}|{{#rows}}[{{name}} {{note}} {{#flagged}}!{{/flagged}}{{^flagged}}-{{/flagged}} {{count}}]{{/rows}}\
            {{^empty}}none{{/empty}}|{{#link}}{{name}}{{/link}}|{{#missing}}x{{/missing}}{{^missing}}no{{/missing}}
            """)
        let page = Page(title: "Möten <&>", note: "yttre", rows: [Row(name: "a", note: "inre", flagged: true, count: 2),
                                                                   Row(name: "b", note: nil, flagged: false, count: 0)],
                        empty: [], link: Row(name: "länk", note: nil, flagged: false, count: 1), missing: nil)
        let direct = template.render(page)
        #expect(direct.contains("[b yttre - 0]"))
        #expect(template.render(MustacheTree.make(page)) == direct)
    }
}
