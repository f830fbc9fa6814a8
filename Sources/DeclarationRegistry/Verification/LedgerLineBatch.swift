import CryptoPrimitives
import Dispatch
import Foundation
import RegistryFormat
import RegistryStorage
import Synchronization
import TransparencyLog

/// What can be learnt from one ledger line alone, without the lines before
/// it: its form, its hashes and its signature.
enum CheckedLine: Sendable {
    /// The line is canonical JSON and a well-formed entry.
    case entry(CheckedEntry)
    /// The line is not: the failure to report if the lines before it pass.
    case invalid(VerificationFailure)
    /// A line under a checkpoint verified in full before, read only for
    /// what the ordered checks and the roll need (see `ReplayedEntry`).
    case replayed(ReplayedEntry)
}

/// A well-formed line with the results that do not depend on its neighbours.
struct CheckedEntry: Sendable {
    var entry: Entry
    /// SHA-256 of the line: what the next entry's `previous` must be.
    var lineHash: SHA256Digest
    /// The line's RFC 9162 leaf hash, for the Merkle tree.
    var leafHash: SHA256Digest
    /// Whether the statement's signature verifies; true when signatures are
    /// not being checked.
    var signatureIsValid: Bool
    /// For a signature, the digest of its signatory's identity, which the
    /// rules look up: worked out here, on every core, rather than in order.
    var identity: SHA256Digest?
}

/// A batch of consecutive ledger lines, checked on every core in the
/// background while the caller applies the previous batch's entries in
/// order.
///
/// Everything that depends on one line only (parsing, the form of every
/// field, the signed message, both hashes, the signature) happens here, in
/// parallel; what depends on the lines before it (sequence, chain, time,
/// the signatory roll, the Merkle tree) stays with the caller, in order. So
/// the parallel part carries nearly all the work and the sequential part
/// is a few dictionary look-ups and a hash or two per entry.
///
/// `@unchecked Sendable` is safe because the lines read and the result
/// slots are written only in the background (the lines once, each slot by
/// exactly one worker) and read only after `wait()` returns, which orders
/// every write before the reads; cancellation goes through an atomic.
final class LedgerLineBatch: @unchecked Sendable {
    /// The lines, in ledger order; read them after `waitUntilRead()`.
    var lines: [LedgerLine] { read.lines }
    /// The error that stopped reading after these lines, if one did; read
    /// it after `waitUntilRead()`.
    var readFailure: StorageError? { read.failure }
    /// Whether no batch follows this one; read it after `waitUntilRead()`.
    var isLast: Bool { read.failure != nil || read.lines.count < limit }

    private let limit: Int
    /// What the background read; written once, before the workers leave the
    /// group, and read only after `wait()`.
    private var read: (lines: [LedgerLine], failure: StorageError?) = ([], nil)
    private var results = UnsafeMutableBufferPointer<CheckedLine?>(start: nil, count: 0)
    private let cancelled = Atomic<Bool>(false)
    /// Left once the lines are read, and once they are all checked.
    private let reading = DispatchGroup()
    private let group = DispatchGroup()

