import Foundation
import Publishing
import RegisterCore

/// The statistics page's query parameters, read the way the meeting search reads
/// them (`from`, `to`, `official`, `org`, `issue`, `unit`, `direction`, `format`,
/// `kind`): an empty value is no filter (a form sent with empty fields), another
/// parameter is ignored, a bad value or one given twice is a `BadParameter` naming it.
/// Kept to this one type so that it can give way to the search's own parsing.
struct StatisticsQuery: Sendable {
    let filter: StatisticsFilter

    init(_ query: QueryParameters) throws(BadParameter) {
        func value(_ name: String) throws(BadParameter) -> String? {
            guard let text = try query.text(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func day(_ name: String) throws(BadParameter) -> Day? {
            guard let text = try value(name) else { return nil }
            guard let day = Day(text), day.description == text else { throw BadParameter(name, value: text, expected: "expectDay") }
            return day
        }
        func id(_ name: String) throws(BadParameter) -> Int64? {
            guard let text = try value(name) else { return nil }
            guard let id = Int64(text), id > 0, String(id) == text else { throw BadParameter(name, value: text, expected: "expectId") }
            return id
        }
        func choice<C: Choice>(_ name: String, _ type: C.Type) throws(BadParameter) -> C? {
            guard let text = try value(name) else { return nil }
            guard let choice = C(rawValue: text) else {
                throw BadParameter(name, value: text, expected: "expectOneOf", detail: C.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return choice
        }
        let filter = StatisticsFilter(
            from: try day("from"), to: try day("to"), official: try id("official"), organisation: try id("org"),
            issue: try id("issue"), unit: try id("unit"), direction: try choice("direction", MeetingDirection.self),
            format: try choice("format", MeetingFormat.self), organisationKind: try choice("kind", OrganisationKind.self))
        if let from = filter.from, let to = filter.to, to < from {
            throw BadParameter("to", value: to.description, expected: "statisticsExpectNotBefore", detail: from.description)
        }
        self.filter = filter
    }

    /// The query of `filter`'s URL, its parameters in a fixed order.
    static func pairs(_ filter: StatisticsFilter) -> [(name: String, value: String)] {
        let all: [(String, String?)] = [
            ("from", filter.from?.description), ("to", filter.to?.description), ("official", filter.official.map(String.init)),
            ("org", filter.organisation.map(String.init)), ("issue", filter.issue.map(String.init)),
            ("unit", filter.unit.map(String.init)), ("direction", filter.direction?.rawValue),
            ("format", filter.format?.rawValue), ("kind", filter.organisationKind?.rawValue),
        ]
        return all.compactMap { name, value in value.map { (name: name, value: $0) } }
    }
}
