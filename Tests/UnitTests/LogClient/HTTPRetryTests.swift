import Foundation
import LogClient
import TestSupport
import Testing

/// The retry loop GET and POST share: a cancelled task stops it during the
/// backoff, the attempts made are counted, and no request follows.
@Suite struct HTTPRetryTests {
    /// A backoff far longer than the test may take: only a cancellation
    /// ends it early. The timeouts are long too: on a machine loaded by
    /// the other suites, a first attempt cut off after a second would be a
    /// timeout nginx never logs, and the test would wait for nothing.
    static let patient = HTTPClientConfiguration(idleTimeout: .seconds(20), totalTimeout: .seconds(60),
                                                 retries: 3, initialBackoff: .seconds(300))

    enum Method: CaseIterable, Sendable {
        case get, post
    }

    @Test(arguments: Method.allCases)
    func cancellingDuringTheBackoffStopsTheRetries(method: Method) async throws {
        let directory = try TemporaryDirectory()
        let root = directory.path("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let server = try NginxServer(serving: root, in: directory, faults: ["/busy": .status(503)])
        let url = try #require(URL(string: server.url("/busy")))
        let client = HTTPClient(configuration: Self.patient)
        let started = ContinuousClock.now
        let request = Task {
            switch method {
            case .get: _ = try await client.get(url, maximumBytes: 100)
            case .post: _ = try await client.post(url, body: [], contentType: "text/plain", maximumBytes: 100)
            }
        }
        // The first attempt was answered 503: the client now waits a minute
        // before the next. Waited for without blocking a thread of the
        // concurrency pool, which the request needs.
        while client.statistics.requests == 0 || server.requests().isEmpty, ContinuousClock.now - started < .seconds(120) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(server.requests().map(\.status) == [503])
        // Most likely asleep in the backoff by now; a cancellation that
        // comes before it is seen there stops the loop too, with the 503.
        try await Task.sleep(for: .milliseconds(200))
        let cancelled = ContinuousClock.now
        request.cancel()
        let result = await request.result
        #expect(ContinuousClock.now - cancelled < .seconds(90))
        switch result {
        case .success:
            Issue.record("a 503 was returned as an answer")
        case .failure(let failure):
            let error = try #require(failure as? FetchError)
            #expect(error.problem == .cancelled || error.problem == .status(503), "\(error)")
            #expect(error.attempts == 1)
            #expect(error.url == url.absoluteString)
        }
        #expect(client.statistics.requests == 1)
        #expect(server.requests().count == 1)
    }
}
