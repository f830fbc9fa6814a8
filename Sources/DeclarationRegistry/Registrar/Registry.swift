import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// A registry on disk, and the registrar's operations on it: create,
/// append and repair. Every operation takes the registry's exclusive lock,
/// and either completes or changes nothing that was reported recorded.
public struct Registry: Sendable {
    /// Where the registry's files are.
    public var layout: RegistryLayout

    /// Index changes past which an append merges the signatory index's
    /// change log into its sorted files.
    var indexMergeThreshold = SignatoryIndex.mergeThreshold

    /// The registry in `directory`.
    public init(directory: String) {
        self.layout = RegistryLayout(directory: directory)
    }

    // MARK: - Create

    /// Creates a registry for `declaration` in a new directory, with an
    /// empty ledger and a checkpoint of size 0 signed by `registrarKey`.
    ///
    /// The registry is assembled in a temporary directory beside the target
    /// and renamed into place, so a crash leaves either nothing or a whole
    /// registry.
    ///
    /// Throws:
    /// - `.invalidField` when `origin` is not a valid registry origin;
    /// - `.declaration` when `declaration` claims the id and version of a
    ///   declaration the library knows but has another digest;
    /// - `.alreadyExists` when something other than an empty directory is
    ///   at `directory`;
    /// - `.checkpointSigning` when signing the empty checkpoint fails;
    /// - `.invalidPolicy`, `.witnessPolicyRefused` when
    ///   `witnessPolicy` is given and is not a policy this registry can keep
    ///   (`checkWitnessPolicy`);
    /// - `.storage` when a file cannot be written.
    ///
    /// With `witnessPolicy` (the bytes of a c2sp.org/tlog-policy file and
    /// where they were read, for messages), the registry keeps it as
    /// `witnesses.policy`: every later checkpoint is submitted to its
    /// witnesses, and published only with its quorum.
    @discardableResult
    public static func create(
        directory: String,
        origin: String,
        declaration: Declaration,
        registrarKey: Ed25519PrivateKey,
        witnessPolicy: (bytes: [UInt8], source: String)? = nil
    ) throws(RegistryError) -> RegistryHeader {
        do {
            try RegistryOrigin.check(origin)
        } catch {
            throw .invalidField(error)
        }
        // Nothing may be created for an altered text under a known name:
        // signatories would read one text and sign another.
        do {
            try declaration.checkAgainstKnownDeclarations()
        } catch {
            throw .declaration(error)
        }
        let layout = RegistryLayout(directory: directory)
        if FileSystem.exists(layout.directory) {
            let isEmptyDirectory = FileSystem.isDirectory(layout.directory)
                && ((try? FileSystem.contentsOfDirectory(layout.directory))?.isEmpty ?? false)
            guard isEmptyDirectory else { throw .alreadyExists(path: layout.directory) }
        }
        let header = RegistryHeader(
            origin: origin, declarationID: declaration.id, declarationVersion: declaration.version,
            declarationDigest: declaration.digest, registrarKey: registrarKey.publicKey)
        if let witnessPolicy {
            try checkWitnessPolicy(witnessPolicy.bytes, source: witnessPolicy.source, header: header)
        }
        let staging = layout.creationStaging
        // The empty checkpoint is signed before anything is written, so a
        // refusal leaves nothing behind.
        let empty: RegistryCheckpoint
        do {
            empty = try RegistryCheckpoint(origin: origin, size: 0, rootHash: MerkleTree.emptyRoot, chainHead: header.hash)
        } catch {
            throw .invalidField(FieldError(field: "origin", problem: .malformed(expected: "a valid checkpoint origin", found: error.description)))
        }
        let emptyCheckpoint: [UInt8]
        do {
            emptyCheckpoint = try empty.signedNote(with: registrarKey)
        } catch {
            throw .checkpointSigning(path: layout.checkpoint, error)
        }
        do throws(StorageError) {
            FileSystem.removeTree(staging.directory)
            try FileSystem.makeDirectory(staging.directory)
            try FileSystem.makeDirectory(staging.declaration)
            for (name, bytes) in declaration.files.sorted(by: { $0.key < $1.key }) {
                try FileSystem.createNew(staging.declarationFile(name), bytes: bytes)
            }
            try FileSystem.syncDirectory(staging.declaration)
            try FileSystem.createNew(staging.header, bytes: header.fileBytes)
            try FileSystem.createNew(staging.ledger, bytes: [])
            try FileSystem.createNew(staging.lock, bytes: [])
            try FileSystem.createNew(staging.checkpoint, bytes: emptyCheckpoint)
            if let witnessPolicy {
                try FileSystem.createNew(staging.witnessPolicy, bytes: witnessPolicy.bytes)
            }
            try FileSystem.syncDirectory(containing: staging.header)
            if FileSystem.exists(layout.directory) {
                // An empty directory was there; rename() replaces it only if
                // it is still empty, so a race cannot lose files.
                try FileSystem.removeEmptyDirectory(layout.directory, operation: "replacing the empty directory")
            }
            try FileSystem.move(staging.directory, to: layout.directory, operation: "creating the registry")
            try FileSystem.syncDirectory(containing: layout.directory)
        } catch {
            FileSystem.removeTree(staging.directory)
            throw .storage(error)
        }
        return header
    }

