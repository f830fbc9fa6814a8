import CryptoPrimitives
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// What a verified proof shows: who signed what, as which entry of which
/// registry, under which checkpoint.
public struct ProofReport: Sendable {
    /// Where the entry came from.
    public enum EntrySource: String, Sendable {
        /// The proof's extra line.
        case proof
        /// The file given beside the proof.
        case file
        /// Both, which are the same.
        case both
    }

    /// The entry, its statement's signature verified.
    public let entry: Entry
    /// The entry's index in the registrar's tree: its sequence number less one.
    public let index: UInt64
    /// The registrar's checkpoint, its signature verified.
    public let checkpoint: Checkpoint
    /// The key that verified the checkpoint: the registrar's, named after
    /// the registry's origin.
    public let logKey: NoteVerifierKey
    /// The other signatures the checkpoint carries (witnesses'
    /// cosignatures, say), in order; not verified.
    public let otherSignatures: [NoteSignature]
    /// With a policy: the policy's witnesses whose cosignatures in the
    /// proof verified, and the quorum they met; nil without one.
    public let witnessing: WitnessedCheckpoint?
    /// Where the entry came from.
    public let entrySource: EntrySource

    /// The registry's origin, which the checkpoint and the statement name.
    public var registry: String { checkpoint.origin }

    /// The declaration the statement's digest names, when it is one this
    /// library knows (the built-in declaration); nil for any other text,
    /// which only its digest identifies.
    public var knownDeclaration: Declaration? {
        Declaration.known(digest: entry.statement.declarationDigest)
    }
}

extension EntryProof {
    /// Verifies the proof file `bytes` (read from `path`) offline, against
    /// the registrar's checkpoint key `logKey` alone: the proof parses; the
    /// checkpoint is signed by `logKey`, whose name is the registry's origin;
    /// the inclusion proof binds the entry's leaf hash, SHA-256(0x00 ‖ line),
    /// to the checkpoint's root at the proof's index; the entry is a
    /// registry entry, checked as `verify` checks a ledger line, with its
    /// statement's signature; the statement names the checkpoint's origin as
    /// its registry; and the entry's number is the index plus one.
    ///
    /// The entry is the proof's extra line, or `supplied` (a ledger line,
    /// with or without its line feed, and where it was read from), or both,
    /// which must then be the same.
    public static func verify(_ bytes: [UInt8], path: String, logKey: NoteVerifierKey,
                              supplied: (path: String, line: [UInt8])? = nil) throws(ProofError) -> ProofReport {
        try verify(bytes, path: path, logKey: logKey, policy: nil, supplied: supplied)
    }

