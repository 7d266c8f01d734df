/// The paths of the write API, from which both its routes and the links it gives
/// (`Location`) are made.
enum WriteRoutes {
    static let prefix = "/api/v1"
    static let meetings = "\(prefix)/meetings"
    static func meetingRecord(_ id: Int64) -> String { "\(meetings)/\(id)/record" }
    static let legalGrounds = "\(prefix)/legal-grounds"
    static let endpoints = "\(prefix)/endpoints"

    /// Router patterns (a `:id` parameter where a path has an id).
    enum Pattern {
        static let meetings = "api/v1/meetings"
        static let meetingRecord = "api/v1/meetings/:id/record"
        static let publish = "api/v1/meetings/:id/publish"
        static let approval = "api/v1/meetings/:id/approval"
        static let returnFromReview = "api/v1/meetings/:id/return"
        static let corrections = "api/v1/meetings/:id/corrections"
        static let withdrawal = "api/v1/meetings/:id/withdrawal"
        static let redactions = "api/v1/meetings/:id/redactions"
        static let legalGrounds = "api/v1/legal-grounds"
        static let legalGround = "api/v1/legal-grounds/:id"
        static let endpoints = "api/v1/endpoints"
        static let endpoint = "api/v1/endpoints/:id"
    }
}
