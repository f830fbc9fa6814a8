import CryptoPrimitives
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// A proof that one entry is in a registry, which anyone can check offline
/// with the registrar's checkpoint key alone: a c2sp.org/tlog-proof whose
/// extra data is the entry's ledger line, whose index is the entry's
/// sequence number less one, and whose checkpoint is the registrar's
/// signed checkpoint, verbatim, with any cosignatures it carries.
///
/// The ledger line's leaf hash, SHA-256(0x00 ‖ line), is what the
/// inclusion proof binds to the signed root, so the extra data, which the
/// format leaves unauthenticated, is authenticated by the proof.
///
/// What a proof attests (docs/PROOFS.md): the registrar signed a
/// checkpoint of its registry whose tree holds this exact line at this
/// index; the line is a well-formed entry of that number, its statement
/// signed by the signatory's key and made for that registry. It does not
/// attest that the whole registry verifies: `declaration verify` does.
public struct EntryProof: Sendable {
    /// The proof.
    public let proof: TlogProof
    /// The entry it proves.
    public let entry: Entry
    /// The registrar's checkpoint it proves the entry against.
    public let checkpoint: RegistryCheckpoint
    /// The registrar's checkpoint key, which signed that checkpoint.
    public let logKey: NoteVerifierKey

    /// The proof file's bytes (`.tlog-proof`).
    public var bytes: [UInt8] { proof.bytes }

