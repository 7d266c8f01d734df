import Foundation

/// One VEVENT read from an invitation: what a draft meeting is made from.
public struct CalendarEvent: Sendable, Equatable {
    public var uid: String?
    public var summary: String?
    public var location: String?
    public var description: String?
    public var startsAt: Date
    public var endsAt: Date
    /// The time zone the start was written in: a TZID, "UTC", or the register's zone for a floating time.
    public var timeZoneName: String
    public var organizer: CalendarAddress?
    public var attendees: [CalendarAddress]
    /// The link of an online meeting (Google Meet, Teams), when the invitation names one.
    public var conferenceURL: String?
    /// The line BEGIN:VEVENT stands on.
    public var line: Int
}

/// An ORGANIZER or ATTENDEE: its address (the e-mail of a `mailto:` URI, in lower
/// case), its common name, and what the invitation says of its part.
public struct CalendarAddress: Sendable, Equatable {
    public var email: String?
    public var uri: String
    public var name: String?
    /// CUTYPE in upper case: INDIVIDUAL unless given (ROOM and RESOURCE are rooms and equipment).
    public var userType: String
    /// PARTSTAT in upper case, such as ACCEPTED or DECLINED; nil when not given.
    public var participation: String?
    public var line: Int

    init(_ line: ContentLine) {
        uri = line.value
        let lower = line.value.lowercased()
        if lower.hasPrefix("mailto:") {
            let address = String(line.value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            email = address.removingPercentEncoding?.lowercased() ?? address.lowercased()
        } else {
            email = nil
        }
        let name = line.parameter("CN").map { CalendarText.unescaped($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        self.name = name?.isEmpty == false ? name : nil
        userType = line.parameter("CUTYPE")?.uppercased() ?? "INDIVIDUAL"
        participation = line.parameter("PARTSTAT")?.uppercased()
        self.line = line.line
    }

    /// How a person is shown in a report: the name and the address.
    public var shown: String {
        let address = email ?? uri
        return name.map { "\($0) <\(address)>" } ?? address
    }
}
