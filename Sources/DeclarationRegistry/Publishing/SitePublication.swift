import CryptoPrimitives
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// One publish of a registry to a site, step by step (`SitePublisher`):
/// read the registry, read and judge the site, stage every new file,
/// rename them into place, extend the site's ledger, and replace the
/// checkpoint last.
struct SitePublication {
    let registry: RegistryLayout
    let site: SiteLayout
    let staging: SiteStaging
    let interruption: SitePublisher.Interruption?

    // The registry, as read under its shared lock.
    let header: RegistryHeader
    let declaration: Declaration
    let checkpointBytes: [UInt8]
    let checkpoint: RegistryCheckpoint
    /// The registry's ledger's length when the checkpoint was read.
    let ledgerLength: Int
    /// The registry's witness policy file, when it has one: published
    /// beside the checkpoint, whose quorum it has met.
    let witnessPolicy: [UInt8]?

    /// The most bytes a registry checkpoint may hold (FORMAT.md, section 1).
    static let checkpointLimit = RegistryVerifier.smallFileLimit
    /// The most bytes an entry bundle can hold: 256 entries of the longest.
    static let bundleLimit = TilePath.fullWidth * (2 + EntryBundle.maximumEntryLength)

    /// Reads the registry as `RegistryVerifier` does: the checkpoint and the
    /// ledger's length under the shared lock, then the header, the
    /// declaration copy and the checkpoint's signature.
    init(registry: RegistryLayout, site: SiteLayout, interruption: SitePublisher.Interruption?) throws(RegistryError) {
        self.registry = registry
        self.site = site
        self.staging = SiteStaging(site: site)
        self.interruption = interruption
        let verifier = RegistryVerifier(layout: registry)
        (checkpointBytes, ledgerLength) = try verifier.snapshot()
        header = try verifier.readHeader()
        declaration = try verifier.readDeclaration(header: header)
        do throws(VerificationFailure) {
            checkpoint = try verifier.openCheckpoint(checkpointBytes, path: registry.checkpoint, header: header)
        } catch {
            throw .verificationFailed(error)
        }
        // Only a checkpoint with its witnesses' quorum is published (as
        // Tessera does): before it, nothing of the site is touched.
        let keeper = Registry(directory: registry.directory)
        if let policy = try keeper.witnessPolicy() {
            let witnessed: WitnessedCheckpoint
            do throws(TransparencyError) {
                witnessed = try policy.witnessing(of: SignedNote(parsing: String(decoding: checkpointBytes, as: UTF8.self)))
            } catch {
                throw .verificationFailed(VerificationFailure(
                    file: registry.checkpoint, message: "a cosignature line does not verify with its witness's key: \(error); restore the checkpoint or remove that line"))
            }
            guard witnessed.isSatisfied else {
                throw .quorumNotMet(QuorumShortfall(registry: registry.directory, site: site.directory,
                                                    size: checkpoint.size, witnessed: witnessed))
            }
            witnessPolicy = try keeper.witnessPolicyFile()?.0
        } else {
            witnessPolicy = nil
        }
    }

    // MARK: - The steps

    /// The site's state before, and what the publish found to do.
    struct Plan {
        /// The site's checkpoint, if it had one.
        var previous: (bytes: [UInt8], checkpoint: RegistryCheckpoint)?
        var recomputedAll: Bool
        var note: String?
        var ledger: LedgerChange
    }

    /// What becomes of the site's `ledger.jsonl`.
    enum LedgerChange {
        /// It already holds exactly the lines the checkpoint covers.
        case unchanged
        /// Keep its first `keeping` bytes (which are the registry's), and
        /// append the registry's ledger from there to `end`.
        case extend(keeping: Int, end: Int)
        /// Write it whole: the registry's first `end` bytes.
        case replace(end: Int)
    }

