import Hummingbird
import Publishing
import RegisterCore

/// The meeting search at `/meetings?q=…&…`: words and filters from the query string
/// (see `MeetingSearch`), one page of results with snippets, the counts of each
/// filter's values, removable filters and keyset page links. A bad parameter is a
/// 400 page that names it; parameters the search does not know are ignored.
struct SearchPageController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.meetings(query: nil).routePattern)) { request, context in
            let search = try Self.search(QueryParameters(request))
            return try await pages.respond(to: request, context: context) { snapshot, page in
                let result: MeetingSearchResult
                do {
                    result = try snapshot.search(search)
                } catch let error as SearchParameterError {
                    throw BadParameter(error)
                }
                return PageResult(SearchView(search: search, result: result, catalogue: try pages.catalogue(snapshot), context: page))
            }
        }
    }

    /// The search the query asks for, leaving out the parameters `ignored`; a value
    /// that is not valid percent-encoding, or one the search refuses, is a `BadParameter`.
    static func search(_ query: QueryParameters, ignoring ignored: Set<MeetingSearch.Parameter> = []) throws(BadParameter) -> MeetingSearch {
        var pairs: [(name: String, value: String)] = []
        for pair in query.pairs where !ignored.contains(where: { $0.rawValue == pair.name }) {
            guard let value = pair.value else { throw BadParameter(pair.name, value: "%", expected: "expectText") }
            pairs.append((pair.name, value))
        }
        do {
            return try MeetingSearch(query: pairs)
        } catch {
            throw BadParameter(error)
        }
    }
}

extension BadParameter {
    /// The 400 of a search parameter, with what was expected in the page's words.
    init(_ error: SearchParameterError) {
        let name = error.parameter.rawValue
        switch error.expected {
        case .date: self.init(name, value: error.value, expected: "expectDay")
        case .id: self.init(name, value: error.value, expected: "expectId")
        case .oneOf(let names): self.init(name, value: error.value, expected: "expectOneOf", detail: names.joined(separator: ", "))
        case .once: self.init(name, value: error.value, expected: "expectOnce")
        case .text(let maxLength): self.init(name, value: error.value, expected: "expectSearchText", detail: String(maxLength))
        case .notBefore(let from): self.init(name, value: error.value, expected: "expectNotBefore", detail: from)
        case .cursor: self.init(name, value: error.value, expected: "expectCursor")
        case .record: self.init(name, value: error.value, expected: "expectRecord")
        }
    }
}
