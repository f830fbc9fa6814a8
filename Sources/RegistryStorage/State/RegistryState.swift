import CryptoPrimitives
import RegistryFormat
import TransparencyLog

/// What an append needs to know about the registry without re-reading the
/// ledger: its size and length, the chain head, the last recording time, the
/// Merkle tree's frontier, and the index of active signatories.
///
/// It lives in the registry's `state/` folder, is derived from the ledger
/// alone, and is trusted only after it is checked against the registrar's
/// signed checkpoint and the ledger's last line; otherwise it is rebuilt
/// from the ledger. Deleting the folder is always safe.
package struct RegistryState {
    /// v3: the identity digests in the index fold names by canonical
    /// caseless matching (FORMAT.md 9); a v2 index, folded the old way,
    /// must not be trusted, so its tip is refused and the state rebuilt.
    static let format = "declaration-registry/state/v3"

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
    /// Records in the index's sorted file by key (every key seen).
    package var indexCount: Int
    /// Records in the index's sorted file by identity (active signatories).
    package var identityCount: Int
    /// Bytes of the index's change log.
    package var changesLength: Int

    var json: JSONValue {
        .object([
            "format": .string(Self.format),
            "size": .integer(Int64(size)),
            "ledger_length": .integer(Int64(ledgerLength)),
            "chain_head": .string(chainHead.hex),
            "appended_at": .string(appendedAt),
            "frontier": .array(tree.state.frontier.map { .string($0.hex) }),
            "index_count": .integer(Int64(indexCount)),
            "identity_count": .integer(Int64(identityCount)),
            "changes_length": .integer(Int64(changesLength)),
        ])
    }

    /// Loads the state and checks it against the checkpoint and the ledger;
    /// nil when it is missing, damaged or stale, and must be rebuilt.
    package static func load(_ layout: RegistryLayout, checkpoint: RegistryCheckpoint) -> (RegistryState, SignatoryIndex)? {
        guard let bytes = try? FileSystem.read(layout.stateTip, limit: 64 * 1024), bytes.last == 0x0A,
              let json = try? CanonicalJSON.parseCanonical(bytes.dropLast()),
              json["format"]?.stringValue == format,
              let size = json["size"]?.integerValue, size >= 0,
              let ledgerLength = json["ledger_length"]?.integerValue, ledgerLength >= 0,
              let chainHead = json["chain_head"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
              let appendedAt = json["appended_at"]?.stringValue,
              let frontier = json["frontier"]?.arrayValue?.compactMap({ $0.stringValue.flatMap(SHA256Digest.init(hex:)) }),
              let indexCount = json["index_count"]?.integerValue, indexCount >= 0,
              let identityCount = json["identity_count"]?.integerValue, identityCount >= 0,
              let changesLength = json["changes_length"]?.integerValue, changesLength >= 0,
              let treeState = try? MerkleTreeBuilder.State(size: UInt64(size), frontier: frontier)
        else { return nil }
        let state = RegistryState(
            size: UInt64(size), ledgerLength: Int(ledgerLength), chainHead: chainHead, appendedAt: appendedAt,
            tree: MerkleTreeBuilder(state: treeState), indexCount: Int(indexCount), identityCount: Int(identityCount),
            changesLength: Int(changesLength))
        guard state.size == checkpoint.size, state.chainHead == checkpoint.chainHead,
              state.tree.root == checkpoint.rootHash,
              state.matchesLedgerTail(layout),
              FileSystem.size(of: layout.signatoriesByKey) == state.indexCount * IndexRecord.size,
              FileSystem.size(of: layout.signatoriesByIdentity) == state.identityCount * IndexRecord.size,
              let index = try? SignatoryIndex(layout, baseCount: state.indexCount,
                                              identityCount: state.identityCount, changeLength: state.changesLength)
        else { return nil }
        return (state, index)
    }

    /// Whether the ledger's line ending at `ledgerLength` hashes to the
    /// chain head, so the state describes this ledger and not another.
    private func matchesLedgerTail(_ layout: RegistryLayout) -> Bool {
        guard size > 0 else { return ledgerLength == 0 || FileSystem.size(of: layout.ledger) == nil }
        guard let actual = FileSystem.size(of: layout.ledger), actual >= ledgerLength, ledgerLength > 0,
              let file = try? FileDescriptor(path: layout.ledger, access: .reading)
        else { return false }
        // Lines are a few kilobytes at most; read backwards until the line
        // feed that ends the line before the last.
        var window = min(ledgerLength, 16 * 1024)
        while true {
            var bytes = [UInt8](repeating: 0, count: window)
            let count = bytes.withUnsafeMutableBytes { try? file.read(into: $0, at: ledgerLength - window) }
            guard count == window, bytes.last == 0x0A else { return false }
            bytes.removeLast()
            if let start = bytes.lastIndex(of: 0x0A) {
                return SHA256.hash(Array(bytes[(start + 1)...])) == chainHead
            }
            if window == ledgerLength { return SHA256.hash(bytes) == chainHead }
            guard window < 4 << 20 else { return false }
            window = min(ledgerLength, window * 4)
        }
    }

    /// Writes the tip atomically: the last step of any change to the state.
    package func save(_ layout: RegistryLayout) throws(StorageError) {
        try FileSystem.replaceAtomically(layout.stateTip, bytes: CanonicalJSON.encode(json) + [0x0A])
    }

    /// Removes the tip, so the next append rebuilds the state.
    package static func invalidate(_ layout: RegistryLayout) {
        FileSystem.remove(layout.stateTip)
    }

    /// Builds the state from what a full pass over the ledger found (its
    /// first `size` entries, `ledgerLength` bytes, and the roll and tree
    /// over them) and writes it.
    package static func rebuild(_ layout: RegistryLayout, size: UInt64, ledgerLength: Int, chainHead: SHA256Digest,
                        appendedAt: String, tree: MerkleTreeBuilder,
                        roll: SignatoryRoll) throws(StorageError) -> (RegistryState, SignatoryIndex) {
        invalidate(layout)
        if !FileSystem.isDirectory(layout.state) { try FileSystem.makeDirectory(layout.state) }
        let records = roll.indexRecords
        let identityCount = try SignatoryIndex.writeBase(records, in: layout)
        let state = RegistryState(
            size: size, ledgerLength: ledgerLength, chainHead: chainHead,
            appendedAt: appendedAt, tree: tree, indexCount: records.count, identityCount: identityCount,
            changesLength: 0)
        try state.save(layout)
        let index = try SignatoryIndex(layout, baseCount: records.count, identityCount: identityCount,
                                       changeLength: 0)
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
