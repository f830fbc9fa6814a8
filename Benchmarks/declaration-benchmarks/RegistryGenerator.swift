import CryptoPrimitives
import DeclarationRegistry
import Dispatch
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// Writes a large, valid registry quickly, for measuring the commands on it.
///
/// Appending entries one by one re-reads the ledger each time, so a registry
/// of 100,000 entries would take hours to build that way. The generator
/// instead creates an empty registry with `Registry.create`, signs every
/// statement in parallel, and writes the ledger lines and the registrar's
/// checkpoint itself, exactly as an append would have: each line is the
/// entry's canonical JSON, chained to the line before it, and the checkpoint
/// commits to the Merkle root of all of them. What it writes verifies.
///
/// Layout written under `directory`:
/// - `registry/`: the registry, `count` entries, one in twenty a withdrawal;
/// - `keys/registrar` (+ `.pub`): the registrar's key;
/// - `keys/signer-1` to `keys/signer-10` (+ `.pub`): fresh signatories'
///   keys, one per `declaration sign` run;
/// - `batch/NNNN.json`: `batchSize` statements by fresh signatories, for
///   `declaration append`.
///
/// Keys come from seeds made from a counter: fast, distinct and
/// reproducible, and worthless outside a benchmark.
struct RegistryGenerator {
    /// Where to write.
    var directory: String
    /// Entries in the ledger.
    var count: Int
    /// Statement files to write for the batch append.
    var batchSize: Int = 1_000

    /// How many fresh signatory keys to write for `declaration sign` runs.
    static let signers = 10

    static let origin = "bench.declaration-registry.example/subnational-open-government"

    /// One in `withdrawalPeriod` entries withdraws an earlier signature (5%).
    static let withdrawalPeriod = 20

    /// 2017-01-01T00:00:00Z: entries are a few seconds apart from there.
    static let epoch = Date(timeIntervalSince1970: 1_483_228_800)

    /// The jurisdictions signatories are spread over.
    static let jurisdictions = ["FR", "US-TX", "BR-SP", "KE-05", "GB-SCT", "MX-JAL", "ES-MD", "CA-ON", "ID-JI", "KR-11"]

    func run() throws {
        let declaration = try Declaration.embedded
        let registryPath = directory + "/registry"
        let keysPath = directory + "/keys"
        let batchPath = directory + "/batch"
        let manager = FileManager.default
        try manager.createDirectory(atPath: keysPath, withIntermediateDirectories: true,
                                    attributes: [.posixPermissions: 0o700])
        try manager.createDirectory(atPath: batchPath, withIntermediateDirectories: true)

        let registrarKey = try Self.key(purpose: 0, index: 0)
        try KeyFile.write(registrarKey, to: keysPath + "/registrar")
        for signer in 1...Self.signers {
            try KeyFile.write(try Self.key(purpose: 2, index: signer), to: keysPath + "/signer-\(signer)")
        }
        let header = try Registry.create(directory: registryPath, origin: Self.origin,
                                         declaration: declaration, registrarKey: registrarKey)

        let plan = Self.plan(count: count)
        let statements = try Self.signInParallel(plan.count) { index in
            try plan[index].statement(declaration: declaration.digest)
        }

        // The chain and the tree are sequential by nature; encoding is cheap
        // next to the signatures above.
        let layout = RegistryLayout(directory: registryPath)
        var tree = MerkleTreeBuilder()
        var previous = header.hash
        var ledger: [UInt8] = []
        ledger.reserveCapacity(count * 800)
        for (index, statement) in statements.enumerated() {
            let entry = Entry(sequence: Int64(index + 1), previous: previous,
                              appendedAt: Timestamp.string(from: plan[index].appendedAt), statement: statement)
            let line = entry.line
            previous = SHA256.hash(line)
            tree.append(leafHash: MerkleTree.leafHash(line))
            ledger += line
            ledger.append(0x0A)
        }
        let checkpoint = try RegistryCheckpoint(origin: Self.origin, size: tree.size,
                                                rootHash: tree.root, chainHead: previous)
        try Data(ledger).write(to: URL(fileURLWithPath: layout.ledger))
        try Data(try checkpoint.signedNote(with: registrarKey)).write(to: URL(fileURLWithPath: layout.checkpoint))

        // Statements for a batch append after the last entry: fresh keys,
        // fresh names, signed after everything in the ledger.
        let after = plan.last?.appendedAt ?? Self.epoch
        let batch = try Self.signInParallel(batchSize) { index in
            try Planned(kind: .signature(signer: count + index), time: after.addingTimeInterval(Double(index + 1)))
                .statement(declaration: declaration.digest, keyPurpose: 3)
        }
        for (index, statement) in batch.enumerated() {
            let path = batchPath + "/" + String(format: "%04d.json", index + 1)
            try Data(statement.fileBytes).write(to: URL(fileURLWithPath: path))
        }
    }

