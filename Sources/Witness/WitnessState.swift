import CryptoPrimitives
import Foundation
import Logging
import RegistryStorage
import TransparencyLog

/// What a witness answers to one add-checkpoint request.
package struct WitnessAnswer: Sendable {
    /// The HTTP status.
    package var status: Int
    /// The body's media type.
    package var contentType: String
    /// The body.
    package var body: [UInt8]
    /// The refusal, when refused.
    package var refusal: AddCheckpointRefusal?
    /// The witness's cosignature, when cosigned.
    package var cosignature: Cosignature?
    /// The checkpoint's origin, when the body was a request.
    package var origin: String?
    /// The request's old size, when the body was a request.
    package var oldSize: UInt64?
    /// The checkpoint's size, when the body was a request.
    package var size: UInt64?

    /// The body for text answers: plain text, UTF-8.
    package static let textContentType = "text/plain; charset=utf-8"
}

/// A witness's state: the latest checkpoint it cosigned for each log and
/// its evidence, in its data directory, which it holds (an exclusive
/// `flock`) for as long as this value lives.
///
/// Each origin has its own lock, held from the check against the latest
/// cosigned checkpoint until the new one is durable on disk: two requests
/// for one origin are checked and recorded one after the other, so the
/// roll-back race of c2sp.org/tlog-witness cannot happen; requests for
/// different origins do not wait for each other.
package final class WitnessState: @unchecked Sendable {
    // Safe to share: `slots` never changes after `init`, and each slot's
    // mutable fields are read and written only under its own lock.
    private let slots: [String: OriginSlot]
    private let slotsByHash: [String: OriginSlot]
    private let directoryLock: FileLock
    private let logger: Logger
    private let clock: @Sendable () -> UInt64

    /// The witness's configuration.
    package let configuration: WitnessConfiguration
    /// The data directory's layout.
    package let layout: WitnessDataLayout

    /// Opens (creating it if needed) the data directory in `layout` for
    /// `configuration`, taking its lock and reading each log's latest
    /// cosigned checkpoint. `clock` gives the time in seconds.
    package init(
        configuration: WitnessConfiguration,
        layout: WitnessDataLayout,
        logger: Logger = Logger(label: "witness"),
        clock: @escaping @Sendable () -> UInt64 = { UInt64(max(1, Date().timeIntervalSince1970)) }
    ) throws(WitnessError) {
        self.configuration = configuration
        self.layout = layout
        self.logger = logger
        self.clock = clock
        for folder in [layout.directory, layout.checkpoints, layout.evidence] where !FileSystem.isDirectory(folder) {
            try storage { () throws(StorageError) in
                try FileSystem.makeDirectory(folder, mode: 0o700)
                try FileSystem.syncDirectory(containing: folder)
            }
        }
        guard let lock = try storage({ () throws(StorageError) in
            try FileLock.attemptExclusive(directory: layout.directory, what: "the witness data directory")
        }) else {
            throw .dataDirectoryInUse(path: layout.directory)
        }
        self.directoryLock = lock
        // A replacement interrupted by a crash leaves its temporary file.
        FileSystem.removeFiles(in: layout.checkpoints) { $0.contains(RegistryLayout.Name.temporaryMarker) }
        var slots: [String: OriginSlot] = [:]
        for origin in configuration.logKeys.keys {
            let slot = OriginSlot(origin: origin)
            slot.cosigned = try Self.readCheckpoint(origin: origin, layout: layout, key: configuration.cosignerKey)
            slot.evidenceCount = try Self.countEvidence(in: layout.evidence(origin: origin))
            slots[origin] = slot
        }
        self.slots = slots
        self.slotsByHash = Dictionary(uniqueKeysWithValues: slots.values.map { (WitnessDataLayout.originHash($0.origin), $0) })
    }

    /// The latest cosigned checkpoint of the log whose origin hashes to
    /// `originHash`, as stored: the spec's monitoring read. Nil if none.
    package func latestCheckpoint(originHash: String) -> [UInt8]? {
        guard let slot = slotsByHash[originHash] else { return nil }
        return slot.withLock { $0.cosigned?.bytes }
    }

    /// The latest cosigned checkpoint of `origin`, if any.
    package func latestCheckpoint(origin: String) -> Checkpoint? {
        slots[origin]?.withLock { $0.cosigned?.checkpoint }
    }

    /// Checks an add-checkpoint request body and, if it passes, records
    /// the checkpoint durably and cosigns it; otherwise refuses it with
    /// its status, keeping evidence of a signed inconsistent checkpoint.
    /// Nothing is stored on any refusal but that evidence.
    package func addCheckpoint(_ body: [UInt8]) -> WitnessAnswer {
        let signed: AddCheckpointCheck.SignedRequest
        do throws(AddCheckpointRefusal) {
            signed = try AddCheckpointCheck.signedRequest(body, logKeys: configuration.logKeys)
        } catch {
            return Self.refused(error, request: try? AddCheckpointRequest(parsing: body))
        }
        guard let slot = slots[signed.origin] else {
            return Self.refused(.unknownOrigin(signed.origin), request: signed.request)
        }
        return slot.withLock { slot in record(signed, in: slot) }
    }

    /// The check against the latest cosigned checkpoint and the update,
    /// under the origin's lock.
    private func record(_ signed: AddCheckpointCheck.SignedRequest, in slot: OriginSlot) -> WitnessAnswer {
        let request = signed.request
        do throws(AddCheckpointRefusal) {
            try AddCheckpointCheck.checkConsistency(signed, cosigned: slot.cosigned?.checkpoint)
        } catch {
            if error.isMisbehaviour { keepEvidence(of: signed, refusal: error, in: slot) }
            return Self.refused(error, request: request)
        }
        let cosignature: Cosignature
        let stored: StoredCheckpoint
        do throws(TransparencyError) {
            cosignature = try Cosignature.sign(
                checkpointBody: request.checkpointNote.text, timestamp: max(1, clock()),
                name: configuration.name, key: configuration.key
            )
            let note = try SignedNote(
                text: request.checkpointNote.text,
                signatures: signed.logSignatures + [cosignature.noteSignature]
            )
            stored = StoredCheckpoint(note: note, checkpoint: request.checkpoint)
        } catch {
            return Self.failed("could not cosign the checkpoint: \(error)", request: request)
        }
        let path = layout.checkpoint(origin: signed.origin)
        do throws(StorageError) {
            try FileSystem.replaceAtomically(path, bytes: stored.bytes, mode: 0o644)
        } catch {
            logger.error("could not record the checkpoint; refused it", metadata: [
                "origin": "\(signed.origin)", "file": "\(path)", "error": "\(error)",
            ])
            return Self.failed("the witness could not record the checkpoint; try again later", request: request)
        }
        slot.cosigned = stored
        // A response holds one cosignature; it cannot exceed the limits.
        let response = (try? AddCheckpointResponse(cosignatures: [cosignature]))?.bytes ?? Array(cosignature.line.utf8)
        return WitnessAnswer(
            status: 200, contentType: WitnessAnswer.textContentType, body: response,
            refusal: nil, cosignature: cosignature,
            origin: signed.origin, oldSize: request.oldSize, size: request.checkpoint.size
        )
    }

    /// Writes the evidence file of a refused signed checkpoint, unless the
    /// origin's folder is full; a failure is logged, never answered.
    private func keepEvidence(of signed: AddCheckpointCheck.SignedRequest, refusal: AddCheckpointRefusal, in slot: OriginSlot) {
        let origin = signed.origin
        guard slot.evidenceCount < WitnessDataLayout.maximumEvidencePerOrigin else {
            logger.warning("evidence folder full; this inconsistent checkpoint is not kept", metadata: [
                "origin": "\(origin)", "limit": "\(WitnessDataLayout.maximumEvidencePerOrigin)",
            ])
            return
        }
        let now = max(1, clock())
        let held = slot.cosigned
        let evidence = WitnessEvidence(
            origin: origin, reason: refusal.code, detail: refusal.message.trimmingCharacters(in: .newlines),
            time: now, oldSize: signed.request.oldSize, size: signed.request.checkpoint.size,
            root: signed.request.checkpoint.rootHash.base64,
            cosignedSize: held?.checkpoint.size ?? 0,
            cosignedRoot: (held?.checkpoint.rootHash ?? MerkleTree.emptyRoot).base64,
            cosignedCheckpoint: held.map { String(decoding: $0.bytes, as: UTF8.self) },
            request: String(decoding: signed.body, as: UTF8.self)
        )
        let folder = layout.evidence(origin: origin)
        do throws(StorageError) {
            if !FileSystem.isDirectory(folder) {
                try FileSystem.makeDirectory(folder, mode: 0o700)
                try FileSystem.syncDirectory(containing: folder)
            }
            // Names sort by time, then by a sequence number; creation is
            // exclusive, so an existing name is skipped, never overwritten.
            var sequence = slot.evidenceCount
            while true {
                let name = String(now) + "-" + String(format: "%06d", sequence) + WitnessDataLayout.Name.evidenceExtension
                do throws(StorageError) {
                    try FileSystem.createNew(folder + "/" + name, bytes: evidence.bytes, mode: 0o644)
                    break
                } catch where error.isAlreadyExisting {
                    sequence += 1
                }
            }
            try FileSystem.syncDirectory(folder)
            slot.evidenceCount += 1
            logger.notice("kept evidence of an inconsistent signed checkpoint", metadata: [
                "origin": "\(origin)", "reason": "\(refusal.code)", "folder": "\(folder)",
            ])
        } catch {
            logger.error("could not keep evidence of an inconsistent checkpoint", metadata: [
                "origin": "\(origin)", "folder": "\(folder)", "error": "\(error)",
            ])
        }
    }

    private static func refused(_ refusal: AddCheckpointRefusal, request: AddCheckpointRequest?) -> WitnessAnswer {
        var answer = WitnessAnswer(
            status: refusal.status, contentType: WitnessAnswer.textContentType, body: Array(refusal.message.utf8),
            refusal: refusal, cosignature: nil,
            origin: request?.checkpoint.origin, oldSize: request?.oldSize, size: request?.checkpoint.size
        )
        if case .conflict(_, let cosignedSize) = refusal {
            answer.contentType = CosignedTreeSize.contentType
            answer.body = CosignedTreeSize(size: cosignedSize).bytes
        }
        return answer
    }

    private static func failed(_ message: String, request: AddCheckpointRequest) -> WitnessAnswer {
        WitnessAnswer(
            status: 500, contentType: WitnessAnswer.textContentType, body: Array((message + "\n").utf8),
            refusal: nil, cosignature: nil,
            origin: request.checkpoint.origin, oldSize: request.oldSize, size: request.checkpoint.size
        )
    }

    /// Reads the stored checkpoint of `origin`, checking that it is one
    /// this witness cosigned for that origin.
    private static func readCheckpoint(origin: String, layout: WitnessDataLayout, key: CosignerKey) throws(WitnessError) -> StoredCheckpoint? {
        let path = layout.checkpoint(origin: origin)
        guard FileSystem.exists(path) else { return nil }
        let bytes = try storage { () throws(StorageError) in try FileSystem.read(path, limit: 1 << 20, links: .refuse) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .damagedState(path: path, reason: "the stored checkpoint is not UTF-8")
        }
        do throws(TransparencyError) {
            let note = try SignedNote(parsing: text)
            let checkpoint = try Checkpoint(parsingBody: note.text)
            guard checkpoint.origin == origin else {
                throw .originMismatch(expected: origin, found: checkpoint.origin)
            }
            guard try !Cosignature.cosignatures(of: note, by: [key]).isEmpty else {
                throw .noSignature(keyName: key.name, keyHash: key.keyHash, signers: note.signatures.map(\.signer))
            }
            return StoredCheckpoint(note: note, checkpoint: checkpoint)
        } catch {
            throw .damagedState(path: path, reason: "the stored checkpoint is not one this witness cosigned: \(error)")
        }
    }

    private static func countEvidence(in folder: String) throws(WitnessError) -> Int {
        guard FileSystem.isDirectory(folder) else { return 0 }
        return try storage { () throws(StorageError) in
            try FileSystem.contentsOfDirectory(folder).count { $0.hasSuffix(WitnessDataLayout.Name.evidenceExtension) }
        }
    }
}

/// A checkpoint the witness cosigned, as stored and served.
struct StoredCheckpoint: Sendable {
    let note: SignedNote
    let checkpoint: Checkpoint

    var bytes: [UInt8] { Array(note.serialized.utf8) }
}

/// One origin's state and the lock that serialises its requests.
final class OriginSlot: @unchecked Sendable {
    // Safe to share: every access to the mutable fields goes through `withLock`.
    let origin: String
    private let lock = NSLock()
    var cosigned: StoredCheckpoint?
    var evidenceCount = 0

    init(origin: String) {
        self.origin = origin
    }

    func withLock<T>(_ body: (OriginSlot) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(self)
    }
}
