import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// The worked example's registry (FORMAT.md section 13: Paris signs, then
/// withdraws) and its checkpoint key, for proofs.
struct ProofExample {
    let example: FormatExample
    let layout: RegistryLayout
    let logKey: NoteVerifierKey

    init() throws {
        example = try FormatExample()
        layout = RegistryLayout(directory: example.directory.path("registry"))
        logKey = try example.header.checkpointVerifierKey()
    }

    func make(_ subject: ProofSubject) throws -> EntryProof {
        try EntryProof.make(subject, registry: layout)
    }

    /// A proof of `lines[index]` under a checkpoint that the example's
    /// registrar signs over `lines`, whatever they hold: what a registrar
    /// that signed something it should not have could hand out.
    func forged(_ lines: [[UInt8]], index: Int, origin: String = FormatExample.origin) throws -> TlogProof {
        let hashes = lines.map { MerkleTree.leafHash($0) }
        let checkpoint = try RegistryCheckpoint(origin: origin, size: UInt64(lines.count),
                                                rootHash: MerkleTree.root(leafHashes: hashes), chainHead: SHA256.hash(lines[lines.count - 1]))
        let note = try SignedNote(parsing: String(decoding: try checkpoint.signedNote(with: example.registrar), as: UTF8.self))
        return try TlogProof(extra: lines[index], index: UInt64(index),
                             inclusionProof: MerkleTree.inclusionProof(forLeafAt: UInt64(index), leafHashes: hashes),
                             checkpointNote: note)
    }

    func verify(_ bytes: [UInt8], key: NoteVerifierKey? = nil, supplied: [UInt8]? = nil) throws(ProofError) -> ProofReport {
        try EntryProof.verify(bytes, path: "paris.tlog-proof", logKey: key ?? logKey,
                              supplied: supplied.map { (path: "entry.jsonl", line: $0) })
    }

