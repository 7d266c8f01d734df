/// What a push run did, per endpoint, so the command can print a summary and choose
/// its exit status.
public struct PushReport: Sendable, Equatable {
    /// One endpoint's share of a run.
    public struct EndpointCounts: Sendable, Equatable {
        public var delivered = 0
        public var skipped = 0
        /// Failed attempts that were scheduled for another try.
        public var retried = 0
        public var deadLettered = 0
        /// Why the endpoint was paused in this run (the receiver said the endpoint itself is wrong).
        public var paused: String?
        /// Why the endpoint could not be served at all (a store failure, an unusable configuration).
        public var errors: [String] = []

        public init() {}

        mutating func add(_ other: EndpointCounts) {
            delivered += other.delivered
            skipped += other.skipped
            retried += other.retried
            deadLettered += other.deadLettered
            paused = other.paused ?? paused
            errors += other.errors
        }
    }

    public var endpoints: [Int64: EndpointCounts] = [:]

    public init() {}

    public var delivered: Int { endpoints.values.reduce(0) { $0 + $1.delivered } }
    public var skipped: Int { endpoints.values.reduce(0) { $0 + $1.skipped } }
    public var retried: Int { endpoints.values.reduce(0) { $0 + $1.retried } }
    public var deadLettered: Int { endpoints.values.reduce(0) { $0 + $1.deadLettered } }
    /// The endpoints paused in this run, with the reason, by id.
    public var paused: [(endpoint: Int64, reason: String)] {
        endpoints.keys.sorted().compactMap { id in endpoints[id]!.paused.map { (id, $0) } }
    }
    public var errors: [String] { endpoints.keys.sorted().flatMap { endpoints[$0]!.errors } }

    mutating func add(_ counts: EndpointCounts, for endpoint: Int64) {
        endpoints[endpoint, default: EndpointCounts()].add(counts)
    }
}
