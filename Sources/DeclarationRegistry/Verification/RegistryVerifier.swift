import CryptoPrimitives
import Dispatch
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// Checks a registry from its files alone: the header and declaration texts
/// against their digests, every ledger line (canonical, well formed, linked
/// to the previous one, in sequence, in time order, signed, within the
/// rules), and the registrar's checkpoint against the ledger's Merkle root.
///
/// It streams the ledger: memory grows with the number of active
/// signatories, not with the file's size. Lines are checked on every core
/// in batches (see `LedgerLineBatch`); only the rules that depend on the
/// entries before run in order.
public struct RegistryVerifier: Sendable {
    /// The registry to verify.
    public var layout: RegistryLayout

    /// How many lines are checked together on every core: enough to keep
    /// every core busy (tens of milliseconds of work each), few enough that
    /// the two batches in flight hold little memory.
    static let batchSize = 1_024

    /// A verifier for the registry in `layout`.
    public init(layout: RegistryLayout) {
        self.layout = layout
    }

    /// Verifies the registry; with `savedCheckpoint` (the bytes of a signed
    /// checkpoint kept from earlier), also proves that the ledger still
    /// begins with exactly the entries that checkpoint committed to.
    ///
    /// With `trustingSavedCheckpoint`, verifies incrementally: the entries
    /// the saved checkpoint covers are taken as verified before. Their lines
    /// are still re-hashed (the chain and the Merkle root must come out as
    /// the saved checkpoint says, so not a byte of them changed) and replayed
    /// to rebuild the signatory roll, but their signatures are not checked.
    /// That is sound only if the saved checkpoint is one the caller kept
    /// after a full verification of its own: its signature proves who signed
    /// the checkpoint, not that the statements under it verify.
    ///
    /// Throws:
    /// - `RegistryError.notARegistry` when there is no header at `layout`;
    /// - `RegistryError.verificationFailed` when the registry does not
    ///   verify (an interrupted append included: see its severity), a file
    ///   of it too large to be one included;
    /// - `RegistryError.notACheckpoint` when `savedCheckpoint` is not a
    ///   signed checkpoint at all;
    /// - `RegistryError.storage` when the registry cannot be read at all.
    /// With `collectingHistory`, the report also holds every entry, for
    /// listing the history; memory then grows with the ledger. Without
    /// `keepingSignatoryDetails`, the report's roll counts the signatories
    /// but cannot list them, and memory stays near a hundred bytes per
    /// signatory.
    ///
    /// With `policy`, the checkpoint must also be signed by a log the
    /// policy accepts and carry its quorum of cosignatures, judged before
    /// the ledger is read (`RegistryError.checkpointRefused` otherwise);
    /// the report's `witnessing` names the witnesses that cosigned.
    public func verify(savedCheckpoint: (path: String, bytes: [UInt8])? = nil,
                       trustingSavedCheckpoint: Bool = false,
                       collectingHistory: Bool = false,
                       keepingSignatoryDetails: Bool = true,
                       policy: CheckpointPolicy? = nil) throws(RegistryError) -> VerificationReport {
        guard FileSystem.exists(layout.header) else { throw .notARegistry(path: layout.directory) }
        // Read the checkpoint and the ledger's length together under the
        // shared lock, so an append in progress is never seen half done.
        let (checkpointBytes, ledgerLength) = try snapshot()

        let header = try readHeader()
        try checkHeaderAgainstLedger(header, checkpointBytes: checkpointBytes, ledgerLength: ledgerLength)
        let declaration = try readDeclaration(header: header)
        let checkpoint: RegistryCheckpoint
        do throws(VerificationFailure) {
            checkpoint = try openCheckpoint(checkpointBytes, path: layout.checkpoint, header: header)
        } catch {
            throw .verificationFailed(error)
        }
        let witnessing = try policy.map { policy throws(RegistryError) in
            try Self.judge(checkpointBytes, at: layout.checkpoint, header: header, headerPath: layout.header, by: policy)
        }
        let saved = try savedCheckpoint.map { saved throws(RegistryError) in
            try openSavedCheckpoint(saved.bytes, path: saved.path, header: header)
        }

        var pass = LedgerPass(layout: layout, header: header, watchedSizes: [checkpoint.size, saved?.size].compactMap { $0 },
                              keepingDetails: keepingSignatoryDetails)
        pass.knownHeads = [checkpoint.size: checkpoint.chainHead]
        if let saved, trustingSavedCheckpoint {
            pass.knownHeads[saved.size] = saved.chainHead
            pass.signaturesVerifiedThrough = Int64(saved.size)
        }
        pass.collectsHistory = collectingHistory
        if let saved, saved.size < checkpoint.size {
            // Sizes in order, so the hasher cannot refuse them.
            pass.proofHasher = try? ProofRangeHasher(consistencyFrom: saved.size, to: checkpoint.size)
        }
        try pass.run(length: ledgerLength)

        var consistencyProof: [SHA256Digest]?
        // Every check that can prove the registry altered comes before the
        // verdict "interrupted" (exit 2, "run repair"): a saved checkpoint
        // of another history proves a rewrite even when the ledger also
        // has an uncheckpointed tail, and a repair must never be suggested
        // for a registry whose history was rewritten.
        do throws(VerificationFailure) {
            try compare(pass: pass, checkpoint: checkpoint)
            if let saved, let savedPath = savedCheckpoint?.path {
                try compare(pass: pass, saved: saved, path: savedPath, current: checkpoint)
                consistencyProof = try proveConsistency(pass: pass, saved: saved, path: savedPath, current: checkpoint)
            }
            try checkCoverage(pass: pass, checkpoint: checkpoint)
        } catch {
            throw .verificationFailed(error)
        }
        if !pass.trailingBytes.isEmpty {
            throw .verificationFailed(VerificationFailure(
                .interrupted, file: layout.ledger, line: Int(pass.entryCount) + 1, sequence: pass.entryCount + 1,
                found: "\(pass.trailingBytes.count) bytes without a final line feed",
                message: "the last line is incomplete (\(pass.trailingBytes.count) bytes without a line feed): an append was cut short by a crash or a full disk, not tampering; everything before it verifies. Run `declaration repair` to remove it (a backup is kept)"))
        }
        return VerificationReport(header: header, declaration: declaration, checkpoint: checkpoint,
                                  checkpointNote: checkpointBytes, entryCount: pass.entryCount, roll: pass.roll, savedCheckpoint: saved,
                                  history: pass.history, consistencyProof: consistencyProof, witnessing: witnessing)
    }

