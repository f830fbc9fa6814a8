import Foundation
import Hummingbird
import Logging
import HummingbirdCore
import NIOCore
import TransparencyLog

/// The witness's HTTP interface (c2sp.org/tlog-witness) on Hummingbird:
///
/// - `POST <prefix>/add-checkpoint`: `WitnessState.addCheckpoint(_:)`;
/// - `GET <prefix>/<origin hash>/checkpoint`: the latest cosigned
///   checkpoint of a log, for monitors (404 if none).
///
/// Another method on those paths gets 405, any other path 404. A body
/// above `AddCheckpointRequest.maximumByteCount` gets 413 (refused unread
/// when its Content-Length says so), a request not received whole within
/// `requestTimeLimit` gets 408, and either connection is then closed. A
/// connection idle for `idleTimeout` (keep-alive, or a client sending its
/// headers too slowly) is closed. One log line per request.
package struct WitnessServer: Sendable {
    /// The limits on clients.
    package struct Limits: Sendable {
        /// How long a connection may stay idle, between requests or while
        /// its request's head is still arriving.
        package var idleTimeout: Duration = .seconds(30)
        /// How long a request's body may take to arrive once its head has.
        package var requestTimeLimit: Duration = .seconds(10)
        /// The most connections open at once; more wait to be accepted.
        package var maximumConnections = 512

        /// The defaults.
        package init() {}
    }

    /// The state the server answers from.
    package let state: WitnessState
    /// Where to listen.
    package let address: ListenAddress
    /// The path before `/add-checkpoint`, empty or starting with `/`.
    package let prefix: String
    /// The limits on clients.
    package let limits: Limits
    /// Where the request log goes.
    package let logger: Logger

    /// A server for `state` on `address`, under `prefix` (such as `/witness`).
    package init(state: WitnessState, address: ListenAddress, prefix: String, limits: Limits = Limits(), logger: Logger) {
        self.state = state
        self.address = address
        var trimmed = prefix
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        if !trimmed.isEmpty && !trimmed.hasPrefix("/") { trimmed = "/" + trimmed }
        self.prefix = trimmed
        self.limits = limits
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT, then stops gracefully (finishing
    /// the requests in progress). `onListening` is called once with the
    /// URL the server listens on, its port chosen when `address` had 0.
    package func run(onListening: @escaping @Sendable (String) -> Void) async throws(WitnessError) {
        let responder = WitnessResponder(state: state, prefix: prefix, limits: limits, logger: logger)
        let host = address.host
        let application = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: TimeAmount(limits.idleTimeout))),
            configuration: .init(
                address: .hostname(address.host, port: address.port),
                serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections)
            ),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                onListening("http://\(shown):\(port)")
            },
            logger: logger
        )
        do {
            try await application.runService()
        } catch {
            throw .server(address: address.description, reason: "\(error)")
        }
    }
}

/// The context of one request: Hummingbird's, and the connection, so that
/// a client over its limits can be cut off.
struct WitnessRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Answers each request; see `WitnessServer`.
struct WitnessResponder: HTTPResponder {
    typealias Context = WitnessRequestContext

    let state: WitnessState
    let prefix: String
    let limits: WitnessServer.Limits
    let logger: Logger

    private enum BodyOutcome: Sendable {
        case body([UInt8])
        case tooLarge
        case timedOut
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        var answer: (status: HTTPResponse.Status, contentType: String, body: [UInt8], close: Bool)
        var origin: String?
        var oldSize: UInt64?
        var size: UInt64?
        let path = request.uri.path
        if path == prefix + "/add-checkpoint" {
            if request.method == .post {
                switch await readBody(request) {
                case .body(let bytes):
                    let result = state.addCheckpoint(bytes)
                    answer = (.init(code: result.status), result.contentType, result.body, false)
                    (origin, oldSize, size) = (result.origin, result.oldSize, result.size)
                case .tooLarge:
                    let refusal = AddCheckpointRefusal.tooLarge(limit: AddCheckpointRequest.maximumByteCount)
                    answer = (.contentTooLarge, WitnessAnswer.textContentType, Array(refusal.message.utf8), true)
                case .timedOut:
                    answer = (.requestTimeout, WitnessAnswer.textContentType,
                              Array("the request did not arrive within \(limits.requestTimeLimit)\n".utf8), true)
                }
            } else {
                answer = Self.methodNotAllowed(allowed: "POST")
            }
        } else if let hash = monitoringHash(path) {
            if request.method == .get || request.method == .head {
                if let bytes = state.latestCheckpoint(originHash: hash) {
                    answer = (.ok, WitnessAnswer.textContentType, bytes, false)
                } else {
                    answer = (.notFound, WitnessAnswer.textContentType, Array("no checkpoint cosigned for this log\n".utf8), false)
                }
            } else {
                answer = Self.methodNotAllowed(allowed: "GET, HEAD")
            }
        } else {
            answer = (.notFound, WitnessAnswer.textContentType, Array("not a witness endpoint\n".utf8), false)
        }

        var metadata: Logger.Metadata = [
            "method": "\(request.method)", "path": "\(path)", "status": "\(answer.status.code)",
            "duration_ms": "\(Self.milliseconds(ContinuousClock.now - start))",
        ]
        if let origin { metadata["origin"] = "\(origin)" }
        if let oldSize { metadata["old"] = "\(oldSize)" }
        if let size { metadata["size"] = "\(size)" }
        logger.info("request", metadata: metadata)

        var headers: HTTPFields = [.contentType: answer.contentType]
        if answer.close {
            headers[.connection] = "close"
            // The client is over its limits: its connection is closed once
            // the answer has had a moment to go out, whatever it still sends.
            let channel = context.channel
            channel.eventLoop.scheduleTask(in: .milliseconds(500)) { channel.close(promise: nil) }
        }
        if request.method == .head { return Response(status: answer.status, headers: headers) }
        return Response(status: answer.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// The origin hash in `<prefix>/<64 lowercase hex>/checkpoint`, if that is the path.
    private func monitoringHash(_ path: String) -> String? {
        guard path.hasPrefix(prefix + "/"), path.hasSuffix("/checkpoint") else { return nil }
        let middle = path.dropFirst(prefix.count + 1).dropLast("/checkpoint".count)
        guard middle.utf8.count == 64,
              middle.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return String(middle)
    }

    /// The body, at most `maximumByteCount` bytes, within the time limit.
    private func readBody(_ request: Request) async -> BodyOutcome {
        let limit = AddCheckpointRequest.maximumByteCount
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            return .tooLarge
        }
        let body = request.body
        let timeLimit = limits.requestTimeLimit
        return await withTaskGroup(of: BodyOutcome?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                do {
                    for try await buffer in body {
                        guard bytes.count + buffer.readableBytes <= limit else { return .tooLarge }
                        bytes += buffer.readableBytesView
                    }
                } catch {
                    return nil
                }
                return .body(bytes)
            }
            group.addTask {
                try? await Task.sleep(for: timeLimit)
                return Task.isCancelled ? nil : .timedOut
            }
            var outcome: BodyOutcome = .timedOut
            for await result in group {
                if let result {
                    outcome = result
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
    }

    private static func methodNotAllowed(allowed: String) -> (HTTPResponse.Status, String, [UInt8], Bool) {
        (.methodNotAllowed, WitnessAnswer.textContentType, Array("method not allowed; use \(allowed)\n".utf8), false)
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.3f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
