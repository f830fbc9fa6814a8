import Foundation
import LogClient
import TestSupport
import Testing

/// The bounded GET against a real nginx on a loopback port: statuses,
/// retries, timeouts, limits and gzip.
@Suite struct HTTPClientTests {
    /// Short timeouts and backoff, so that the failures tested take
    /// well under a second each. The total timeout also bounds what a
    /// huge body costs if the session is slow to act on a cancellation.
    static let quick = HTTPClientConfiguration(idleTimeout: .milliseconds(500), totalTimeout: .milliseconds(1500),
                                               retries: 3, initialBackoff: .milliseconds(10))
    /// A short backoff with long timeouts, for a test whose every attempt
    /// ends at once: on a machine loaded by the other suites, a timeout of
    /// a second could turn a refused connection into a timeout.
    static let steady = HTTPClientConfiguration(idleTimeout: .seconds(20), totalTimeout: .seconds(60),
                                                retries: 3, initialBackoff: .milliseconds(10))

    /// A served folder with one file of `size` pseudo-random bytes at `/site/file`.
    struct Site {
        let directory: TemporaryDirectory
        let root: String
        let body: [UInt8]

        init(size: Int = 10_000) throws {
            directory = try TemporaryDirectory()
            root = directory.path("www")
            try FileManager.default.createDirectory(atPath: root + "/site", withIntermediateDirectories: true)
            var random = SeededGenerator(seed: 7)
            body = random.bytes(size)
            try Data(body).write(to: URL(fileURLWithPath: root + "/site/file"))
        }

        func serve(faults: [String: NginxServer.Fault] = [:], gzip: Bool = false) throws -> NginxServer {
            try NginxServer(serving: root, in: directory, faults: faults, gzip: gzip)
        }
    }

    private func url(_ server: NginxServer, _ path: String) throws -> URL {
        try #require(URL(string: server.url(path)))
    }

    private func fetchError(_ body: () async throws -> Void) async -> FetchError? {
        do {
            try await body()
            return nil
        } catch {
            return error as? FetchError
        }
    }

    @Test func okReturnsTheBodyAndCountsIt() async throws {
        let site = try Site()
        let server = try site.serve()
        let client = HTTPClient(configuration: Self.quick)
        let bytes = try await client.get(try url(server, "/site/file"), maximumBytes: 10_000)
        #expect(bytes == site.body)
        #expect(client.statistics == FetchStatistics(requests: 1, bytes: 10_000))
        #expect(server.requests(atLeast: 1).map(\.status) == [200])
    }

    @Test func notFoundIsNotRetriedAndAsksAboutTheURL() async throws {
        let site = try Site()
        let server = try site.serve()
        let client = HTTPClient(configuration: Self.quick)
        let error = await fetchError { _ = try await client.get(try url(server, "/site/missing"), maximumBytes: 100) }
        #expect(error?.problem == .notFound)
        #expect(error?.attempts == 1)
        #expect(error?.description.contains("not found at \(server.url("/site/missing"))") == true)
        #expect(error?.description.contains("is this the registry's URL?") == true)
        #expect(server.requests(atLeast: 1).count == 1)
    }

    @Test func serverErrorIsRetriedThreeTimesThenFails() async throws {
        let site = try Site()
        let server = try site.serve(faults: ["/site/file": .status(500)])
        let client = HTTPClient(configuration: Self.quick)
        let error = await fetchError { _ = try await client.get(try url(server, "/site/file"), maximumBytes: 100_000) }
        #expect(error?.problem == .status(500))
        #expect(error?.attempts == 4)
        #expect(error?.description.contains("HTTP 500 (4 attempts)") == true)
        #expect(server.requests(atLeast: 4).map(\.status) == [500, 500, 500, 500])
        #expect(client.statistics.requests == 4)
    }

    @Test func otherClientErrorsAreNotRetried() async throws {
        let site = try Site()
        let server = try site.serve(faults: ["/site/file": .status(403)])
        let client = HTTPClient(configuration: Self.quick)
        let error = await fetchError { _ = try await client.get(try url(server, "/site/file"), maximumBytes: 100_000) }
        #expect(error?.problem == .status(403))
        #expect(server.requests(atLeast: 1).count == 1)
    }

