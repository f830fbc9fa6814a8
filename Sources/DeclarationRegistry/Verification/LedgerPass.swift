import CryptoPrimitives
import Dispatch
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// One streaming pass over the ledger, entry by entry.
struct LedgerPass {
    let layout: RegistryLayout
    let header: RegistryHeader
    /// Tree sizes whose Merkle roots, chain heads and byte lengths the
    /// caller wants.
    let watchedSizes: Set<UInt64>
    /// Whether to check every statement's signature. An append skips them:
    /// it re-reads entries the registrar already checked and signed a
    /// checkpoint over.
    var checksSignatures = true
    /// Entries up to this sequence number were verified in full before
    /// (see `RegistryVerifier.verify(savedCheckpoint:trustingSavedCheckpoint:)`):
    /// their signatures are not checked again.
    var signaturesVerifiedThrough: Int64 = 0
    /// Whether to keep every entry read, for listing the history.
    var collectsHistory = false
    /// Chain heads known from signed checkpoints, by size: they tell an
    /// altered line from an altered link when the chain breaks.
    var knownHeads: [UInt64: SHA256Digest] = [:]
    /// When set, the pass stops after this many entries, and nothing past
    /// them is judged: how a repair reads exactly what the checkpoint
    /// covers, whatever follows it.
    var entryLimit: Int64?
    /// When set, the leaves also feed this proof (a consistency proof from
    /// a saved checkpoint to the current one), computed in the same pass.
    var proofHasher: ProofRangeHasher?

    private(set) var entryCount: Int64 = 0
    private(set) var roll: SignatoryRoll
    private(set) var roots: [UInt64: SHA256Digest] = [:]
    /// For each watched size, the SHA-256 of the last line at that size.
    private(set) var heads: [UInt64: SHA256Digest] = [:]
    /// For each watched size, the ledger's length in bytes at that size.
    private(set) var lengths: [UInt64: Int] = [:]
    private(set) var history: [Entry] = []
    private(set) var trailingBytes: [UInt8] = []
    private(set) var tree = MerkleTreeBuilder()
    private(set) var lastLineHash: SHA256Digest
    /// The last entry's `appended_at`, as the number its digits make.
    private(set) var lastAppendedAt: UInt64 = 0
    /// The last entry's `appended_at`; empty before the first entry.
    var lastAppendedAtText: String {
        entryCount == 0 ? "" : Timestamp.string(digits: lastAppendedAt)
    }

    /// A pass that watches `watchedSizes`; `keepingDetails` decides whether
    /// its roll can list the signatories or only apply the rules.
    init(layout: RegistryLayout, header: RegistryHeader, watchedSizes: [UInt64], keepingDetails: Bool = false) {
        self.layout = layout
        self.header = header
        self.watchedSizes = Set(watchedSizes)
        self.lastLineHash = header.hash
        self.roll = SignatoryRoll(keepingDetails: keepingDetails)
    }

    /// A line whose `previous` is not the hash of the line before it.
    struct ChainBreak {
        var entry: Entry
        var line: LedgerLine
        var lineHash: SHA256Digest
    }

    /// How many batches are read and checked ahead of the one applied.
    static let pipelineDepth = 3

    /// Reads the first `length` bytes of the ledger.
    ///
    /// Lines are read in batches. Each batch is checked line by line on
    /// every core (form, hashes, signature) while the previous one has its
    /// entries applied here in order (sequence, chain, time, rules, tree),
    /// so the cores never wait for the sequential part. The failure
    /// reported is the first one a pass checking each line in full, in
    /// order, would meet: a bad signature on an earlier entry comes before
    /// any later failure, which it explains better.
    ///
    /// Throws `.verificationFailed` at the first entry that fails, and
    /// `.storage` when the ledger cannot be read.
    mutating func run(length: Int) throws(RegistryError) {
        let reader: LedgerReader
        do {
            reader = try LedgerReader(path: layout.ledger, limit: length)
        } catch {
            throw .storage(error)
        }
        record(size: 0, lineLength: 0)
        // Entries verified in full before are replayed from a few fields
        // when nothing more of them is wanted: no list, no history.
        let replaying = signaturesVerifiedThrough > 0 && !roll.keepsDetails && !collectsHistory
            ? ReplayHeader(header) : nil
        // Room for the keys of the entries verified before; no more than the
        // ledger can hold (a line takes well over 256 bytes), whatever size
        // the saved checkpoint claims.
        if signaturesVerifiedThrough > 0 {
            roll.reserveCapacity(min(Int(signaturesVerifiedThrough), length / 256))
        }
        func startBatch() -> LedgerLineBatch {
            LedgerLineBatch(reading: reader, limit: RegistryVerifier.batchSize, file: layout.ledger,
                            checksSignatures: checksSignatures,
                            signaturesVerifiedThrough: signaturesVerifiedThrough, replaying: replaying)
        }
        // Up to `pipelineDepth` batches are read and checked ahead of the
        // one being applied, each started as soon as the one before it is
        // read (the reader goes from one to the next), so the cores never
        // wait for the ordered part, nor for one batch's slowest lines.
        var ahead = [startBatch()]
        while let batch = ahead.first {
            while ahead.count < Self.pipelineDepth, let newest = ahead.last {
                newest.waitUntilRead()
                if newest.isLast { break }
                ahead.append(startBatch())
            }
            ahead.removeFirst()
            batch.wait()
            do throws(RegistryError) {
                try apply(batch, following: ahead.first)
                if reachedLimit {
                    for pending in ahead { pending.stop() }
                    for pending in ahead { pending.cancel() }
                    DispatchQueue.global().async { withExtendedLifetime(batch) {} }
                    return
                }
                if let failure = batch.readFailure { throw failing(failure) }
            } catch {
                for pending in ahead { pending.stop() }
                for pending in ahead { pending.cancel() }
                throw error
            }
            // Its lines are freed on another core, off the ordered path.
            DispatchQueue.global().async { withExtendedLifetime(batch) {} }
        }
        trailingBytes = reader.trailingBytes
    }


