import CryptoPrimitives
import Foundation
import RegistryStorage
import TestSupport
import Testing
import TransparencyLog
import Witness

/// The add-checkpoint checks of c2sp.org/tlog-witness, in order, against
/// a witness state in a temporary directory, and what each leaves on disk.
@Suite struct WitnessStateTests {
    let directory: TemporaryDirectory
    let log: WitnessedTestLog
    let configuration: WitnessConfiguration
    let layout: WitnessDataLayout

    init() throws {
        directory = try TemporaryDirectory()
        var log = try WitnessedTestLog(origin: "example.org/log")
        log.append(10)
        self.log = log
        configuration = try WitnessConfiguration(
            name: "example.org/witness", key: try Ed25519PrivateKey(), logs: [try log.verifierKey]
        )
        layout = WitnessDataLayout(directory: directory.path("data"))
    }

    func makeState(clock: @escaping @Sendable () -> UInt64 = { 1_700_000_000 }) throws -> WitnessState {
        try WitnessState(configuration: configuration, layout: layout, clock: clock)
    }

    /// Every file under the data directory with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: layout.directory)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in walker where !url.hasDirectoryPath {
            files[url.path] = try Data(contentsOf: url)
        }
        return files
    }

    func evidenceCount() throws -> Int {
        try WitnessEvidence.list(in: layout).count
    }

    @Test func cosignsAFirstCheckpointAndAConsistentLaterOne() throws {
        let state = try makeState()
        let first = state.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 4))
        #expect(first.status == 200)
        let cosignature = try #require(first.cosignature)
        #expect(cosignature.timestamp == 1_700_000_000)
        #expect(cosignature.isValid(for: try log.signedCheckpoint(size: 4).text, by: configuration.cosignerKey))
        #expect(String(decoding: first.body, as: UTF8.self) == cosignature.line)

        let second = state.addCheckpoint(try log.addCheckpointBody(oldSize: 4, size: 10))
        #expect(second.status == 200)
        #expect(state.latestCheckpoint(origin: log.origin)?.size == 10)

        // The stored note is the log's signature and the cosignature, as served.
        let served = try #require(state.latestCheckpoint(originHash: WitnessDataLayout.originHash(log.origin)))
        let note = try SignedNote(parsing: String(decoding: served, as: UTF8.self))
        try note.verify(with: try log.verifierKey)
        #expect(try Cosignature.cosignatures(of: note, by: [configuration.cosignerKey]).count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: layout.checkpoint(origin: log.origin))) == Data(served))
    }

    @Test func aCosignatureIsNeverAtTimeZero() throws {
        let state = try makeState(clock: { 0 })
        let answer = state.addCheckpoint(try log.addCheckpointBody(oldSize: 0))
        #expect(answer.cosignature?.timestamp == 1)
    }

    @Test func refusesEachFaultWithItsStatusAndStoresNothing() throws {
        let state = try makeState()
        #expect(state.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 5)).status == 200)
        let before = try snapshot()
        let stranger = try WitnessedTestLog(origin: "example.org/other")
        let impostorKey = try Ed25519PrivateKey()
        let good = try log.signedCheckpoint(size: 8)
        // A line naming the log's key whose signature is another's.
        let forgedLine = try NoteSignature(
            name: log.origin, keyHash: try log.verifierKey.keyHash,
            signature: try impostorKey.signature(for: Array(good.text.utf8))
        )
        let forged = try SignedNote(text: good.text, signatures: good.signatures + [forgedLine])
        let unsigned = try log.signedCheckpoint(size: 8, signingKey: impostorKey)
        var strangerLog = stranger
        strangerLog.append(3)
        let proof = try MerkleTree.consistencyProof(fromSize: 5, leafHashes: Array(log.leaves.prefix(8)))
        func body(_ old: UInt64, _ proof: [SHA256Digest], _ note: SignedNote) throws -> [UInt8] {
            try AddCheckpointRequest(oldSize: old, consistencyProof: proof, checkpointNote: note).bytes
        }
        let cases: [(String, [UInt8], Int, String)] = [
            ("malformed", Array("old 5\nnot base64\n\n".utf8), 400, "malformed"),
            ("unknown origin", try strangerLog.addCheckpointBody(oldSize: 0), 404, "unknown-origin"),
            ("no trusted signature", try body(5, proof, unsigned), 403, "untrusted-signature"),
            ("a trusted key's line fails", try body(5, proof, forged), 403, "untrusted-signature"),
            ("old size above size", try body(9, [], good), 400, "old-size-above-size"),
            ("old size not the cosigned one", try log.addCheckpointBody(oldSize: 4, size: 8), 409, "conflict"),
            ("bad proof", try body(5, Array(proof.reversed()), good), 422, "inconsistent"),
        ]
        for (label, bytes, status, code) in cases {
            let answer = state.addCheckpoint(bytes)
            #expect(answer.status == status, "\(label)")
            #expect(answer.refusal?.code == code, "\(label)")
        }
        #expect(state.latestCheckpoint(origin: log.origin)?.size == 5)
        // Nothing changed but the one evidence file of the bad proof.
        let after = try snapshot()
        #expect(after.count == before.count + 1)
        for (path, bytes) in before { #expect(after[path] == bytes) }
        #expect(try evidenceCount() == 1)
    }

    @Test func theOrderOfTheChecksIsTheSpecs() throws {
        let state = try makeState()
        var stranger = try WitnessedTestLog(origin: "example.org/other")
        stranger.append(2)
        let strangerNote = try stranger.signedCheckpoint()
        // Unknown origin before the old size; a bad signature before it too.
        let unknownAndAbove = try AddCheckpointRequest(oldSize: 9, consistencyProof: [], checkpointNote: strangerNote).bytes
        #expect(state.addCheckpoint(unknownAndAbove).status == 404)
        let unsigned = try log.signedCheckpoint(size: 2, signingKey: try Ed25519PrivateKey())
        let unsignedAndAbove = try AddCheckpointRequest(oldSize: 9, consistencyProof: [], checkpointNote: unsigned).bytes
        #expect(state.addCheckpoint(unsignedAndAbove).status == 403)
        // The empty tree's root before the old size's conflict (409).
        let badEmpty = try Checkpoint(origin: log.origin, size: 0, rootHash: MerkleTree.leafHash([1]))
        let badEmptyNote = try SignedNote.sign(text: badEmpty.body, name: log.origin, key: log.key)
        let emptyAnswer = state.addCheckpoint(
            try AddCheckpointRequest(oldSize: 0, consistencyProof: [], checkpointNote: badEmptyNote).bytes
        )
        #expect(emptyAnswer.status == 422)
        #expect(emptyAnswer.refusal?.code == "empty-tree-root")
        // A proof from the empty tree.
        let withProof = try AddCheckpointRequest(
            oldSize: 0, consistencyProof: [MerkleTree.leafHash([2])], checkpointNote: try log.signedCheckpoint(size: 3)
        ).bytes
        #expect(state.addCheckpoint(withProof).refusal?.code == "proof-from-empty-tree")
        #expect(state.latestCheckpoint(origin: log.origin) == nil)
        #expect(try evidenceCount() == 2)
    }

    @Test func theConflictAnswerIsTheCosignedSize() throws {
        let state = try makeState()
        #expect(state.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 7)).status == 200)
        let answer = state.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 9))
        #expect(answer.status == 409)
        #expect(answer.contentType == "text/x.tlog.size")
        #expect(answer.body == Array("7\n".utf8))
        #expect(try CosignedTreeSize(parsing: answer.body).size == 7)
        #expect(try evidenceCount() == 0)
    }

    @Test func aSplitViewAtTheSameSizeIsRefusedAndKeptAsEvidence() throws {
        let state = try makeState()
        #expect(state.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 10)).status == 200)
        var other = log.fork(at: 6)
        other.append(4, tag: "rewritten")
        let answer = state.addCheckpoint(try other.addCheckpointBody(oldSize: 10, size: 10))
        #expect(answer.status == 422)
        #expect(answer.refusal?.code == "root-changed")
        let evidence = try #require(try WitnessEvidence.list(in: layout).first?.evidence)
        #expect(evidence.origin == log.origin)
        #expect(evidence.size == 10)
        #expect(evidence.cosignedSize == 10)
        #expect(evidence.root != evidence.cosignedRoot)
        #expect(evidence.request == String(decoding: try other.addCheckpointBody(oldSize: 10, size: 10), as: UTF8.self))
        #expect(evidence.cosignedCheckpoint?.contains(try log.signedCheckpoint(size: 10).text) == true)
        // The same checkpoint again is cosigned again.
        #expect(state.addCheckpoint(try log.addCheckpointBody(oldSize: 10, size: 10)).status == 200)
    }

    @Test func theStateSurvivesARestartAndTheDirectoryIsHeldByOne() throws {
        do {
            let state = try makeState()
            #expect(state.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 6)).status == 200)
            #expect(throws: WitnessError.dataDirectoryInUse(path: layout.directory)) { try makeState() }
        }
        let reopened = try makeState()
        #expect(reopened.latestCheckpoint(origin: log.origin)?.size == 6)
        #expect(reopened.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 8)).status == 409)
        #expect(reopened.addCheckpoint(try log.addCheckpointBody(oldSize: 6, size: 8)).status == 200)
    }

    @Test func aStoredCheckpointNotCosignedByThisKeyIsRefusedAtStart() throws {
        do {
            let state = try makeState()
            #expect(state.addCheckpoint(try log.addCheckpointBody(oldSize: 0, size: 6)).status == 200)
        }
        let other = try WitnessConfiguration(name: "example.org/witness", key: try Ed25519PrivateKey(), logs: [try log.verifierKey])
        #expect {
            try WitnessState(configuration: other, layout: layout)
        } throws: { error in
            guard case WitnessError.damagedState(let path, _) = error else { return false }
            return path == layout.checkpoint(origin: log.origin)
        }
    }

    @Test func concurrentRequestsForOneOriginNeverRollBack() async throws {
        let state = try makeState()
        var big = log
        big.append(90)
        let frozen = big
        // Every request claims the size it last saw; sizes race upward.
        let cosigned = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var known = 0
                    var sizes: [Int] = []
                    for step in 0..<12 {
                        let size = max(known, min(100, known + 1 + (worker * 7 + step * 3) % 9))
                        let answer = state.addCheckpoint(try frozen.addCheckpointBody(oldSize: known, size: size))
                        if answer.status == 409, let held = try? CosignedTreeSize(parsing: answer.body) {
                            // The witness never reports a size below one it cosigned for this worker.
                            #expect(Int(held.size) >= known)
                            known = Int(held.size)
                        } else if answer.status == 200 {
                            sizes.append(size)
                            known = size
                        }
                    }
                    return sizes
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        let latest = try #require(state.latestCheckpoint(origin: log.origin))
        // The stored checkpoint is the largest ever cosigned: no roll-back.
        #expect(Int(latest.size) == cosigned.max())
        #expect(try makeStateAfterClosing(state).latestCheckpoint(origin: log.origin)?.size == latest.size)
        #expect(try evidenceCount() == 0)
    }

    /// The state reopened from disk, once `state` has let the directory go.
    func makeStateAfterClosing(_ state: WitnessState) throws -> WitnessState {
        state.close()
        return try makeState()
    }

    @Test func theListOfLogsTakesOnlyLogLines() throws {
        let key = try log.verifierKey.string
        let keys = try WitnessConfiguration.parseLogList(Array("# mine\n\nlog \(key) https://example.org/log/\n".utf8), file: "logs")
        #expect(keys == [try log.verifierKey])
        #expect {
            try WitnessConfiguration.parseLogList(Array("log \(key)\nquorum none\n".utf8), file: "logs")
        } throws: { error in
            guard case WitnessError.logList(let file, let policyError) = error else { return false }
            return file == "logs" && "\(policyError)".contains("2")
        }
        #expect(throws: WitnessError.noLogs(file: "logs")) {
            try WitnessConfiguration.parseLogList(Array("# nothing\n".utf8), file: "logs")
        }
        #expect(throws: WitnessError.self) {
            try WitnessConfiguration.parseLogList(Array("log \(configuration.cosignerKey.string)\n".utf8), file: "logs")
        }
    }
}
