import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// How one HTTP attempt ended.
enum AttemptOutcome: Sendable, Equatable {
    /// 200 OK, with the whole body (decompressed).
    case body([UInt8])
    /// Another status; the body was not read.
    case status(Int)
    /// The body was, or announced itself as, too large; it was not read further.
    case tooLarge(announced: Int64?)
    /// A timeout expired; the transfer was stopped.
    case timedOut(FetchError.Timeout)
    /// The transfer failed, for this reason.
    case failed(String)
    /// The caller cancelled it.
    case cancelled
    /// A request that reads every answer (`HTTPClient.post`): the status,
    /// the media type and the whole body, whatever the status.
    case answer(HTTPAnswer)
}

/// The session's delegate: receives each transfer's response and body,
/// enforces its byte limit as the body arrives (cancelling the transfer
/// the moment it would pass it, so a huge body is never held in memory),
/// and hands the outcome to the waiting request.
///
/// `@unchecked Sendable`: URLSession calls it on its delegate queue while
/// requests start and watch their transfers from other threads; every
/// piece of mutable state is inside the `Mutex`.
final class TransferDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Transfer {
        var limit: Int
        /// Whether the body of every status is read (a POST's answer), not
        /// only that of 200 OK.
        var readsEveryStatus: Bool
        var contentType: String?
        var body: [UInt8] = []
        var status: Int?
        /// Set when the client decided to stop the transfer (too large, a
        /// timeout, another status, cancelled): what the attempt reports
        /// rather than the cancellation error that follows.
        var stop: AttemptOutcome?
        var lastActivity: ContinuousClock.Instant
        var continuation: CheckedContinuation<AttemptOutcome, Never>
    }

    private let transfers = Mutex<[Int: Transfer]>([:])

    /// Registers `task`, to end by resuming `continuation`, and starts it.
    func start(_ task: URLSessionDataTask, limit: Int, readsEveryStatus: Bool = false,
               continuation: CheckedContinuation<AttemptOutcome, Never>) {
        transfers.withLock {
            $0[task.taskIdentifier] = Transfer(limit: limit, readsEveryStatus: readsEveryStatus,
                                               lastActivity: .now, continuation: continuation)
        }
        task.resume()
    }

    /// Records why the client stops transfer `identifier`, unless a reason
    /// was recorded already; returns whether it was recorded (and the task
    /// should be cancelled).
    func stop(_ identifier: Int, because outcome: AttemptOutcome) -> Bool {
        transfers.withLock { transfers in
            guard var transfer = transfers[identifier], transfer.stop == nil else { return false }
            transfer.stop = outcome
            transfers[identifier] = transfer
            return true
        }
    }

    /// When transfer `identifier` last received something; nil once it has ended.
    func lastActivity(of identifier: Int) -> ContinuousClock.Instant? {
        transfers.withLock { $0[identifier]?.lastActivity }
    }

    // MARK: - URLSessionDataDelegate

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        // -1 when unknown; FoundationNetworking also reports -1 for a
        // compressed body, whose decompressed length is then counted below.
        let announced = response.expectedContentLength
        let cancel = transfers.withLock { transfers -> Bool in
            guard var transfer = transfers[dataTask.taskIdentifier] else { return false }
            transfer.status = status
            transfer.contentType = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")
            transfer.lastActivity = .now
            if transfer.stop == nil {
                // A server error's page says nothing a POST's caller reads,
                // whatever its size; other answers' bodies are the protocol's.
                if status != 200 && (!transfer.readsEveryStatus || status >= 500) {
                    // Nothing in an error page is of use: not read at all.
                    transfer.stop = .status(status)
                } else if announced > Int64(transfer.limit) {
                    transfer.stop = .tooLarge(announced: announced)
                }
            }
            transfers[dataTask.taskIdentifier] = transfer
            return transfer.stop != nil
        }
        completionHandler(cancel ? .cancel : .allow)
        // FoundationNetworking does not act on `.cancel` from this
        // handler; cancelling the task does stop it.
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let cancel = transfers.withLock { transfers -> Bool in
            guard var transfer = transfers[dataTask.taskIdentifier], transfer.stop == nil else { return false }
            transfer.lastActivity = .now
            if transfer.body.count + data.count > transfer.limit {
                transfer.stop = .tooLarge(announced: nil)
                transfer.body = []
            } else {
                transfer.body.append(contentsOf: data)
            }
            transfers[dataTask.taskIdentifier] = transfer
            return transfer.stop != nil
        }
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let transfer = transfers.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        let outcome: AttemptOutcome
        if let stop = transfer.stop {
            outcome = stop
        } else if let error {
            outcome = .failed(Self.reason(for: error))
        } else if transfer.readsEveryStatus {
            outcome = .answer(HTTPAnswer(status: transfer.status ?? 0, contentType: transfer.contentType,
                                         body: transfer.body))
        } else if transfer.status == 200 {
            outcome = .body(transfer.body)
        } else {
            outcome = .status(transfer.status ?? 0)
        }
        transfer.continuation.resume(returning: outcome)
    }

    /// A failure in words, from the URL loading system's error code.
    static func reason(for error: any Error) -> String {
        guard let error = error as? URLError else { return "the request failed: \(error)" }
        switch error.code {
        case .cannotFindHost, .dnsLookupFailed:
            return "the host name could not be resolved"
        case .cannotConnectToHost:
            return "the connection was refused"
        case .networkConnectionLost:
            return "the connection was lost"
        case .notConnectedToInternet:
            return "there is no network connection"
        case .timedOut:
            return "the connection timed out"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .clientCertificateRequired:
            return "the TLS connection failed (is the server's certificate valid and trusted?)"
        case .badServerResponse:
            return "the server's response was not valid HTTP"
        case .httpTooManyRedirects:
            return "the server redirected too many times"
        case .unsupportedURL, .badURL:
            return "the URL is not supported"
        default:
            return "the request failed (URL error \(error.code.rawValue))"
        }
    }
}