    func expectFailure(_ bytes: [UInt8], key: NoteVerifierKey? = nil, supplied: [UInt8]? = nil, check expected: ProofCheck,
                       mentioning words: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try verify(bytes, key: key, supplied: supplied)
            Issue.record("the proof verified", sourceLocation: sourceLocation)
        } catch {
            guard case .doesNotVerify(let path, let check, let reason) = error else {
                Issue.record("\(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(path == "paris.tlog-proof", sourceLocation: sourceLocation)
            #expect(check == expected, "\(reason)", sourceLocation: sourceLocation)
            if let words { #expect(reason.contains(words), "\(reason)", sourceLocation: sourceLocation) }
        }
    }
}

/// Making proofs from a registry directory.
@Suite struct EntryProofMakingTests {
    @Test func everyEntryIsProvedAndVerifies() throws {
        let proofs = try ProofExample()
        for (position, entry) in proofs.example.entries.enumerated() {
            let made = try proofs.make(.entry(sequence: entry.sequence))
            #expect(made.entry == entry)
            #expect(made.proof.index == UInt64(position))
            #expect(made.proof.extra == entry.line)
            #expect(made.checkpoint.size == 2)
            // The checkpoint verbatim.
            #expect(made.proof.checkpointNote.serialized.utf8.elementsEqual(proofs.example.checkpoint2))
            let report = try proofs.verify(made.bytes)
            #expect(report.entry == entry)
            #expect(report.index == UInt64(position))
            #expect(report.registry == FormatExample.origin)
            #expect(report.entrySource == .proof)
            #expect(report.otherSignatures.isEmpty)
            #expect(report.knownDeclaration == nil)
        }
    }

    @Test func aKeysLatestEntryIsItsWithdrawal() throws {
        let proofs = try ProofExample()
        let made = try proofs.make(.latestEntry(signedBy: proofs.example.signatory.publicKey))
        #expect(made.entry.sequence == 2)
        guard case .withdrawal(let reason) = made.entry.statement.content else {
            Issue.record("the latest entry is not the withdrawal")
            return
        }
        #expect(reason == "Signée en double")
        #expect(made.bytes == (try proofs.make(.entry(sequence: 2))).bytes)
    }

    @Test func entriesTheCheckpointDoesNotCoverAreRefused() throws {
        let proofs = try ProofExample()
        for sequence: Int64 in [0, 3, -1] {
            #expect {
                try proofs.make(.entry(sequence: sequence))
            } throws: { error in
                guard case RegistryError.noSuchEntry(let registry, let reason) = error else { return false }
                return registry == FormatExample.origin && reason.contains("entries 1 to 2")
            }
        }
        let stranger = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x03, count: 32)).publicKey
        #expect {
            try proofs.make(.latestEntry(signedBy: stranger))
        } throws: { error in
            guard case RegistryError.noSuchEntry(_, let reason) = error else { return false }
            return reason.contains(stranger.keyID) && reason.contains("among the 2")
        }
    }

    @Test func linesAfterTheCheckpointAreNotRead() throws {
        let proofs = try ProofExample()
        // An uncheckpointed tail, whatever it holds, is neither proved nor judged.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: proofs.layout.ledger))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not an entry\n{\"torn".utf8))
        try handle.close()
        _ = try proofs.verify(try proofs.make(.entry(sequence: 1)).bytes)
        #expect(throws: RegistryError.self) { try proofs.make(.entry(sequence: 3)) }
    }

    @Test func aLedgerChangedUnderTheCheckpointIsRefused() throws {
        let proofs = try ProofExample()
        var ledger = try FileSystem.read(proofs.layout.ledger)
        // "Signée" becomes "Signee" in entry 2: a valid line, but not the one signed.
        let accent = try #require(ledger.indices.first { ledger[$0...].starts(with: [0xC3, 0xA9]) })
        ledger.replaceSubrange(accent..<accent + 2, with: [0x65])
        try Data(ledger).write(to: URL(fileURLWithPath: proofs.layout.ledger))
        for sequence: Int64 in [1, 2] {
            #expect {
                try proofs.make(.entry(sequence: sequence))
            } throws: { error in
                guard case RegistryError.verificationFailed(let failure) = error else { return false }
                // Entry 2's statement no longer matches its signature; entry
                // 1 is intact, but its proof does not lead to the signed root.
                return sequence == 2 ? failure.field == "statement.signature" : failure.message.contains("changed after it was signed")
            }
        }
    }

    @Test func aShortLedgerOrAForeignCheckpointIsRefused() throws {
        let proofs = try ProofExample()
        let ledger = try FileSystem.read(proofs.layout.ledger)
        let firstLine = try #require(ledger.firstIndex(of: 0x0A))
        try Data(ledger[...firstLine]).write(to: URL(fileURLWithPath: proofs.layout.ledger))
        #expect {
            try proofs.make(.entry(sequence: 1))
        } throws: { error in
            guard case RegistryError.verificationFailed(let failure) = error else { return false }
            return failure.message.contains("entries 2 to 2 were removed")
        }
        try Data(ledger).write(to: URL(fileURLWithPath: proofs.layout.ledger))
        let impostor = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x09, count: 32))
        let forged = try RegistryCheckpoint(opening: proofs.example.checkpoint2, verifier: proofs.logKey, origin: FormatExample.origin)
            .signedNote(with: impostor)
        try Data(forged).write(to: URL(fileURLWithPath: proofs.layout.checkpoint))
        #expect {
            try proofs.make(.entry(sequence: 1))
        } throws: { error in
            guard case RegistryError.verificationFailed(let failure) = error else { return false }
            return failure.file == proofs.layout.checkpoint
        }
    }

    @Test func aCheckpointClaimingHugeSizeIsRefusedNotBelieved() throws {
        let proofs = try ProofExample()
        let huge = try RegistryCheckpoint(origin: FormatExample.origin, size: RegistryCheckpoint.maximumSize,
                                          rootHash: MerkleTree.emptyRoot, chainHead: MerkleTree.emptyRoot)
        try Data(try huge.signedNote(with: proofs.example.registrar)).write(to: URL(fileURLWithPath: proofs.layout.checkpoint))
        #expect {
            try proofs.make(.entry(sequence: 1))
        } throws: { error in
            guard case RegistryError.verificationFailed(let failure) = error else { return false }
            return failure.message.contains("the ledger has 2 entries, but the registrar's checkpoint commits to \(RegistryCheckpoint.maximumSize)")
        }
    }

    @Test func aMissingRegistryIsNotARegistry() throws {
        let directory = try TemporaryDirectory()
        #expect {
            try EntryProof.make(.entry(sequence: 1), registry: RegistryLayout(directory: directory.path("none")))
        } throws: { error in
            guard case RegistryError.notARegistry = error else { return false }
            return true
        }
    }

    /// The tiles the local source builds on every core are the tiles of
    /// the tree, as the tile building blocks make them one by one.
    @Test(arguments: [0, 1, 2, 255, 256, 257, 513, 65_537])
    func localTilesAreTheTreesTiles(size: Int) throws {
        let hashes = RFC6962Vectors.syntheticLeafHashes(size)
        let parallel = LedgerProofSource.tiles(leafHashes: hashes)
        let sequential = TileSet(leafHashes: hashes)
        for path in TilePath.hashTiles(treeSize: UInt64(size)) {
            #expect(parallel[path] == sequential[path], "\(path)")
            #expect(parallel[path] != nil, "\(path)")
        }
        if size > 0 {
            #expect(try parallel.root() == MerkleTree.root(leafHashes: hashes))
            #expect(try parallel.inclusionProof(forLeafAt: UInt64(size - 1))
                == MerkleTree.inclusionProof(forLeafAt: UInt64(size - 1), leafHashes: hashes))
        }
    }
}

