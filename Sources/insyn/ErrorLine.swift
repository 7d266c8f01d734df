import Foundation

/// The one line a failing command prints: "Error: " and the message, with the
/// pointer to `--help` for a wrong command line, never more than `limit` characters.
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
        let scalars = line.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(limit))
        return String(out) + (scalars.count > limit ? "…" : "")
    }
}