    func run(recomputingAll: Bool) throws(RegistryError) -> PublishReport {
        let plan: Plan
        do throws(RegistryError) {
            plan = try stageFiles(recomputingAll: recomputingAll)
        } catch {
            staging.abandon()
            throw error
        }
        try stop(at: .beforeRenaming)
        do {
            try staging.commit()
        } catch {
            staging.abandon()
            throw .storage(error)
        }
        var written = staging.staged
        try stop(at: .beforeLedger)
        try storage { () throws(StorageError) in
            switch plan.ledger {
            case .unchanged:
                break
            case .extend(let keeping, let end):
                try SiteLedger.extend(site.ledger, keeping: keeping, from: registry.ledger, range: keeping..<end)
                written.append(SiteLayout.Name.ledger)
            case .replace(let end):
                try SiteLedger.replace(site.ledger, withFirst: end, of: registry.ledger)
                written.append(SiteLayout.Name.ledger)
            }
        }
        // The policy, for verifiers to start from (they must bring their
        // own): replaced when the registrar changes it, never removed.
        if let witnessPolicy {
            let path = site.path(SiteLayout.Name.witnessPolicy)
            let existing = try? FileSystem.read(path, limit: witnessPolicy.count, links: .refuse)
            if existing != witnessPolicy {
                try storage { () throws(StorageError) in
                    try FileSystem.replaceAtomically(path, bytes: witnessPolicy)
                }
                written.append(SiteLayout.Name.witnessPolicy)
            }
        }
        try stop(at: .beforeCheckpoint)
        // Last: only now does the site claim the new entries, all of whose
        // files are in place and synced.
        if plan.previous?.bytes != checkpointBytes {
            try storage { () throws(StorageError) in
                try FileSystem.replaceAtomically(site.checkpoint, bytes: checkpointBytes)
            }
            written.append(SiteLayout.Name.checkpoint)
        }
        return PublishReport(site: site.directory, previousSize: plan.previous?.checkpoint.size, size: checkpoint.size,
                             written: written, recomputedAll: plan.recomputedAll, note: plan.note)
    }

    /// Everything before the first rename: judges the site, computes the
    /// tiles and bundles it lacks and stages them, with the header and the
    /// declaration if they are missing. Throws before anything is renamed
    /// when the site or the registry is not what it should be.
    private func stageFiles(recomputingAll: Bool) throws(RegistryError) -> Plan {
        try stageRegistryFiles()
        let previous = try readSiteCheckpoint()
        if let previous { try checkHistory(previous.checkpoint) }

        var start: Start?
        var note: String?
        if !recomputingAll, let previous {
            start = try resume(from: previous.checkpoint)
            if start == nil {
                note = "the site's partial tiles or entry bundle for its checkpoint of size \(previous.checkpoint.size) "
                    + "are missing or do not match it, so every tile and bundle was computed from the whole ledger "
                    + "and compared with the site's copy"
            }
        }
        let recomputedAll = start == nil
        let origin = start ?? Start(tiles: TileAppender(), bundles: EntryBundleAppender(), offset: 0)
        let end = try stageTiles(from: origin, previous: previous?.checkpoint, comparingEdge: recomputedAll)
        let ledger = try planLedger(coveredBySite: end.previousOffset ?? 0, end: end.offset, checkingAll: recomputedAll,
                                    previousSize: previous?.checkpoint.size ?? 0)
        return Plan(previous: previous, recomputedAll: recomputedAll, note: note, ledger: ledger)
    }

    // MARK: - The site's own files

    /// Stages the header, the declaration files and `.nojekyll`, or checks
    /// that the site's copies are the registry's.
    private func stageRegistryFiles() throws(RegistryError) {
        if try stage(header.fileBytes, at: SiteLayout.Name.header) == .differs {
            let existing = try storage { () throws(StorageError) in
                try staging.read(SiteLayout.Name.header, limit: RegistryVerifier.smallFileLimit)
            }
            let origin = existing.flatMap { try? CanonicalJSON.parseCanonical($0.dropLast()) }
                .flatMap { try? RegistryHeader(json: $0) }?.origin
            if let origin, origin != header.origin {
                throw refusal(.otherRegistry, SiteLayout.Name.header,
                              "the site holds the registry \"\(origin)\", not \"\(header.origin)\": a site is published from one registry only; publish to another directory")
            }
            throw refusal(.otherRegistry, SiteLayout.Name.header,
                          "the site's registry.json is not this registry's header (another registry of the same origin, with another key or declaration, or an altered file); publish to another directory, or restore the file")
        }
        let folder = site.path(SiteLayout.Name.declaration)
        if FileSystem.isDirectory(folder), !FileSystem.isSymbolicLink(folder) {
            let names = try storage { () throws(StorageError) in try FileSystem.contentsOfDirectory(folder) }
            for name in names.sorted() where !Declaration.fileNames.contains(name)
                && !SiteLayout.isLeftoverTemporaryFile(named: name, in: SiteLayout.Name.declaration) {
                throw refusal(.altered, SiteLayout.declarationFile(name),
                              "the site's declaration folder holds \(name), which is not one of the declaration's files (\(Declaration.fileNames.joined(separator: ", "))); remove it")
            }
        }
        for name in Declaration.fileNames {
            let relative = SiteLayout.declarationFile(name)
            if try stage(declaration.files[name] ?? [], at: relative) == .differs {
                throw refusal(.otherRegistry, relative,
                              "the site's copy of the declaration file \(name) differs from the registry's: the site holds another registry's declaration, or was altered; publish to another directory, or restore the file")
            }
        }
        // Someone else's `.nojekyll` with content in it does no harm.
        _ = try stage([], at: SiteLayout.Name.noJekyll)
    }

