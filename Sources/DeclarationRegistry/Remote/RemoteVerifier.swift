import CryptoPrimitives
import LogClient
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// Verifies a registry published as a C2SP tlog-tiles site, from its URL.
///
/// It fetches the checkpoint, `registry.json`, the declaration files, the
/// entry bundles and the Merkle tiles, builds a copy of the registry in the
/// trust state (the ledger from the bundles' entries) and runs
/// `RegistryVerifier` on it, so every rule a local `verify` checks is
/// checked, by the same code. It also checks what only a published site
/// has: every tile fetched equals the tile computed from the entries.
///
/// The trust state keeps, per origin, the copy and the last checkpoint
/// verified. The next verification fetches only what is new (the
/// checkpoint, the O(log n) tiles of an RFC 9162 consistency proof from the
/// old size and the tiles that changed, the bundles from the old partial
/// one on), verifies incrementally, and refuses a checkpoint that
/// contradicts the one trusted: smaller, of the same size with another
/// root, or not consistent (`SplitViewEvidence`, saved to a file).
/// Nothing is saved to the trust state unless everything verifies.
public struct RemoteVerifier: Sendable {
    /// The client of the registry's site.
    public var client: TiledLogClient
    /// Where the trust state lives.
    public var state: TrustStateLayout
    /// The registrar's key pinned by the caller (`--log-key`): a checkpoint
    /// not signed by it, or a trust state made with another key, is refused.
    public var pinnedKey: NoteVerifierKey?
    /// The witness policy the caller demands (`--policy`): a checkpoint
    /// whose log the policy does not accept, or without its quorum of
    /// cosignatures, is refused before anything is committed to the trust
    /// state (`RegistryError.checkpointRefused`).
    public var policy: CheckpointPolicy?

    /// A verifier of the site `client` fetches from, keeping its trust state under `state`.
    public init(client: TiledLogClient, state: TrustStateLayout, pinnedKey: NoteVerifierKey? = nil,
                policy: CheckpointPolicy? = nil) {
        self.client = client
        self.state = state
        self.pinnedKey = pinnedKey
        self.policy = policy
    }

    /// Verifies the registry at the client's URL, against the trust state
    /// for its origin when there is one; with `checkpoint` (a signed
    /// checkpoint got elsewhere, and where it came from), also proves the
    /// registry consistent with it. On success the trust state holds the
    /// new checkpoint; on any failure it is as it was.
    ///
    /// `collectingHistory` and `keepingSignatoryDetails` are passed to
    /// `RegistryVerifier.verify`.
    public func verify(checkpoint earlier: (path: String, bytes: [UInt8])? = nil,
                       collectingHistory: Bool = false,
                       keepingSignatoryDetails: Bool = true) async throws(RemoteVerificationError) -> RemoteVerificationReport {
        let before = client.http.statistics
        let served: [UInt8]
        do {
            served = try await client.checkpoint()
        } catch {
            throw .fetch(error)
        }
        // A pinned key is checked first: a checkpoint it did not sign is
        // refused before anything else is fetched or any state is read.
        if let pinnedKey {
            do throws(TransparencyError) {
                _ = try Checkpoint(verifying: String(decoding: served, as: UTF8.self), with: pinnedKey)
            } catch {
                throw .registry(.verificationFailed(VerificationFailure(
                    file: client.prefix.urlString(RegistryLayout.Name.checkpoint), expected: pinnedKey.string,
                    message: "the checkpoint is not signed by the pinned --log-key \(pinnedKey.string): \(error.description). Check the key, and where you got it; do not trust this registry until it matches")))
            }
        }
        let trust = TrustState(layout: state)
        let lock = try trust.lock()
        defer { lock.release() }
        trust.removeAbandonedStaging()
        let options = Options(earlier: earlier, collectingHistory: collectingHistory,
                              keepingSignatoryDetails: keepingSignatoryDetails)
        var report: RemoteVerificationReport
        // The origin line picks the trust state only; it is read as the
        // checkpoint's first line before any signature is checked, and
        // everything after checks it under the key that state holds.
        if let origin = Self.unverifiedOrigin(of: served), let trusted = try trust.load(origin: origin) {
            report = try await update(trusted, served: served, trust: trust, options: options)
        } else {
            report = try await firstUse(served: served, trust: trust, options: options)
        }
        report.fetched = before.difference(to: client.http.statistics)
        return report
    }

    struct Options {
        var earlier: (path: String, bytes: [UInt8])?
        var collectingHistory: Bool
        var keepingSignatoryDetails: Bool
    }

