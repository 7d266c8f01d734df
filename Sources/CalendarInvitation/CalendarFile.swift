import Foundation
import RegisterCore

/// An invitation file (RFC 5545) read for the one meeting it is about: the events it
/// holds, the one chosen (by UID when there are several), its times resolved through
/// its VTIMEZONEs, Foundation's zones or, for floating times, the register's zone.
public enum CalendarFile {
    /// The largest file read, in bytes: an invitation is a few kilobytes; a whole exported calendar is not one.
    public static let maximumSize = 1 << 20

    /// The event of `bytes` to record: the only one, or the one with `uid`.
    public static func event(in bytes: [UInt8], uid: String? = nil, floatingTimeZone: TimeZone) throws(CalendarError) -> CalendarEvent {
        guard bytes.count <= maximumSize else {
            throw CalendarError(line: nil, "the file is larger than \(maximumSize / 1024) KiB; an invitation holds one meeting")
        }
        let calendars = try CalendarComponent.parse(bytes)
        if let method = calendars.compactMap({ try? $0.single("METHOD") }).first, method.value.uppercased() == "CANCEL" {
            throw CalendarError(line: method.line, "the invitation cancels a meeting (METHOD:CANCEL); there is nothing to record")
        }
        var zones: [String: ZoneRules] = [:]
        for component in calendars.flatMap({ $0.components("VTIMEZONE") }) {
            let zone = try VTimeZone(component)
            zones[zone.tzid] = .described(zone)
        }
        let events = calendars.flatMap { $0.components("VEVENT") }
        guard !events.isEmpty else { throw CalendarError(line: nil, "the file holds no event (BEGIN:VEVENT)") }
        let chosen = try choose(from: events, uid: uid)
        return try read(chosen, zones: zones, floatingTimeZone: floatingTimeZone)
    }

    private static func choose(from events: [CalendarComponent], uid: String?) throws(CalendarError) -> CalendarComponent {
        func uidOf(_ event: CalendarComponent) -> String? { event.properties("UID").first?.value }
        func listed() -> String {
            events.map { event in
                let summary = event.properties("SUMMARY").first.map { " (\(CalendarText.unescaped($0.value)))" } ?? ""
                return (uidOf(event) ?? "no UID, line \(event.line)") + summary
            }.joined(separator: "; ")
        }
        if let uid {
            let matching = events.filter { uidOf($0) == uid }
            guard let first = matching.first else {
                throw CalendarError(line: nil, "no event has the UID '\(uid)'; the file holds \(listed())")
            }
            if let recurring = matching.first(where: { !$0.properties("RRULE").isEmpty || !$0.properties("RDATE").isEmpty }) {
                throw recurrence(recurring)
            }
            guard matching.count == 1 else {
                throw CalendarError(line: matching[1].line, "\(matching.count) events have the UID '\(uid)' (changed occurrences of one series); record each meeting on its own")
            }
            return first
        }
        guard events.count == 1 else {
            throw CalendarError(line: nil, "the file holds \(events.count) events; choose one by its UID: \(listed())")
        }
        return events[0]
    }

    private static func recurrence(_ event: CalendarComponent) -> CalendarError {
        let line = (event.properties("RRULE") + event.properties("RDATE")).map(\.line).min() ?? event.line
        return CalendarError(line: line, "the event recurs (RRULE or RDATE); a register records each meeting on its own: record this one by hand or send one occurrence")
    }

    private static func read(_ event: CalendarComponent, zones: [String: ZoneRules], floatingTimeZone: TimeZone) throws(CalendarError) -> CalendarEvent {
        if !event.properties("RRULE").isEmpty || !event.properties("RDATE").isEmpty { throw recurrence(event) }
        if let status = try event.single("STATUS"), status.value.uppercased() == "CANCELLED" {
            throw status.error("the event is cancelled; there is nothing to record")
        }
        guard let startLine = try event.single("DTSTART") else {
            throw CalendarError(line: event.line, "the event has no DTSTART")
        }
        let (start, zoneName) = try instant(startLine, zones: zones, floatingTimeZone: floatingTimeZone)
        let end: Date
        let endLine = try event.single("DTEND"), durationLine = try event.single("DURATION")
        switch (endLine, durationLine) {
        case (let endLine?, nil):
            end = try instant(endLine, zones: zones, floatingTimeZone: floatingTimeZone).0
        case (nil, let durationLine?):
            guard let seconds = CalendarDuration.seconds(durationLine.value) else {
                throw durationLine.error("'\(durationLine.value)' is not a duration like PT1H30M")
            }
            end = start.addingTimeInterval(TimeInterval(seconds))
        case (nil, nil):
            throw CalendarError(line: event.line, "the event has neither DTEND nor DURATION; a meeting needs its length")
        case (_?, let durationLine?):
            throw durationLine.error("an event has DTEND or DURATION, not both")
        }
        guard end > start else {
            throw CalendarError(line: (endLine ?? durationLine)?.line, "the event ends before it starts, or when it starts")
        }
        func text(_ name: String) throws(CalendarError) -> String? {
            guard let line = try event.single(name) else { return nil }
            let value = CalendarText.unescaped(line.value).trimmingCharacters(in: .whitespacesAndNewlines)
            if value.unicodeScalars.contains("\u{0}") { throw line.error("holds U+0000") }
            return value.isEmpty ? nil : value
        }
        let conference = event.properties.first {
            ["X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK"].contains($0.name)
        }?.value
        return CalendarEvent(
            uid: try event.single("UID")?.value, summary: try text("SUMMARY"), location: try text("LOCATION"),
            description: try text("DESCRIPTION"), startsAt: start, endsAt: end, timeZoneName: zoneName,
            organizer: try event.single("ORGANIZER").map(CalendarAddress.init),
            attendees: event.properties("ATTENDEE").map(CalendarAddress.init),
            conferenceURL: conference, line: event.line)
    }

    /// A DTSTART or DTEND as an instant, with the name of the zone it was written in.
    private static func instant(_ line: ContentLine, zones: [String: ZoneRules], floatingTimeZone: TimeZone) throws(CalendarError) -> (Date, String) {
        guard let value = CalendarTimeValue.parse(line.value) else {
            throw line.error("'\(line.value)' is not a date and time like 20261123T143000, 20261123T133000Z or 20261123")
        }
        switch value {
        case .date:
            throw line.error("is a date without a time (an all-day event); a meeting needs the time it starts and ends")
        case .utc(let wall):
            return (Date(timeIntervalSince1970: TimeInterval(wall.seconds)), "UTC")
        case .local(let wall):
            guard let tzid = line.parameter("TZID") else {
                return (ZoneRules.system(floatingTimeZone).instant(of: wall), floatingTimeZone.identifier)
            }
            if let rules = zones[tzid] { return (rules.instant(of: wall), tzid) }
            guard let zone = systemZone(tzid) else {
                throw line.error("the time zone '\(tzid)' has no VTIMEZONE in the file and is not a time zone name such as Europe/Stockholm")
            }
            return (ZoneRules.system(zone).instant(of: wall), zone.identifier)
        }
    }

    /// An IANA name, also in the "globally unique" forms some senders write
    /// ("/Europe/Stockholm", "/mozilla.org/20050126_1/Europe/Stockholm").
    private static func systemZone(_ tzid: String) -> TimeZone? {
        let parts = tzid.split(separator: "/")
        for start in parts.indices {
            if let zone = TimeZone(identifier: parts[start...].joined(separator: "/")) { return zone }
        }
        return nil
    }
}