    /// The site's checkpoint, opened with the registry's key: nil when the
    /// site has none yet.
    private func readSiteCheckpoint() throws(RegistryError) -> (bytes: [UInt8], checkpoint: RegistryCheckpoint)? {
        let bytes: [UInt8]
        do throws(StorageError) {
            guard let read = try staging.read(SiteLayout.Name.checkpoint, limit: Self.checkpointLimit) else { return nil }
            bytes = read
        } catch where error.readLimit != nil {
            throw refusal(.altered, SiteLayout.Name.checkpoint,
                          "the site's checkpoint is larger than \(Self.checkpointLimit) bytes, which no registry's checkpoint is: it was replaced or damaged; restore it, or publish to another directory")
        } catch {
            throw .storage(error)
        }
        let verifier: NoteVerifierKey
        do {
            verifier = try header.checkpointVerifierKey()
        } catch {
            // Not for a header that was read and checked: its origin and key are valid.
            throw .verificationFailed(VerificationFailure(file: registry.header, line: 1, field: "origin", message: error.description))
        }
        do {
            return (bytes, try RegistryCheckpoint(opening: bytes, verifier: verifier, origin: header.origin))
        } catch {
            switch error {
            case .checkpoint(.originMismatch(_, let found)):
                throw refusal(.otherRegistry, SiteLayout.Name.checkpoint,
                              "the site serves the checkpoint of the log \"\(found)\", not of this registry (\"\(header.origin)\"): a site is published from one registry only; publish to another directory")
            case .checkpoint(.noSignature):
                throw refusal(.otherRegistry, SiteLayout.Name.checkpoint,
                              "the site's checkpoint is not signed by this registry's key (\(header.registrarKey.keyID)): it is another registry's of the same origin, or forged; publish to another directory")
            case .notText, .chainHead, .sizeTooLarge, .checkpoint:
                throw refusal(.altered, SiteLayout.Name.checkpoint,
                              "the site's checkpoint is not a valid checkpoint of this registry (\(error)): it was altered or damaged; restore it, or publish to another directory")
            }
        }
    }

    /// A site's checkpoint must be one of the registry's history: never
    /// larger than the registry's, never another root for the same size.
    private func checkHistory(_ previous: RegistryCheckpoint) throws(RegistryError) {
        if previous.size > checkpoint.size {
            throw refusal(.otherHistory, SiteLayout.Name.checkpoint,
                          "the site serves a checkpoint of \(previous.size) entries, but the registry's covers only \(checkpoint.size): the registry was rolled back, or the site was published from another copy of it. Find out which; keep the site's checkpoint, which proves those entries were published")
        }
        if previous.size == checkpoint.size, previous.rootHash != checkpoint.rootHash || previous.chainHead != checkpoint.chainHead {
            throw refusal(.otherHistory, SiteLayout.Name.checkpoint,
                          "the site serves a checkpoint of \(previous.size) entries with root \(previous.rootHash.base64), but the registry's checkpoint of that size has root \(checkpoint.rootHash.base64): the registrar signed two different histories, or the registry was rewritten. Keep both checkpoints as evidence")
        }
    }

    // MARK: - Tiles and bundles

    /// Where the computation of tiles and bundles starts: the site's edge
    /// and the offset in the registry's ledger where its next line starts.
    struct Start {
        var tiles: TileAppender
        var bundles: EntryBundleAppender
        var offset: Int
    }