    /// Judges the checkpoint `bytes` (read from `place`, its signature by
    /// the header's key already checked) by `policy`.
    static func judge(_ bytes: [UInt8], at place: String, header: RegistryHeader, headerPath: String,
                      by policy: CheckpointPolicy) throws(RegistryError) -> WitnessedCheckpoint {
        let key: NoteVerifierKey
        do {
            key = try header.checkpointVerifierKey()
        } catch {
            throw .verificationFailed(VerificationFailure(file: headerPath, line: 1, field: "origin", message: error.description))
        }
        do {
            return try policy.judge(bytes, at: place, loggedBy: key)
        } catch {
            throw .checkpointRefused(error)
        }
    }

    // MARK: - Steps

    /// The checkpoint's bytes and the ledger's length, read together under
    /// the shared lock, after refusing a registry whose files are links;
    /// also what a publish reads (`SitePublisher`).
    func snapshot() throws(RegistryError) -> ([UInt8], Int) {
        // A registry whose own files are links is refused before anything
        // is read through one.
        do {
            try FileSystem.checkRegistryFiles(in: layout)
        } catch {
            throw .storage(error)
        }
        // The lock is on the directory, which needs only read permission;
        // if even that fails, no writer could be coordinating through it.
        let lock = try? FileLock(registry: layout, exclusive: false)
        defer { lock?.release() }
        let checkpoint = try readCheckpointFile()
        let ledger: FileStatus
        do throws(StorageError) {
            ledger = try FileSystem.status(layout.ledger, operation: "reading the ledger")
        } catch where error.isMissing {
            throw .verificationFailed(VerificationFailure(file: layout.ledger, message: "the ledger is missing"))
        } catch {
            throw .storage(error)
        }
        return (checkpoint, ledger.size)
    }

    /// Reads and checks the header; throws `.verificationFailed` or `.storage`.
    func readHeader() throws(RegistryError) -> RegistryHeader {
        let bytes = try readRegistryFile(layout.header, what: "the header")
        // Messages below quote the header; never quote a private key.
        if KeyMaterial.appears(in: bytes) {
            throw .verificationFailed(VerificationFailure(file: layout.header, message: "this file holds a private key, not the registry header; nothing of it is shown. Restore the registry's own registry.json, and keep private keys out of the registry"))
        }
        guard bytes.last == 0x0A else {
            throw .verificationFailed(VerificationFailure(file: layout.header, line: 1, message: "the header must be one line of canonical JSON ending with a line feed"))
        }
        let json: JSONValue
        do {
            json = try CanonicalJSON.parseCanonical(bytes.dropLast())
        } catch {
            throw .verificationFailed(VerificationFailure(file: layout.header, line: 1, message: "the header is not canonical JSON: \(error)"))
        }
        do {
            return try RegistryHeader(json: json)
        } catch {
            throw .verificationFailed(VerificationFailure(file: layout.header, line: 1, sequence: nil, fieldError: error))
        }
    }