    // MARK: - Append

    /// One statement to append, with a name for it in error messages (its
    /// file, usually).
    public struct Submission: Sendable {
        /// The statement.
        public var statement: Statement
        /// Where it came from, for error messages.
        public var source: String

        /// A statement from `source`.
        public init(_ statement: Statement, source: String) {
            self.statement = statement
            self.source = source
        }
    }

    /// What an append did.
    public struct AppendResult: Sendable {
        /// The entries recorded, in order.
        public var entries: [Entry]
        /// The new checkpoint, signed.
        public var checkpoint: RegistryCheckpoint
        /// What an interrupted earlier append had left and this append
        /// removed first, if anything (see `repair`).
        public var repaired: RepairResult?
    }

    /// Appends statements, all or nothing: each is checked (every field's form, binding
    /// to this registry, signature, rules, in order as if appended one by
    /// one); then all are written with one fsync, and one checkpoint covering
    /// them is signed and written atomically. When this returns, the entries
    /// are durable; if it throws, nothing was recorded, with one exception
    /// that says so: a `.storage` error whose cause is
    /// `.recordedButNotSynced` (the directory could not be synced after the
    /// new checkpoint was renamed into place) means the entries are recorded.
    ///
    /// Throws:
    /// - `.notARegistry` when there is no registry at `layout`;
    /// - `.wrongRegistrarKey` when `registrarKey` is not the registry's;
    /// - `.registryInvalid` when the registry does not verify;
    /// - `.statementRefused` for the first statement refused;
    /// - `.checkpointSigning` when signing the new checkpoint fails;
    /// - `.storage` when a file cannot be read or written.
    public func append(
        _ submissions: [Submission],
        registrarKey: Ed25519PrivateKey,
        now: Date = Date()
    ) throws(RegistryError) -> AppendResult {
        let lock = try lockForWriting()
        defer { lock.release() }
        let (context, repaired) = try openForAppend(registrarKey: registrarKey)
        let state = context.state

        var roll = IndexedRoll(index: context.index, statements: submissions.map(\.statement))
        let appendedAt = max(Timestamp.string(from: now), state.appendedAt)
        // Fields and signatures are checked on every core; the results are
        // reported in order, as checking one statement after another would.
        let checks = StatementBatch.check(submissions.map(\.statement))
        for (offset, submission) in submissions.enumerated() {
            do throws(FieldError) {
                if let error = checks[offset].fieldError { throw error }
                try RegistryRules.checkBinding(of: submission.statement, to: context.header)
                try RegistryRules.checkJurisdictionIsListed(in: submission.statement)
                // The rule verify applies to every entry (FORMAT.md 6), checked
                // here so that append never records an entry verify refuses.
                try Timestamp.checkSigningTime(signedAt: submission.statement.signedAt, appendedAt: appendedAt,
                                               field: "signed_at")
                try roll.apply(submission.statement, sequence: Int64(state.size) + 1 + Int64(offset))
            } catch {
                throw .statementRefused(source: submission.source, error: error)
            }
        }
        if let bad = checks.firstIndex(where: { !$0.signatureIsValid }) {
            throw .statementRefused(source: submissions[bad].source,
                                    error: FieldError(field: "signature", problem: .signatureInvalid))
        }
        guard !submissions.isEmpty else {
            return AppendResult(entries: [], checkpoint: context.checkpoint, repaired: repaired)
        }

        var entries: [Entry] = []
        var bytes: [UInt8] = []
        var previous = state.chainHead
        var tree = state.tree
        for (offset, submission) in submissions.enumerated() {
            let entry = Entry(sequence: Int64(state.size) + 1 + Int64(offset), previous: previous,
                              appendedAt: appendedAt, statement: submission.statement)
            let line = entry.line
            try Self.checkLength(of: line, source: submission.source)
            previous = SHA256.hash(line)
            tree.append(leafHash: MerkleTree.leafHash(line))
            bytes += line
            bytes.append(0x0A)
            entries.append(entry)
        }
        // Signed before anything is written, so that a refusal records nothing.
        let checkpoint: RegistryCheckpoint
        let note: [UInt8]
        do throws(TransparencyError) {
            checkpoint = try RegistryCheckpoint(origin: context.header.origin, size: tree.size,
                                                rootHash: tree.root, chainHead: previous)
            note = try checkpoint.signedNote(with: registrarKey)
        } catch {
            throw .checkpointSigning(path: layout.checkpoint, error)
        }
        do throws(StorageError) {
            try LedgerFile.append(bytes, to: layout.ledger, expectedLength: state.ledgerLength)
            do {
                let temporary = try FileSystem.prepareReplacement(for: layout.checkpoint, bytes: note)
                try FileSystem.commitReplacement(temporary, over: layout.checkpoint)
            } catch {
                // Without its checkpoint the append is not done: take
                // the lines back so the registry stays as it was.
                try? LedgerFile.truncate(layout.ledger, to: state.ledgerLength)
                throw error
            }
            // The checkpoint covering the new entries is in place: from here
            // on they are recorded, and nothing may take them back.
            do {
                try FileSystem.syncDirectory(containing: layout.checkpoint)
            } catch {
                // Not "nothing was recorded": the entries are, and the
                // message must say so (and not give the advice for a
                // failure that changed nothing).
                throw StorageError(path: error.path, operation: "syncing the registry directory",
                                   cause: .recordedButNotSynced(first: state.size + 1, last: tree.size,
                                                                reason: error.reason))
            }
        } catch {
            throw .storage(error)
        }

        // The entries are recorded. The state is a cache: if it cannot be
        // updated, drop it and let the next append rebuild it.
        var next = state
        next.size = tree.size
        next.ledgerLength += bytes.count
        next.chainHead = previous
        next.appendedAt = appendedAt
        next.tree = tree
        do {
            try update(&next, index: context.index, changes: roll.changes, signingKey: registrarKey)
        } catch {
            RegistryState.invalidate(layout)
        }
        return AppendResult(entries: entries, checkpoint: checkpoint, repaired: repaired)
    }

