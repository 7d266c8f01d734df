import Foundation

extension Timestamp {
    /// Whether `text` is exactly the ledger's form of an instant, "YYYY-MM-DDTHH:MM:SSZ",
    /// naming a real time of day on a real day.
    static func isLedgerForm(_ text: String) -> Bool {
        guard text.utf8.count == 20, text.utf8.last == UInt8(ascii: "Z"), let date = parse(text) else { return false }
        return format(date) == text
    }
}