    /// Reads up to `limit` lines from `reader` and checks them, both in the
    /// background. The reader must not be used again until
    /// `waitUntilRead()` returns. A read error ends the batch and is kept for the caller to
    /// throw once the lines before it are applied. Signatures are checked
    /// when `checksSignatures`, on lines after `signaturesVerifiedThrough`
    /// only. With `replaying`, lines up to `signaturesVerifiedThrough` are
    /// read as `ReplayedEntry` values when they can be.
    init(reading reader: LedgerReader, limit: Int, file: String, checksSignatures: Bool,
         signaturesVerifiedThrough: Int64, replaying: ReplayHeader? = nil) {
        self.limit = limit
        // The reader is handed over to the background until `wait()`: the
        // caller does not touch it meanwhile, so it is never shared.
        nonisolated(unsafe) let reader = reader
        group.enter()
        reading.enter()
        DispatchQueue.global().async { [self] in
            var readLines: [LedgerLine] = []
            readLines.reserveCapacity(limit)
            var failure: StorageError?
            do throws(StorageError) {
                while readLines.count < limit, let line = try reader.next() {
                    readLines.append(line)
                }
            } catch {
                failure = error
            }
            read = (readLines, failure)
            results = .allocate(capacity: readLines.count)
            results.initialize(repeating: nil)
            reading.leave()
            let lines = read.lines
            let count = lines.count
            guard count > 0 else {
                group.leave()
                return
            }
            let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
            // A few chunks per core evens out the load when cores are shared.
            let chunks = min(count, workers * 4)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                    if cancelled.load(ordering: .relaxed) { return }
                    let line = lines[index]
                    let verifiedBefore = Int64(line.number) <= signaturesVerifiedThrough
                    if verifiedBefore, let replaying, let replayed = LedgerLineCodec.replayed(line.bytes, header: replaying) {
                        results[index] = .replayed(replayed)
                        continue
                    }
                    results[index] = Self.check(line, file: file, checksSignature: checksSignatures && !verifiedBefore)
                }
            }
            group.leave()
        }
    }

    deinit {
        // The workers hold the batch until they finish, so none is running.
        _ = results.deinitialize()
        results.deallocate()
    }

    /// Waits for the lines to be read: then the reader is free, and
    /// `lines`, `readFailure` and `isLast` are known.
    func waitUntilRead() {
        reading.wait()
    }

    /// Waits for every line to be read and checked.
    func wait() {
        group.wait()
    }

    /// Stops checking the lines not yet started, and waits for the workers.
    func cancel() {
        stop()
        group.wait()
    }

    /// Stops checking the lines not yet started, without waiting: to stop
    /// several batches at once before waiting for any.
    func stop() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Takes the result for line `index` of the batch out of it (a second
    /// call gives nil); call after `wait()`. Taking rather than copying
    /// spares a retain and release of every string of the entry.
    func takeResult(_ index: Int) -> CheckedLine? {
        results[index].take()
    }

    /// Checks one line on its own.
    ///
    /// Lines laid out as the registry writes them are read by
    /// `LedgerLineCodec` straight from their bytes; any other line, and
    /// any line that breaks a rule, goes through the general parser, which
    /// says what is wrong.
    static func check(_ line: LedgerLine, file: String, checksSignature: Bool) -> CheckedLine {
        switch checkedEntry(line, file: file, checksSignature: checksSignature) {
        case .success(let entry): return .entry(entry)
        case .failure(let failure): return .invalid(failure)
        }
    }

    /// Checks one line on its own, as `check` does: the entry it holds, or
    /// why it is not one. A proof checks its entry with it too.
    static func checkedEntry(_ line: LedgerLine, file: String, checksSignature: Bool) -> Result<CheckedEntry, VerificationFailure> {
        let checked = checkQuoting(line, file: file, checksSignature: checksSignature)
        // The failure may quote the line; a line holding key material is
        // reported without any of it. Looked for only once a line failed,
        // so the pass over good lines costs nothing more.
        if case .failure(let failure) = checked, KeyMaterial.appears(in: line.bytes) {
            return .failure(VerificationFailure(
                file: failure.file, line: failure.line, sequence: failure.sequence,
                message: "the line holds what looks like a private key, not an entry; nothing of it is shown. Whoever can write the ledger put it there: remove the key from the ledger and treat it as exposed"))
        }
        return checked
    }

    private static func checkQuoting(_ line: LedgerLine, file: String, checksSignature: Bool) -> Result<CheckedEntry, VerificationFailure> {
        let entry: Entry
        var message: [UInt8]?
        if let decoded = LedgerLineCodec.decode(line.bytes) {
            entry = decoded.entry
            if checksSignature { message = decoded.signedMessage(in: line.bytes) }
        } else {
            let number = line.number
            let json: JSONValue
            do {
                json = try CanonicalJSON.parseCanonical(line.bytes)
            } catch {
                return .failure(VerificationFailure(file: file, line: number, sequence: Int64(number),
                                                    message: "the line is not canonical JSON: \(error)"))
            }
            do {
                entry = try Entry(json: json)
            } catch {
                return .failure(VerificationFailure(file: file, line: number, sequence: Int64(number), fieldError: error))
            }
            if checksSignature {
                message = entry.signedMessage(slicedFrom: line.bytes) ?? entry.statement.signedMessage
            }
        }
        var signatureIsValid = true
        if let message {
            signatureIsValid = entry.statement.publicKey.isValidSignature(entry.statement.signature, for: message)
        }
        return .success(CheckedEntry(entry: entry, lineHash: SHA256.hash(line.bytes),
                                     leafHash: MerkleTree.leafHash(line.bytes), signatureIsValid: signatureIsValid,
                                     identity: entry.statement.signatory.map(SignatoryIdentity.digest(of:))))
    }
}