    /// Refuses a ledger line longer than 65,535 bytes, which no reader
    /// accepts and no entry bundle can hold (FORMAT.md, section 6). The
    /// field limits keep every line far shorter (under 5 KB: the longest
    /// statement they allow is tested), so this only guards against a
    /// change to them.
    static func checkLength(of line: [UInt8], source: String) throws(RegistryError) {
        guard line.count <= LedgerLineCodec.maximumLineLength else {
            throw .statementRefused(source: source, error: FieldError(
                field: "statement", problem: .tooLong(limit: LedgerLineCodec.maximumLineLength, found: line.count)))
        }
    }

    /// What an append works from, read and checked under the lock.
    private struct AppendContext {
        var header: RegistryHeader
        var checkpoint: RegistryCheckpoint
        var state: RegistryState
        var index: SignatoryIndex
    }

    /// Reads the header and the checkpoint, then the state: from `state/`
    /// when it matches the checkpoint and the ledger's last line (the fast
    /// path, which reads nothing else), otherwise rebuilt from a full pass
    /// over the ledger. An interrupted append's leftovers are removed first.
    private func openForAppend(registrarKey: Ed25519PrivateKey) throws(RegistryError) -> (AppendContext, RepairResult?) {
        do throws(RegistryError) {
            let (header, checkpoint) = try opening(registrarKey: registrarKey)
            if let (state, index) = RegistryState.load(layout, checkpoint: checkpoint, registrarKey: header.registrarKey) {
                var repaired: RepairResult?
                if let length = FileSystem.size(of: layout.ledger), length > state.ledgerLength {
                    repaired = try cutTail(at: state.ledgerLength)
                }
                return (AppendContext(header: header, checkpoint: checkpoint, state: state, index: index), repaired)
            }
            var full = try readState(header: header, checkpoint: checkpoint)
            var repaired: RepairResult?
            if full.needsRepair {
                repaired = try cutTail(at: full.checkpointLength)
                // The pass read exactly what the checkpoint covers, which is
                // what the ledger now holds: no second pass is needed.
                full.ledgerLength = full.checkpointLength
            }
            let rebuilt: (state: RegistryState, index: SignatoryIndex)
            do {
                rebuilt = try full.pass.rebuildState(layout, ledgerLength: full.checkpointLength, signingKey: registrarKey)
            } catch {
                throw .storage(error)
            }
            return (AppendContext(header: header, checkpoint: checkpoint, state: rebuilt.state, index: rebuilt.index), repaired)
        } catch {
            throw Self.refusal(error)
        }
    }

