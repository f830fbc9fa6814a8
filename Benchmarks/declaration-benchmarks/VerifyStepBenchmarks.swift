import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// What each step of verifying one ledger line costs on one thread, over a
/// registry's first lines: where the time goes when a verify is slow.
struct VerifyStepBenchmarks {
    /// The registry directory.
    var registry: String
    /// How many lines to time.
    var limit = 2_000

    func run() throws {
        let ledger = try Data(contentsOf: URL(fileURLWithPath: RegistryLayout(directory: registry).ledger))
        let lines = ledger.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(limit).map { [UInt8]($0) }
        guard !lines.isEmpty else { throw BenchmarkFailure("the ledger is empty") }
        let count = Double(lines.count)
        let clock = ContinuousClock()

        func time(_ label: String, _ body: () throws -> Void) rethrows {
            let start = clock.now
            try body()
            let (seconds, attoseconds) = (clock.now - start).components
            let micros = (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / count
            print("  " + label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%8.2f µs/line", micros))
        }

        var values: [JSONValue] = []
        try time("parse canonical JSON") {
            values = try lines.map { try CanonicalJSON.parseCanonical($0) }
        }
        var entries: [Entry] = []
        try time("Entry(json:) (field checks, key)") {
            entries = try values.map { try Entry(json: $0) }
        }
        var raws: [[UInt8]] = []
        time("unsigned JSON + encode") {
            raws = entries.map { $0.statement.signedMessage }
        }
        try time("Ed25519PublicKey(raw:)") {
            for entry in entries { blackHole(try Ed25519PublicKey(rawRepresentation: entry.statement.publicKey.rawRepresentation)) }
        }
        var rejected = 0
        time("signature verify (key reused)") {
            for (entry, message) in zip(entries, raws) where !entry.statement.publicKey.isValidSignature(entry.statement.signature, for: message) {
                rejected += 1
            }
        }
        time("signature verify (fresh key)") {
            for (entry, message) in zip(entries, raws) {
                let key = try? Ed25519PublicKey(rawRepresentation: entry.statement.publicKey.rawRepresentation)
                if key?.isValidSignature(entry.statement.signature, for: message) != true { rejected += 1 }
            }
        }
        time("SHA-256 of line + leaf hash") {
            for line in lines {
                blackHole(SHA256.hash(line))
                blackHole(MerkleTree.leafHash(line))
            }
        }
        time("roll apply") {
            var roll = SignatoryRoll()
            for entry in entries {
                try? roll.apply(entry.statement, sequence: entry.sequence, appendedAt: entry.appendedAt)
            }
            blackHole(roll)
        }
        guard rejected == 0 else { throw BenchmarkFailure("\(rejected) valid signatures were rejected") }
    }
}