    /// The site's partial tiles and bundle for its checkpoint, if they are
    /// all there and give its root, and where the registry's line after
    /// that checkpoint starts; nil when the edge cannot be trusted, and
    /// everything is then recomputed.
    private func resume(from previous: RegistryCheckpoint) throws(RegistryError) -> Start? {
        var tiles: [Tile] = []
        for path in TilePath.partialHashTiles(treeSize: previous.size) {
            guard let bytes = try readEdgeFile(path, limit: path.width * SHA256.byteCount),
                  let tile = try? Tile(path: path, bytes: bytes) else { return nil }
            tiles.append(tile)
        }
        guard let appender = try? TileAppender(treeSize: previous.size, partialTiles: tiles),
              appender.root == previous.rootHash else { return nil }
        var bundle: EntryBundle?
        if let path = TilePath.entryBundle(index: previous.size / UInt64(TilePath.fullWidth), treeSize: previous.size) {
            guard let bytes = try readEdgeFile(path, limit: Self.bundleLimit),
                  let read = try? EntryBundle(path: path, bytes: bytes),
                  read.leafHashes == tiles.first(where: { $0.path.level == 0 })?.hashes else { return nil }
            bundle = read
        }
        guard let bundles = try? EntryBundleAppender(treeSize: previous.size, partialBundle: bundle) else { return nil }
        return Start(tiles: appender, bundles: bundles, offset: try offset(after: previous))
    }

    /// A file of the site's edge, or nil when it is missing or too large to be one.
    private func readEdgeFile(_ path: TilePath, limit: Int) throws(RegistryError) -> [UInt8]? {
        do {
            return try staging.read(path.path, limit: limit)
        } catch where error.readLimit != nil {
            return nil
        } catch {
            throw .storage(error)
        }
    }

    /// Where line `previous.size` of the registry's ledger ends. The site's
    /// `ledger.jsonl` ends there after every publish, which the registry's
    /// line ending there shows (its hash is the site checkpoint's chain
    /// head); after an interrupted publish it may be longer, and the
    /// registry's ledger is then read from the start to find it.
    private func offset(after previous: RegistryCheckpoint) throws(RegistryError) -> Int {
        guard previous.size > 0 else {
            guard previous.chainHead == header.hash else {
                throw refusal(.otherHistory, SiteLayout.Name.checkpoint,
                              "the site's checkpoint of size 0 records the chain head \(previous.chainHead.hex), not this registry's header hash \(header.hash.hex): it was not made for this registry; publish to another directory")
            }
            return 0
        }
        let siteLength = try storage { () throws(StorageError) in
            try staging.checkFile(SiteLayout.Name.ledger) ? FileSystem.size(of: site.ledger) : nil
        }
        if let siteLength, siteLength <= ledgerLength,
           let line = try storage({ () throws(StorageError) in try LedgerFile.line(endingAt: siteLength, in: registry.ledger) }),
           SHA256.hash(line) == previous.chainHead {
            return siteLength
        }
        let reader: LedgerReader
        do {
            reader = try LedgerReader(path: registry.ledger, limit: ledgerLength)
        } catch {
            throw .storage(error)
        }
        var last: LedgerLine?
        while UInt64(last?.number ?? 0) < previous.size, let line = try nextLine(reader) {
            last = line
        }
        guard let last, UInt64(last.number) == previous.size else {
            throw removedEntries(found: last?.number ?? 0)
        }
        guard SHA256.hash(last.bytes) == previous.chainHead else {
            throw refusal(.otherHistory, SiteLayout.Name.checkpoint,
                          "entry \(previous.size) of the registry (\(registry.ledger) line \(previous.size)) is not the entry the site's checkpoint of size \(previous.size) records (chain head \(previous.chainHead.hex), the registry's line hashes to \(SHA256.hash(last.bytes).hex)): the registry's history differs from what was published. Keep the site's checkpoint as evidence")
        }
        return reader.completeLength
    }

    /// Where the computation ended.
    struct End {
        /// Where line `checkpoint.size` ends in the registry's ledger.
        var offset: Int
        /// Where line `previous.size` ends, when a pass from the start saw it.
        var previousOffset: Int?
    }