    /// The first entry records the header's hash. When that entry is itself
    /// intact (the second entry, or for a one-entry ledger the checkpoint's
    /// chain head, records its hash), a header with another hash was
    /// changed. Checking this first puts the blame on the header rather than
    /// on the texts or the checkpoint its changed fields no longer match.
    private func checkHeaderAgainstLedger(_ header: RegistryHeader, checkpointBytes: [UInt8], ledgerLength: Int) throws(RegistryError) {
        let reader: LedgerReader
        do {
            reader = try LedgerReader(path: layout.ledger, limit: ledgerLength)
        } catch {
            throw .storage(error)
        }
        // A line that cannot be read is left to the pass, which says why.
        guard let first = try? reader.next(),
              LedgerLineCodec.sequence(inLine: first.bytes) == 1,
              let recorded = LedgerLineCodec.previous(inLine: first.bytes), recorded != header.hash else { return }
        let witness: SHA256Digest?
        if let second = try? reader.next() {
            witness = LedgerLineCodec.previous(inLine: second.bytes)
        } else {
            witness = RegistryCheckpoint.chainHead(inUnverified: checkpointBytes)
        }
        guard witness == SHA256.hash(first.bytes) else { return }
        throw .verificationFailed(VerificationFailure(
            file: layout.header, line: 1, expected: recorded.hex, found: header.hash.hex,
            message: "the header was changed after the first entry was recorded: its SHA-256 is \(header.hash.hex), but entry 1 records \(recorded.hex)"))
    }

    /// The most bytes the header or the checkpoint may hold (FORMAT.md,
    /// section 1): far above any real one.
    static let smallFileLimit = 64 * 1024

    /// Reads the registrar's checkpoint file, as every command that reads a
    /// registry does: a missing or oversized one means the registry does
    /// not verify (`.verificationFailed`).
    func readCheckpointFile() throws(RegistryError) -> [UInt8] {
        guard FileSystem.exists(layout.checkpoint) else {
            throw .verificationFailed(VerificationFailure(file: layout.checkpoint, message: "the checkpoint is missing; a registry always has one, signed by its registrar"))
        }
        return try readRegistryFile(layout.checkpoint, what: "the checkpoint")
    }

    /// Reads the header or the checkpoint whole. One larger than the limit
    /// is not a file the registrar wrote: the registry does not verify
    /// (exit 1), as for any other content of its files, rather than the
    /// refusal of a bad input file that a size limit means elsewhere.
    private func readRegistryFile(_ path: String, what: String) throws(RegistryError) -> [UInt8] {
        do {
            return try FileSystem.read(path, limit: Self.smallFileLimit, links: .refuse)
        } catch {
            guard let limit = error.readLimit else { throw .storage(error) }
            throw .verificationFailed(VerificationFailure(
                file: path, expected: "at most \(limit) bytes", found: FileSystem.size(of: path).map { "\($0) bytes" },
                message: "\(what) is larger than \(limit) bytes, the most the format allows (a registrar never writes one so large): the file was replaced or damaged"))
        }
    }

    /// Reads the registry's declaration copy and checks it against the
    /// header (digest, id and version) and against the declarations the
    /// library knows; throws `.verificationFailed` or `.storage`.
    func readDeclaration(header: RegistryHeader) throws(RegistryError) -> Declaration {
        let declaration = try DeclarationCopy.read(layout)
        if declaration.digest != header.declarationDigest {
            throw .verificationFailed(VerificationFailure(
                file: layout.declaration, expected: header.declarationDigest.hex, found: declaration.digest.hex,
                message: "the declaration texts' digest is \(declaration.digest.hex), but the header records \(header.declarationDigest.hex): a text or the manifest was changed"))
        }
        if declaration.id != header.declarationID || declaration.version != header.declarationVersion {
            throw .verificationFailed(VerificationFailure(
                file: layout.header, line: 1, field: "declaration",
                expected: "\(declaration.id) \(declaration.version)", found: "\(header.declarationID) \(header.declarationVersion)",
                message: "the header names declaration \(header.declarationID) version \(header.declarationVersion), but the texts are \(declaration.id) version \(declaration.version)"))
        }
        // Consistent on its own is not enough: an id and version the tool
        // knows name one text, and a registry claiming them with another
        // would have signatories sign what they did not read.
        if let known = Declaration.knownDigest(id: declaration.id, version: declaration.version), known != declaration.digest {
            throw .verificationFailed(VerificationFailure(
                file: layout.declaration, expected: known.hex, found: declaration.digest.hex,
                message: "the registry's declaration claims to be \(declaration.id) version \(declaration.version), but its digest is \(declaration.digest.hex), not \(known.hex), the digest of that declaration's text this tool carries: the registry does not carry the official text, and its signatures are not signatures of that declaration"))
        }
        return declaration
    }

