import Hummingbird
import Logging
import Publishing
import RegisterCore

extension ProblemDetails {
    /// The problem an error of a route under the API stands for: a bad query
    /// parameter by name (the pages' `BadParameter`, the search's
    /// `SearchParameterError`; a filter naming a record that does not exist is 404),
    /// a client error's status, and for anything else a 500
    /// that says nothing of its cause (the cause goes to the log).
    static func from(_ error: any Error, logger: Logger, path: String) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails:
            return problem
        case let bad as BadParameter:
            return .badParameter(bad.name, bad.message(Strings(.en)))
        case let bad as SearchParameterError:
            if case .record = bad.expected {
                var problem = ProblemDetails.badParameter(bad.parameter.rawValue, bad.description)
                (problem.status, problem.title) = (.notFound, "No such record")
                return problem
            }
            return .badParameter(bad.parameter.rawValue, bad.description)
        case let http as HTTPError where http.status.code < 500:
            return ProblemDetails(status: http.status, detail: http.body, headers: http.headers)
        default:
            logger.error("request failed", metadata: ["path": .string(path), "error": .string("\(error)")])
            return ProblemDetails(status: .internalServerError)
        }
    }

    /// Whether `path` is the API's, whose errors are problem details rather than pages.
    static func isAPI(_ path: String) -> Bool {
        path == APIURL.prefix || path.hasPrefix(APIURL.prefix + "/")
    }
}
