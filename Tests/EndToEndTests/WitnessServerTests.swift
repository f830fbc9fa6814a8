import CryptoPrimitives
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import RegistryStorage
import TestSupport
import Testing
import TransparencyLog

/// `declaration witness serve` on a loopback port, spoken to over real
/// HTTP: every status of c2sp.org/tlog-witness, hostile requests, a split
/// view, concurrent submissions and a SIGKILL.
@Suite struct WitnessServerTests {
    struct Answer {
        var status: Int
        var contentType: String?
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 15
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    static func send(_ url: URL, method: String = "POST", body: [UInt8]? = nil) async throws -> Answer {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body { request.httpBody = Data(body) }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Answer(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: Array(data))
    }

    /// Every file under `directory` with its bytes.
    static func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: directory), includingPropertiesForKeys: nil) else {
            return files
        }
        for case let url as URL in walker where !url.hasDirectoryPath {
            files[url.path] = try Data(contentsOf: url)
        }
        return files
    }

    static func makeLog(size: Int = 20) throws -> WitnessedTestLog {
        var log = try WitnessedTestLog(origin: "example.org/log")
        log.append(size)
        return log
    }

    @Test func answersEachStatusAndChangesNothingOnRefusal() async throws {
        let directory = try TemporaryDirectory()
        let log = try Self.makeLog()
        let server = try WitnessServerProcess(in: directory, name: "example.org/w1", logKeys: [try log.verifierKey], prefix: "/witness")
        let url = server.addCheckpointURL

        // 200, and the cosignature verifies with the key `witness key` prints.
        let first = try await Self.send(url, body: try log.addCheckpointBody(oldSize: 0, size: 8))
        #expect(first.status == 200)
        let printed = try DeclarationProcess.run(["witness", "key", "--key", directory.path("witness.key"), "--name", "example.org/w1"])
        #expect(printed.status == 0)
        let key = try CosignerKey(parsing: printed.standardOutput.trimmingCharacters(in: .newlines))
        #expect(key == server.cosignerKey)
        let response = try AddCheckpointResponse(parsing: first.body)
        #expect(try response.cosignatures(of: try log.signedCheckpoint(size: 8), by: [key]).count == 1)

        let before = try Self.snapshot(server.dataDirectory)
        var stranger = try WitnessedTestLog(origin: "example.org/stranger")
        stranger.append(3)
        let unsigned = try log.signedCheckpoint(size: 12, signingKey: try Ed25519PrivateKey())
        let good = try log.signedCheckpoint(size: 12)
        let proof = try MerkleTree.consistencyProof(fromSize: 8, leafHashes: Array(log.leaves.prefix(12)))
        let tooManyProofLines = "old 8\n" + String(repeating: proof[0].base64 + "\n", count: 64) + "\n" + good.serialized
        let refusals: [(String, [UInt8], Int)] = [
            ("malformed", Array("hello\n".utf8), 400),
            ("64 proof lines", Array(tooManyProofLines.utf8), 400),
            ("unknown origin", try stranger.addCheckpointBody(oldSize: 0), 404),
            ("bad signature", try AddCheckpointRequest(oldSize: 8, consistencyProof: proof, checkpointNote: unsigned).bytes, 403),
            ("old size above", try AddCheckpointRequest(oldSize: 13, consistencyProof: [], checkpointNote: good).bytes, 400),
            ("conflict", try log.addCheckpointBody(oldSize: 5, size: 12), 409),
        ]
        for (label, body, status) in refusals {
            let answer = try await Self.send(url, body: body)
            #expect(answer.status == status, "\(label): \(answer.text)")
        }
        let conflict = try await Self.send(url, body: try log.addCheckpointBody(oldSize: 0, size: 12))
        #expect(conflict.status == 409)
        #expect(conflict.contentType == "text/x.tlog.size")
        #expect(conflict.text == "8\n")
        #expect(try Self.snapshot(server.dataDirectory) == before)

        // 422 for a proof that fails: evidence is kept, nothing else changes.
        let wrongProof = [MerkleTree.leafHash(Array("not in the log".utf8))] + proof.dropFirst()
        let badProof = try AddCheckpointRequest(oldSize: 8, consistencyProof: wrongProof, checkpointNote: good).bytes
        #expect(try await Self.send(url, body: badProof).status == 422)
        let after = try Self.snapshot(server.dataDirectory)
        #expect(after.filter { before[$0.key] == nil }.keys.allSatisfy { $0.contains("/evidence/") })
        #expect(after.count == before.count + 1)

        // The monitoring read serves what is stored; wrong method, unknown log, unknown path.
        let served = try await Self.send(server.checkpointURL(origin: log.origin), method: "GET")
        #expect(served.status == 200)
        let storedPath = server.dataDirectory + "/checkpoints/" + SHA256.hash(Array(log.origin.utf8)).hex
        #expect(Data(served.body) == (try Data(contentsOf: URL(fileURLWithPath: storedPath))))
        let note = try SignedNote(parsing: served.text)
        try note.verify(with: try log.verifierKey)
        #expect(try Cosignature.cosignatures(of: note, by: [key]).count == 1)
        #expect(try await Self.send(server.checkpointURL(origin: stranger.origin), method: "GET").status == 404)
        #expect(try await Self.send(url, method: "GET").status == 405)
        #expect(try await Self.send(server.checkpointURL(origin: log.origin), method: "POST", body: [1]).status == 405)
        #expect(try await Self.send(URL(string: server.baseURL.absoluteString + "/add-checkpoint")!, body: [1]).status == 404)

        // One log line per request, with its status, origin and sizes.
        #expect(server.stop() == 0)
        #expect(server.log.contains("status=409"))
        #expect(server.log.contains("origin=example.org/log"))
        #expect(!server.log.contains("PRIVATE"))
    }

    @Test func aHugeBodyIsRefusedWith413AndTheServerGoesOn() async throws {
        let directory = try TemporaryDirectory()
        let log = try Self.makeLog()
        let server = try WitnessServerProcess(in: directory, logKeys: [try log.verifierKey])
        let huge = [UInt8](repeating: 0x41, count: 1 << 20)
        #expect(try await Self.send(server.addCheckpointURL, body: huge).status == 413)
        #expect(try await Self.send(server.addCheckpointURL, body: try log.addCheckpointBody(oldSize: 0)).status == 200)
    }

    /// A raw connection that sends a request head, then trickles its body.
    static func trickle(port: Int, seconds: Double) -> (cutOffAfter: Double?, received: String) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return (nil, "could not connect") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head = "POST /add-checkpoint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n"
        _ = head.withCString { Glibc.send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        let start = Date()
        var received = ""
        while Date().timeIntervalSince(start) < seconds {
            var byte: UInt8 = 0x6F
            _ = Glibc.send(socket, &byte, 1, Int32(MSG_NOSIGNAL))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(socket, &buffer, buffer.count, 0)
            if count > 0 { received += String(decoding: buffer.prefix(count), as: UTF8.self) }
            if count == 0 { return (Date().timeIntervalSince(start), received) }
        }
        return (nil, received)
    }

    @Test func aSlowClientIsCutOffWhileOthersAreServed() async throws {
        let directory = try TemporaryDirectory()
        let log = try Self.makeLog()
        let server = try WitnessServerProcess(in: directory, logKeys: [try log.verifierKey], extraArguments: ["--request-timeout", "1"])
        let port = try #require(server.baseURL.port)
        async let slow = Task.detached { Self.trickle(port: port, seconds: 8) }.value
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await Self.send(server.addCheckpointURL, body: try log.addCheckpointBody(oldSize: 0)).status == 200)
        let result = await slow
        let cutOff = try #require(result.cutOffAfter, "the slow client was not cut off: \(result.received)")
        #expect(cutOff < 4)
        #expect(result.received.hasPrefix("HTTP/1.1 408"))
        #expect(try await Self.send(server.checkpointURL(origin: log.origin), method: "GET").status == 200)
    }

    @Test func aSplitViewIsRefusedAndEvidenced() async throws {
        let directory = try TemporaryDirectory()
        let log = try Self.makeLog(size: 10)
        let server = try WitnessServerProcess(in: directory, logKeys: [try log.verifierKey])
        #expect(try await Self.send(server.addCheckpointURL, body: try log.addCheckpointBody(oldSize: 0)).status == 200)
        var rewritten = log.fork(at: 7)
        rewritten.append(3, tag: "rewritten")
        let second = try await Self.send(server.addCheckpointURL, body: try rewritten.addCheckpointBody(oldSize: 10))
        #expect(second.status == 422)

        let listed = try DeclarationProcess.run(["witness", "evidence", "--data", server.dataDirectory, "--format", "json"])
        #expect(listed.status == 0, "\(listed.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        let evidence = try #require(entries.first?["evidence"] as? [String: Any])
        #expect(evidence["reason"] as? String == "root-changed")
        #expect(evidence["size"] as? Int == 10)
        #expect(evidence["root"] as? String == MerkleTree.root(leafHashes: rewritten.leaves).base64)
        #expect(evidence["cosignedRoot"] as? String == MerkleTree.root(leafHashes: log.leaves).base64)
        #expect((evidence["request"] as? String)?.contains(try rewritten.signedCheckpoint().serialized) == true)
        let text = try DeclarationProcess.run(["witness", "evidence", "--data", server.dataDirectory])
        #expect(text.standardOutput.contains("example.org/log\troot-changed"))
    }

    @Test func concurrentSubmissionsNeverRollBackOrCosignTwoHistories() async throws {
        let directory = try TemporaryDirectory()
        let log = try Self.makeLog(size: 200)
        var fork = log.fork(at: 50)
        fork.append(150, tag: "fork")
        let server = try WitnessServerProcess(in: directory, logKeys: [try log.verifierKey])
        let url = server.addCheckpointURL
        let monitor = server.checkpointURL(origin: log.origin)
        let (honest, forked) = (log, fork)
        let results = try await withThrowingTaskGroup(of: [(size: Int, root: String)].self) { group in
            for worker in 0..<16 {
                group.addTask {
                    var known = 0
                    var cosigned: [(size: Int, root: String)] = []
                    let source = worker % 4 == 3 ? forked : honest
                    for step in 0..<10 {
                        let size = max(known, min(200, known + 1 + (worker * 5 + step * 7) % 13))
                        let answer = try await Self.send(url, body: try source.addCheckpointBody(oldSize: known, size: size))
                        switch answer.status {
                        case 200:
                            cosigned.append((size, MerkleTree.root(leafHashes: Array(source.leaves.prefix(size))).base64))
                            known = size
                        case 409:
                            known = Int(try CosignedTreeSize(parsing: answer.body).size)
                        default:
                            // 422: this worker's history was refused; start over from what is cosigned.
                            known = 0
                        }
                    }
                    return cosigned
                }
            }
            group.addTask {
                // A monitor polling meanwhile never sees the size go down.
                var last: UInt64 = 0
                for _ in 0..<20 {
                    let answer = try await Self.send(monitor, method: "GET")
                    if answer.status == 200 {
                        let size = try Checkpoint(parsingBody: try SignedNote(parsing: answer.text).text).size
                        #expect(size >= last)
                        last = size
                    }
                    try await Task.sleep(for: .milliseconds(20))
                }
                return []
            }
            return try await group.reduce(into: [(size: Int, root: String)]()) { $0 += $1 }
        }
        // Each size was cosigned with one root only, and all cosigned
        // checkpoints lie on one history: those past the fork point are all
        // the honest log's or all the fork's.
        var roots: [Int: Set<String>] = [:]
        for item in results { roots[item.size, default: []].insert(item.root) }
        #expect(roots.values.allSatisfy { $0.count == 1 })
        let past = results.filter { $0.size > 50 }
        let honestRoots = past.filter { $0.root == MerkleTree.root(leafHashes: Array(honest.leaves.prefix($0.size))).base64 }
        #expect(honestRoots.count == past.count || honestRoots.isEmpty)
        let final = try await Self.send(monitor, method: "GET")
        let finalSize = try Checkpoint(parsingBody: try SignedNote(parsing: final.text).text).size
        #expect(Int(finalSize) == results.map(\.size).max())
    }

    @Test func aKilledWitnessKeepsWhatItCosignedAndRefusesAnotherHistory() async throws {
        let directory = try TemporaryDirectory()
        let log = try Self.makeLog(size: 400)
        let server = try WitnessServerProcess(in: directory, logKeys: [try log.verifierKey])
        let url = server.addCheckpointURL
        let lastCosigned = LastSize()
        let frozen = log
        let stream = Task.detached {
            var known = 0
            for size in stride(from: 1, through: 400, by: 1) {
                guard let answer = try? await Self.send(url, body: try frozen.addCheckpointBody(oldSize: known, size: size)) else { return }
                if answer.status == 200 {
                    known = size
                    lastCosigned.set(size)
                }
            }
        }
        while lastCosigned.value < 20 { try await Task.sleep(for: .milliseconds(5)) }
        server.kill()
        await stream.value
        let answered = lastCosigned.value

        let restarted = try WitnessServerProcess(
            keyFile: directory.path("witness.key"), name: "example.org/witness", logsFile: directory.path("witness.logs"),
            dataDirectory: server.dataDirectory
        )
        let served = try await Self.send(restarted.checkpointURL(origin: log.origin), method: "GET")
        #expect(served.status == 200)
        let stored = Int(try Checkpoint(parsingBody: try SignedNote(parsing: served.text).text).size)
        // At least what was answered 200; at most one more, whose answer the kill cut off.
        #expect(stored >= answered)
        #expect(stored <= answered + 1)
        var fork = log.fork(at: stored - 1)
        fork.append(401 - stored, tag: "fork")
        let refused = try await Self.send(restarted.addCheckpointURL, body: try fork.addCheckpointBody(oldSize: stored, size: stored))
        #expect(refused.status == 422)
        #expect(try await Self.send(restarted.addCheckpointURL, body: try log.addCheckpointBody(oldSize: stored, size: 400)).status == 200)
    }

    @Test func oneDataDirectoryIsServedByOneWitness() throws {
        let directory = try TemporaryDirectory()
        let log = try Self.makeLog()
        let server = try WitnessServerProcess(in: directory, logKeys: [try log.verifierKey])
        let second = try DeclarationProcess.run([
            "witness", "serve", "--key", directory.path("witness.key"), "--name", "example.org/witness",
            "--logs", directory.path("witness.logs"), "--listen", "127.0.0.1:0", "--data", server.dataDirectory,
        ])
        #expect(second.status == 73)
        #expect(second.standardError.contains(server.dataDirectory))
        #expect(second.standardError.contains("another witness process holds this data directory"))
        #expect(server.stop() == 0)
    }

    @Test func aBadListOfLogsNamesItsLine() throws {
        let directory = try TemporaryDirectory()
        _ = try KeyFile.write(try Ed25519PrivateKey(), to: directory.path("w.key"))
        try Data("# logs\nwitness w1 example.org/w+01234567+AAAA\n".utf8).write(to: URL(fileURLWithPath: directory.path("logs")))
        let result = try DeclarationProcess.run([
            "witness", "serve", "--key", directory.path("w.key"), "--name", "example.org/witness",
            "--logs", directory.path("logs"), "--listen", "127.0.0.1:0", "--data", directory.path("data"),
        ])
        #expect(result.status == 65)
        #expect(result.standardError.contains(directory.path("logs") + ": policy line 2"), "\(result.standardError)")
    }
}

/// The largest size answered 200 so far, shared with the submitting task.
private final class LastSize: @unchecked Sendable {
    // Safe to share: every access is under `lock`.
    private let lock = NSLock()
    private var size = 0
    func set(_ value: Int) { lock.withLock { size = max(size, value) } }
    var value: Int { lock.withLock { size } }
}
