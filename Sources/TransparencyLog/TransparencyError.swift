import CryptoPrimitives

/// Why a Merkle proof, a signed note, a checkpoint, a tile, an entry bundle
/// or a tlog proof was refused.
public enum TransparencyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A leaf index is not inside the tree.
    case leafIndexOutOfRange(index: UInt64, treeSize: UInt64)
    /// A consistency proof was asked for from a larger tree to a smaller one.
    case treeSizesOutOfOrder(oldSize: UInt64, newSize: UInt64)
    /// A proof has the wrong number of hashes for its tree sizes.
    case proofLength(expected: Int, found: Int)
    /// A proof leads to a different root for the tree of `treeSize` leaves.
    case rootMismatch(treeSize: UInt64, expected: SHA256Digest, computed: SHA256Digest)
    /// A saved tree builder state does not have one hash per set bit of its size.
    case invalidBuilderState(size: UInt64, frontierCount: Int)
    /// A value cannot go into a signed note or checkpoint as it is.
    case invalidNoteField(field: String, expected: String, found: String)
    /// A signed note breaks the c2sp.org/signed-note format at `line` (from 1).
    case malformedNote(line: Int, expected: String, found: String)
    /// A verifier key is not of the form `name+keyhash+base64key`.
    case malformedVerifierKey(expected: String, found: String)
    /// The note has no signature by the key; `signers` lists the name+key hash
    /// of each signature it does have.
    case noSignature(keyName: String, keyHash: UInt32, signers: [String])
    /// The signature on `line` names the key but does not verify with it.
    case badSignature(keyName: String, keyHash: UInt32, line: Int)
    /// A checkpoint body breaks the c2sp.org/tlog-checkpoint format at `line`.
    case malformedCheckpoint(line: Int, expected: String, found: String)
    /// A checkpoint comes from another log than the one expected.
    case originMismatch(expected: String, found: String)
    /// A tile path (c2sp.org/tlog-tiles) is not in the one form the spec allows.
    case malformedTilePath(expected: String, found: String)
    /// A tile's bytes are not `width` hashes of 32 bytes.
    case tileSize(path: String, expectedBytes: Int, found: Int)
    /// A tile needed to read a hash is not among those given.
    case missingTile(path: String)
    /// A tile was given that is not one of the partial tiles of the tree of
    /// `treeSize` leaves (another size's, or a full tile).
    case unexpectedTile(path: String, treeSize: UInt64)
    /// A hash asked of tiles is not a complete subtree of the tree.
    case hashOutOfRange(height: Int, index: UInt64, treeSize: UInt64)
    /// An entry is too long for an entry bundle's 16-bit length prefix.
    case entryTooLarge(index: Int, byteCount: Int)
    /// An entry bundle's bytes break the format at `offset`.
    case malformedEntryBundle(offset: Int, expected: String)
    /// An entry bundle holds another number of entries than its path says.
    case entryBundleCount(expected: Int, found: Int)
    /// A tlog proof (c2sp.org/tlog-proof) breaks the format at `line` (from 1).
    case malformedProof(line: Int, expected: String, found: String)
    /// A tlog proof has more bytes than a proof may have.
    case proofTooLarge(byteCount: Int, limit: Int)
    /// Signing failed in the cryptographic library.
    case crypto(CryptoError)
    /// A c2sp.org/tlog-witness body (`body` names which) breaks its format
    /// at `line` (from 1).
    case malformedWitnessBody(body: String, line: Int, expected: String, found: String)
    /// A c2sp.org/tlog-witness body has more bytes than this library reads.
    case witnessBodyTooLarge(body: String, byteCount: Int, limit: Int)
    /// A cosignature (c2sp.org/tlog-cosignature) by `signer` cannot be read
    /// or made as it is.
    case malformedCosignature(signer: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .leafIndexOutOfRange(let index, let treeSize):
            return "leaf index \(index) is outside the tree of \(treeSize) leaves; "
                + "ask for an index below \(treeSize)"
        case .treeSizesOutOfOrder(let oldSize, let newSize):
            return "a tree of \(oldSize) leaves cannot be a prefix of one of \(newSize); "
                + "give the older, smaller size first"
        case .proofLength(let expected, let found):
            return "the proof has \(found) hashes where \(expected) were expected; "
                + "it was made for other tree sizes or was cut or padded"
        case .rootMismatch(let treeSize, let expected, let computed):
            return "the proof gives root \(computed.hex) for the tree of \(treeSize) leaves, "
                + "not the expected \(expected.hex): the entries or the proof were altered"
        case .invalidBuilderState(let size, let frontierCount):
            return "a saved Merkle tree state of size \(size) must hold \(size.nonzeroBitCount) "
                + "hashes, but holds \(frontierCount) (or the size is too large); "
                + "rebuild it from the ledger"
        case .invalidNoteField(let field, let expected, let found):
            return "the \(field) \(quoted(found)) cannot be used: expected \(expected)"
        case .malformedNote(let line, let expected, let found):
            return "signed note line \(line): expected \(expected), found \(quoted(found)); "
                + "check that the note was copied whole and unchanged"
        case .malformedVerifierKey(let expected, let found):
            return "verifier key \(quoted(found)): expected \(expected); "
                + "copy the key exactly as the log publishes it"
        case .noSignature(let keyName, let keyHash, let signers):
            let present = signers.isEmpty ? "none" : signers.joined(separator: ", ")
            return "the note has no signature by key \(keyName)+\(NoteVerifierKey.hex(keyHash)) "
                + "(signatures present: \(present)); check that you hold the log's current key"
        case .badSignature(let keyName, let keyHash, let line):
            return "signed note line \(line): the signature by \(keyName)+\(NoteVerifierKey.hex(keyHash)) "
                + "does not verify; the text or the signature was altered, do not trust this note"
        case .malformedCheckpoint(let line, let expected, let found):
            return "checkpoint line \(line): expected \(expected), found \(quoted(found))"
        case .originMismatch(let expected, let found):
            return "the checkpoint is from log \(quoted(found)), not \(quoted(expected)); "
                + "check which log you are verifying"
        case .malformedTilePath(let expected, let found):
            return "tile path \(quoted(found)): expected \(expected) (c2sp.org/tlog-tiles)"
        case .tileSize(let path, let expectedBytes, let found):
            return "tile \(path) has \(found) bytes where \(expectedBytes) were expected; "
                + "it was cut, padded or served for another tree size"
        case .missingTile(let path):
            return "tile \(path) is needed but was not given; fetch it for this tree size"
        case .unexpectedTile(let path, let treeSize):
            return "tile \(path) is not a partial tile of the tree of \(treeSize) leaves; "
                + "give exactly the partial tiles of that size"
        case .hashOutOfRange(let height, let index, let treeSize):
            return "no complete subtree of 2^\(height) leaves at index \(index) "
                + "in the tree of \(treeSize) leaves"
        case .entryTooLarge(let index, let byteCount):
            return "entry \(index) has \(byteCount) bytes; an entry bundle holds entries "
                + "of at most 65,535 bytes"
        case .malformedEntryBundle(let offset, let expected):
            return "entry bundle byte \(offset): expected \(expected); "
                + "the bundle was cut or altered"
        case .entryBundleCount(let expected, let found):
            return "the entry bundle holds \(found) entries where its path says \(expected)"
        case .malformedProof(let line, let expected, let found):
            return "proof line \(line): expected \(expected), found \(quoted(found)); "
                + "check that the proof was copied whole and unchanged"
        case .proofTooLarge(let byteCount, let limit):
            return "the proof has \(byteCount) bytes, more than the \(limit) a proof may have; "
                + "it is not a tlog proof, or its extra data is too large"
        case .crypto(let error):
            return error.description
        case .malformedWitnessBody(let body, let line, let expected, let found):
            return "\(body) line \(line): expected \(expected), found \(quoted(found)) "
                + "(c2sp.org/tlog-witness); check that the body was sent whole and unchanged"
        case .witnessBodyTooLarge(let body, let byteCount, let limit):
            return "the \(body) has \(byteCount) bytes, more than the \(limit) it may have; "
                + "it is not a witness protocol body, or its checkpoint is too large"
        case .malformedCosignature(let signer, let expected, let found):
            return "the cosignature by \(signer): expected \(expected), found \(quoted(found)) "
                + "(c2sp.org/tlog-cosignature)"
        }
    }

    /// Quotes a found value with escapes (so a stray carriage return or tab
    /// shows), shortened so that a huge line cannot flood a terminal.
    private func quoted(_ value: String) -> String {
        let limit = 80
        let shown = value.count > limit ? String(value.prefix(limit)) + "…" : value
        return String(reflecting: shown)
    }
}
