import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// The trust state on disk: one verified copy of each registry, by origin,
/// with the checkpoint last verified for it. Like Go's checksum database
/// cache, it lets the next verification fetch only what is new, and it is
/// what a split view is measured against.
///
/// Crash safety: `trusted-checkpoint` is the commit point. A first
/// verification builds the copy in a staging folder that is renamed into
/// place only once it verifies, `trusted-checkpoint` inside; an update
/// appends to the copy's ledger and replaces its `checkpoint`, verifies,
/// and only then replaces `trusted-checkpoint` (write, sync, rename). A run
/// that fails, or a crash at any point, leaves a copy that `load` brings
/// back to the trusted checkpoint: the ledger cut back to the entries it
/// covers, the copy's `checkpoint` restored.
struct TrustState {
    let layout: TrustStateLayout

    /// What the state holds for one origin, brought back to its trusted checkpoint.
    struct Trusted {
        /// The verified copy.
        let mirror: RegistryLayout
        /// Its header.
        let header: RegistryHeader
        /// The registrar's key, from that header.
        let key: NoteVerifierKey
        /// `trusted-checkpoint`'s path.
        let checkpointPath: String
        /// Its bytes.
        let checkpointNote: [UInt8]
        /// The checkpoint.
        let checkpoint: RegistryCheckpoint
        /// The leaf hash of every entry it covers.
        let leafHashes: [SHA256Digest]
        /// The bytes of the ledger those entries fill.
        let ledgerLength: Int
    }

    // MARK: - The lock

    /// Creates the state's folders if needed and waits for the exclusive
    /// lock on `registries/`, which every verification from a URL holds
    /// while it reads or changes the state, so two never mix their writes.
    func lock() throws(RemoteVerificationError) -> FileLock {
        do {
            try Self.makeDirectories(layout.registries)
            return try FileLock(registry: RegistryLayout(directory: layout.registries), exclusive: true)
        } catch {
            throw .registry(.storage(error))
        }
    }

    /// Removes the staging folders of runs that did not finish: under the
    /// lock, none is in use.
    func removeAbandonedStaging() {
        let names = (try? FileSystem.contentsOfDirectory(layout.registries)) ?? []
        for name in names where TrustStateLayout.isStaging(name) {
            FileSystem.removeTree(layout.registries + "/" + name)
        }
    }

    // MARK: - Loading

    /// The state for `origin`, or nil when there is none. Brings the copy
    /// back to the trusted checkpoint (see the type's comment).
    func load(origin: String) throws(RemoteVerificationError) -> Trusted? {
        let mirror = layout.mirror(origin: origin)
        guard FileSystem.exists(mirror.directory) else { return nil }
        func damaged(_ reason: String) -> RemoteVerificationError {
            .trustStateDamaged(path: mirror.directory, reason: reason)
        }
        let checkpointPath = TrustStateLayout.trustedCheckpoint(in: mirror)
        let header: RegistryHeader
        do {
            header = try RegistryVerifier(layout: mirror).readHeader()
        } catch {
            throw damaged("its registry.json: \(error)")
        }
        guard header.origin == origin else {
            throw damaged("its registry.json is for origin \(header.origin)")
        }
        let key: NoteVerifierKey
        let checkpoint: RegistryCheckpoint
        let note: [UInt8]
        do {
            key = try header.checkpointVerifierKey()
            note = try FileSystem.read(checkpointPath, limit: RegistryVerifier.smallFileLimit, links: .refuse)
            checkpoint = try RegistryCheckpoint(opening: note, verifier: key, origin: origin)
        } catch {
            throw damaged("\(checkpointPath): \(error)")
        }
        let (leafHashes, length) = try coveredEntries(of: mirror, size: checkpoint.size, damaged: damaged)
        // Back to the trusted checkpoint: what a failed or interrupted run
        // added is dropped.
        do {
            if (FileSystem.size(of: mirror.ledger) ?? 0) > length {
                try LedgerFile.truncate(mirror.ledger, to: length)
            }
            let current = try? FileSystem.read(mirror.checkpoint, limit: RegistryVerifier.smallFileLimit, links: .refuse)
            if current != note {
                try FileSystem.replaceAtomically(mirror.checkpoint, bytes: note)
            }
        } catch {
            throw .registry(.storage(error))
        }
        return Trusted(mirror: mirror, header: header, key: key, checkpointPath: checkpointPath,
                       checkpointNote: note, checkpoint: checkpoint, leafHashes: leafHashes, ledgerLength: length)
    }

