import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// The consistency proofs one collection sends its witnesses, each made
/// once, from the size the witness holds to the checkpoint's.
///
/// A proof from a size whose frontier the derived state kept
/// (`WitnessFrontiers`) reads only the ledger's lines after that size: an
/// append to a registry of 100,000 entries hashes the few new lines, not
/// every line. Any other size (a witness restarted from an old state, the
/// state deleted) is proved from the whole ledger's tree, built once. A
/// proof is used only if the root it gives is the signed checkpoint's, so
/// a stale or damaged frontier costs the whole-ledger pass, never a wrong
/// proof.
///
/// The witnesses' requests run at once and ask for proofs concurrently:
/// the lock makes the second asker of a size wait for the first's proof
/// rather than hash the ledger again.
package final class ConsistencyProofs: @unchecked Sendable {
    private let layout: RegistryLayout
    private let ledgerLength: Int
    private let treeSize: UInt64
    private let root: SHA256Digest
    private let frontiers: WitnessFrontiers
    private let lock = NSLock()
    private var made: [UInt64: [SHA256Digest]] = [:]
    private var wholeTree: LedgerProofSource?

    /// The proofs to `checkpoint`, whose lines are the first of the
    /// ledger's `ledgerLength` bytes.
    package init(layout: RegistryLayout, ledgerLength: Int, checkpoint: RegistryCheckpoint, frontiers: WitnessFrontiers) {
        self.layout = layout
        self.ledgerLength = ledgerLength
        self.treeSize = checkpoint.size
        self.root = checkpoint.rootHash
        self.frontiers = frontiers
    }

    /// The RFC 9162 consistency proof from `oldSize` (empty from 0, or to the same size).
    package func proof(fromSize oldSize: UInt64) throws(RegistryError) -> [SHA256Digest] {
        guard oldSize > 0, oldSize < treeSize else { return [] }
        lock.lock()
        defer { lock.unlock() }
        if let proof = made[oldSize] { return proof }
        if let frontier = frontiers.frontiers[oldSize], let proof = proof(from: frontier) {
            made[oldSize] = proof
            return proof
        }
        let source = try wholeTreeSource()
        let proof = try source.consistencyProof(fromSize: oldSize, treeSize: treeSize)
        made[oldSize] = proof
        return proof
    }

    /// The proof from the frontier and the lines after it; nil when those
    /// lines are not the checkpoint's remaining entries or the root differs.
    private func proof(from frontier: WitnessFrontiers.Frontier) -> [SHA256Digest]? {
        let expected = treeSize - frontier.state.size
        guard frontier.ledgerLength <= ledgerLength,
              let reader = try? LedgerReader(path: layout.ledger, limit: ledgerLength, from: frontier.ledgerLength,
                                             firstLine: Int(frontier.state.size) + 1)
        else { return nil }
        var hashes: [SHA256Digest] = []
        while UInt64(hashes.count) <= expected, let line = try? reader.next() {
            hashes.append(MerkleTree.leafHash(line.bytes))
        }
        guard UInt64(hashes.count) == expected,
              let made = frontier.state.consistencyProof(appending: hashes), made.root == root
        else { return nil }
        return made.proof
    }

    /// The whole ledger's tree, built on first need and checked against the checkpoint.
    private func wholeTreeSource() throws(RegistryError) -> LedgerProofSource {
        if let wholeTree { return wholeTree }
        let source = try LedgerProofSource(layout: layout, ledgerLength: ledgerLength, treeSize: treeSize, subject: nil)
        guard try source.root() == root else {
            throw .verificationFailed(VerificationFailure(
                file: layout.ledger, message: "the ledger's first \(treeSize) entries do not give the checkpoint's root: the ledger was changed after it was signed; run `declaration verify`"))
        }
        wholeTree = source
        return source
    }
}
