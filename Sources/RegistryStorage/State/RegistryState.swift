import CryptoPrimitives
import Foundation
import Glibc
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
    static let format = "declaration-registry/state/v2"

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

    package static func directory(_ layout: RegistryLayout) -> String { layout.path("state") }
    static func tipPath(_ layout: RegistryLayout) -> String { directory(layout) + "/tip" }

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
        guard let bytes = try? FileSystem.read(tipPath(layout), limit: 64 * 1024), bytes.last == 0x0A,
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
              fileSize(SignatoryIndex.paths(in: directory(layout)).byKey) == state.indexCount * IndexRecord.size,
              fileSize(SignatoryIndex.paths(in: directory(layout)).byIdentity) == state.identityCount * IndexRecord.size,
              let index = try? SignatoryIndex(directory: directory(layout), baseCount: state.indexCount,
                                              identityCount: state.identityCount, changeLength: state.changesLength)
        else { return nil }
        return (state, index)
    }

    /// Whether the ledger's line ending at `ledgerLength` hashes to the
    /// chain head, so the state describes this ledger and not another.
    private func matchesLedgerTail(_ layout: RegistryLayout) -> Bool {
        guard size > 0 else { return ledgerLength == 0 || Self.fileSize(layout.ledger) == nil }
        guard let actual = Self.fileSize(layout.ledger), actual >= ledgerLength, ledgerLength > 0 else { return false }
        let descriptor = open(layout.ledger, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        // Lines are a few kilobytes at most; read backwards until the line
        // feed that ends the line before the last.
        var window = min(ledgerLength, 16 * 1024)
        while true {
            var bytes = [UInt8](repeating: 0, count: window)
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, window, off_t(ledgerLength - window)) }
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

    package static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// Writes the tip atomically: the last step of any change to the state.
    package func save(_ layout: RegistryLayout) throws(StorageError) {
        try FileSystem.replaceAtomically(Self.tipPath(layout), bytes: CanonicalJSON.encode(json) + [0x0A])
    }

    /// Removes the tip, so the next append rebuilds the state.
    package static func invalidate(_ layout: RegistryLayout) {
        unlink(tipPath(layout))
    }

    /// Builds the state from what a full pass over the ledger found (its
    /// first `size` entries, `ledgerLength` bytes, and the roll and tree
    /// over them) and writes it.
    package static func rebuild(_ layout: RegistryLayout, size: UInt64, ledgerLength: Int, chainHead: SHA256Digest,
                        appendedAt: String, tree: MerkleTreeBuilder,
                        roll: SignatoryRoll) throws(StorageError) -> (RegistryState, SignatoryIndex) {
        let directory = directory(layout)
        invalidate(layout)
        if !FileSystem.isDirectory(directory) { try FileSystem.makeDirectory(directory) }
        let records = roll.indexRecords
        let identityCount = try SignatoryIndex.writeBase(records, in: directory)
        let state = RegistryState(
            size: size, ledgerLength: ledgerLength, chainHead: chainHead,
            appendedAt: appendedAt, tree: tree, indexCount: records.count, identityCount: identityCount,
            changesLength: 0)
        try state.save(layout)
        let index = try SignatoryIndex(directory: directory, baseCount: records.count, identityCount: identityCount,
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
