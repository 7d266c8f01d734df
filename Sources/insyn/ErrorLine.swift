import Foundation

/// The one line a failing command prints: "Error: " and the message, with the
/// pointer to `--help` for a wrong command line, never more than `limit` characters,
/// with nothing in it that a terminal would act on.
enum ErrorLine {
    static let limit = 2_000

    /// `message` is the error's own text; `full` is ArgumentParser's, which adds the
    /// usage and a "See 'insyn … --help'" line to a wrong command line.
    static func text(message: String, full: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var line = "Error: " + lines.joined(separator: " ").trimmingPrefix("Error: ")
        if let hint = full.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.hasPrefix("See '") }) {
            line += "; s" + hint.dropFirst()
        }
        let scalars = line.unicodeScalars.flatMap(shown)
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(limit))
        return String(out) + (scalars.count > limit ? "…" : "")
    }

    /// A control character as a space, and a C1 control or a bidirectional embedding,
    /// override or isolate escaped, so that no part of a message (an argument
    /// ArgumentParser quotes, a file name) can move the terminal or reorder the line.
    private static func shown(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.value < 0x20 { return [" "] }
        if scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
            return Array("\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
        }
        return [scalar]
    }
}
