import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Publishing

/// An SVG chart read back with Foundation's XML parser: its elements in document
/// order, each with its attributes and text.
private struct ParsedSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    var elements: [Element] = []

    init(_ text: String) throws {
        let reader = Reader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        elements = reader.elements
    }

    var root: Element { elements[0] }
    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    func number(_ element: Element, _ attribute: String) -> Double { Double(element.attributes[attribute] ?? "") ?? .nan }

    private final class Reader: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}

@Suite("SVG charts")
struct SVGChartTests {
    static let values = [ChartValue(label: "Näringsliv", value: 100), ChartValue(label: "Civilsamhälle", value: 50),
                         ChartValue(label: "Offentliga aktörer", value: 0)]

    @Test(arguments: [SVGChart.Kind.bars, .columns])
    func isWellFormedAndNamedForAssistiveTechnology(_ kind: SVGChart.Kind) throws {
        let svg = try ParsedSVG(SVGChart(kind, id: "chart-groups", title: "Möten per slag av organisation",
                                         description: "Tabellen nedan har samma siffror.", values: Self.values).render())
        let root = svg.root
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["width"] == "100%")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 480 ") == true)
        #expect(root.attributes["aria-labelledby"] == "chart-groups-title chart-groups-desc")
        #expect(svg.elements[1].name == "title" && svg.elements[1].attributes["id"] == "chart-groups-title")
        #expect(svg.elements[1].text == "Möten per slag av organisation")
        #expect(svg.elements[2].name == "desc" && svg.elements[2].attributes["id"] == "chart-groups-desc")
        #expect(svg.elements.allSatisfy { $0.attributes["style"] == nil && $0.name != "style" && $0.name != "script" })
        #expect(svg.all("rect").count == Self.values.count)
    }

    @Test(arguments: [SVGChart.Kind.bars, .columns])
    func labelsAndTitlesAreEscapedText(_ kind: SVGChart.Kind) throws {
        let hostile = "<script>alert(\"x\")</script> & 'citat' \u{200F}עברית"
        let chart = SVGChart(kind, id: "chart-x", title: hostile, description: "</desc><script>", values: [
            ChartValue(label: hostile, value: 3),
        ])
        let text = chart.render()
        #expect(!text.contains("<script"))
        let svg = try ParsedSVG(text)
        #expect(svg.all("script").isEmpty)
        #expect(svg.all("title").first?.text == hostile)
        #expect(svg.all("desc").first?.text == "</desc><script>")
        #expect(svg.all("text").contains { $0.text == hostile })
    }

    @Test func barsAreAsLongAsTheirValuesOnOneScale() throws {
        let svg = try ParsedSVG(SVGChart(.bars, id: "c", title: "t", description: "d", values: Self.values).render())
        let widths = svg.all("rect").map { svg.number($0, "width") }
        #expect(widths[0] > 0)
        #expect(abs(widths[1] - widths[0] / 2) < 0.1)
        #expect(widths[2] == 0)
        #expect(svg.all("text").map(\.text) == ["Näringsliv", "100", "Civilsamhälle", "50", "Offentliga aktörer", "0"])
    }

    @Test func columnsRiseFromOneBaselineWithRoundTicks() throws {
        let values = [ChartValue(label: "2026-10", value: 37), ChartValue(label: "2026-11", value: 0),
                      ChartValue(label: "2026-12", value: 20)]
        let svg = try ParsedSVG(SVGChart(.columns, id: "c", title: "t", description: "d", values: values).render())
        let rects = svg.all("rect")
        let bottoms = rects.map { svg.number($0, "y") + svg.number($0, "height") }
        #expect(Set(bottoms).count == 1)
        let heights = rects.map { svg.number($0, "height") }
        // The axis reaches 40, so 37 is 37/40 of the plot and 20 half of it.
        #expect(abs(heights[0] / heights[2] - 37.0 / 20.0) < 0.01)
        #expect(abs(heights[2] - 100) < 0.1)
        #expect(heights[1] == 0)
        let texts = svg.all("text").map(\.text)
        #expect(Array(texts.prefix(5)) == ["0", "10", "20", "30", "40"])
        #expect(texts.contains("2026-10") && texts.contains("37"))
    }

    @Test func manyColumnsLabelOnlySomeMonths() throws {
        let values = (1...36).map { ChartValue(label: "m\($0)", value: $0) }
        let svg = try ParsedSVG(SVGChart(.columns, id: "c", title: "t", description: "d", values: values,
                                         formatNumber: { "n\($0)" }).render())
        #expect(svg.all("rect").count == 36)
        let monthLabels = svg.all("text").filter { $0.text.hasPrefix("m") }
        #expect(monthLabels.count <= 6 && monthLabels.first?.text == "m1")
        #expect(svg.all("text").filter { $0.text.hasPrefix("n") }.allSatisfy { svg.number($0, "x") < 52 })
    }

    @Test func aLongLabelIsShortenedOnTheChart() throws {
        let long = String(repeating: "Å", count: 80)
        let svg = try ParsedSVG(SVGChart(.bars, id: "c", title: "t", description: "d",
                                         values: [ChartValue(label: long, value: 1)]).render())
        let label = try #require(svg.all("text").first?.text)
        #expect(label.unicodeScalars.count == SVGChart.longestLabel)
        #expect(label.hasSuffix("…"))
    }

    @Test func theSameValuesGiveTheSameBytes() {
        let chart = SVGChart(.columns, id: "c", title: "t", description: "d", values: Self.values)
        #expect(chart.render() == chart.render())
        #expect(chart.render() == SVGChart(.columns, id: "c", title: "t", description: "d", values: Self.values).render())
    }

    @Test func anEmptyChartIsStillAPicture() throws {
        for kind in [SVGChart.Kind.bars, .columns] {
            let svg = try ParsedSVG(SVGChart(kind, id: "c", title: "t", description: "d", values: []).render())
            #expect(svg.root.name == "svg" && svg.all("rect").isEmpty)
        }
    }

    @Test func scalesEndOnRoundNumbers() {
        #expect(Scale(maximum: 0).ticks == [0, 1])
        #expect(Scale(maximum: 4).ticks == [0, 1, 2, 3, 4])
        #expect(Scale(maximum: 37).ticks == [0, 10, 20, 30, 40])
        #expect(Scale(maximum: 100).ticks == [0, 20, 40, 60, 80, 100])
        #expect(Scale(maximum: 333_334).ticks == [0, 100_000, 200_000, 300_000, 400_000])
    }
}
