/// A component of an iCalendar object (VCALENDAR, VEVENT, VTIMEZONE, STANDARD, …)
/// with its properties and the components nested in it.
public struct CalendarComponent: Sendable, Equatable {
    public var name: String
    public var line: Int
    public var properties: [ContentLine] = []
    public var components: [CalendarComponent] = []

    public func properties(_ name: String) -> [ContentLine] {
        properties.filter { $0.name == name }
    }

    /// The one property named `name`, nil when absent; an error when it is given twice.
    public func single(_ name: String) throws(CalendarError) -> ContentLine? {
        let found = properties(name)
        if found.count > 1 {
            throw CalendarError(line: found[1].line, "\(name) is given twice in the \(self.name) that starts at line \(line)")
        }
        return found.first
    }

    public func components(_ name: String) -> [CalendarComponent] {
        components.filter { $0.name == name }
    }

    /// The VCALENDAR objects of a file: BEGIN and END must pair up, and nothing may stand outside them.
    static func parse(_ bytes: [UInt8]) throws(CalendarError) -> [CalendarComponent] {
        var stack: [CalendarComponent] = []
        var calendars: [CalendarComponent] = []
        for line in try ContentLineReader.lines(bytes) {
            switch line.name {
            case "BEGIN":
                let name = line.value.uppercased()
                guard !name.isEmpty else { throw line.error("names no component") }
                if stack.isEmpty, name != "VCALENDAR" {
                    throw CalendarError(line: line.line, "the file must start with BEGIN:VCALENDAR, not BEGIN:\(line.value)")
                }
                stack.append(CalendarComponent(name: name, line: line.line))
            case "END":
                guard let closed = stack.popLast() else {
                    throw CalendarError(line: line.line, "END:\(line.value) closes nothing")
                }
                guard closed.name == line.value.uppercased() else {
                    throw CalendarError(line: line.line, "END:\(line.value) does not close BEGIN:\(closed.name) of line \(closed.line)")
                }
                if stack.isEmpty {
                    calendars.append(closed)
                } else {
                    stack[stack.count - 1].components.append(closed)
                }
            default:
                guard !stack.isEmpty else {
                    throw CalendarError(line: line.line, "\(line.name) stands outside BEGIN:VCALENDAR … END:VCALENDAR")
                }
                stack[stack.count - 1].properties.append(line)
            }
        }
        if let open = stack.last {
            throw CalendarError(line: open.line, "BEGIN:\(open.name) is never closed by END:\(open.name)")
        }
        guard !calendars.isEmpty else { throw CalendarError(line: nil, "the file holds no calendar (BEGIN:VCALENDAR)") }
        return calendars
    }
}