    /// Reads the registry's lines after `start` up to the checkpoint's
    /// size, stages every tile and bundle they complete and the new partial
    /// ones, and checks the root and chain head they give against the
    /// registry's checkpoint. From the start of the ledger (`previous`
    /// given), also checks that the site's checkpoint is of this history.
    private func stageTiles(from start: Start, previous: RegistryCheckpoint?, comparingEdge: Bool) throws(RegistryError) -> End {
        var tiles = start.tiles
        var bundles = start.bundles
        let edgeBefore = Set(tiles.partialTiles.map(\.path))
        let bundleBefore = bundles.partialBundle?.path
        let reader: LedgerReader
        do {
            reader = try LedgerReader(path: registry.ledger, limit: ledgerLength, from: start.offset,
                                      firstLine: Int(tiles.treeSize) + 1)
        } catch {
            throw .storage(error)
        }
        var previousOffset: Int?
        if let previous, previous.size == tiles.treeSize {
            previousOffset = start.offset
            // Resumed from the site's edge, its root and chain head were
            // checked already; the empty tree's are checked here.
            if tiles.treeSize == 0 { try checkPrevious(previous, root: tiles.root, chainHead: header.hash) }
        }
        var lastLine: [UInt8]?
        while tiles.treeSize < checkpoint.size, let line = try nextLine(reader) {
            for tile in tiles.append(leafHash: MerkleTree.leafHash(line.bytes)) {
                try stageTile(tile.bytes, at: tile.path)
            }
            let completed: EntryBundleAppender.PlacedBundle?
            do {
                completed = try bundles.append(entry: line.bytes)
            } catch {
                // The reader refuses longer lines first; said here all the same.
                throw .verificationFailed(VerificationFailure(
                    file: registry.ledger, line: line.number, sequence: Int64(line.number),
                    message: "the line is longer than 65,535 bytes, which no entry may be: \(error)"))
            }
            if let completed { try stageTile(completed.bundle.bytes, at: completed.path) }
            lastLine = line.bytes
            if let previous, tiles.treeSize == previous.size {
                previousOffset = reader.completeLength
                try checkPrevious(previous, root: tiles.root, chainHead: SHA256.hash(line.bytes))
                // The edge the site serves for its checkpoint, compared (or
                // put back, if missing): what an incremental publish reads.
                if comparingEdge { try stageEdge(tiles: tiles, bundles: bundles) }
            }
        }
        guard tiles.treeSize == checkpoint.size else { throw removedEntries(found: Int(tiles.treeSize)) }
        try stageEdge(tiles: tiles, bundles: bundles) { comparingEdge || !edgeBefore.contains($0) && $0 != bundleBefore }
        let head = lastLine.map { SHA256.hash($0) } ?? (checkpoint.size == 0 ? header.hash : checkpoint.chainHead)
        guard head == checkpoint.chainHead else {
            throw .verificationFailed(VerificationFailure(
                file: registry.ledger, line: Int(checkpoint.size), sequence: Int64(checkpoint.size),
                expected: checkpoint.chainHead.hex, found: head.hex,
                message: "the line's SHA-256 is \(head.hex), but the registrar's checkpoint records \(checkpoint.chainHead.hex) as the last entry's: the line was changed after it was signed; run `declaration verify`"))
        }
        guard tiles.root == checkpoint.rootHash else {
            let from = start.offset == 0
                ? "the ledger's first \(checkpoint.size) entries"
                : "the site's first \(start.tiles.treeSize) entries and the registry's entries \(start.tiles.treeSize + 1) to \(checkpoint.size)"
            throw .verificationFailed(VerificationFailure(
                file: registry.checkpoint, line: 3, expected: checkpoint.rootHash.base64, found: tiles.root.base64,
                message: "the Merkle root of \(from) is \(tiles.root.base64), but the registrar's checkpoint says \(checkpoint.rootHash.base64): the ledger was changed after it was signed, or the site holds another history; run `declaration verify`, then `declaration publish --full`"))
        }
        return End(offset: reader.completeLength, previousOffset: previousOffset)
    }

    /// Stages the partial tiles and the partial bundle of the tree so far
    /// whose paths `including` accepts.
    private func stageEdge(tiles: TileAppender, bundles: EntryBundleAppender,
                           including: (TilePath) -> Bool = { _ in true }) throws(RegistryError) {
        for tile in tiles.partialTiles where including(tile.path) {
            try stageTile(tile.bytes, at: tile.path)
        }
        if let partial = bundles.partialBundle, including(partial.path) {
            try stageTile(partial.bundle.bytes, at: partial.path)
        }
    }

    /// At the site's checkpoint's size, the registry's tree must have the
    /// root and chain head of the site's checkpoint. (From the site's edge,
    /// `resume` and `offset(after:)` checked both already.)
    private func checkPrevious(_ previous: RegistryCheckpoint, root: SHA256Digest,
                               chainHead: SHA256Digest) throws(RegistryError) {
        guard root == previous.rootHash, chainHead == previous.chainHead else {
            throw refusal(.otherHistory, SiteLayout.Name.checkpoint,
                          "the root of the registry's first \(previous.size) entries is \(root.base64), but the site's checkpoint of that size says \(previous.rootHash.base64): the registry's history differs from what was published. Keep the site's checkpoint as evidence")
        }
    }

