import CryptoPrimitives
import DeclarationRegistry
import Foundation

/// Single-threaded throughput of the primitives the registry leans on.
struct CryptoBenchmarks {
    /// How long each measurement runs.
    var seconds: Double

    func run() throws {
        let key = try Ed25519PrivateKey()
        let publicKey = key.publicKey
        // 20 bytes, as `openssl speed ed25519` signs.
        let message = [UInt8](repeating: 0x61, count: 20)
        let signature = try key.signature(for: message)

        var signError: CryptoError?
        let signRate = measure { count in
            for _ in 0..<count {
                do throws(CryptoError) { blackHole(try key.signature(for: message)) } catch { signError = error }
            }
        }
        if let signError { throw signError }
        print(String(format: "Ed25519 sign:    %10.0f signatures/s", signRate))

        var rejected = 0
        let verifyRate = measure { count in
            for _ in 0..<count where !publicKey.isValidSignature(signature, for: message) {
                rejected += 1
            }
        }
        guard rejected == 0 else {
            throw BenchmarkFailure("a valid signature was rejected \(rejected) times")
        }
        print(String(format: "Ed25519 verify:  %10.0f verifications/s", verifyRate))

        // What a registry verification asks of OpenSSL: every signature by
        // another key, over a statement of about 600 bytes.
        let keys = try (0..<64).map { _ in try Ed25519PrivateKey() }
        let statements = (0..<64).map { index in [UInt8](repeating: UInt8(0x61 + index % 26), count: 600) }
        let signed = try zip(keys, statements).map { key, statement in
            (key: key.publicKey, statement: statement, signature: try key.signature(for: statement))
        }
        var index = 0
        let ledgerRate = measure { count in
            for _ in 0..<count {
                let item = signed[index % signed.count]
                index += 1
                if !item.key.isValidSignature(item.signature, for: item.statement) { rejected += 1 }
            }
        }
        guard rejected == 0 else {
            throw BenchmarkFailure("a valid signature was rejected \(rejected) times")
        }
        print(String(format: "Ed25519 verify, 600-byte statements, 64 keys in turn: %10.0f verifications/s", ledgerRate))

        for size in [8 * 1024, 1024 * 1024] {
            let buffer = [UInt8](repeating: 0x5a, count: size)
            let rate = measure { count in
                for _ in 0..<count { blackHole(SHA256.hash(buffer)) }
            }
            let label = size >= 1024 * 1024 ? "\(size / (1024 * 1024)) MiB" : "\(size / 1024) KiB"
            print(String(format: "SHA-256 %@ buffers: %8.1f MB/s", label, rate * Double(size) / 1_000_000))
        }
    }

    /// Runs `body` in growing batches until `seconds` have passed; returns
    /// operations per second.
    private func measure(_ body: (Int) -> Void) -> Double {
        let clock = ContinuousClock()
        var total = 0
        var batch = 1
        let start = clock.now
        var elapsed = Duration.zero
        while elapsed < .seconds(seconds) {
            body(batch)
            total += batch
            elapsed = clock.now - start
            if elapsed < .milliseconds(100) { batch *= 2 }
        }
        let (wholeSeconds, attoseconds) = elapsed.components
        return Double(total) / (Double(wholeSeconds) + Double(attoseconds) / 1e18)
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Keeps a result alive so the optimiser cannot drop the work behind it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