/// A proof source other than the local ledger, as a registry read over the
/// network will be: `EntryProof.make` trusts none of what it gives.
struct MemorySource: RegistryProofSource {
    var location = "memory"
    var lines: [[UInt8]]
    var lineAt: [UInt64: Int] = [:]
    var proofFor: [UInt64: UInt64] = [:]

    func latestEntryIndex(signedBy key: Ed25519PublicKey, treeSize: UInt64) throws(RegistryError) -> UInt64? {
        lines.indices.last.map(UInt64.init)
    }

    func entryLine(at index: UInt64, treeSize: UInt64) throws(RegistryError) -> [UInt8] {
        lines[lineAt[index] ?? Int(index)]
    }

    func inclusionProof(forLeafAt index: UInt64, treeSize: UInt64) throws(RegistryError) -> [SHA256Digest] {
        do {
            return try TileSet(leafHashes: lines.map { MerkleTree.leafHash($0) }).inclusionProof(forLeafAt: proofFor[index] ?? index)
        } catch {
            throw .verificationFailed(VerificationFailure(file: location, message: error.description))
        }
    }
}

@Suite struct EntryProofSourceTests {
    func make(_ subject: ProofSubject, _ source: MemorySource, _ proofs: ProofExample) throws -> EntryProof {
        try EntryProof.make(subject, header: proofs.example.header, checkpointNote: proofs.example.checkpoint2,
                            checkpointLocation: "checkpoint", source: source)
    }

    @Test func anHonestSourceGivesTheSameProof() throws {
        let proofs = try ProofExample()
        let source = MemorySource(lines: proofs.example.entries.map(\.line))
        for sequence: Int64 in [1, 2] {
            #expect(try make(.entry(sequence: sequence), source, proofs).bytes == proofs.make(.entry(sequence: sequence)).bytes)
        }
        #expect(try make(.latestEntry(signedBy: proofs.example.signatory.publicKey), source, proofs).entry.sequence == 2)
    }

    @Test func aSourceThatLiesIsCaught() throws {
        let proofs = try ProofExample()
        var source = MemorySource(lines: proofs.example.entries.map(\.line))
        // The line of entry 2 given as entry 1.
        source.lineAt = [0: 1]
        #expect {
            try make(.entry(sequence: 1), source, proofs)
        } throws: { error in
            guard case RegistryError.verificationFailed(let failure) = error else { return false }
            return failure.field == "sequence"
        }
        // The proof of another leaf.
        source = MemorySource(lines: proofs.example.entries.map(\.line), proofFor: [0: 1])
        #expect {
            try make(.entry(sequence: 1), source, proofs)
        } throws: { error in
            guard case RegistryError.verificationFailed(let failure) = error else { return false }
            return failure.message.contains("does not lead to its root")
        }
        // An entry by another key given as the key's latest.
        let stranger = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x03, count: 32)).publicKey
        #expect {
            try make(.latestEntry(signedBy: stranger), MemorySource(lines: proofs.example.entries.map(\.line)), proofs)
        } throws: { error in
            guard case RegistryError.verificationFailed(let failure) = error else { return false }
            return failure.field == "statement.public_key"
        }
    }
}

/// Verifying proofs offline: each check, and what the report says.
@Suite struct EntryProofVerificationTests {
    @Test func theEntryMayComeFromAFile() throws {
        let proofs = try ProofExample()
        let made = try proofs.make(.entry(sequence: 1))
        let line = proofs.example.entries[0].line
        // Both, the same (the file's line feed is not part of the entry).
        #expect(try proofs.verify(made.bytes, supplied: line + [0x0A]).entrySource == .both)
        #expect(try proofs.verify(made.bytes, supplied: line).entrySource == .both)
        // Another entry in the file.
        proofs.expectFailure(made.bytes, supplied: proofs.example.entries[1].line, check: .suppliedEntry)
        // A proof without its extra line needs the file.
        let bare = try TlogProof(extra: nil, index: 0, inclusionProof: made.proof.inclusionProof,
                                 checkpointNote: made.proof.checkpointNote)
        #expect(try proofs.verify(bare.bytes, supplied: line).entrySource == .file)
        #expect(throws: ProofError.noEntry(path: "paris.tlog-proof")) { try proofs.verify(bare.bytes) }
        proofs.expectFailure(bare.bytes, supplied: proofs.example.entries[1].line, check: .inclusion)
    }

