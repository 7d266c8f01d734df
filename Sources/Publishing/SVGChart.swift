/// One labelled value of a chart.
public struct ChartValue: Sendable, Equatable {
    public var label: String
    public var value: Int

    public init(label: String, value: Int) {
        self.label = label
        self.value = value
    }
}

/// A chart drawn as an SVG element for inline use in an HTML page: horizontal bars
/// (one labelled row per value, for categories and rankings) or columns (values in
/// order, for months). The element has `role="img"`, a `<title>` and a `<desc>` named
/// by `aria-labelledby`, a `viewBox` and `width="100%"` so it scales to any width,
/// and is styled by presentation attributes only (a Content-Security-Policy without
/// `unsafe-inline` forbids `style`). Every label is escaped by `XMLWriter`; the output
/// depends only on the input, coordinates written with at most one decimal.
/// The chart is a picture of numbers that the page also gives in a table.
public struct SVGChart: Sendable {
    public enum Kind: Sendable {
        case bars
        case columns
    }

    public var kind: Kind
    /// The id of the `svg` element; its title and description get `-title` and `-desc` after it.
    public var id: String
    public var title: String
    public var description: String
    public var values: [ChartValue]
    /// Writes the numbers on the chart (values and axis ticks), e.g. with a thousands separator.
    public var formatNumber: @Sendable (Int) -> String

    public init(_ kind: Kind, id: String, title: String, description: String, values: [ChartValue],
                formatNumber: @escaping @Sendable (Int) -> String = { String($0) }) {
        self.kind = kind
        self.id = id
        self.title = title
        self.description = description
        self.values = values
        self.formatNumber = formatNumber
    }

    static let width = 480.0
    static let barColour = "#1d4f91"
    static let textColour = "#1a1a1a"
    static let gridColour = "#8a8a8a"
    /// Labels longer than this (in Unicode scalars) are shortened with "…" on the chart; the table has them whole.
    static let longestLabel = 48

    /// The `<svg>` element, as text to place in an HTML page.
    public func render() -> String {
        let sink = BufferSink()
        let writer = XMLWriter(sink)
        do {
            switch kind {
            case .bars: try drawBars(writer)
            case .columns: try drawColumns(writer)
            }
            try writer.finish()
        } catch {
            preconditionFailure("SVGChart: writing into memory failed: \(error)")
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    private func open(_ writer: XMLWriter, height: Double) throws {
        try writer.startElement("svg", attributes: [
            ("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "chart"), ("role", "img"),
            ("aria-labelledby", "\(id)-title \(id)-desc"), ("viewBox", "0 0 \(Self.number(Self.width)) \(Self.number(height))"),
            ("width", "100%"), ("font-size", "13"), ("fill", Self.textColour),
        ])
        try writer.element("title", attributes: ["id": "\(id)-title"], text: title)
        try writer.element("desc", attributes: ["id": "\(id)-desc"], text: description)
    }

    // MARK: Bars

    private func drawBars(_ writer: XMLWriter) throws {
        let rowHeight = 40.0, top = 8.0, left = 4.0
        let valueSpace = 72.0
        let barSpace = Self.width - left - valueSpace
        let height = top * 2 + rowHeight * Double(max(values.count, 1))
        let scale = Scale(maximum: values.map(\.value).max() ?? 0)
        try open(writer, height: height)
        for (index, value) in values.enumerated() {
            let y = top + rowHeight * Double(index)
            let length = barSpace * scale.fraction(value.value)
            try writer.element("text", attributes: ["x": Self.number(left), "y": Self.number(y + 14)], text: Self.shortened(value.label))
            try writer.emptyElement("rect", attributes: [
                "x": Self.number(left), "y": Self.number(y + 20), "width": Self.number(length), "height": "14", "fill": Self.barColour,
            ])
            try writer.element("text", attributes: [
                "x": Self.number(left + length + 6), "y": Self.number(y + 32),
            ], text: formatNumber(value.value))
        }
        try writer.emptyElement("line", attributes: [
            "x1": Self.number(left), "y1": Self.number(top), "x2": Self.number(left), "y2": Self.number(height - top),
            "stroke": Self.textColour, "stroke-width": "1",
        ])
        try writer.endElement()
    }

    // MARK: Columns

    private func drawColumns(_ writer: XMLWriter) throws {
        let left = 52.0, right = 8.0, top = 20.0, plotHeight = 200.0, bottom = 36.0
        let plotWidth = Self.width - left - right
        let baseline = top + plotHeight
        let scale = Scale(maximum: values.map(\.value).max() ?? 0)
        try open(writer, height: top + plotHeight + bottom)

        for tick in scale.ticks {
            let y = baseline - plotHeight * scale.fraction(tick)
            try writer.emptyElement("line", attributes: [
                "x1": Self.number(left), "y1": Self.number(y), "x2": Self.number(left + plotWidth), "y2": Self.number(y),
                "stroke": tick == 0 ? Self.textColour : Self.gridColour, "stroke-width": tick == 0 ? "1" : "0.5",
            ])
            try writer.element("text", attributes: [
                "x": Self.number(left - 6), "y": Self.number(y + 4), "text-anchor": "end",
            ], text: formatNumber(tick))
        }

        let slot = plotWidth / Double(max(values.count, 1))
        let labelEvery = max(1, (values.count + 5) / 6)
        let showValues = values.count <= 12
        for (index, value) in values.enumerated() {
            let x = left + slot * Double(index)
            let height = plotHeight * scale.fraction(value.value)
            try writer.emptyElement("rect", attributes: [
                "x": Self.number(x + slot * 0.15), "y": Self.number(baseline - height), "width": Self.number(slot * 0.7),
                "height": Self.number(height), "fill": Self.barColour,
            ])
            if showValues {
                try writer.element("text", attributes: [
                    "x": Self.number(x + slot / 2), "y": Self.number(baseline - height - 5), "text-anchor": "middle",
                ], text: formatNumber(value.value))
            }
            if index % labelEvery == 0 {
                try writer.element("text", attributes: [
                    "x": Self.number(x + slot / 2), "y": Self.number(baseline + 18), "text-anchor": "middle", "font-size": "12",
                ], text: Self.shortened(value.label))
            }
        }
        try writer.endElement()
    }

    // MARK: Numbers and labels

    /// A coordinate with at most one decimal, written the same way on every machine.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    static func shortened(_ label: String) -> String {
        let scalars = label.unicodeScalars
        guard scalars.count > longestLabel else { return label }
        var short = String.UnicodeScalarView(scalars.prefix(longestLabel - 1))
        short.append("…")
        return String(short)
    }
}

/// The value axis of a chart: from zero to a round number at least the largest value,
/// with ticks at a round step (1, 2 or 5 times a power of ten; whole numbers, since
/// the charts count meetings).
struct Scale: Equatable {
    let top: Int
    let step: Int

    init(maximum: Int) {
        let largest = max(maximum, 1)
        var step = 1
        while true {
            let candidates = [step, step * 2, step * 5]
            if let fit = candidates.first(where: { largest <= $0 * 5 }) {
                step = fit
                break
            }
            step *= 10
        }
        self.step = step
        top = (largest + step - 1) / step * step
    }

    var ticks: [Int] { Array(stride(from: 0, through: top, by: step)) }

    func fraction(_ value: Int) -> Double { Double(min(max(value, 0), top)) / Double(top) }
}