    // MARK: - First contact

    private func firstUse(served: [UInt8], trust: TrustState,
                          options: Options) async throws(RemoteVerificationError) -> RemoteVerificationReport {
        let staging = try trust.makeStaging()
        var committed = false
        defer { if !committed { FileSystem.removeTree(staging.directory) } }
        let places = Places(prefix: client.prefix, mirror: staging, trustedSize: 0)

        // The header and the declaration, then the copy's files beside the
        // checkpoint, with an empty ledger for now.
        let names = [RegistryLayout.Name.header] + Declaration.fileNames.map { RegistryLayout.Name.declaration + "/" + $0 }
        var files: [[UInt8]] = []
        try await client.inOrder(names, fetch: { client, name throws(FetchError) in
            let limit = name == RegistryLayout.Name.header ? RegistryVerifier.smallFileLimit : Declaration.maximumFileSize
            return try await client.file(name, maximumBytes: limit)
        }, consume: { (_: Int, bytes: [UInt8]) throws(RemoteVerificationError) in files.append(bytes) },
           failure: RemoteVerificationError.fetch)
        do {
            try FileSystem.makeDirectory(staging.declaration)
            for (name, bytes) in zip(names, files) {
                try FileSystem.createNew(staging.path(name), bytes: bytes)
            }
            try FileSystem.createNew(staging.checkpoint, bytes: served)
            try FileSystem.createNew(staging.ledger, bytes: [])
        } catch {
            throw .registry(.storage(error))
        }

        let verifier = RegistryVerifier(layout: staging)
        let header: RegistryHeader
        let checkpoint: RegistryCheckpoint
        do throws(RegistryError) {
            header = try verifier.readHeader()
            if let pinnedKey { try checkPinned(pinnedKey, header: header) }
            _ = try verifier.readDeclaration(header: header)
            do throws(VerificationFailure) {
                checkpoint = try verifier.openCheckpoint(served, path: staging.checkpoint, header: header)
            } catch {
                throw .verificationFailed(error)
            }
        } catch {
            throw places.published(error)
        }
        let key: NoteVerifierKey
        do {
            key = try header.checkpointVerifierKey()
        } catch {
            throw places.published(.verificationFailed(VerificationFailure(file: staging.header, line: 1, field: "origin", message: error.description)))
        }
        // The policy is judged before any entry is fetched; nothing is
        // committed until everything below verifies too.
        let witnessing = try judge(served, loggedBy: key)

        // Every entry bundle, streamed into the copy's ledger.
        let size = checkpoint.size
        let leafHashes = try await appendEntries(of: TilePath.entryBundles(treeSize: size), from: 0, knownHashes: [],
                                                 to: staging.ledger, expectedLength: 0, places: places).hashes
        var report: VerificationReport
        do {
            report = try verifier.verify(collectingHistory: options.collectingHistory,
                                         keepingSignatoryDetails: options.keepingSignatoryDetails)
        } catch {
            throw places.published(error, treeSize: size)
        }
        report.witnessing = witnessing
        // Every tile the site publishes for this size, against the entries.
        let computed = TileSet(leafHashes: leafHashes)
        try await checkTiles(TilePath.hashTiles(treeSize: size), against: computed)
        let checked = try options.earlier.map { earlier throws(RemoteVerificationError) in
            try checkEarlier(earlier, header: header, key: key, current: checkpoint, servedNote: served,
                             computed: computed, trust: trust)
        }
        let mirror = try trust.commitFirst(staging: staging, origin: header.origin, checkpointNote: served)
        committed = true
        // A policy with log lines pins the key as --log-key does.
        let pinned = pinnedKey != nil || policy.map { !$0.policy.logs.isEmpty } == true
        return RemoteVerificationReport(
            verification: report, url: client.prefix.string, trust: pinned ? .pinned : .firstUse,
            mirror: mirror, logKey: key.string, checkedCheckpoint: checked, fetched: FetchStatistics())
    }

    /// A pinned key (which signed the checkpoint) must be the key the
    /// header names, under the header's origin.
    private func checkPinned(_ pinned: NoteVerifierKey, header: RegistryHeader) throws(RegistryError) {
        let named = try? header.checkpointVerifierKey()
        guard named == pinned else {
            throw .verificationFailed(VerificationFailure(
                file: client.prefix.urlString(RegistryLayout.Name.header), line: 1, field: "registrar_key",
                expected: pinned.string, found: named?.string,
                message: "the header names the registrar key \(named?.string ?? header.registrarKey.keyID), not the pinned --log-key \(pinned.string)"))
        }
    }

