import Foundation
import Hummingbird
import RegisterCore

/// How a refused write is told to a program: every error of the one write path
/// becomes a problem+json response with the status a client can act on, and a
/// validation failure lists each bad field by its JSON Pointer into the body.
enum WriteProblem {
    /// `bodyPrefix` is where the register's input stood in the request body
    /// (e.g. `/meeting` in a correction), for the pointers.
    /// `renaming` maps a field as the register names it to the body's member where
    /// they differ (an endpoint's `resource-id` is the body's `resourceId`).
    static func from(_ error: any Error, bodyPrefix: String = "", renaming: [String: String] = [:]) -> any Error {
        switch error {
        case let problem as ProblemDetails:
            return problem
        case let refused as NotPermitted:
            return ProblemDetails(status: .forbidden, title: "Not permitted", detail: refused.message)
        case let stale as StaleRevision:
            return ProblemDetails(status: .conflict, title: "Changed meanwhile", detail: stale.description,
                                  headers: [.eTag: MeetingETag.value(id: stale.meeting, revision: stale.current)])
        case let conflict as IdempotencyConflict:
            return ProblemDetails(status: .unprocessableContent, title: "Idempotency-Key reused", detail: conflict.description)
        case let invalid as ValidationError:
            var renamed = invalid
            for index in renamed.problems.indices {
                if let member = renaming[renamed.problems[index].field] { renamed.problems[index].field = member }
            }
            return validation(renamed, bodyPrefix: bodyPrefix)
        case let failure as RegisterFailure where failure.kind == .busy:
            return ProblemDetails(status: .serviceUnavailable, detail: failure.description, headers: [.retryAfter: "1"])
        default:
            return error
        }
    }

    /// A problem of the record named by the route (`id`) is 404 when the record does
    /// not exist and 409 when its state forbids the change (a draft corrected, a
    /// meeting published twice); the others are 422, one item per bad field.
    static func validation(_ error: ValidationError, bodyPrefix: String) -> ProblemDetails {
        let route = error.problems.filter { $0.field == "id" }
        if let first = route.first {
            let missing = first.message.hasPrefix("no ")
            return ProblemDetails(status: missing ? .notFound : .conflict, title: missing ? "Not found" : "Not possible in this state",
                                  detail: first.message)
        }
        if let header = error.problems.first(where: { $0.field == "Idempotency-Key" }) {
            return ProblemDetails(status: .badRequest, title: "Bad Idempotency-Key header", detail: "Idempotency-Key: \(header.message)")
        }
        let items = error.problems.map { ProblemDetails.Item(pointer: bodyPrefix + pointer($0.field), detail: $0.message) }
        return .badBody(items, detail: error.description)
    }

    /// The JSON Pointer of a field as the register names it: `counterparts[0].people[1].name`
    /// is `/counterparts/0/people/1/name`, a quoted member `'a.b'` one token, "" the whole body.
    static func pointer(_ field: String) -> String {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        var index = field.startIndex
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        while index < field.endIndex {
            let character = field[index]
            if quoted {
                if character == "'" { quoted = false } else { current.append(character) }
            } else {
                switch character {
                case "'": quoted = true
                case ".": flush()
                case "[":
                    flush()
                    let close = field[index...].firstIndex(of: "]") ?? field.endIndex
                    tokens.append(String(field[field.index(after: index)..<close]))
                    index = close
                default: current.append(character)
                }
            }
            if index < field.endIndex { index = field.index(after: index) }
        }
        flush()
        return tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }
}
