import CryptoPrimitives
import RegistryFormat

/// Which entry of a registry a proof is for.
public enum ProofSubject: Sendable, Equatable {
    /// The latest entry whose statement is signed by this key: the
    /// signatory's signature, or its withdrawal if that came after.
    case latestEntry(signedBy: Ed25519PublicKey)
    /// The entry with this sequence number: entry N is line N of the
    /// ledger, counted from 1, and index N − 1 of the log.
    case entry(sequence: Int64)
}

/// Where a proof's entry and hashes come from: a registry's ledger, read
/// from a directory or, later, from tiles served over the network.
///
/// A source answers for a tree whose checkpoint the caller has verified;
/// it need not be trusted, since `EntryProof.make` checks the entry it
/// gives and verifies the inclusion proof against the checkpoint's root
/// before it makes a proof. Indices count from 0, as in the Merkle tree.
public protocol RegistryProofSource {
    /// Where the entries come from (a file or an address), for messages.
    var location: String { get }

    /// The index of the latest of the first `treeSize` entries whose
    /// statement is signed by `key`, or nil when none is.
    func latestEntryIndex(signedBy key: Ed25519PublicKey, treeSize: UInt64) throws(RegistryError) -> UInt64?

    /// The ledger line of the entry at `index`, without its line feed.
    func entryLine(at index: UInt64, treeSize: UInt64) throws(RegistryError) -> [UInt8]

    /// The RFC 9162 inclusion proof of the leaf at `index` in the tree of the
    /// first `treeSize` entries.
    func inclusionProof(forLeafAt index: UInt64, treeSize: UInt64) throws(RegistryError) -> [SHA256Digest]
}
