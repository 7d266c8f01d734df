// The statistics page's view answers the template's names itself (see
// `TableRows+Mustache.swift`): reflecting its sections, selects and frame took an
// eighth of the page's time. `TableRowsByNameTests` checks each answers every member it has.

extension StatisticsView: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "title": .text(title)
        case "intro": .text(intro)
        case "total": .text(total)
        case "form": .fields(form)
        case "activeFilters": .list(activeFilters.map { .fields($0) })
        case "hasActiveFilters": .flag(hasActiveFilters)
        case "clearHref": .text(clearHref)
        case "stylesheet": .text(stylesheet)
        case "sections": .list(sections.map { .fields($0) })
        case "hasMeetings": .flag(hasMeetings)
        case "timeliness": timeliness.map { .fields($0) }
        default: nil
        }
    }
}

extension StatisticsView.ActiveFilter: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "text": .text(text)
        case "removeHref": .text(removeHref)
        default: nil
        }
    }
}

extension StatisticsForm: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "action": .text(action)
        case "from": .text(from)
        case "to": .text(to)
        case "selects": .list(selects.map { .fields($0) })
        case "organisation": organisation.map(TemplateValue.text)
        default: nil
        }
    }
}

extension StatisticsForm.Select: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "name": .text(self.name)
        case "label": .text(label)
        case "options": .list(options.map { .fields($0) })
        default: nil
        }
    }
}

extension StatisticsSection: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "id": .text(id)
        case "heading": .text(heading)
        case "svg": .text(svg)
        case "caption": .text(caption)
        case "labelHeader": .text(labelHeader)
        case "countHeader": .text(countHeader)
        case "rows": .list(rows.map { .fields($0) })
        case "hasRows": .flag(hasRows)
        case "notes": .list(notes.map(TemplateValue.text))
        default: nil
        }
    }
}

extension TimelinessSection: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "intro": .text(intro)
        case "overall": overall.map(TemplateValue.text)
        case "months": .list(months.map { .fields($0) })
        case "units": .list(units.map { .fields($0) })
        case "hasMeetings": .flag(hasMeetings)
        default: nil
        }
    }
}
