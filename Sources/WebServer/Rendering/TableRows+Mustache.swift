import Mustache

// The rows of the long tables (a subject's meetings, a footprint, an organisation's
// issues) answer the template's names themselves: turning a row into a dictionary by
// reflection took a fifth of an issue page's time, and a switch answers a name faster
// than a hash. `MustacheTreeTests` checks each answers every member it has by name.

extension SubjectMeetingTable.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "title": title
        case "date": date
        case "datetime": datetime
        case "direction": direction
        case "representedBy": representedBy
        default: nil
        }
    }
}

extension FootprintTable.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": href
        case "note": note
        case "representatives": representatives
        case "hasRepresentatives": hasRepresentatives
        case "kind": kind
        case "meetings": meetings
        case "inbound": inbound
        case "outbound": outbound
        default: nil
        }
    }
}

extension FootprintTable.Representative: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "href": href
        case "separator": separator
        default: nil
        }
    }
}

extension OrganisationPageView.IssueRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "meetings": meetings
        case "inbound": inbound
        case "outbound": outbound
        default: nil
        }
    }
}