    /// Records the batch's index changes in the change log, or merges them
    /// into new sorted files when the log has grown long, then saves the tip.
    private func update(_ state: inout RegistryState, index: SignatoryIndex,
                        changes: [(record: IndexRecord, added: Bool)],
                        signingKey: Ed25519PrivateKey) throws(StorageError) {
        var index = index
        RegistryState.invalidate(layout)
        if index.changeCount + changes.count > indexMergeThreshold {
            var records: [[UInt8]: IndexRecord] = [:]
            for record in index.allRecords() { records[record.key] = record }
            for change in changes { records[change.record.key] = change.record }
            state.files = try SignatoryIndex.writeBase(Array(records.values), in: layout)
        } else {
            state.files = try index.log(changes, files: state.files)
        }
        try state.save(layout, signingKey: signingKey)
    }

    // MARK: - Repair

    /// What a repair removed from the end of the ledger.
    public struct RepairResult: Sendable {
        /// Complete entries beyond the registrar's checkpoint that were removed.
        public var removedEntries: Int64
        /// Bytes of an incomplete last line that were removed.
        public var removedTornBytes: Int
        /// Where the removed bytes were saved.
        public var backupPath: String
    }

    /// Removes what an interrupted append left at the end of the ledger: an
    /// incomplete last line, and complete entries that the registrar's
    /// checkpoint does not cover (they were never reported recorded). The
    /// removed bytes are saved in a backup file first. Returns nil when there
    /// was nothing to repair. Never removes an entry the checkpoint covers.
    /// Whatever the ledger holds past what the checkpoint covers (torn
    /// bytes, complete lines, lines that are not entries at all, of any
    /// length) is removed and kept. Also removes temporary files a killed
    /// append left, and the derived state (`state/`) if it is stale (the
    /// next append rebuilds it).
    ///
    /// Throws:
    /// - `.notARegistry` when there is no registry at `layout`;
    /// - `.registryInvalid` when what the checkpoint covers does not verify;
    /// - `.storage` when a file cannot be read or written.
    public func repair() throws(RegistryError) -> RepairResult? {
        let lock = try lockForWriting()
        defer { lock.release() }
        let (header, checkpoint) = try opening(registrarKey: nil)
        let state = try readState(header: header, checkpoint: checkpoint)
        var result: RepairResult?
        if state.needsRepair {
            // The pass read only what the checkpoint covers, which is all
            // the ledger holds after the cut: nothing to read again.
            result = try cutTail(at: state.checkpointLength)
        }
        // Temporary files a killed append left behind: under the lock, none
        // can belong to a live writer.
        for folder in layout.foldersWithTemporaryFiles {
            FileSystem.removeFiles(in: folder, where: RegistryLayout.isTemporaryFile(named:))
        }
        // The derived state is signed with the registrar's key, which a
        // repair does not hold: one that no longer matches is removed, and
        // the next append rebuilds it.
        if RegistryState.load(layout, checkpoint: state.checkpoint, registrarKey: state.header.registrarKey) == nil {
            RegistryState.invalidate(layout)
        }
        return result
    }

