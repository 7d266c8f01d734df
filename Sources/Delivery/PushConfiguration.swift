import Foundation

/// How the push worker talks to endpoints and paces itself; the defaults suit
/// production, tests shorten the delays.
public struct PushConfiguration: Sendable {
    /// Timeouts, User-Agent and trust store of each endpoint's HTTP client.
    public var http: CurlHTTPClient.Configuration
    public var retry: RetryPolicy
    /// How often an idle worker looks for new changes (and, following, for new endpoints).
    public var pollInterval: Duration
    /// Deliveries read from the outbox at a time.
    public var batchSize: Int
    /// The most records one `datastore_upsert` request to a ckan endpoint carries.
    public var ckanBatchSize: Int

    public static let defaultCKANBatchSize = 500

    public init(http: CurlHTTPClient.Configuration = .init(), retry: RetryPolicy = .init(),
                pollInterval: Duration = .seconds(1), batchSize: Int = 100, ckanBatchSize: Int = defaultCKANBatchSize) {
        self.http = http
        self.retry = retry
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.ckanBatchSize = ckanBatchSize
    }
}