    // MARK: - Update

    private func update(_ trusted: TrustState.Trusted, served: [UInt8], trust: TrustState,
                        options: Options) async throws(RemoteVerificationError) -> RemoteVerificationReport {
        let checkpointURL = client.prefix.urlString(RegistryLayout.Name.checkpoint)
        if let pinnedKey, pinnedKey != trusted.key {
            throw .registry(.verificationFailed(VerificationFailure(
                file: trusted.mirror.directory, expected: pinnedKey.string, found: trusted.key.string,
                message: "the trust state for \(trusted.header.origin) was made with the registrar key \(trusted.key.string), not the pinned --log-key \(pinnedKey.string). If the registrar really changed its key (check with it), remove \(trusted.mirror.directory) and verify again with the new key")))
        }
        let checkpoint: RegistryCheckpoint
        do throws(RegistryCheckpoint.OpenError) {
            checkpoint = try RegistryCheckpoint(opening: served, verifier: trusted.key, origin: trusted.header.origin)
        } catch {
            throw .registry(.verificationFailed(VerificationFailure(
                file: checkpointURL, line: error.line,
                message: "\(error.description). The trust state holds the registrar key \(trusted.key.string) for \(trusted.header.origin), and a checkpoint must be signed by it; if the registrar really changed its key (check with it), remove \(trusted.mirror.directory) and verify again")))
        }
        let oldSize = trusted.checkpoint.size
        let newSize = checkpoint.size
        func evidence(_ kind: SplitViewEvidence.Kind) -> RemoteVerificationError {
            .splitView(trust.save(SplitViewEvidence(
                kind: kind, origin: trusted.header.origin, url: checkpointURL, earlier: trusted.checkpointNote,
                earlierSource: trusted.checkpointPath, earlierSize: oldSize, served: served, servedSize: newSize)))
        }
        if newSize < oldSize { throw evidence(.rolledBack) }
        if newSize == oldSize {
            // The bodies are compared, not the notes' bytes: the same tree
            // with other signature lines (a witness's cosignature added)
            // is no split view.
            guard checkpoint.rootHash == trusted.checkpoint.rootHash, checkpoint.chainHead == trusted.checkpoint.chainHead else {
                throw evidence(.differentRoot)
            }
        }
        // Judged after the checks that save evidence (a split view is
        // evidence whatever its cosignatures) and before anything changes.
        let witnessing = try judge(served, loggedBy: trusted.key)
        if newSize == oldSize {
            return try resigned(trusted, served: served, checkpoint: checkpoint, witnessing: witnessing,
                                trust: trust, options: options)
        }

        // The tiles of the consistency proof and those that changed, all
        // of the new size: O(log n) of them for a small growth.
        let proofPaths = TileSet.tilesForConsistencyProof(fromSize: oldSize, treeSize: newSize)
        var paths = proofPaths
        for path in Self.changedTiles(from: oldSize, to: newSize) where !paths.contains(path) {
            paths.append(path)
        }
        let tiles: [Tile]
        do {
            tiles = try await client.tiles(paths)
        } catch {
            throw .fetch(error)
        }
        var published = TileSet(treeSize: newSize)
        for tile in tiles { published.insert(tile) }
        let proof: Result<[SHA256Digest], TransparencyError> = Result { () throws(TransparencyError) in
            let proof = try published.consistencyProof(fromSize: oldSize)
            try MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: trusted.checkpoint.rootHash,
                                             newRoot: checkpoint.rootHash, proof: proof)
            return proof
        }

