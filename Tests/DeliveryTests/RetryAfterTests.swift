import Delivery
import Foundation
import Testing

@Suite("Retry-After parsing")
struct RetryAfterTests {
    /// Wed, 21 Oct 2015 07:28:00 GMT
    private let date = Date(timeIntervalSince1970: 1_445_412_480)

    private func retryAfter(_ value: String?, now: Date) -> Duration? {
        HTTPResponse(status: 503, headers: value.map { ["retry-after": $0] } ?? [:]).retryAfter(now: now)
    }

    @Test func delaySeconds() {
        #expect(retryAfter("120", now: date) == .seconds(120))
        #expect(retryAfter(" 0 ", now: date) == .zero)
    }

    @Test(arguments: [
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "Wednesday, 21-Oct-15 07:28:00 GMT",
        "Wed Oct 21 07:28:00 2015",
    ])
    func httpDateForms(value: String) {
        #expect(retryAfter(value, now: date.addingTimeInterval(-90)) == .seconds(90))
    }

    @Test func pastDateMeansNoWait() {
        #expect(retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: date.addingTimeInterval(3600)) == .zero)
    }

    @Test(arguments: [nil, "", "soon", "-5", "1.5", "Wed, 32 Oct 2015 07:28:00 GMT", "Wed, 21 Foo 2015 07:28:00 GMT"])
    func absentOrMalformed(value: String?) {
        #expect(retryAfter(value, now: date) == nil)
    }
}
