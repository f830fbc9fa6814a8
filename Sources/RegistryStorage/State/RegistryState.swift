import CryptoPrimitives
import RegistryFormat
import TransparencyLog

/// What an append needs to know about the registry without re-reading the
/// ledger: its size and length, the chain head, the last recording time, the
/// Merkle tree's frontier, and the index of active signatories.
///
/// It lives in the registry's `state/` folder and is derived from the
/// ledger alone. Anyone who can write that folder could make it say that an
/// active signatory is not, so it is never trusted on its word: the tip
/// records the length and SHA-256 of every index file and is signed with
/// the registrar's key (which an append holds anyway), and it must match
/// the registrar's signed checkpoint and the ledger's last line. Anything
/// else (a flipped byte, a truncated, missing or foreign file, a state of
/// another history) makes it rebuilt from the ledger. Deleting the folder
/// is always safe.
package struct RegistryState {
    /// v3: the tip is signed by the registrar's key and carries the index
    /// files' digests, and the index's identity digests fold names by
    /// canonical caseless matching (FORMAT.md 9); a v2 state (unsigned,
    /// folded the old way) is refused and rebuilt.
    static let format = "declaration-registry/state/v3"

    /// What the registrar's key signs: a domain line no checkpoint note or
    /// statement message can begin with (it has spaces, which an origin
    /// cannot), then the tip's canonical JSON without its signature.
    static let signatureDomain = Array("declaration-registry state v3\n".utf8)

    /// Entries covered (equal to the checkpoint's size).
    package var size: UInt64
    /// Bytes of the ledger covered.
    package var ledgerLength: Int
    /// SHA-256 of the last line (of the header when empty).
    package var chainHead: SHA256Digest
    /// The last entry's recording time ("" when empty).
    package var appendedAt: String
    /// The Merkle tree over the covered entries.
    package var tree: MerkleTreeBuilder
    /// The index files' lengths and digests.
    package var files: IndexFiles

    /// The tip's members, its signature left out.
    var unsignedJSON: [String: JSONValue] {
        [
            "format": .string(Self.format),
            "size": .integer(Int64(size)),
            "ledger_length": .integer(Int64(ledgerLength)),
            "chain_head": .string(chainHead.hex),
            "appended_at": .string(appendedAt),
            "frontier": .array(tree.state.frontier.map { .string($0.hex) }),
            "index_count": .integer(Int64(files.keyCount)),
            "index_sha256": .string(files.keyDigest.hex),
            "identity_count": .integer(Int64(files.identityCount)),
            "identity_sha256": .string(files.identityDigest.hex),
            "changes_length": .integer(Int64(files.changesLength)),
            "changes_sha256": .string(files.changesDigest.hex),
        ]
    }

    /// The most bytes of the tip read: its frontier has at most 64 hashes.
    static let tipLimit = 16 * 1024

    /// Loads the state and checks it against the registrar's key, the
    /// checkpoint and the ledger; nil when it is missing, damaged, forged or
    /// stale, and must be rebuilt. Every number is range-checked before it
    /// is used, and every index file is read whole and hashed (about 9 MB
    /// for 100,000 signatories, a few milliseconds).
    package static func load(_ layout: RegistryLayout, checkpoint: RegistryCheckpoint,
                             registrarKey: Ed25519PublicKey) -> (RegistryState, SignatoryIndex)? {
        guard let bytes = try? FileSystem.read(layout.stateTip, limit: tipLimit, links: .refuse), bytes.last == 0x0A,
              let json = try? CanonicalJSON.parseCanonical(bytes.dropLast()),
              case .object(var members) = json,
              case .string(let signatureText)? = members.removeValue(forKey: "signature"),
              let signature = Base64.decode(signatureText),
              registrarKey.isValidSignature(signature, for: signatureDomain + CanonicalJSON.encode(.object(members))),
              json["format"]?.stringValue == format,
              let size = json["size"]?.integerValue, size >= 0, UInt64(size) == checkpoint.size,
              let ledgerLength = json["ledger_length"]?.integerValue, ledgerLength >= 0,
              let chainHead = json["chain_head"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
              let appendedAt = json["appended_at"]?.stringValue,
              let frontierValues = json["frontier"]?.arrayValue, frontierValues.count <= 64,
              let keyCount = json["index_count"]?.integerValue, keyCount >= 0, keyCount <= Int64(Int.max / IndexRecord.size),
              let keyDigest = json["index_sha256"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
              let identityCount = json["identity_count"]?.integerValue, identityCount >= 0, identityCount <= keyCount,
              let identityDigest = json["identity_sha256"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
              let changesLength = json["changes_length"]?.integerValue, changesLength >= 0,
              changesLength <= Int64(Int32.max),
              let changesDigest = json["changes_sha256"]?.stringValue.flatMap(SHA256Digest.init(hex:))
        else { return nil }
        let frontier = frontierValues.compactMap { $0.stringValue.flatMap(SHA256Digest.init(hex:)) }
        guard frontier.count == frontierValues.count,
              let treeState = try? MerkleTreeBuilder.State(size: UInt64(size), frontier: frontier)
        else { return nil }
        let files = IndexFiles(keyCount: Int(keyCount), keyDigest: keyDigest, identityCount: Int(identityCount),
                               identityDigest: identityDigest, changesLength: Int(changesLength), changesDigest: changesDigest)
        var state = RegistryState(
            size: UInt64(size), ledgerLength: Int(ledgerLength), chainHead: chainHead, appendedAt: appendedAt,
            tree: MerkleTreeBuilder(state: treeState), files: files)
        guard state.chainHead == checkpoint.chainHead, state.tree.root == checkpoint.rootHash,
              let lastAppendedAt = state.appendedAtOfLedgerTail(layout),
              let byKey = readIndexFile(layout.signatoriesByKey, length: files.keyCount * IndexRecord.size, digest: keyDigest),
              let byIdentity = readIndexFile(layout.signatoriesByIdentity, length: files.identityCount * IndexRecord.size,
                                             digest: identityDigest),
              let changes = readIndexFile(layout.signatoryChanges, length: files.changesLength, digest: changesDigest),
              let index = SignatoryIndex(layout, byKey: byKey, byIdentity: byIdentity, changes: changes)
        else { return nil }
        // The floor for the next `appended_at` comes from the ledger's own
        // last line, which the checkpoint's chain head authenticates.
        guard lastAppendedAt == appendedAt else { return nil }
        state.appendedAt = lastAppendedAt
        return (state, index)
    }

    /// The bytes of an index file, if it has exactly `length` bytes with
    /// SHA-256 `digest`. A file missing with a length of 0 reads as empty.
    private static func readIndexFile(_ path: String, length: Int, digest: SHA256Digest) -> [UInt8]? {
        let bytes: [UInt8]
        if length == 0 && !FileSystem.exists(path) {
            bytes = []
        } else {
            guard let read = try? FileSystem.read(path, limit: length, links: .refuse) else { return nil }
            bytes = read
        }
        guard bytes.count == length, SHA256.hash(bytes) == digest else { return nil }
        return bytes
    }

    /// The `appended_at` of the ledger's line ending at `ledgerLength`, if
    /// that line is entry `size` and hashes to the chain head, so that the
    /// state describes this ledger and not another; "" for an empty
    /// registry whose state covers no bytes.
    private func appendedAtOfLedgerTail(_ layout: RegistryLayout) -> String? {
        guard size > 0 else { return ledgerLength == 0 ? "" : nil }
        guard let actual = FileSystem.size(of: layout.ledger), actual >= ledgerLength, ledgerLength > 0,
              let file = try? FileDescriptor(path: layout.ledger, access: .reading, links: .refuse),
              (try? file.status())?.isRegularFile == true
        else { return nil }
        // Read backwards until the line feed that ends the line before the
        // last; no line is longer than the format allows.
        var window = min(ledgerLength, 16 * 1024)
        while true {
            var bytes = [UInt8](repeating: 0, count: window)
            let count = bytes.withUnsafeMutableBytes { try? file.read(into: $0, at: ledgerLength - window) }
            guard count == window, bytes.last == 0x0A else { return nil }
            bytes.removeLast()
            var line: [UInt8]?
            if let start = bytes.lastIndex(of: 0x0A) {
                line = Array(bytes[(start + 1)...])
            } else if window == ledgerLength {
                line = bytes
            }
            if let line {
                guard SHA256.hash(line) == chainHead,
                      let json = try? CanonicalJSON.parseCanonical(line[...]),
                      let entry = try? Entry(json: json), entry.sequence == Int64(size)
                else { return nil }
                return entry.appendedAt
            }
            guard window <= LedgerLineCodec.maximumLineLength else { return nil }
            window = min(ledgerLength, window * 4)
        }
    }

    /// Writes the tip atomically, signed: the last step of any change to
    /// the state.
    package func save(_ layout: RegistryLayout, signingKey: Ed25519PrivateKey) throws(StorageError) {
        var members = unsignedJSON
        let message = Self.signatureDomain + CanonicalJSON.encode(.object(members))
        let signature: [UInt8]
        do {
            signature = try signingKey.signature(for: message)
        } catch {
            // Without a signature the tip would never be trusted: write none.
            throw StorageError(path: layout.stateTip, operation: "signing the state", cause: .signingFailed(reason: error.description))
        }
        members["signature"] = .string(Base64.encode(signature))
        try FileSystem.replaceAtomically(layout.stateTip, bytes: CanonicalJSON.encode(.object(members)) + [0x0A])
    }

    /// Removes the tip, so the next append rebuilds the state.
    package static func invalidate(_ layout: RegistryLayout) {
        FileSystem.remove(layout.stateTip)
    }

    /// Builds the state from what a full pass over the ledger found (its
    /// first `size` entries, `ledgerLength` bytes, and the roll and tree
    /// over them) and writes it, signed with `signingKey`.
    package static func rebuild(_ layout: RegistryLayout, size: UInt64, ledgerLength: Int, chainHead: SHA256Digest,
                                appendedAt: String, tree: MerkleTreeBuilder, roll: SignatoryRoll,
                                signingKey: Ed25519PrivateKey) throws(StorageError) -> (RegistryState, SignatoryIndex) {
        invalidate(layout)
        if !FileSystem.isDirectory(layout.state) { try FileSystem.makeDirectory(layout.state) }
        let records = roll.indexRecords
        let files = try SignatoryIndex.writeBase(records, in: layout)
        let state = RegistryState(size: size, ledgerLength: ledgerLength, chainHead: chainHead,
                                  appendedAt: appendedAt, tree: tree, files: files)
        try state.save(layout, signingKey: signingKey)
        let byKey = records.sorted { $0.key.lexicographicallyPrecedes($1.key) }.flatMap(\.bytes)
        let byIdentity = records.filter(\.isActive).sorted { $0.identity.lexicographicallyPrecedes($1.identity) }
            .flatMap(\.bytes)
        guard let index = SignatoryIndex(layout, byKey: byKey, byIdentity: byIdentity, changes: []) else {
            throw StorageError(path: layout.state, operation: "building the signatory index", cause: .shorterThanRecorded)
        }
        return (state, index)
    }
}

extension SignatoryRoll {
    /// Every key seen, active or not, as the append index stores them.
    var indexRecords: [IndexRecord] {
        keys.map { key, state in
            let record = state.active
            return IndexRecord(key: key.bytes, identity: record?.identity.bytes ?? [UInt8](repeating: 0, count: 32),
                               sequence: record?.sequence ?? state.latest.sequence, latest: state.latest,
                               isActive: record != nil)
        }
    }
}
