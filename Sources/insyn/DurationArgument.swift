import ArgumentParser

/// A duration on the command line: a number followed by ms, s, m or h ("500ms", "30s",
/// "72h"); a bare number is seconds.
struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    var duration: Duration
    private let text: String

    init(_ text: String, _ duration: Duration) {
        self.text = text
        self.duration = duration
    }

    init?(argument: String) {
        let units: [(suffix: String, milliseconds: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        let unit = units.first { argument.hasSuffix($0.suffix) && Double(argument.dropLast($0.suffix.count)) != nil }
        guard let value = Double(unit.map { String(argument.dropLast($0.suffix.count)) } ?? argument),
              value >= 0, value * (unit?.milliseconds ?? 1000) < 1e15
        else { return nil }
        self.init(argument, .milliseconds(Int64(value * (unit?.milliseconds ?? 1000))))
    }

    var description: String { text }
    var defaultValueDescription: String { text }
}