    /// Stages a tile or bundle; one already on the site must be the same.
    private func stageTile(_ bytes: [UInt8], at path: TilePath) throws(RegistryError) {
        guard try stage(bytes, at: path.path) != .differs else {
            let what = path.kind == .entries ? "entry bundle" : "tile"
            throw refusal(.altered, path.path,
                          "this \(what) differs from the one the registry gives for that path; tiles and bundles never change once published, so the site was altered or published from another registry or history. Restore it, or remove it and run `declaration publish --full`, which writes it again and compares every other one")
        }
    }

    // MARK: - The site's ledger

    /// What to do with the site's `ledger.jsonl` so that it holds the
    /// registry's first `end` bytes. Its first `coveredBySite` bytes (the
    /// lines its checkpoint covers) must already be the registry's: the
    /// last of those lines is compared, or with `checkingAll` every byte.
    /// A tail beyond them (an interrupted publish) is cut; a file shorter
    /// than them (damaged) is written whole.
    private func planLedger(coveredBySite covered: Int, end: Int, checkingAll: Bool,
                            previousSize: UInt64) throws(RegistryError) -> LedgerChange {
        guard let length = try storage({ () throws(StorageError) in
            try staging.checkFile(SiteLayout.Name.ledger) ? FileSystem.size(of: site.ledger) : nil
        }) else { return .replace(end: end) }
        if checkingAll {
            let matching = try storage { () throws(StorageError) in
                try SiteLedger.matchingPrefixLength(of: site.ledger, and: registry.ledger, upTo: min(length, end))
            }
            if matching < min(length, covered) {
                throw refusal(.altered, SiteLayout.Name.ledger,
                              "byte \(matching) of the site's ledger.jsonl differs from the registry's, within the lines its checkpoint covers: the site's ledger was altered; remove it and publish again, which writes it whole")
            }
            return matching == end && length == end ? .unchanged : .extend(keeping: matching, end: end)
        }
        guard length >= covered else { return .replace(end: end) }
        if covered > 0 {
            let ours = try storage { () throws(StorageError) in try LedgerFile.line(endingAt: covered, in: site.ledger) }
            let theirs = try storage { () throws(StorageError) in try LedgerFile.line(endingAt: covered, in: registry.ledger) }
            guard ours != nil, ours == theirs else {
                throw refusal(.altered, SiteLayout.Name.ledger,
                              "line \(previousSize) of the site's ledger.jsonl, the last its checkpoint covers, differs from the registry's: the site's ledger was altered; remove it and publish again, which writes it whole")
            }
        }
        return covered == end && length == end ? .unchanged : .extend(keeping: covered, end: end)
    }

    // MARK: - Helpers

    /// The next complete line of the registry's ledger; a line too long to
    /// be an entry means the registry does not verify.
    private func nextLine(_ reader: LedgerReader) throws(RegistryError) -> LedgerLine? {
        do {
            return try reader.next()
        } catch {
            if case .lineTooLong(let line, let limit) = error.cause {
                throw .verificationFailed(VerificationFailure(
                    file: registry.ledger, line: line, sequence: Int64(line),
                    message: "the line is longer than \(limit) bytes, the most a ledger line may hold; run `declaration verify`"))
            }
            throw .storage(error)
        }
    }

    private func removedEntries(found: Int) -> RegistryError {
        .verificationFailed(VerificationFailure(
            file: registry.ledger, line: found + 1, sequence: Int64(found) + 1,
            expected: "\(checkpoint.size) entries", found: "\(found) entries",
            message: "the ledger has \(found) entries, but the registrar's checkpoint commits to \(checkpoint.size): entries were removed; run `declaration verify`"))
    }

    private func stage(_ bytes: [UInt8], at relative: String) throws(RegistryError) -> SiteStaging.Outcome {
        try storage { () throws(StorageError) in try staging.stage(bytes, at: relative) }
    }

    private func storage<T>(_ body: () throws(StorageError) -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch {
            throw .storage(error)
        }
    }

    private func refusal(_ reason: PublishFailure.Reason, _ relative: String, _ message: String) -> RegistryError {
        .siteRefused(PublishFailure(reason, file: site.path(relative), message: message))
    }

    /// Stops here, as if killed, when a test asks.
    private func stop(at step: SitePublisher.Interruption) throws(RegistryError) {
        guard interruption == step else { return }
        throw .storage(StorageError(path: site.directory, operation: "publishing (stopped by a test)", cause: .changedWhileLocked))
    }
}
