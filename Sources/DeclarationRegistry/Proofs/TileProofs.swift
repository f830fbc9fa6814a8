import CryptoPrimitives
import LogClient
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// Proofs read from a published site's tiles (c2sp.org/tlog-tiles): the
/// few tiles an inclusion proof reads and one entry bundle, from the site's
/// directory or from its URL, rather than the whole ledger hashed.
extension EntryProof {
    /// Whether `directory` is a published site (`declaration publish`
    /// writes its tiles under `tile/`) rather than a registry directory.
    public static func isPublishedSite(_ directory: String) -> Bool {
        FileSystem.entryKind(SiteLayout(directory: directory).path(SiteLayout.Name.tile)) == .directory
    }

    /// Makes a proof of `subject` in the site `declaration publish` wrote
    /// to `directory`, which is laid out as a registry besides its tiles.
    ///
    /// The header is read and checked and the checkpoint's signature by
    /// the registrar verified, as for a registry directory; then, for an
    /// entry number, only the tiles its inclusion proof reads and its entry
    /// bundle are read. For a key, the site's ledger lines the checkpoint
    /// covers are read first to find the key's latest entry. The entry and
    /// the proof are checked as `make(_:header:checkpointNote:checkpointLocation:source:)`
    /// checks them, so a tile changed on the site is refused.
    public static func make(_ subject: ProofSubject, publishedSite directory: String) throws(RegistryError) -> EntryProof {
        let layout = RegistryLayout(directory: directory)
        let (header, checkpointNote, checkpoint, ledgerLength) = try opening(layout)
        let (index, key) = try entryIndex(of: subject, checkpoint: checkpoint, header: header) { () throws(RegistryError) in
            try LedgerProofSource(layout: layout, ledgerLength: ledgerLength, treeSize: checkpoint.size, subject: subject)
        }
        let source = try TileProofSource.reading(site: SiteLayout(directory: directory), treeSize: checkpoint.size,
                                                 index: index, key: key)
        return try make(subject, header: header, checkpointNote: checkpointNote,
                        checkpointLocation: layout.checkpoint, source: source)
    }

    /// Makes a proof of `subject` in the registry whose site `report`
    /// verified (`RemoteVerifier.verify`), at the checkpoint it verified,
    /// fetching with `client` (the verifier's) only the tiles the inclusion
    /// proof reads and the entry's bundle. For a key, its latest entry is
    /// found in the trust state's verified copy of the ledger
    /// (`report.mirror`). The proof is byte for byte the one a registry
    /// directory at that checkpoint gives.
    public static func make(_ subject: ProofSubject, verified report: RemoteVerificationReport,
                            client: TiledLogClient) async throws(RemoteVerificationError) -> EntryProof {
        let verification = report.verification
        let checkpoint = verification.checkpoint
        let index: UInt64
        let key: Ed25519PublicKey?
        do throws(RegistryError) {
            (index, key) = try entryIndex(of: subject, checkpoint: checkpoint, header: verification.header) { () throws(RegistryError) in
                let (_, ledgerLength) = try RegistryVerifier(layout: report.mirror).snapshot()
                return try LedgerProofSource(layout: report.mirror, ledgerLength: ledgerLength,
                                             treeSize: checkpoint.size, subject: subject)
            }
        } catch {
            throw .registry(error)
        }
        let source = try await TileProofSource.fetching(from: client, treeSize: checkpoint.size, index: index, key: key)
        do throws(RegistryError) {
            return try make(subject, header: verification.header, checkpointNote: verification.checkpointNote,
                            checkpointLocation: client.prefix.urlString(SiteLayout.Name.checkpoint), source: source)
        } catch {
            throw .registry(error)
        }
    }

    /// The index of `subject`'s entry under `checkpoint`, and the key it was
    /// found by; a key's is looked up in the ledger `ledger` opens.
    private static func entryIndex(
        of subject: ProofSubject, checkpoint: RegistryCheckpoint, header: RegistryHeader,
        ledger: () throws(RegistryError) -> LedgerProofSource
    ) throws(RegistryError) -> (UInt64, Ed25519PublicKey?) {
        switch subject {
        case .entry(let sequence):
            try checkCovered(sequence, checkpoint: checkpoint, header: header)
            return (UInt64(sequence - 1), nil)
        case .latestEntry(let key):
            guard let index = try ledger().latestEntryIndex(signedBy: key, treeSize: checkpoint.size) else {
                throw noEntry(signedBy: key, checkpoint: checkpoint, header: header)
            }
            return (index, key)
        }
    }
}