        // The bundles from the one the old size left partial: its old
        // entries must be those verified before, the rest are appended.
        let places = Places(prefix: client.prefix, mirror: trusted.mirror, trustedSize: oldSize)
        let first = oldSize / UInt64(TilePath.fullWidth)
        let last = (newSize - 1) / UInt64(TilePath.fullWidth)
        let bundles = (first...last).compactMap { TilePath.entryBundle(index: $0, treeSize: newSize) }
        do throws(RemoteVerificationError) {
            let appended = try await appendEntries(of: bundles, from: oldSize, knownHashes: trusted.leafHashes,
                                                   to: trusted.mirror.ledger, expectedLength: trusted.ledgerLength,
                                                   places: places)
            do {
                try FileSystem.replaceAtomically(trusted.mirror.checkpoint, bytes: served)
            } catch {
                throw RemoteVerificationError.registry(.storage(error))
            }
            let verified = Result { () throws(RemoteVerificationError) in
                try verifyCopy(trusted, treeSize: newSize, options: options)
            }
            // Judging the three results together: the copy verifying
            // proves the two checkpoints consistent (both roots come from
            // one ledger), so a failed proof then means a bad tile. When
            // the entries do not verify and the tiles do not prove
            // consistency either, the log itself contradicts the history
            // verified before.
            var report: VerificationReport
            switch (verified, appended.overlapMismatch, proof) {
            case (.failure, _, .failure(let error)), (.success, .some, .failure(let error)):
                throw evidence(.inconsistent(reason: "the log's tiles give no consistency proof: \(error.description)"))
            case (_, .some(let mismatch), .success):
                throw RemoteVerificationError.registry(.verificationFailed(mismatch))
            case (.failure(let error), nil, .success):
                throw error
            case (.success(let verifiedReport), nil, _):
                report = verifiedReport
            }
            let computed = TileSet(leafHashes: appended.hashes)
            try compare(tiles, with: computed)
            let consistency: [SHA256Digest]
            switch proof {
            case .success(let hashes): consistency = hashes
            // The tiles equal the computed ones, from which the proof holds.
            case .failure(let error):
                throw evidence(.inconsistent(reason: error.description))
            }
            let checked = try options.earlier.map { earlier throws(RemoteVerificationError) in
                try checkEarlier(earlier, header: trusted.header, key: trusted.key, current: checkpoint, servedNote: served,
                                 computed: computed, trust: trust)
            }
            try trust.commitUpdate(trusted, checkpointNote: served)
            report.witnessing = witnessing
            return RemoteVerificationReport(
                verification: report, url: client.prefix.string, trust: .updated(fromSize: oldSize, proof: consistency),
                mirror: trusted.mirror, logKey: trusted.key.string, checkedCheckpoint: checked, fetched: FetchStatistics())
        } catch {
            trust.restore(trusted)
            throw error
        }
    }

    /// The server's checkpoint has the trusted tree: nothing new to fetch.
    /// The copy is still checked (re-hashed against the trusted checkpoint)
    /// before it is reported on. A note with other signature lines (new
    /// cosignatures) replaces the trusted one, so the state keeps the note
    /// last verified, cosignatures and all.
    private func resigned(_ trusted: TrustState.Trusted, served: [UInt8], checkpoint: RegistryCheckpoint,
                          witnessing: WitnessedCheckpoint?, trust: TrustState,
                          options: Options) throws(RemoteVerificationError) -> RemoteVerificationReport {
        let changed = served != trusted.checkpointNote
        do throws(RemoteVerificationError) {
            if changed {
                do {
                    try FileSystem.replaceAtomically(trusted.mirror.checkpoint, bytes: served)
                } catch {
                    throw RemoteVerificationError.registry(.storage(error))
                }
            }
            var report = try verifyCopy(trusted, treeSize: checkpoint.size, options: options)
            report.witnessing = witnessing
            let checked = try options.earlier.map { earlier throws(RemoteVerificationError) in
                try checkEarlier(earlier, header: trusted.header, key: trusted.key, current: checkpoint, servedNote: served,
                                 computed: TileSet(leafHashes: trusted.leafHashes), trust: trust)
            }
            if changed { try trust.commitUpdate(trusted, checkpointNote: served) }
            return RemoteVerificationReport(verification: report, url: client.prefix.string,
                                            trust: changed ? .newSignatures : .unchanged,
                                            mirror: trusted.mirror, logKey: trusted.key.string, checkedCheckpoint: checked,
                                            fetched: FetchStatistics())
        } catch {
            if changed { trust.restore(trusted) }
            throw error
        }
    }

    /// The policy's judgement of the served checkpoint, signed by `key`
    /// (nil without a policy).
    private func judge(_ served: [UInt8], loggedBy key: NoteVerifierKey) throws(RemoteVerificationError) -> WitnessedCheckpoint? {
        guard let policy else { return nil }
        do {
            return try policy.judge(served, at: client.prefix.urlString(RegistryLayout.Name.checkpoint), loggedBy: key)
        } catch {
            throw .registry(.checkpointRefused(error))
        }
    }

    /// Verifies the copy against the trusted checkpoint, incrementally
    /// (its entries' signatures were checked when it was trusted).
    private func verifyCopy(_ trusted: TrustState.Trusted, treeSize: UInt64,
                            options: Options) throws(RemoteVerificationError) -> VerificationReport {
        do {
            return try RegistryVerifier(layout: trusted.mirror).verify(
                savedCheckpoint: (path: trusted.checkpointPath, bytes: trusted.checkpointNote), trustingSavedCheckpoint: true,
                collectingHistory: options.collectingHistory, keepingSignatoryDetails: options.keepingSignatoryDetails)
        } catch {
            throw Places(prefix: client.prefix, mirror: trusted.mirror, trustedSize: trusted.checkpoint.size)
                .published(error, treeSize: treeSize)
        }
    }

    /// The Merkle tiles that a tree of `newSize` leaves has and one of
    /// `oldSize` did not have in that form: at each level, the old partial
    /// tile (now wider or full) and every tile after it.
    static func changedTiles(from oldSize: UInt64, to newSize: UInt64) -> [TilePath] {
        var paths: [TilePath] = []
        for level in 0...TilePath.maximumLevel {
            let shift = UInt64(8 * level)
            let newCount = newSize >> shift
            let oldCount = oldSize >> shift
            guard newCount > 0 else { break }
            guard newCount > oldCount else { continue }
            let width = UInt64(TilePath.fullWidth)
            for index in (oldCount / width)...((newCount - 1) / width) {
                if let path = TilePath.hashTile(level: level, index: index, treeSize: newSize) { paths.append(path) }
            }
        }
        return paths
    }

    // MARK: - Entries

    struct Appended {
        /// The leaf hashes of every entry, those known before included.
        var hashes: [SHA256Digest]
        /// The first entry of a bundle that differs from the one verified
        /// before at its place.
        var overlapMismatch: VerificationFailure?
    }

    /// Fetches `bundles` (in order, several at once) and appends every
    /// entry from number `start` (counted from 0) to the ledger at `path`,
    /// which holds `expectedLength` bytes; the entries before `start` must
    /// hash to `knownHashes`. An entry holding a line feed is refused: no
    /// ledger line does, and it would become two.
    private func appendEntries(of bundles: [TilePath], from start: UInt64, knownHashes: [SHA256Digest],
                               to path: String, expectedLength: Int,
                               places: Places) async throws(RemoteVerificationError) -> Appended {
        var appended = Appended(hashes: knownHashes, overlapMismatch: nil)
        let file: FileDescriptor
        do throws(StorageError) {
            file = try FileDescriptor(path: path, access: .appending, links: .refuse, operation: "opening the copy's ledger")
            guard try file.status().size == expectedLength else {
                throw StorageError(path: path, operation: "appending", cause: .changedWhileLocked)
            }
        } catch {
            throw .registry(.storage(error))
        }
        defer { try? file.close() }
        try await client.inOrder(bundles, fetch: { client, path throws(FetchError) in try await client.entryBundle(path) },
                                 consume: { (position: Int, bundle: EntryBundle) throws(RemoteVerificationError) in
            let bundlePath = bundles[position]
            let url = client.prefix.urlString(bundlePath.path)
            var lines: [UInt8] = []
            for (offset, entry) in bundle.entries.enumerated() {
                let index = bundlePath.index * UInt64(TilePath.fullWidth) + UInt64(offset)
                if index < start {
                    if MerkleTree.leafHash(entry) != knownHashes[Int(index)], appended.overlapMismatch == nil {
                        appended.overlapMismatch = VerificationFailure(
                            file: url, sequence: Int64(index) + 1,
                            message: "entry \(offset) of this bundle differs from entry \(index + 1), verified before: a published entry was changed")
                    }
                    continue
                }
                guard !entry.contains(0x0A) else {
                    throw .fetch(FetchError(url: url, problem: .badContent(
                        file: "entry bundle", reason: "its entry \(offset) (entry \(index + 1)) holds a line feed, which no ledger line does")))
                }
                lines += entry
                lines.append(0x0A)
                appended.hashes.append(MerkleTree.leafHash(entry))
            }
            do throws(StorageError) {
                try file.writeAll(lines, operation: "writing the copy's ledger")
            } catch {
                throw .registry(.storage(error))
            }
        }, failure: RemoteVerificationError.fetch)
        do {
            try file.sync()
        } catch {
            throw .registry(.storage(error))
        }
        return appended
    }

    // MARK: - Tiles

    /// Fetches every tile at `paths` and compares it with the one computed
    /// from the entries.
    private func checkTiles(_ paths: [TilePath], against computed: TileSet) async throws(RemoteVerificationError) {
        try await client.inOrder(paths, fetch: { client, path throws(FetchError) in try await client.tile(path) },
                                 consume: { (_: Int, tile: Tile) throws(RemoteVerificationError) in
            try compare([tile], with: computed)
        }, failure: RemoteVerificationError.fetch)
    }

    /// Refuses the first tile that differs from the computed one, naming
    /// it, its URL and the first hash that differs.
    private func compare(_ tiles: [Tile], with computed: TileSet) throws(RemoteVerificationError) {
        for tile in tiles {
            let url = client.prefix.urlString(tile.path.path)
            guard let expected = computed[tile.path] else {
                throw .registry(.verificationFailed(VerificationFailure(
                    file: url, message: "the tree of \(computed.treeSize) entries has no tile \(tile.path.path)")))
            }
            guard let position = tile.hashes.indices.first(where: { tile.hashes[$0] != expected.hashes[$0] }) else { continue }
            let level = tile.path.level ?? 0
            let below = tile.path.index * UInt64(TilePath.fullWidth) + UInt64(position)
            let what = level == 0
                ? "entry \(below + 1)'s leaf hash"
                : "the root of tile " + ((try? TilePath(level: level - 1, index: below).path) ?? "\(level - 1)/\(below)")
            throw .registry(.verificationFailed(VerificationFailure(
                file: url, expected: expected.hashes[position].hex, found: tile.hashes[position].hex,
                message: "tile \(tile.path.path) differs from the tile computed from the entries: its hash \(position) is \(tile.hashes[position].hex), but \(what) is \(expected.hashes[position].hex). The entries verify against the signed checkpoint; the published tile was altered")))
        }
    }

    // MARK: - A checkpoint got elsewhere

    /// Proves `earlier` (a signed checkpoint of this registry got
    /// elsewhere) consistent with the checkpoint just verified, by an RFC
    /// 9162 consistency proof read from the tiles computed from the
    /// entries (the same tiles as the published ones, which were compared).
    private func checkEarlier(_ earlier: (path: String, bytes: [UInt8]), header: RegistryHeader, key: NoteVerifierKey,
                              current: RegistryCheckpoint, servedNote: [UInt8], computed: TileSet,
                              trust: TrustState) throws(RemoteVerificationError) -> (checkpoint: RegistryCheckpoint, proof: [SHA256Digest]) {
        if KeyMaterial.appears(in: earlier.bytes) {
            throw .registry(.notACheckpoint(path: earlier.path, line: nil, reason: "this file holds a private key; nothing of it is shown, and private keys are best kept to yourself"))
        }
        let old: RegistryCheckpoint
        do throws(RegistryCheckpoint.OpenError) {
            old = try RegistryCheckpoint(opening: earlier.bytes, verifier: key, origin: header.origin)
        } catch {
            switch error {
            case .notText, .chainHead, .sizeTooLarge, .checkpoint(.malformedNote), .checkpoint(.malformedCheckpoint):
                throw .registry(.notACheckpoint(path: earlier.path, line: error.line, reason: error.description))
            case .checkpoint:
                throw .registry(.verificationFailed(VerificationFailure(file: earlier.path, line: error.line, message: error.description)))
            }
        }
        func evidence(_ kind: SplitViewEvidence.Kind) -> RemoteVerificationError {
            .splitView(trust.save(SplitViewEvidence(
                kind: kind, origin: header.origin, url: client.prefix.urlString(RegistryLayout.Name.checkpoint),
                earlier: earlier.bytes, earlierSource: earlier.path, earlierSize: old.size,
                served: servedNote, servedSize: current.size)))
        }
        if old.size > current.size { throw evidence(.rolledBack) }
        if old.size == current.size {
            guard old.rootHash == current.rootHash, old.chainHead == current.chainHead else { throw evidence(.differentRoot) }
            return (old, [])
        }
        do throws(TransparencyError) {
            let proof = try computed.consistencyProof(fromSize: old.size)
            try MerkleTree.verifyConsistency(oldSize: old.size, newSize: current.size, oldRoot: old.rootHash,
                                             newRoot: current.rootHash, proof: proof)
            return (old, proof)
        } catch {
            throw evidence(.inconsistent(reason: error.description))
        }
    }

    // MARK: - Origins

    /// The checkpoint's first line, if it can be an origin.
    static func unverifiedOrigin(of note: [UInt8]) -> String? {
        guard let end = note.firstIndex(of: 0x0A),
              let origin = String(validating: note[..<end], as: UTF8.self),
              (try? RegistryOrigin.check(origin)) != nil
        else { return nil }
        return origin
    }
}
