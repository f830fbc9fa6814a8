import CryptoPrimitives
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RegistryStorage
import TransparencyLog

/// The load on a witness: `logs` logs, each submitting consistent, growing
/// checkpoints one after the other, `inFlight` requests at a time over
/// keep-alive connections, until `requests` are answered or `seconds` pass.
/// Prints requests per second and the latency's median and 99th percentile.
struct WitnessLoad {
    /// Writes the logs' keys (DIRECTORY/log-N.key) and the witness's list
    /// of logs (DIRECTORY/logs).
    static func makeLogs(directory: String, count: Int) throws {
        var lines = "# logs for the witness load benchmark\n"
        for index in 0..<count {
            let key = try Ed25519PrivateKey()
            _ = try KeyFile.write(key, to: directory + "/log-\(index).key")
            lines += "log \(try NoteVerifierKey(name: origin(index), publicKey: key.publicKey).string)\n"
        }
        try Data(lines.utf8).write(to: URL(fileURLWithPath: directory + "/logs"))
    }

    static func origin(_ index: Int) -> String { "benchmark.example/log-\(index)" }

    let url: URL
    let directory: String
    let logs: Int
    let requests: Int
    let seconds: Double
    let inFlight: Int

    /// The bodies each log submits, in order: size n from n − 1, proofs included.
    func bodies(perLog steps: Int) throws -> [[[UInt8]]] {
        var all: [[[UInt8]]] = []
        for index in 0..<logs {
            let key = try KeyFile.readPrivateKey(at: directory + "/log-\(index).key")
            var leaves: [SHA256Digest] = []
            var bodies: [[UInt8]] = []
            for size in 1...steps {
                leaves.append(MerkleTree.leafHash(Array("leaf \(size)".utf8)))
                let checkpoint = try Checkpoint(origin: Self.origin(index), size: UInt64(size), rootHash: MerkleTree.root(leafHashes: leaves))
                let note = try SignedNote.sign(text: checkpoint.body, name: Self.origin(index), key: key)
                let proof = try MerkleTree.consistencyProof(fromSize: UInt64(size - 1), leafHashes: leaves)
                bodies.append(try AddCheckpointRequest(oldSize: UInt64(size - 1), consistencyProof: proof, checkpointNote: note).bytes)
            }
            all.append(bodies)
        }
        return all
    }

    func run() async throws {
        let steps = (requests + logs - 1) / logs
        let bodies = try bodies(perLog: steps)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = inFlight
        configuration.timeoutIntervalForRequest = 10
        let session = URLSession(configuration: configuration)
        let deadline = Date().addingTimeInterval(seconds)
        let start = Date()
        // Worker w submits for the logs w, w + inFlight, ...: one request at
        // a time per log, in order, so every one is consistent.
        let results = try await withThrowingTaskGroup(of: (latencies: [Double], failures: Int).self) { group in
            for worker in 0..<inFlight {
                let mine = Array(stride(from: worker, to: logs, by: inFlight))
                group.addTask {
                    var latencies: [Double] = []
                    var failures = 0
                    var sent = 0
                    let quota = requests / inFlight
                    for step in 0..<steps {
                        for log in mine {
                            guard sent < quota, Date() < deadline else { return (latencies, failures) }
                            var request = URLRequest(url: url)
                            request.httpMethod = "POST"
                            request.httpBody = Data(bodies[log][step])
                            let began = Date()
                            let (_, response) = try await session.data(for: request)
                            latencies.append(Date().timeIntervalSince(began))
                            if (response as? HTTPURLResponse)?.statusCode != 200 { failures += 1 }
                            sent += 1
                        }
                    }
                    return (latencies, failures)
                }
            }
            return try await group.reduce(into: (latencies: [Double](), failures: 0)) {
                $0.latencies += $1.latencies
                $0.failures += $1.failures
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        let sorted = results.latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
        }
        print(String(format: "witness add-checkpoint: %d requests (%d not 200) in %.2f s, %d logs, %d in flight",
                     sorted.count, results.failures, elapsed, logs, inFlight))
        print(String(format: "  %.0f requests/s, latency p50 %.2f ms, p99 %.2f ms",
                     Double(sorted.count) / elapsed, percentile(0.5), percentile(0.99)))
        if results.failures > 0 { throw CocoaError(.featureUnsupported) }
    }
}