    // MARK: - Plan

    /// One entry to write: who signs or withdraws, and when.
    struct Planned: Sendable {
        enum Kind: Sendable {
            /// Signatory number `signer` signs.
            case signature(signer: Int)
            /// Signatory number `signer` withdraws its signature.
            case withdrawal(signer: Int)
        }

        var kind: Kind
        var time: Date

        /// When the registrar recorded it: half a minute after signing.
        var appendedAt: Date { time.addingTimeInterval(30) }

        func statement(declaration digest: SHA256Digest, keyPurpose: UInt8 = 1) throws -> Statement {
            switch kind {
            case .signature(let signer):
                return try Statement.signed(
                    .signature(language: [Language.en, .fr, .es][signer % 3], signatory: try RegistryGenerator.signatory(signer)),
                    registry: RegistryGenerator.origin, declarationDigest: digest,
                    signedAt: Timestamp.string(from: time), key: try RegistryGenerator.key(purpose: keyPurpose, index: signer))
            case .withdrawal(let signer):
                let reason: String? = signer % 2 == 0 ? "Mandate ended; the new council has not renewed the commitment." : nil
                return try Statement.signed(
                    .withdrawal(reason: reason), registry: RegistryGenerator.origin, declarationDigest: digest,
                    signedAt: Timestamp.string(from: time), key: try RegistryGenerator.key(purpose: keyPurpose, index: signer))
            }
        }
    }

    /// Entry by entry: one in twenty withdraws the oldest signature still
    /// in force, the others are new signatories. Withdrawals lag far
    /// behind signatures, so the signatory withdrawing is always active.
    static func plan(count: Int) -> [Planned] {
        var plan: [Planned] = []
        plan.reserveCapacity(count)
        var signers = 0
        var withdrawn = 0
        for index in 0..<count {
            let time = epoch.addingTimeInterval(Double(index) * 3)
            if index % withdrawalPeriod == withdrawalPeriod - 1 {
                plan.append(Planned(kind: .withdrawal(signer: withdrawn), time: time))
                withdrawn += 1
            } else {
                plan.append(Planned(kind: .signature(signer: signers), time: time))
                signers += 1
            }
        }
        return plan
    }

    /// Signatory number `index`: a unique name, a quarter of them with
    /// accents (which take the slower Unicode checks), half with a website.
    static func signatory(_ index: Int) throws -> Signatory {
        let accented = index % 4 == 0
        let name = accented ? "Municipalité de Saint-Étienne n° \(index)" : "Municipality of Springfield No. \(index)"
        let jurisdiction = try Jurisdiction(code: jurisdictions[index % jurisdictions.count])
        return Signatory(
            kind: index % 5 == 0 ? .civilSociety : .government, name: name, jurisdiction: jurisdiction,
            representative: accented ? "Cabinet du Maire" : "Office of the Mayor",
            title: accented ? "Maire" : "Mayor",
            website: index % 2 == 0 ? "https://www.example.org/signatories/\(index)" : nil)
    }

    /// The key for `index` within a purpose (0 registrar, 1 ledger
    /// signatories, 2 the `sign` signatory, 3 the batch), from a counter seed.
    static func key(purpose: UInt8, index: Int) throws -> Ed25519PrivateKey {
        var seed = [UInt8](repeating: 0, count: 32)
        seed[0] = purpose
        withUnsafeBytes(of: UInt64(index).littleEndian) { bytes in
            for (offset, byte) in bytes.enumerated() { seed[8 + offset] = byte }
        }
        return try Ed25519PrivateKey(seed: seed)
    }

    // MARK: - Parallel signing

    /// Makes `count` statements with `make`, on every core.
    static func signInParallel(_ count: Int, _ make: @Sendable (Int) throws -> Statement) throws -> [Statement] {
        let results = Slots<Result<Statement, any Error>>(count: count)
        let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 8)
        guard chunks > 0 else { return [] }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                results.set(index, Result { try make(index) })
            }
        }
        return try results.values().map { try $0.get() }
    }
}

/// One slot per item, each written by exactly one worker.
///
/// `@unchecked Sendable` is safe because every index is written by one
/// worker only, and `concurrentPerform` returns after all workers are done,
/// which orders their writes before `values()` reads them.
final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        _ = storage.deinitialize()
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) {
        storage[index] = value
    }

    func values() -> [Value] {
        storage.compactMap { $0 }
    }
}
