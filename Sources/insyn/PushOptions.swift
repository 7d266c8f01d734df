import ArgumentParser
import Delivery

/// The timeouts and retry schedule of `push`, shared with `bench push`.
struct PushOptions: ParsableArguments {
    @Option(help: "Time allowed to connect to an endpoint.")
    var connectTimeout = DurationArgument("10s", .seconds(10))

    @Option(help: "Time allowed for one whole delivery, connection included.")
    var timeout = DurationArgument("30s", .seconds(30))

    @Option(help: "Delay before the first retry of a failed delivery; it doubles with each further failure (with jitter).")
    var retryBase = DurationArgument("5s", .seconds(5))

    @Option(help: "Longest delay between two attempts, a receiver's Retry-After included.")
    var retryMaxDelay = DurationArgument("1h", .seconds(3600))

    @Option(help: "How long a failing delivery is retried before it becomes a dead letter.")
    var maxRetryAge = DurationArgument("72h", .seconds(72 * 3600))

    @Option(help: "How often --follow looks for new changes and endpoints.")
    var poll = DurationArgument("1s", .seconds(1))

    @Option(help: "The most records one datastore_upsert request to a ckan endpoint carries.")
    var ckanBatch = PushConfiguration.defaultCKANBatchSize

    func validate() throws {
        guard (1...10_000).contains(ckanBatch) else { throw ValidationError("--ckan-batch must be between 1 and 10000") }
        guard connectTimeout.duration > .zero, timeout.duration > .zero, poll.duration > .zero else {
            throw ValidationError("--connect-timeout, --timeout and --poll must be more than zero")
        }
        guard retryBase.duration <= retryMaxDelay.duration else {
            throw ValidationError("--retry-base must not exceed --retry-max-delay")
        }
    }

    var configuration: PushConfiguration {
        PushConfiguration(
            http: .init(connectTimeout: connectTimeout.duration, timeout: timeout.duration),
            retry: RetryPolicy(baseDelay: retryBase.duration, maxDelay: retryMaxDelay.duration, maxAge: maxRetryAge.duration),
            pollInterval: poll.duration, ckanBatchSize: ckanBatch)
    }
}