    /// Verifies the proof file `bytes` as `verify(_:path:logKey:supplied:)`
    /// does, against a witness policy too: the log key is `logKey`, or
    /// without it one of the policy's `log` keys; the policy must accept
    /// the log key, and the cosignatures the proof's checkpoint carries must
    /// meet its quorum (`ProofCheck.witnesses`). All offline.
    public static func verify(_ bytes: [UInt8], path: String, logKey: NoteVerifierKey?, policy: CheckpointPolicy?,
                              supplied: (path: String, line: [UInt8])? = nil) throws(ProofError) -> ProofReport {
        let logKeys = logKey.map { [$0] } ?? policy?.policy.logKeys ?? []
        guard let anyKey = logKeys.first else {
            throw .doesNotVerify(path: path, check: .checkpointSignature, reason: "no registrar key to check the checkpoint with: give its key (--log-key), or a policy with the registry's log line")
        }
        let proof = try parse(bytes, path: path)
        let line: [UInt8]
        let source: ProofReport.EntrySource
        var suppliedLine = supplied?.line
        if suppliedLine?.last == 0x0A { suppliedLine?.removeLast() }
        switch (proof.extra, suppliedLine) {
        case (let extra?, let given?):
            guard extra == given else {
                throw .doesNotVerify(path: path, check: .suppliedEntry, reason: "\(supplied?.path ?? "the entry given") holds another entry than the proof's extra line (\(given.count) bytes, where the proof's entry has \(extra.count)); compare the two, or leave out --entry to check the proof's own")
            }
            (line, source) = (extra, .both)
        case (let extra?, nil):
            (line, source) = (extra, .proof)
        case (nil, let given?):
            (line, source) = (given, .file)
        case (nil, nil):
            throw .noEntry(path: path)
        }

        let verification: TlogProof.Verification
        do throws(TransparencyError) {
            verification = try proof.verify(leafHash: MerkleTree.leafHash(line), logKeys: logKeys)
        } catch {
            let named = logKeys.first { $0.name == proof.checkpoint.origin } ?? anyKey
            throw .doesNotVerify(path: path, check: check(failing: error), reason: reason(error, proof: proof, logKey: named))
        }
        let checkpoint = verification.checkpoint
        let signer = verification.logSignature
        let verifiedKey = logKeys.first { $0.name == signer.name && $0.keyHash == signer.keyHash } ?? anyKey
        let witnessing = try policy.map { policy throws(ProofError) in
            do throws(CheckpointRefusal) {
                return try policy.judge(Array(proof.checkpointNote.serialized.utf8), at: path, loggedBy: verifiedKey)
            } catch {
                throw .doesNotVerify(path: path, check: .witnesses, reason: error.description)
            }
        }

        let number = Int(clamping: proof.index) + 1
        let entryPlace = source == .file ? (supplied?.path ?? path) : path
        let checked: CheckedEntry
        switch LedgerLineBatch.checkedEntry(LedgerLine(number: number, offset: 0, bytes: line), file: entryPlace,
                                            checksSignature: true) {
        case .success(let entry): checked = entry
        case .failure(let failure):
            let check: ProofCheck = failure.field == "statement.signature" ? .statementSignature : .entry
            throw .doesNotVerify(path: path, check: check, reason: "the registrar signed a checkpoint over this line, but it is not a valid entry: \(failure.field.map { "field \($0): " } ?? "")\(failure.message)")
        }
        let entry = checked.entry
        guard checked.signatureIsValid else {
            throw .doesNotVerify(path: path, check: .statementSignature, reason: "the statement's signature does not verify with the signatory's public key (key id \(entry.statement.publicKey.keyID)): the statement was altered or forged")
        }
        guard entry.statement.registry == checkpoint.origin else {
            throw .doesNotVerify(path: path, check: .registry, reason: "the statement was made for registry \(String(reflecting: entry.statement.registry)), but the checkpoint is of \(String(reflecting: checkpoint.origin))")
        }
        guard entry.sequence == Int64(number) else {
            throw .doesNotVerify(path: path, check: .entryNumber, reason: "the entry is numbered \(entry.sequence), but the proof puts it at index \(proof.index), which is entry \(number)")
        }
        return ProofReport(entry: entry, index: proof.index, checkpoint: checkpoint, logKey: verifiedKey,
                           otherSignatures: verification.otherSignatures, witnessing: witnessing, entrySource: source)
    }

    // MARK: - Steps

    private static func parse(_ bytes: [UInt8], path: String) throws(ProofError) -> TlogProof {
        do throws(TransparencyError) {
            return try TlogProof(parsing: bytes)
        } catch {
            // A message quotes the line at fault; never quote a private key
            // handed over by mistake.
            if KeyMaterial.appears(in: bytes) {
                throw .malformed(path: path, line: nil, reason: "this file holds a private key, not a proof; nothing of it is shown. Pass the .tlog-proof file, and keep private keys to yourself")
            }
            switch error {
            case .malformedProof(let line, let expected, let found):
                let shown = found.count > 80 ? String(found.prefix(80)) + "…" : found
                throw .malformed(path: path, line: line, reason: "expected \(expected), found \(String(reflecting: shown)); check that the proof was copied whole and unchanged")
            default:
                throw .malformed(path: path, line: nil, reason: error.description)
            }
        }
    }

    private static func check(failing error: TransparencyError) -> ProofCheck {
        switch error {
        case .leafIndexOutOfRange, .proofLength, .rootMismatch:
            return .inclusion
        default:
            return .checkpointSignature
        }
    }

    private static func reason(_ error: TransparencyError, proof: TlogProof, logKey: NoteVerifierKey) -> String {
        switch error {
        case .originMismatch(_, let found):
            return "the checkpoint is of registry \(String(reflecting: found)), but the key given is for \(String(reflecting: logKey.name)); check which registry the proof is from, and pass that registry's checkpoint key"
        case .noSignature:
            return "the checkpoint carries no signature by the key \(logKey.string) (signatures present: \(proof.checkpointNote.signatures.map(\.signer).joined(separator: ", "))); check that you hold the registrar's current checkpoint key"
        case .leafIndexOutOfRange(let index, let treeSize):
            return "the proof puts the entry at index \(index), but the checkpoint covers only \(treeSize) entries"
        case .rootMismatch:
            return "the entry's leaf hash and the proof's hashes do not lead to the checkpoint's root: the entry or the proof was altered"
        default:
            return error.description
        }
    }
}
