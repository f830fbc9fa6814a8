import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Bounded HTTP GETs and POSTs: every response is refused past a byte limit (by its
/// Content-Length up front, and by counting the body as it arrives, after
/// decompression), every request has an idle and a total timeout, and
/// transient failures are retried with exponential backoff.
///
/// Built on URLSession from FoundationNetworking, which ships with the
/// Swift toolchain on Linux (libcurl with the system's OpenSSL and
/// certificate store: HTTPS with certificate checks, HTTP/2, gzip).
/// Responses are never cached: a checkpoint must be the server's latest.
public final class HTTPClient: Sendable {
    /// The client's limits.
    public let configuration: HTTPClientConfiguration
    private let session: URLSession
    private let delegate: TransferDelegate
    private let counters = Mutex(FetchStatistics())
    private let watchdogQueue = DispatchQueue(label: "LogClient.HTTPClient.watchdog")

    /// A client with its own session.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
        let settings = URLSessionConfiguration.ephemeral
        settings.urlCache = nil
        settings.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        settings.httpCookieStorage = nil
        settings.httpShouldSetCookies = false
        settings.httpMaximumConnectionsPerHost = configuration.maximumInFlight
        // The client's own watchdog enforces both timeouts; the session's
        // are set beyond them so that they never decide first.
        let beyond = configuration.totalTimeout.seconds + configuration.idleTimeout.seconds + 5
        settings.timeoutIntervalForRequest = beyond
        settings.timeoutIntervalForResource = beyond
        delegate = TransferDelegate()
        session = URLSession(configuration: settings, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        // The session holds its delegate until invalidated.
        session.invalidateAndCancel()
    }

    /// What the client has fetched so far.
    public var statistics: FetchStatistics {
        counters.withLock { $0 }
    }

    /// GETs `url` and returns its body, at most `maximumBytes` long.
    /// With `revalidating`, asks caches on the way for a fresh copy (for a
    /// resource that changes, such as a checkpoint).
    ///
    /// Throws `FetchError`: `.notFound` for 404 or 410, `.status` for any
    /// other status but 200 (after the retries, for 5xx), `.tooLarge`,
    /// `.timedOut`, `.network`, `.cancelled`.
    public func get(_ url: URL, maximumBytes: Int, revalidating: Bool = false) async throws(FetchError) -> [UInt8] {
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        // c2sp.org/tlog-tiles: clients SHOULD include gzip and identity.
        request.setValue("gzip, identity", forHTTPHeaderField: "Accept-Encoding")
        if revalidating { request.setValue("no-cache", forHTTPHeaderField: "Cache-Control") }
        request.timeoutInterval = session.configuration.timeoutIntervalForRequest

        return try await retrying(request, to: url, maximumBytes: maximumBytes, readsEveryStatus: false) { outcome in
            switch outcome {
            case .body(let bytes):
                return .done(bytes)
            case .status(404), .status(410):
                return .failed(.notFound)
            case .answer(let answer):
                // Not reached: a GET reads only a 200 answer's body.
                guard answer.status == 200 else {
                    return .failed(answer.status == 404 || answer.status == 410 ? .notFound : .status(answer.status))
                }
                return .done(answer.body)
            case .status, .tooLarge, .timedOut, .failed, .cancelled:
                return nil
            }
        }
    }

    /// POSTs `body` to `url` (as `contentType`) and returns the server's
    /// answer, whatever its status: its body is read whole, at most
    /// `maximumBytes` long, with the client's idle and total timeouts.
    /// Only a failure to get an answer is retried, after the client's
    /// backoff (a network failure, a timeout, a 5xx answer), never a 4xx
    /// answer, which is the server's word; the request must be one that
    /// may be repeated. The connection is kept alive for the next request
    /// to the same server.
    ///
    /// Throws `FetchError`: `.status` for a 5xx answer still failing after
    /// the retries, `.tooLarge`, `.timedOut`, `.network`, `.cancelled`.
    public func post(_ url: URL, body: [UInt8], contentType: String,
                     maximumBytes: Int) async throws(FetchError) -> HTTPAnswer {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        request.timeoutInterval = session.configuration.timeoutIntervalForRequest

        return try await retrying(request, to: url, maximumBytes: maximumBytes, readsEveryStatus: true) { outcome in
            switch outcome {
            case .answer(let answer):
                // A 5xx answer is a failure to answer, tried again; any
                // other is the server's word.
                return (500...599).contains(answer.status) ? .failed(.status(answer.status)) : .done(answer)
            case .body(let bytes):
                // Not reached: a POST reads every status as an answer.
                return .done(HTTPAnswer(status: 200, contentType: nil, body: bytes))
            case .status, .tooLarge, .timedOut, .failed, .cancelled:
                return nil
            }
        }
    }

    /// What a request makes of one attempt's outcome: what it returns, or
    /// the problem that failed the attempt.
    private enum Verdict<Success> {
        case done(Success)
        case failed(FetchError.Problem)
    }

    /// The retry loop of every request: attempts `request` (to `url`)
    /// until `judge` says it is done, or a problem is not transient, the
    /// retries are spent or the task is cancelled; between attempts, the
    /// configuration's backoff. `judge` decides the outcomes it knows
    /// (returning nil for the others), and the rest fail as
    /// `problem(of:maximumBytes:)` says.
    private func retrying<Success: Sendable>(_ request: URLRequest, to url: URL, maximumBytes: Int, readsEveryStatus: Bool,
                                             judge: (AttemptOutcome) -> Verdict<Success>?) async throws(FetchError) -> Success {
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await perform(request, limit: maximumBytes, readsEveryStatus: readsEveryStatus)
            let problem: FetchError.Problem
            switch judge(outcome) {
            case .done(let success):
                return success
            case .failed(let judged):
                problem = judged
            case nil:
                problem = self.problem(of: outcome, maximumBytes: maximumBytes)
            }
            let error = FetchError(url: url.absoluteString, problem: problem, attempts: attempt)
            guard error.isTransient, attempt <= configuration.retries, !Task.isCancelled else { throw error }
            do {
                try await Task.sleep(for: configuration.backoff(beforeRetry: attempt - 1))
            } catch {
                throw FetchError(url: url.absoluteString, problem: .cancelled, attempts: attempt)
            }
        }
    }

    /// The problem an outcome that got no usable answer stands for, the
    /// same for every request.
    private func problem(of outcome: AttemptOutcome, maximumBytes: Int) -> FetchError.Problem {
        switch outcome {
        case .status(let code):
            return .status(code)
        case .tooLarge(let announced):
            return .tooLarge(limit: maximumBytes, announced: announced)
        case .timedOut(let kind):
            let limit = kind == .idle ? configuration.idleTimeout : configuration.totalTimeout
            return .timedOut(kind, seconds: limit.seconds)
        case .failed(let reason):
            return .network(reason)
        case .cancelled:
            return .cancelled
        case .body:
            // Requests judge their answers themselves; as a problem, an
            // answer is its status.
            return .status(200)
        case .answer(let answer):
            return .status(answer.status)
        }
    }

    /// One attempt, watched by a timer that stops it when a timeout expires.
    private func perform(_ request: URLRequest, limit: Int, readsEveryStatus: Bool = false) async -> AttemptOutcome {
        let task = session.dataTask(with: request)
        let identifier = task.taskIdentifier
        let delegate = delegate
        let configuration = configuration
        if Task.isCancelled { return .cancelled }
        counters.withLock { $0.requests += 1 }
        // A Dispatch timer, not a task: it fires on time even when the
        // program keeps every thread of the concurrency pool busy.
        let start = ContinuousClock.now
        let watchdog = DispatchSource.makeTimerSource(queue: watchdogQueue)
        let period = min(configuration.idleTimeout, configuration.totalTimeout) / 10
        let interval = DispatchTimeInterval.milliseconds(Int(min(max(period.seconds, 0.005), 1) * 1000))
        watchdog.schedule(deadline: .now() + interval, repeating: interval)
        watchdog.setEventHandler {
            guard let last = delegate.lastActivity(of: identifier) else { return }
            let now = ContinuousClock.now
            let kind: FetchError.Timeout
            if now - start >= configuration.totalTimeout {
                kind = .total
            } else if now - last >= configuration.idleTimeout {
                kind = .idle
            } else {
                return
            }
            if delegate.stop(identifier, because: .timedOut(kind)) { task.cancel() }
        }
        watchdog.resume()
        defer { watchdog.cancel() }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                delegate.start(task, limit: limit, readsEveryStatus: readsEveryStatus, continuation: continuation)
            }
        } onCancel: {
            if delegate.stop(identifier, because: .cancelled) { task.cancel() }
        }
        switch outcome {
        case .body(let bytes): counters.withLock { $0.bytes += bytes.count }
        case .answer(let answer): counters.withLock { $0.bytes += answer.body.count }
        case .status, .tooLarge, .timedOut, .failed, .cancelled: break
        }
        return outcome
    }
}
