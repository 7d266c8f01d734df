// The rows of the long tables (a subject's meetings, a footprint, an organisation's
// issues, the statistics' tables and the filter form's options) answer the template's
// names themselves: turning a row into a dictionary by reflection took a fifth of an
// issue page's time, and a switch answers a name faster than a hash. The subject
// pages' tables do too, so that their rows are not reflected as a collection either.
// `TableRowsByNameTests` checks each answers every member it has by name.

extension SubjectMeetingTable: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "rows": .list(rows.map { .fields($0) })
        case "hasRows": .flag(hasRows)
        case "count": .text(count)
        case "pageNote": pageNote.map(TemplateValue.text)
        case "newer": newer.map(TemplateValue.text)
        case "older": older.map(TemplateValue.text)
        case "hasPager": .flag(hasPager)
        case "showRepresentedBy": .flag(showRepresentedBy)
        default: nil
        }
    }
}

extension FootprintTable: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "rows": .list(rows.map { .fields($0) })
        case "hasRows": .flag(hasRows)
        case "withheldNote": withheldNote.map(TemplateValue.text)
        default: nil
        }
    }
}

extension SubjectMeetingTable.Row: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "href": .text(href)
        case "title": .text(title)
        case "date": .text(date)
        case "datetime": datetime.map(TemplateValue.text)
        case "direction": .text(direction)
        case "representedBy": representedBy.map(TemplateValue.text)
        default: nil
        }
    }
}

extension FootprintTable.Row: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "name": .text(self.name)
        case "href": .text(href)
        case "note": note.map(TemplateValue.text)
        case "representatives": .list(representatives.map { .fields($0) })
        case "hasRepresentatives": .flag(hasRepresentatives)
        case "kind": .text(kind)
        case "meetings": .text(meetings)
        case "inbound": .text(inbound)
        case "outbound": .text(outbound)
        default: nil
        }
    }
}

extension FootprintTable.Representative: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "text": .text(text)
        case "href": .text(href)
        case "separator": .text(separator)
        default: nil
        }
    }
}

extension OrganisationPageView.IssueRow: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "title": .text(title)
        case "href": .text(href)
        case "meetings": .text(meetings)
        case "inbound": .text(inbound)
        case "outbound": .text(outbound)
        default: nil
        }
    }
}

extension StatisticsSection.Row: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "link": link.map(TemplateValue.text)
        case "count": .text(count)
        default: nil
        }
    }
}

extension TimelinessSection.Row: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "meetings": .text(meetings)
        case "inTime": .text(inTime)
        case "share": .text(share)
        default: nil
        }
    }
}

extension StatisticsForm.Option: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "value": .text(value)
        case "text": .text(text)
        case "selected": .flag(selected)
        default: nil
        }
    }
}