    /// Whether the pass has applied `entryLimit` entries.
    private var reachedLimit: Bool {
        entryLimit.map { entryCount >= $0 } ?? false
    }

    /// The error a failed read of the ledger is: a line longer than any
    /// line may be is a verdict on that line (the registry does not
    /// verify); anything else an I/O error.
    private func failing(_ failure: StorageError) -> RegistryError {
        guard case .lineTooLong(let line, let limit) = failure.cause else { return .storage(failure) }
        return .verificationFailed(VerificationFailure(
            file: layout.ledger, line: line, sequence: Int64(line), expected: "at most \(limit) bytes",
            found: "more than \(limit) bytes",
            message: "the line is longer than \(limit) bytes, the most a ledger line may hold (no append writes one); it was not read further"))
    }

    /// Applies a checked batch's entries in order.
    private mutating func apply(_ batch: LedgerLineBatch, following next: LedgerLineBatch?) throws(RegistryError) {
        for (index, line) in batch.lines.enumerated() {
            if reachedLimit { return }
            guard let result = batch.takeResult(index) else {
                throw .verificationFailed(VerificationFailure(file: layout.ledger, line: line.number, message: "the line was not checked"))
            }
            let checked: CheckedEntry
            switch result {
            case .invalid(let failure): throw .verificationFailed(failure)
            case .entry(let entry): checked = entry
            case .replayed(let replayed):
                if replay(replayed, line: line) { continue }
                // Something about the line is wrong: check it in full, in
                // order, which says what.
                switch LedgerLineBatch.check(line, file: layout.ledger, checksSignature: false) {
                case .invalid(let failure): throw .verificationFailed(failure)
                case .entry(let entry): checked = entry
                case .replayed: throw .verificationFailed(VerificationFailure(file: layout.ledger, line: line.number, message: "the line was not checked"))
                }
            }
            let chainBreak: ChainBreak?
            do {
                chainBreak = try accept(checked, line: line)
            } catch {
                throw .verificationFailed(error)
            }
            if let found = chainBreak {
                let following: LedgerLine?
                if index + 1 < batch.lines.count {
                    following = batch.lines[index + 1]
                } else if let next {
                    next.waitUntilRead()
                    if next.lines.isEmpty, let failure = next.readFailure { throw failing(failure) }
                    following = next.lines.first
                } else {
                    following = nil
                }
                throw .verificationFailed(placeChainBreak(found, next: following))
            }
        }
    }