    func openCheckpoint(_ bytes: [UInt8], path: String, header: RegistryHeader) throws(VerificationFailure) -> RegistryCheckpoint {
        try Self.openCheckpoint(bytes, path: path, header: header, headerPath: layout.header)
    }

    /// Opens the registrar's checkpoint `bytes`, read from `path`, of the
    /// registry whose header (read from `headerPath`) is `header`: the
    /// registrar's signature, the origin and the chain-head line.
    static func openCheckpoint(_ bytes: [UInt8], path: String, header: RegistryHeader,
                               headerPath: String) throws(VerificationFailure) -> RegistryCheckpoint {
        let verifierKey: NoteVerifierKey
        do {
            verifierKey = try header.checkpointVerifierKey()
        } catch {
            throw VerificationFailure(file: headerPath, line: 1, field: "origin", message: error.description)
        }
        // Error messages quote the line at fault; never quote a private key
        // handed over by mistake.
        if KeyMaterial.appears(in: bytes) {
            throw VerificationFailure(file: path, message: "this file holds a private key, not a signed checkpoint; nothing of it is shown. Pass the checkpoint file, and keep private keys to yourself")
        }
        do {
            return try RegistryCheckpoint(opening: bytes, verifier: verifierKey, origin: header.origin)
        } catch {
            throw VerificationFailure(file: path, line: error.line, message: error.description)
        }
    }

    /// Opens a checkpoint the caller saved. One that is not a signed
    /// checkpoint at all is a wrong file (`.notACheckpoint`, exit 65); one
    /// that is, but not by this registry's key or for its origin, is a
    /// verdict: the registry does not verify against it (exit 1), since a
    /// registry whose header was rewritten with a new key looks just so.
    private func openSavedCheckpoint(_ bytes: [UInt8], path: String, header: RegistryHeader) throws(RegistryError) -> RegistryCheckpoint {
        if KeyMaterial.appears(in: bytes) {
            throw .notACheckpoint(path: path, line: nil, reason: "this file holds a private key; nothing of it is shown, and private keys are best kept to yourself")
        }
        let verifierKey: NoteVerifierKey
        do {
            verifierKey = try header.checkpointVerifierKey()
        } catch {
            throw .verificationFailed(VerificationFailure(file: layout.header, line: 1, field: "origin", message: error.description))
        }
        do {
            return try RegistryCheckpoint(opening: bytes, verifier: verifierKey, origin: header.origin)
        } catch {
            switch error {
            case .notText, .chainHead, .sizeTooLarge, .checkpoint(.malformedNote), .checkpoint(.malformedCheckpoint):
                throw .notACheckpoint(path: path, line: error.line, reason: error.description)
            case .checkpoint:
                throw .verificationFailed(VerificationFailure(file: path, line: error.line, message: error.description))
            }
        }
    }

    private func compare(pass: LedgerPass, checkpoint: RegistryCheckpoint) throws(VerificationFailure) {
        let count = pass.entryCount
        if Int64(checkpoint.size) > count {
            throw VerificationFailure(
                file: layout.ledger, line: Int(count) + 1, sequence: count + 1,
                expected: "\(checkpoint.size) entries", found: "\(count) entries",
                message: "the ledger has \(count) entries, but the registrar's checkpoint commits to \(checkpoint.size): entries \(count + 1) to \(checkpoint.size) were removed")
        }
        if checkpoint.size == 0, let head = pass.heads[0], head != checkpoint.chainHead {
            // With no entries there is no line to blame: the chain head of
            // an empty ledger is the header's hash.
            throw VerificationFailure(
                file: layout.checkpoint, line: 4, field: RegistryCheckpoint.chainHeadKeyword,
                expected: head.hex, found: checkpoint.chainHead.hex,
                message: "the checkpoint covers no entries, so its chain head must be the header's SHA-256, \(head.hex), but it is \(checkpoint.chainHead.hex): the checkpoint was not made for this header")
        }
        if let head = pass.heads[checkpoint.size], head != checkpoint.chainHead {
            throw VerificationFailure(
                file: layout.ledger, line: Int(checkpoint.size), sequence: Int64(checkpoint.size),
                expected: checkpoint.chainHead.hex, found: head.hex,
                message: "the line's SHA-256 is \(head.hex), but the registrar's checkpoint records \(checkpoint.chainHead.hex) as the last entry's: the line was changed after it was signed")
        }
        if let root = pass.roots[checkpoint.size], root != checkpoint.rootHash {
            throw VerificationFailure(
                file: layout.checkpoint, line: 3, expected: Base64.encode(checkpoint.rootHash.bytes), found: Base64.encode(root.bytes),
                message: "the Merkle root of the ledger's first \(checkpoint.size) entries is \(Base64.encode(root.bytes)), but the registrar's checkpoint says \(Base64.encode(checkpoint.rootHash.bytes)): the ledger was changed after it was signed")
        }
    }