    @Test func theRegistrarsKeyAndNoOtherVerifiesTheCheckpoint() throws {
        let proofs = try ProofExample()
        let bytes = try proofs.make(.entry(sequence: 1)).bytes
        let impostor = try NoteVerifierKey(name: FormatExample.origin,
                                           publicKey: try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32)).publicKey)
        proofs.expectFailure(bytes, key: impostor, check: .checkpointSignature, mentioning: "no signature by the key")
        let elsewhere = try NoteVerifierKey(name: "registry.example.org/other", publicKey: proofs.example.registrar.publicKey)
        proofs.expectFailure(bytes, key: elsewhere, check: .checkpointSignature, mentioning: "check which registry")
    }

    @Test func aTamperedEntryOrIndexIsRefused() throws {
        let proofs = try ProofExample()
        let made = try proofs.make(.entry(sequence: 1))
        var line = proofs.example.entries[0].line
        let name = try #require(line.indices.first { line[$0...].starts(with: Array("Paris\"".utf8)) })
        line[name] = UInt8(ascii: "L")
        let tampered = try TlogProof(extra: line, index: 0, inclusionProof: made.proof.inclusionProof,
                                     checkpointNote: made.proof.checkpointNote)
        proofs.expectFailure(tampered.bytes, check: .inclusion, mentioning: "altered")
        let moved = try TlogProof(extra: made.proof.extra, index: 2, inclusionProof: made.proof.inclusionProof,
                                  checkpointNote: made.proof.checkpointNote)
        proofs.expectFailure(moved.bytes, check: .inclusion, mentioning: "covers only 2 entries")
    }

    @Test func aMalformedProofNamesItsLine() throws {
        let proofs = try ProofExample()
        var text = String(decoding: try proofs.make(.entry(sequence: 1)).bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "index 0\n", with: "index 00\n")
        #expect {
            try proofs.verify(Array(text.utf8))
        } throws: { error in
            guard case ProofError.malformed(let path, let line, let reason) = error else { return false }
            return path == "paris.tlog-proof" && line == 3 && reason.contains("found \"index 00\"")
                && String(describing: error).hasPrefix("paris.tlog-proof:3: not a valid proof: expected ")
        }
    }

    @Test func aPrivateKeyGivenAsAProofIsNotQuoted() throws {
        let proofs = try ProofExample()
        let pem = try proofs.example.signatory.pemRepresentation(passphrase: nil)
        #expect {
            try proofs.verify(Array(pem.utf8))
        } throws: { error in
            guard case ProofError.malformed(_, nil, _) = error else { return false }
            let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }
            let text = String(describing: error)
            return !text.contains("BEGIN") && body.allSatisfy { !text.contains($0) }
        }
    }

    /// Lines a registrar should never have signed: each is caught by the
    /// check after the signature and the inclusion proof, which pass.
    @Test func entriesTheRegistrarShouldNotHaveSignedAreRefused() throws {
        let proofs = try ProofExample()
        let paris = proofs.example.entries[0]

        var badSignature = paris
        badSignature.statement.signature[0] ^= 1
        proofs.expectFailure(try proofs.forged([badSignature.line], index: 0).bytes, check: .statementSignature)

        proofs.expectFailure(try proofs.forged([Array("{}".utf8)], index: 0).bytes, check: .entry)
        proofs.expectFailure(try proofs.forged([Array("not json".utf8)], index: 0).bytes, check: .entry, mentioning: "canonical JSON")

        let other = "registry.example.org/other"
        let elsewhere = try Statement.signed(paris.statement.content, registry: other,
                                             declarationDigest: paris.statement.declarationDigest,
                                             signedAt: paris.statement.signedAt, key: proofs.example.signatory)
        let misbound = Entry(sequence: 1, previous: paris.previous, appendedAt: paris.appendedAt, statement: elsewhere)
        proofs.expectFailure(try proofs.forged([misbound.line], index: 0).bytes, check: .registry, mentioning: other)

        // Entry 2's line alone, at index 0.
        proofs.expectFailure(try proofs.forged([proofs.example.entries[1].line], index: 0).bytes, check: .entryNumber)
    }

    @Test func otherSignaturesAreReportedNotTrusted() throws {
        let proofs = try ProofExample()
        let made = try proofs.make(.entry(sequence: 1))
        let note = made.proof.checkpointNote
        let witness = try TlogProofFixture.signature(of: note.text, name: "witness.example", seed: 0x33)
        let cosigned = try TlogProof(extra: made.proof.extra, index: 0, inclusionProof: made.proof.inclusionProof,
                                     checkpointNote: SignedNote(text: note.text, signatures: note.signatures + [witness]))
        let report = try proofs.verify(cosigned.bytes)
        #expect(report.otherSignatures.map(\.signer) == [witness.signer])
        #expect(witness.signer.hasPrefix("witness.example+") && witness.signer.count == "witness.example+".count + 8)
    }
}
