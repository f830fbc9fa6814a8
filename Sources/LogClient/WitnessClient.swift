import Foundation
import TransparencyLog

/// A client of c2sp.org/tlog-witness witnesses: submits a checkpoint with
/// `POST <submission prefix>/add-checkpoint` and says what the witness
/// answered. It judges nothing: whether the cosignatures verify, and what
/// to do after a conflict, are the caller's (the log's) to decide.
///
/// Requests share the `HTTPClient`'s session, whose connections are kept
/// alive, as the protocol asks of clients.
public struct WitnessClient: Sendable {
    /// The HTTP client the requests go through.
    public let http: HTTPClient

    /// A client sending its requests through `http`.
    public init(http: HTTPClient) {
        self.http = http
    }

    /// A witness's answer to `add-checkpoint`.
    public enum Answer: Sendable, Equatable {
        /// 200: the witness cosigned; its signature lines, unverified.
        case cosigned(AddCheckpointResponse)
        /// 409: the old size is not the size the witness last cosigned,
        /// which the answer gives.
        case conflict(CosignedTreeSize)
        /// Any other status (403, 404, 400, 422…): the witness refused,
        /// with the start of its body as text.
        case refused(status: Int, excerpt: String)
    }

    /// The URL of `add-checkpoint` under `submissionPrefix`.
    public static func addCheckpointURL(submissionPrefix: URL) -> URL {
        var text = submissionPrefix.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + "/add-checkpoint") ?? submissionPrefix.appendingPathComponent("add-checkpoint")
    }

    /// Submits `request` to the witness at `submissionPrefix`.
    ///
    /// Throws `FetchError` naming the URL for a network failure, a timeout,
    /// a 5xx answer (after the client's retries) or a body too large; and
    /// `.badContent` for a 200 or 409 answer whose body is not what the
    /// protocol says it is.
    public func addCheckpoint(_ request: AddCheckpointRequest,
                              submissionPrefix: URL) async throws(FetchError) -> Answer {
        let url = Self.addCheckpointURL(submissionPrefix: submissionPrefix)
        let answer = try await http.post(url, body: request.bytes, contentType: "text/plain; charset=utf-8",
                                         maximumBytes: AddCheckpointResponse.maximumByteCount)
        switch answer.status {
        case 200:
            do {
                return .cosigned(try AddCheckpointResponse(parsing: answer.body))
            } catch {
                throw FetchError(url: url.absoluteString, problem: .badContent(
                    file: "add-checkpoint response (note signature lines)", reason: error.description))
            }
        case 409:
            guard answer.mediaType == CosignedTreeSize.contentType else {
                throw FetchError(url: url.absoluteString, problem: .badContent(
                    file: "409 answer", reason: "its Content-Type is \(answer.contentType.map { "\"\($0)\"" } ?? "missing"), not \(CosignedTreeSize.contentType) as c2sp.org/tlog-witness requires (the body: \"\(answer.bodyExcerpt(limit: 80))\")"))
            }
            do {
                return .conflict(try CosignedTreeSize(parsing: answer.body))
            } catch {
                throw FetchError(url: url.absoluteString, problem: .badContent(
                    file: "409 answer (\(CosignedTreeSize.contentType))", reason: error.description))
            }
        default:
            return .refused(status: answer.status, excerpt: answer.bodyExcerpt())
        }
    }
}