    /// Complete lines beyond the registrar's checkpoint: an interrupted
    /// append, reported only once nothing proves the registry altered.
    private func checkCoverage(pass: LedgerPass, checkpoint: RegistryCheckpoint) throws(VerificationFailure) {
        let count = pass.entryCount
        if Int64(checkpoint.size) < count {
            throw VerificationFailure(
                .interrupted, file: layout.ledger, line: Int(checkpoint.size) + 1, sequence: Int64(checkpoint.size) + 1,
                expected: "\(checkpoint.size) entries", found: "\(count) entries",
                message: "entries \(checkpoint.size + 1) to \(count) are not covered by the registrar's checkpoint (size \(checkpoint.size)): an append was interrupted before its checkpoint was signed, or someone else added them. Run `declaration repair` to remove them (a backup is kept)")
        }
    }

    /// The RFC 9162 consistency proof from the saved checkpoint to the
    /// current one, made from the ledger's leaves in the pass and checked
    /// against the two signed roots with the same `verifyConsistency` that
    /// a client of the published tiles uses. The prefix comparison before
    /// it already names the rewritten entries; the proof is what the
    /// report shows, and what a second verifier can check from the two
    /// checkpoints alone.
    private func proveConsistency(
        pass: LedgerPass, saved: RegistryCheckpoint, path: String, current: RegistryCheckpoint
    ) throws(VerificationFailure) -> [SHA256Digest]? {
        guard saved.size <= current.size else { return nil }
        do throws(TransparencyError) {
            let proof = try pass.proofHasher?.proof() ?? []
            try MerkleTree.verifyConsistency(oldSize: saved.size, newSize: current.size,
                                             oldRoot: saved.rootHash, newRoot: current.rootHash, proof: proof)
            return proof
        } catch {
            throw VerificationFailure(
                file: layout.checkpoint, line: 3,
                message: "the registrar's checkpoint (size \(current.size)) is not consistent with the saved checkpoint \(path) (size \(saved.size)): \(error.description). The history was rewritten")
        }
    }

    private func compare(pass: LedgerPass, saved: RegistryCheckpoint, path: String, current: RegistryCheckpoint) throws(VerificationFailure) {
        if Int64(saved.size) > pass.entryCount {
            throw VerificationFailure(
                file: layout.ledger, line: Int(pass.entryCount) + 1, sequence: pass.entryCount + 1,
                expected: "at least \(saved.size) entries", found: "\(pass.entryCount) entries",
                message: "the saved checkpoint \(path) commits to \(saved.size) entries, but the ledger has only \(pass.entryCount) (the registrar's current checkpoint says \(current.size)): the history was truncated or rolled back")
        }
        if let root = pass.roots[saved.size], root != saved.rootHash || pass.heads[saved.size] != saved.chainHead {
            throw VerificationFailure(
                file: layout.ledger, expected: Base64.encode(saved.rootHash.bytes), found: Base64.encode(root.bytes),
                message: "the ledger's first \(saved.size) entries are not the ones the saved checkpoint \(path) committed to (Merkle root \(Base64.encode(root.bytes)), expected \(Base64.encode(saved.rootHash.bytes))): the history was rewritten")
        }
        if saved.size > current.size {
            // The ledger still holds the entries, but the registrar's
            // checkpoint no longer covers them: a repair would remove
            // entries the saved checkpoint proves were recorded.
            throw VerificationFailure(
                file: layout.checkpoint, line: 2, expected: "at least \(saved.size) entries", found: "\(current.size) entries",
                message: "the registrar's checkpoint covers \(current.size) entries, but the saved checkpoint \(path) proves that \(saved.size) were recorded: the checkpoint was rolled back. Do not run `declaration repair`, which would remove recorded entries")
        }
    }
}