    /// Applies a checked entry in order; returns the broken link, for the
    /// caller to place, when its `previous` is not the last line's hash.
    private mutating func accept(_ checked: CheckedEntry, line: LedgerLine) throws(VerificationFailure) -> ChainBreak? {
        let file = layout.ledger
        let number = line.number
        let entry = checked.entry
        let expectedSequence = entryCount + 1
        guard entry.sequence == expectedSequence else {
            throw VerificationFailure(
                file: file, line: number, sequence: entry.sequence, field: "sequence",
                expected: String(expectedSequence), found: String(entry.sequence),
                message: "line \(number) holds entry \(entry.sequence), but entry \(expectedSequence) belongs there: entries were removed, duplicated, reordered or renumbered")
        }
        guard entry.previous == lastLineHash else {
            return ChainBreak(entry: entry, line: line, lineHash: checked.lineHash)
        }
        let appendedAt = SignedMoment(signedAt: entry.appendedAt, sequence: 0).time
        guard appendedAt >= lastAppendedAt else {
            let previous = Timestamp.string(digits: lastAppendedAt)
            throw VerificationFailure(
                file: file, line: number, sequence: entry.sequence, field: "appended_at",
                expected: "\(previous) or later", found: entry.appendedAt,
                message: "appended_at \(entry.appendedAt) is earlier than the previous entry's \(previous); time never goes backwards in the ledger")
        }
        do {
            try RegistryRules.checkBinding(of: entry.statement, to: header)
            try roll.apply(entry.statement, identity: checked.identity, sequence: entry.sequence, appendedAt: entry.appendedAt)
        } catch {
            throw VerificationFailure(file: file, line: number, sequence: entry.sequence, fieldError: error, prefix: "statement")
        }
        guard checked.signatureIsValid else {
            throw VerificationFailure(
                file: file, line: number, sequence: entry.sequence, field: "statement.signature",
                message: "the signatory's signature does not verify with its public key: the statement was altered or forged")
        }
        if collectsHistory { history.append(entry) }
        entryCount = entry.sequence
        lastAppendedAt = appendedAt
        lastLineHash = checked.lineHash
        tree.append(leafHash: checked.leafHash)
        proofHasher?.append(leafHash: checked.leafHash)
        record(size: UInt64(entryCount), lineLength: line.offset + line.bytes.count + 1)
        return nil
    }

    /// Applies an entry verified in full before, from its few fields; false
    /// when any check fails, and then nothing has changed.
    private mutating func replay(_ replayed: ReplayedEntry, line: LedgerLine) -> Bool {
        guard replayed.sequence == entryCount + 1, replayed.previous == lastLineHash,
              replayed.appendedAt >= lastAppendedAt, replayed.isBound,
              roll.replay(key: replayed.key, signatory: replayed.signatory, signedAt: replayed.signedAt,
                          sequence: replayed.sequence)
        else { return false }
        entryCount = replayed.sequence
        lastAppendedAt = replayed.appendedAt
        lastLineHash = replayed.lineHash
        tree.append(leafHash: replayed.leafHash)
        proofHasher?.append(leafHash: replayed.leafHash)
        record(size: UInt64(entryCount), lineLength: line.offset + line.bytes.count + 1)
        return true
    }

    private mutating func record(size: UInt64, lineLength: Int) {
        guard watchedSizes.contains(size) else { return }
        roots[size] = tree.root
        heads[size] = lastLineHash
        lengths[size] = lineLength
    }

    /// Decides which of two lines a broken link blames. If the line with the
    /// broken link is itself intact (the next line, or the registrar's
    /// checkpoint, still records its hash), the line before it was altered;
    /// otherwise its own `previous` was.
    private func placeChainBreak(_ chainBreak: ChainBreak, next: LedgerLine?) -> VerificationFailure {
        let line = chainBreak.line
        let lineHash = chainBreak.lineHash
        let recordedHash: SHA256Digest?
        if let next {
            recordedHash = LedgerLineCodec.previous(inLine: next.bytes)
        } else {
            recordedHash = knownHeads[UInt64(chainBreak.entry.sequence)]
        }
        if line.number > 1, let recordedHash, recordedHash == lineHash {
            let altered = line.number - 1
            return VerificationFailure(
                file: layout.ledger, line: altered, sequence: Int64(altered),
                expected: chainBreak.entry.previous.hex, found: lastLineHash.hex,
                message: "the line was altered after it was recorded: its SHA-256 is \(lastLineHash.hex), but entry \(line.number) records \(chainBreak.entry.previous.hex)")
        }
        let what = line.number == 1 ? "the registry header" : "line \(line.number - 1)"
        return VerificationFailure(
            file: layout.ledger, line: line.number, sequence: chainBreak.entry.sequence, field: "previous",
            expected: lastLineHash.hex, found: chainBreak.entry.previous.hex,
            message: "the chain is broken: \"previous\" should be the SHA-256 of \(what), \(lastLineHash.hex), but is \(chainBreak.entry.previous.hex)")
    }
}

extension LedgerPass {
    /// Builds and writes the registry's derived state (`state/`) from this
    /// pass, which read the ledger's first `ledgerLength` bytes, signed with
    /// the registrar's key.
    func rebuildState(_ layout: RegistryLayout, ledgerLength: Int,
                      signingKey: Ed25519PrivateKey) throws(StorageError) -> (RegistryState, SignatoryIndex) {
        try RegistryState.rebuild(layout, size: UInt64(entryCount), ledgerLength: ledgerLength, chainHead: lastLineHash,
                                  appendedAt: lastAppendedAtText, tree: tree, roll: roll, signingKey: signingKey)
    }
}