    @Test func aStalledServerTimesOut() async throws {
        let site = try Site()
        let server = try site.serve(faults: ["/site/file": .stall])
        let client = HTTPClient(configuration: HTTPClientConfiguration(
            idleTimeout: .milliseconds(500), totalTimeout: .milliseconds(1500), retries: 1, initialBackoff: .milliseconds(10)))
        let error = await fetchError { _ = try await client.get(try url(server, "/site/file"), maximumBytes: 100_000) }
        // The file is 10,000 bytes at one byte a second: only a timeout ends it.
        guard case .timedOut = error?.problem else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(error?.attempts == 2)
        #expect(client.statistics.requests == 2)
        #expect(error?.description.contains(server.url("/site/file")) == true)
    }

    @Test func aHugeAnnouncedBodyIsRefusedWithoutReadingIt() async throws {
        let site = try Site()
        let huge = 1 << 30
        let server = try site.serve(faults: ["/site/file": .huge(bytes: huge)])
        let client = HTTPClient(configuration: Self.quick)
        let error = await fetchError { _ = try await client.get(try url(server, "/site/file"), maximumBytes: 65_536) }
        #expect(error?.problem == .tooLarge(limit: 65_536, announced: Int64(huge)))
        #expect(error?.attempts == 1)
        // nginx logs what it sent before the client closed: a socket
        // buffer's worth at most, not the gigabyte.
        let sent = server.requests(atLeast: 1).map(\.bodyBytes).reduce(0, +)
        #expect(sent < 64 << 20, "nginx sent \(sent) bytes")
        #expect(client.statistics.bytes == 0)
    }

    @Test func aBodyGrowingPastTheLimitAfterDecompressionIsStopped() async throws {
        let site = try Site()
        let huge = 1 << 36
        let server = try site.serve(faults: ["/site/file": .hugeCompressed(bytes: huge)])
        let client = HTTPClient(configuration: Self.quick)
        let error = await fetchError { _ = try await client.get(try url(server, "/site/file"), maximumBytes: 1 << 20) }
        #expect(error?.problem == .tooLarge(limit: 1 << 20, announced: nil))
        let logged = server.requests(atLeast: 1)
        #expect(logged.first?.encoding == "gzip")
        // 64 GiB of zeros compress to about 64 MB; far less was sent.
        let sent = logged.map(\.bodyBytes).reduce(0, +)
        #expect(sent < 16 << 20, "nginx sent \(sent) compressed bytes")
    }

    @Test func aGzipBodyIsAcceptedAndBoundedAfterDecompression() async throws {
        // Compressible content: the same 100 bytes over and over.
        let site = try Site()
        let body = Array(repeating: Array("0123456789".utf8), count: 1_000).flatMap { $0 }
        try Data(body).write(to: URL(fileURLWithPath: site.root + "/site/bundle"))
        let server = try site.serve(gzip: true)
        let client = HTTPClient(configuration: Self.quick)
        let bytes = try await client.get(try url(server, "/site/bundle"), maximumBytes: body.count)
        #expect(bytes == body)
        let logged = try #require(server.requests(atLeast: 1).first)
        #expect(logged.encoding == "gzip")
        #expect(logged.acceptEncoding == "gzip, identity")
        #expect(logged.bodyBytes < body.count / 10)
        // One byte less than the decompressed length is refused.
        let error = await fetchError { _ = try await client.get(try url(server, "/site/bundle"), maximumBytes: body.count - 1) }
        #expect(error?.problem == .tooLarge(limit: body.count - 1, announced: nil))
    }

    @Test func aRefusedConnectionIsANetworkFailureRetried() async throws {
        // A port that refuses connections for as long as the test runs (one
        // a stopped server left could be taken by another test's server).
        let refusing = try RefusingPort()
        let address = try #require(URL(string: refusing.url("/site/file")))
        let client = HTTPClient(configuration: Self.steady)
        let error = await fetchError { _ = try await client.get(address, maximumBytes: 100) }
        guard case .network = error?.problem else {
            Issue.record("expected a network failure, got \(String(describing: error))")
            return
        }
        #expect(error?.attempts == 4)
        #expect(error?.description.contains(address.absoluteString) == true)
    }
}