    // MARK: - Internals

    /// The registry as the registrar finds it, under the lock.
    struct State {
        var header: RegistryHeader
        var checkpoint: RegistryCheckpoint
        var pass: LedgerPass
        /// Bytes in the ledger file.
        var ledgerLength: Int
        /// Bytes the checkpoint covers.
        var checkpointLength: Int

        var needsRepair: Bool { ledgerLength != checkpointLength }
    }

    /// Takes the registry's exclusive lock, once sure there is a registry,
    /// and refuses a registry any of whose files or folders is a symbolic
    /// link, or a pipe, device or folder where a file belongs (checked
    /// under the lock, so no other writer of ours makes one).
    func lockForWriting() throws(RegistryError) -> FileLock {
        guard FileSystem.exists(layout.header) else { throw .notARegistry(path: layout.directory) }
        do {
            let lock = try FileLock(registry: layout, exclusive: true)
            try FileSystem.checkRegistryFiles(in: layout, forWriting: true)
            return lock
        } catch {
            throw .storage(error)
        }
    }

    /// Reads what every write starts from, under the lock: the header
    /// (whose registrar key must be `registrarKey`'s, when given), the
    /// declaration copy (nothing is recorded for one that does not verify)
    /// and the registrar's signed checkpoint.
    private func opening(registrarKey: Ed25519PrivateKey?) throws(RegistryError) -> (RegistryHeader, RegistryCheckpoint) {
        do throws(RegistryError) {
            let verifier = RegistryVerifier(layout: layout)
            let header = try verifier.readHeader()
            if let registrarKey, registrarKey.publicKey != header.registrarKey {
                throw .wrongRegistrarKey(path: layout.directory, expectedKeyID: header.registrarKey.keyID,
                                         foundKeyID: registrarKey.publicKey.keyID)
            }
            _ = try verifier.readDeclaration(header: header)
            return (header, try openCheckpoint(verifier, header: header))
        } catch {
            throw Self.refusal(error)
        }
    }

    /// One pass over what `checkpoint` covers, with the ledger's length.
    private func readState(header: RegistryHeader, checkpoint: RegistryCheckpoint) throws(RegistryError) -> State {
        do throws(RegistryError) {
            // Only what the checkpoint covers is read and judged: whatever
            // follows (torn bytes, lines that are not entries) is the tail a
            // repair removes, not a reason to refuse.
            var pass = LedgerPass(layout: layout, header: header, watchedSizes: [checkpoint.size])
            pass.checksSignatures = false
            pass.entryLimit = Int64(checkpoint.size)
            try pass.run(length: Int.max)
            guard Int64(checkpoint.size) <= pass.entryCount else {
                throw .registryInvalid(VerificationFailure(
                    file: layout.ledger, expected: "\(checkpoint.size) entries", found: "\(pass.entryCount) entries",
                    message: "the ledger has \(pass.entryCount) entries, but the registrar's checkpoint commits to \(checkpoint.size): entries were removed"))
            }
            guard pass.roots[checkpoint.size] == checkpoint.rootHash, pass.heads[checkpoint.size] == checkpoint.chainHead,
                  let covered = pass.lengths[checkpoint.size] else {
                throw .registryInvalid(VerificationFailure(
                    file: layout.checkpoint, line: 3,
                    message: "the ledger's first \(checkpoint.size) entries do not match the registrar's checkpoint: the ledger was changed after it was signed"))
            }
            let ledgerLength: Int
            do {
                ledgerLength = try FileSystem.status(layout.ledger, operation: "reading the ledger").size
            } catch {
                throw .storage(error)
            }
            return State(header: header, checkpoint: checkpoint, pass: pass,
                         ledgerLength: ledgerLength, checkpointLength: covered)
        } catch {
            throw Self.refusal(error)
        }
    }