    /// The leaf hashes of the copy's first `size` ledger lines, and the
    /// bytes they fill; whatever follows is not read.
    private func coveredEntries(of mirror: RegistryLayout, size: UInt64,
                                damaged: (String) -> RemoteVerificationError) throws(RemoteVerificationError) -> ([SHA256Digest], Int) {
        var hashes: [SHA256Digest] = []
        hashes.reserveCapacity(Int(size))
        var length = 0
        do {
            let reader = try LedgerReader(path: mirror.ledger)
            while hashes.count < Int(size), let line = try reader.next() {
                hashes.append(MerkleTree.leafHash(line.bytes))
                length = line.offset + line.bytes.count + 1
            }
        } catch {
            throw damaged("its ledger: \(error)")
        }
        guard hashes.count == Int(size) else {
            throw damaged("its ledger holds \(hashes.count) entries, but the trusted checkpoint covers \(size)")
        }
        return (hashes, length)
    }

    // MARK: - A first verification

    /// A new, empty staging folder for a first verification.
    func makeStaging() throws(RemoteVerificationError) -> RegistryLayout {
        do {
            return RegistryLayout(directory: try FileSystem.makeUniqueDirectory(template: layout.stagingTemplate,
                                                                                base: layout.registries))
        } catch {
            throw .registry(.storage(error))
        }
    }

    /// Commits a first verification: writes `trusted-checkpoint` in the
    /// staging folder, then renames the folder into place as the copy of
    /// `origin`.
    func commitFirst(staging: RegistryLayout, origin: String, checkpointNote: [UInt8]) throws(RemoteVerificationError) -> RegistryLayout {
        let mirror = layout.mirror(origin: origin)
        do {
            try FileSystem.createNew(TrustStateLayout.trustedCheckpoint(in: staging), bytes: checkpointNote)
            try FileSystem.syncDirectory(staging.directory)
            try FileSystem.move(staging.directory, to: mirror.directory, operation: "saving the trust state")
            try FileSystem.syncDirectory(layout.registries)
        } catch {
            throw .registry(.storage(error))
        }
        return mirror
    }

    // MARK: - An update

    /// Commits an update: the copy already holds the new entries and
    /// checkpoint; replacing `trusted-checkpoint` makes them trusted.
    func commitUpdate(_ trusted: Trusted, checkpointNote: [UInt8]) throws(RemoteVerificationError) {
        do {
            try FileSystem.replaceAtomically(trusted.checkpointPath, bytes: checkpointNote)
        } catch {
            throw .registry(.storage(error))
        }
    }

    /// Takes back what an update that failed added to the copy.
    func restore(_ trusted: Trusted) {
        try? LedgerFile.truncate(trusted.mirror.ledger, to: trusted.ledgerLength)
        try? FileSystem.replaceAtomically(trusted.mirror.checkpoint, bytes: trusted.checkpointNote)
    }

    // MARK: - Evidence

    /// Saves the evidence's two checkpoints to a new file in `evidence/`,
    /// and says where (or why not) in the evidence.
    func save(_ evidence: SplitViewEvidence) -> SplitViewEvidence {
        var saved = evidence
        let path = layout.evidenceFile(origin: evidence.origin, stamp: Timestamp.string(from: Date()))
        let text = "declaration verify found two checkpoints of \(evidence.origin) that cannot both be true.\n"
            + "Check each with the registrar's key, keep them, and publish them.\n\n" + evidence.checkpoints
        do {
            try Self.makeDirectories(layout.evidence)
            try FileSystem.createNew(path, bytes: Array(text.utf8))
            saved.file = path
        } catch {
            saved.saveFailure = error.description
        }
        return saved
    }

    // MARK: - Folders

    /// Creates `path` and the folders above it that are missing (mode 0700,
    /// as the XDG specification asks of the state folder).
    private static func makeDirectories(_ path: String) throws(StorageError) {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", !FileSystem.exists(current) {
            missing.append(current)
            guard let slash = current.lastIndex(of: "/") else { break }
            current = String(current[..<slash])
        }
        for folder in missing.reversed() {
            do {
                try FileSystem.makeDirectory(folder, mode: 0o700)
            } catch where error.isAlreadyExisting {
                // Made meanwhile by another run: as good.
            }
        }
    }
}