    /// Makes a proof of `subject` in the registry whose header is `header`
    /// and whose registrar's signed checkpoint is `checkpointNote` (read
    /// from `checkpointLocation`), with the entry and hashes from `source`.
    ///
    /// The checkpoint's signature by the header's registrar key is checked
    /// first; then the entry `source` gives is checked as `verify` checks a
    /// ledger line (form, number, signature, binding to this registry), and
    /// the inclusion proof is verified against the checkpoint's root. Only
    /// then is the proof made, so a proof that would not verify never is.
    ///
    /// Throws `.noSuchEntry` when the checkpoint covers no such entry, and
    /// `.verificationFailed` when the checkpoint, the entry or the proof
    /// does not verify.
    public static func make(_ subject: ProofSubject, header: RegistryHeader, checkpointNote: [UInt8],
                            checkpointLocation: String, source: some RegistryProofSource) throws(RegistryError) -> EntryProof {
        let checkpoint = try openCheckpoint(checkpointNote, location: checkpointLocation, header: header)
        let size = checkpoint.size
        let index = try entryIndex(of: subject, checkpoint: checkpoint, header: header, source: source)
        let line = try source.entryLine(at: index, treeSize: size)
        let entry = try checkedEntry(line, index: index, subject: subject, header: header, location: source.location)
        let hashes = try source.inclusionProof(forLeafAt: index, treeSize: size)
        do throws(TransparencyError) {
            try MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash(line), at: index, treeSize: size,
                                           proof: hashes, root: checkpoint.rootHash)
        } catch {
            throw .verificationFailed(VerificationFailure(
                file: source.location, expected: checkpoint.rootHash.base64,
                message: "the ledger's first \(size) entries are not the ones the registrar's checkpoint \(checkpointLocation) commits to (the inclusion proof of entry \(index + 1) does not lead to its root: \(error)): the ledger was changed after it was signed; run `declaration verify`"))
        }
        do throws(TransparencyError) {
            let note = try SignedNote(parsing: String(decoding: checkpointNote, as: UTF8.self))
            let proof = try TlogProof(extra: line, index: index, inclusionProof: hashes, checkpointNote: note)
            return EntryProof(proof: proof, entry: entry, checkpoint: checkpoint, logKey: try header.checkpointVerifierKey())
        } catch {
            throw .verificationFailed(VerificationFailure(file: checkpointLocation, message: error.description))
        }
    }

    /// The witnesses of the proof's checkpoint judged by `policy` (the log
    /// key the registrar's, the cosignatures those the checkpoint carries);
    /// `place` names the checkpoint in a refusal, which is
    /// `.checkpointRefused`. Call it before writing the proof anywhere.
    public func witnessing(under policy: CheckpointPolicy, place: String) throws(RegistryError) -> WitnessedCheckpoint {
        do {
            return try policy.judge(Array(proof.checkpointNote.serialized.utf8), at: place, loggedBy: logKey)
        } catch {
            throw .checkpointRefused(error)
        }
    }

    /// What every proof made from files reads first, under the shared lock:
    /// the header, checked; the checkpoint, its registrar signature
    /// verified; and the ledger's length then.
    static func opening(
        _ layout: RegistryLayout
    ) throws(RegistryError) -> (header: RegistryHeader, checkpointNote: [UInt8], checkpoint: RegistryCheckpoint, ledgerLength: Int) {
        guard FileSystem.exists(layout.header) else { throw .notARegistry(path: layout.directory) }
        let verifier = RegistryVerifier(layout: layout)
        let (checkpointNote, ledgerLength) = try verifier.snapshot()
        let header = try verifier.readHeader()
        let checkpoint = try openCheckpoint(checkpointNote, location: layout.checkpoint, header: header,
                                            headerPath: layout.header)
        return (header, checkpointNote, checkpoint, ledgerLength)
    }

    /// Makes a proof of `subject` in the registry directory of `layout`.
    ///
    /// Not a full verification, which takes seconds for a large registry:
    /// the header is read and checked, the checkpoint's signature by the
    /// registrar verified, every ledger line it covers hashed to rebuild the
    /// tree, and the one entry proved is checked in full (see
    /// `make(_:header:checkpointNote:checkpointLocation:source:)`). Lines
    /// after the checkpoint's size are not read.
    public static func make(_ subject: ProofSubject, registry layout: RegistryLayout) throws(RegistryError) -> EntryProof {
        let (header, checkpointNote, checkpoint, ledgerLength) = try opening(layout)
        if case .entry(let sequence) = subject {
            try checkCovered(sequence, checkpoint: checkpoint, header: header)
        }
        let source = try LedgerProofSource(layout: layout, ledgerLength: ledgerLength, treeSize: checkpoint.size,
                                           subject: subject)
        return try make(subject, header: header, checkpointNote: checkpointNote,
                        checkpointLocation: layout.checkpoint, source: source)
    }

    // MARK: - Steps

    static func openCheckpoint(_ note: [UInt8], location: String, header: RegistryHeader,
                                       headerPath: String? = nil) throws(RegistryError) -> RegistryCheckpoint {
        do throws(VerificationFailure) {
            return try RegistryVerifier.openCheckpoint(note, path: location, header: header,
                                                       headerPath: headerPath ?? RegistryLayout.Name.header)
        } catch {
            throw .verificationFailed(error)
        }
    }

    static func checkCovered(_ sequence: Int64, checkpoint: RegistryCheckpoint,
                                     header: RegistryHeader) throws(RegistryError) {
        guard sequence >= 1, UInt64(sequence) <= checkpoint.size else {
            let covered = checkpoint.size == 0
                ? "the registrar's checkpoint covers no entries yet"
                : "the registrar's checkpoint covers entries 1 to \(checkpoint.size)"
            throw .noSuchEntry(registry: header.origin, reason: "there is no entry \(sequence): \(covered); choose one of those (`declaration list --all` shows them)")
        }
    }

    private static func entryIndex(of subject: ProofSubject, checkpoint: RegistryCheckpoint, header: RegistryHeader,
                                   source: some RegistryProofSource) throws(RegistryError) -> UInt64 {
        switch subject {
        case .entry(let sequence):
            try checkCovered(sequence, checkpoint: checkpoint, header: header)
            return UInt64(sequence - 1)
        case .latestEntry(let key):
            guard let index = try source.latestEntryIndex(signedBy: key, treeSize: checkpoint.size) else {
                throw noEntry(signedBy: key, checkpoint: checkpoint, header: header)
            }
            return index
        }
    }

    /// That no entry the checkpoint covers is signed by `key`.
    static func noEntry(signedBy key: Ed25519PublicKey, checkpoint: RegistryCheckpoint,
                        header: RegistryHeader) -> RegistryError {
        .noSuchEntry(registry: header.origin, reason: "no entry among the \(checkpoint.size) the registrar's checkpoint covers is signed by the key with key id \(key.keyID); check that this is the signatory's public key, and that its statement was appended")
    }

    /// The entry in `line`, checked as `verify` checks a ledger line, and
    /// bound to this registry, at this index and, for a key, by that key.
    private static func checkedEntry(_ line: [UInt8], index: UInt64, subject: ProofSubject, header: RegistryHeader,
                                     location: String) throws(RegistryError) -> Entry {
        let number = Int(index) + 1
        let checked: CheckedEntry
        switch LedgerLineBatch.checkedEntry(LedgerLine(number: number, offset: 0, bytes: line), file: location,
                                            checksSignature: true) {
        case .success(let entry): checked = entry
        case .failure(let failure): throw .verificationFailed(failure)
        }
        let entry = checked.entry
        guard checked.signatureIsValid else {
            throw .verificationFailed(VerificationFailure(
                file: location, line: number, sequence: entry.sequence, field: "statement.signature",
                message: "the signatory's signature does not verify with its public key: the statement was altered or forged"))
        }
        guard entry.sequence == Int64(number) else {
            throw .verificationFailed(VerificationFailure(
                file: location, line: number, sequence: entry.sequence, field: "sequence",
                expected: String(number), found: String(entry.sequence),
                message: "line \(number) holds entry \(entry.sequence), not entry \(number)"))
        }
        do throws(FieldError) {
            try RegistryRules.checkBinding(of: entry.statement, to: header)
        } catch {
            throw .verificationFailed(VerificationFailure(file: location, line: number, sequence: entry.sequence,
                                                          fieldError: error, prefix: "statement"))
        }
        if case .latestEntry(let key) = subject, entry.statement.publicKey != key {
            throw .verificationFailed(VerificationFailure(
                file: location, line: number, sequence: entry.sequence, field: "statement.public_key",
                message: "the entry given as the latest by the key with key id \(key.keyID) is by the key with key id \(entry.statement.publicKey.keyID)"))
        }
        return entry
    }
}