    /// Reads and opens the registrar's checkpoint; a checkpoint that does
    /// not open means the registry does not verify.
    private func openCheckpoint(_ verifier: RegistryVerifier, header: RegistryHeader) throws(RegistryError) -> RegistryCheckpoint {
        // A missing or oversized checkpoint is the verifier's verdict,
        // which `refusal` turns into the registrar's, with the same exit code.
        let bytes = try verifier.readCheckpointFile()
        do {
            return try verifier.openCheckpoint(bytes, path: layout.checkpoint, header: header)
        } catch {
            throw .registryInvalid(error)
        }
    }

    /// Saves the ledger's bytes from `length` on in a backup file (copied a
    /// chunk at a time: the tail may be one line of any length), then cuts
    /// the ledger back to `length`.
    private func cutTail(at length: Int) throws(RegistryError) -> RepairResult {
        do throws(StorageError) {
            let backup = layout.ledgerBackup(removedAt: Timestamp.string(from: Date()))
            let copied = try FileSystem.copyTail(of: layout.ledger, from: length, to: backup)
            try FileSystem.syncDirectory(containing: backup)
            try LedgerFile.truncate(layout.ledger, to: length)
            return RepairResult(removedEntries: Int64(copied.lineCount), removedTornBytes: copied.tornByteCount,
                                backupPath: backup)
        } catch {
            throw .storage(error)
        }
    }

    /// The error an operation that changes the registry reports: the
    /// verifier's verdict on the registry becomes the refusal to change it,
    /// `.registryInvalid`; every other error is already the one to report.
    private static func refusal(_ error: RegistryError) -> RegistryError {
        switch error {
        case .verificationFailed(let failure):
            return .registryInvalid(failure)
        case .alreadyExists, .notARegistry, .wrongRegistrarKey, .statementRefused, .registryInvalid, .storage,
             .keyFile, .crypto, .checkpointSigning, .invalidField, .declaration, .notACheckpoint, .siteRefused, .noSuchEntry,
             .invalidPolicy, .checkpointRefused, .witnessPolicyRefused, .quorumNotMet:
            return error
        }
    }
}

// MARK: - Reading

extension Registry {
    /// Reads and checks the registry's header.
    ///
    /// Throws:
    /// - `.notARegistry` when there is no header at `layout`;
    /// - `.verificationFailed` when the header is not a valid one;
    /// - `.storage` when it cannot be read.
    public func header() throws(RegistryError) -> RegistryHeader {
        guard FileSystem.exists(layout.header) else { throw .notARegistry(path: layout.directory) }
        return try RegistryVerifier(layout: layout).readHeader()
    }

    /// Reads the registry's own copy of the declaration, checked against
    /// the header's digest.
    ///
    /// Throws:
    /// - `.notARegistry` when there is no header at `layout`;
    /// - `.verificationFailed` when the header or the declaration is not
    ///   valid, the declaration does not match the header's digest, id and
    ///   version, or it claims the id and version of a declaration the
    ///   library knows with another digest (not the official text);
    /// - `.storage` when a file cannot be read.
    public func declaration() throws(RegistryError) -> Declaration {
        let header = try header()
        return try RegistryVerifier(layout: layout).readDeclaration(header: header)
    }
}
