/// Calendar invitations no one should be able to record a draft from, shared by the
/// upload page's tests and the command line's (`meeting add --from-ics`).
enum HostileCalendar {
    static func invitation(_ event: [String], zone: [String] = []) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hostile//EN", "METHOD:REQUEST"] + zone + ["BEGIN:VEVENT"] + event
            + ["END:VEVENT", "END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    static let event = ["UID:hostile-1@example", "DTSTAMP:20261110T091500Z", "DTSTART:20261123T133000Z", "DTEND:20261123T143000Z",
                        "SUMMARY:Elnätet", "ORGANIZER:mailto:per@nordvind.example", "ATTENDEE;CN=Anna:mailto:anna@region.example.se"]

    static func replacing(_ name: String, with line: String) -> String {
        invitation(event.map { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") ? line : $0 })
    }

    /// Named files, as bytes.
    static var files: [(name: String, bytes: [UInt8])] {
        func text(_ string: String) -> [UInt8] { Array(string.utf8) }
        let valid = invitation(event)
        let nested = (0..<10_000).map { _ in "BEGIN:VEVENT" }.joined(separator: "\r\n")
        return [
            ("an empty file", []), ("binary noise", [0x00, 0xFF, 0xFE, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A]),
            ("JSON", text(#"{"subject": "x"}"#)), ("no event", text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")),
            ("an unclosed calendar", text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261123T133000Z\r\n")),
            ("10000 nested events", text("BEGIN:VCALENDAR\r\n" + nested + "\r\n")),
            ("invalid UTF-8", text(valid.components(separatedBy: "Elnätet")[0]) + [0xFF, 0xC0, 0xAF] + text(valid.components(separatedBy: "Elnätet")[1])),
            ("a NUL", text(replacing("SUMMARY", with: "SUMMARY:a\u{0}b"))),
            ("year 0", text(replacing("DTSTART", with: "DTSTART:00001123T133000Z"))),
            ("year 10000", text(replacing("DTSTART", with: "DTSTART:100001123T133000Z"))),
            ("month 13", text(replacing("DTSTART", with: "DTSTART:20261323T133000Z"))),
            ("hour 25", text(replacing("DTSTART", with: "DTSTART:20261123T253000Z"))),
            ("an end before the start", text(replacing("DTEND", with: "DTEND:20261123T123000Z"))),
            ("a negative duration", text(invitation(event.filter { !$0.hasPrefix("DTEND") } + ["DURATION:-PT1H"]))),
            ("a duration of Int64 overflow", text(invitation(event.filter { !$0.hasPrefix("DTEND") } + ["DURATION:PT9223372036854775808H"]))),
            ("markup as the start", text(replacing("DTSTART", with: "DTSTART:<script>alert(7)</script>"))),
            ("a traversing time zone", text(replacing("DTSTART", with: "DTSTART;TZID=../../../../etc/passwd:20261123T133000"))),
            ("a time zone of markup", text(replacing("DTSTART", with: "DTSTART;TZID=<script>alert(7)</script>:20261123T133000"))),
            ("a UID with markup not asked for", text(replacing("UID", with: "UID:<script>alert(7)</script>"))),
            ("a line of 3 MB", text(replacing("SUMMARY", with: "SUMMARY:" + String(repeating: "x", count: 3_000_000)))),
            ("a summary of 200 000 characters", text(replacing("SUMMARY", with: "SUMMARY:" + String(repeating: "å", count: 200_000)))),
        ]
    }
}
