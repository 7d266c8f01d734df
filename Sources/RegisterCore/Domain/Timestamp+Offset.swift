import Foundation

extension Timestamp {
    /// ISO 8601 in the local time of `timeZone` with its offset
    /// ("2026-11-23T14:30:00+01:00"): the same instant as `format(date)`, written the
    /// way a person in that time zone reads it, for tables and spreadsheets.
    public static func format(_ date: Date, offsetIn timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        var out = bytes(date.addingTimeInterval(TimeInterval(offset)))
        out.removeLast()
        let minutes = abs(offset) / 60
        out.append(UInt8(ascii: offset < 0 ? "-" : "+"))
        for value in [minutes / 60, minutes % 60] {
            out.append(UInt8(ascii: "0") + UInt8(value / 10))
            out.append(UInt8(ascii: "0") + UInt8(value % 10))
            out.append(UInt8(ascii: ":"))
        }
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }
}
