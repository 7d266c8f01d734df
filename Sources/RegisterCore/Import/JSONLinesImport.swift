import Foundation

/// Reads an import file of JSON Lines: one meeting per line in the command line's
/// shape (`meeting add`, the JSON export's meeting members), its officials,
/// organisations and issues by the register's ids. Blank lines are skipped.
public enum JSONLinesImport {
    public static func read(_ bytes: [UInt8], timeZone: TimeZone) -> (rows: [ImportRow], problems: [ImportProblem]) {
        var rows: [ImportRow] = []
        var problems: [ImportProblem] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let text = bytes[start..<end]
            if text.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                do {
                    rows.append(ImportRow(line: line, meeting: try RegisterInput.decode(Meeting.self, from: Data(text), timeZone: timeZone)))
                } catch {
                    problems += error.problems.map { ImportProblem(line: line, field: $0.field, message: $0.message) }
                }
            }
            start = end + 1
            line += 1
        }
        return (rows, problems)
    }
}
