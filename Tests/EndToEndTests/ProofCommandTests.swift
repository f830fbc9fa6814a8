import Foundation
import Testing
import TestSupport

/// `declaration proof` and `declaration verify-proof`, through the binary:
/// a registry made with the command line, proofs of its entries, and the
/// checks a journalist runs with the registrar's checkpoint key alone.
@Suite struct ProofCommandTests {
    /// A registry where Town 0 and Town 1 sign, then Town 0 withdraws.
    struct Signed {
        let directory: TemporaryDirectory
        let cli: CommandLineRegistry
        let logKey: String

        init() throws {
            directory = try TemporaryDirectory()
            cli = try CommandLineRegistry(in: directory, signers: 3)
            for index in 0..<2 {
                let signed = try DeclarationProcess.run(cli.signArguments(index))
                #expect(signed.status == 0, "\(signed.standardError)")
            }
            let withdrawn = try DeclarationProcess.run(["withdraw", "--key", cli.signerKeys[0], "--reason", "Merged",
                                                        "--registry", cli.registry, "--registrar-key", cli.registrarKey])
            #expect(withdrawn.status == 0, "\(withdrawn.standardError)")
            let verified = try DeclarationProcess.run(["verify", "--registry", cli.registry, "--format", "json"])
            #expect(verified.status == 0, "\(verified.standardError)")
            let report = try JSONSerialization.jsonObject(with: Data(verified.standardOutput.utf8)) as? [String: Any]
            logKey = try #require(report?["checkpoint_key"] as? String)
        }

        func proof(_ arguments: [String]) throws -> DeclarationProcess.Result {
            try DeclarationProcess.run(["proof", "--registry", cli.registry] + arguments)
        }

        func verifyProof(_ file: String, _ arguments: [String] = []) throws -> DeclarationProcess.Result {
            try DeclarationProcess.run(["verify-proof", file, "--log-key", logKey] + arguments)
        }

        func write(_ text: String, to name: String) throws -> String {
            let path = directory.path(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    @Test func verifyAndInitPrintTheCheckpointKey() throws {
        let signed = try Signed()
        #expect(signed.logKey.hasPrefix("robustness.declaration-registry.example/test+"))
        let text = try DeclarationProcess.run(["verify", "--registry", signed.cli.registry])
        #expect(text.standardOutput.contains("checkpoint key \(signed.logKey)"))
        let directory = try TemporaryDirectory()
        let created = try DeclarationProcess.run(["init", "--origin", "registry.example.org/proofs",
                                                  "--registrar-key", directory.path("registrar"), "--registry", directory.path("registry")])
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput.contains("Checkpoint key (C2SP): registry.example.org/proofs+"))
    }

    @Test func proofByEntryToStandardOutputVerifies() throws {
        let signed = try Signed()
        let made = try signed.proof(["--entry", "2"])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardError.isEmpty)
        #expect(made.standardOutput.hasPrefix("c2sp.org/tlog-proof@v1\nextra "))
        #expect(made.standardOutput.contains("\nindex 1\n"))
        // The checkpoint verbatim at the end.
        let checkpoint = String(decoding: try signed.cli.checkpoint(), as: UTF8.self)
        #expect(made.standardOutput.hasSuffix("\n\n" + checkpoint))
        let file = try signed.write(made.standardOutput, to: "town-1.tlog-proof")

        let verified = try signed.verifyProof(file)
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.hasPrefix("Proof verified: entry 2 of registry robustness.declaration-registry.example/test, under the registrar's checkpoint of 3 entries."))
        #expect(verified.standardOutput.contains("Signatory:    Town 1 (government, FR)"))
        #expect(verified.standardOutput.contains("Signed by:    Office of the Mayor, Mayor"))
        #expect(verified.standardOutput.contains("read in English (en)"))
        #expect(verified.standardOutput.contains("Declaration:  Subnational Open Government Declaration, version 1.0.0"))
        #expect(verified.standardOutput.contains("signed by \(signed.logKey)"))
        #expect(verified.standardOutput.contains("Other signatures (not checked): none"))

        let json = try signed.verifyProof(file, ["--format", "json"])
        #expect(json.status == 0, "\(json.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["verified"] as? Bool == true)
        #expect(object["registry"] as? String == "robustness.declaration-registry.example/test")
        let entry = try #require(object["entry"] as? [String: Any])
        #expect(entry["sequence"] as? Int == 2)
        #expect(entry["index"] as? Int == 1)
        #expect(entry["type"] as? String == "signature")
        #expect((entry["signatory"] as? [String: Any])?["name"] as? String == "Town 1")
        #expect((object["checkpoint"] as? [String: Any])?["size"] as? Int == 3)
        #expect((object["checkpoint"] as? [String: Any])?["log_key"] as? String == signed.logKey)
        #expect(object["other_signatures"] as? [String] == [])
    }

    @Test func proofByKeyOfAWithdrawnSignatoryIsItsWithdrawal() throws {
        let signed = try Signed()
        let out = signed.directory.path("town-0.tlog-proof")
        let made = try signed.proof(["--key", signed.cli.signerKeys[0] + ".pub", "--out", out])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("Proof of entry 3, a withdrawal"))
        #expect(made.standardOutput.contains("written to \(out)"))
        let verified = try signed.verifyProof(out)
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("entry 3 of registry"))
        #expect(verified.standardOutput.contains("a withdrawal: the signatory with this key withdrew its signature"))
        #expect(verified.standardOutput.contains("Reason:       Merged"))
        #expect(!verified.standardOutput.contains("Town 0"))

        // The signature the withdrawal ends is entry 1.
        let first = try signed.proof(["--entry", "1"])
        let file = try signed.write(first.standardOutput, to: "town-0-signature.tlog-proof")
        let signature = try signed.verifyProof(file)
        #expect(signature.standardOutput.contains("Town 0 (government, FR)"))
        #expect(signature.standardOutput.contains("a later entry may withdraw it"))
        // The same key id in both.
        let keyLine = { (text: String) in text.split(separator: "\n").first { $0.contains("Key:") }.map(String.init) }
        #expect(keyLine(signature.standardOutput) == keyLine(verified.standardOutput))
        // The proof by key of a signatory still in force is its signature.
        let active = try signed.proof(["--key", signed.cli.signerKeys[1] + ".pub"])
        #expect(active.standardOutput.contains("\nindex 1\n"))
    }

    @Test func aKeyNotInTheRegistryIsRefused() throws {
        let signed = try Signed()
        let made = try signed.proof(["--key", signed.cli.signerKeys[2] + ".pub"])
        #expect(made.status == 1)
        #expect(made.standardOutput.isEmpty)
        #expect(made.standardError.hasPrefix("error: registry robustness.declaration-registry.example/test: no entry among the 3"))
        let beyond = try signed.proof(["--entry", "4"])
        #expect(beyond.status == 1)
        #expect(beyond.standardError.contains("there is no entry 4"))
        // A private key where a public key belongs is an invalid input.
        let privateKey = try signed.proof(["--key", signed.cli.signerKeys[1]])
        #expect(privateKey.status == 65, "\(privateKey.standardError)")
    }

    @Test func anExistingOutputIsKeptUnlessForced() throws {
        let signed = try Signed()
        let out = try signed.write("keep me\n", to: "existing.tlog-proof")
        let refused = try signed.proof(["--entry", "1", "--out", out])
        #expect(refused.status == 73)
        #expect(refused.standardError.contains("already exists"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")
        let forced = try signed.proof(["--entry", "1", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try signed.verifyProof(out).status == 0)
    }

    @Test func usageErrors() throws {
        let signed = try Signed()
        for arguments in [[], ["--entry", "1", "--key", "k.pub"], ["--entry", "0"], ["--entry", "1", "--force"]] {
            let result = try signed.proof(arguments)
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
        }
        let file = try signed.write(try signed.proof(["--entry", "1"]).standardOutput, to: "p.tlog-proof")
        let badKey = try DeclarationProcess.run(["verify-proof", file, "--log-key", "not a key"])
        #expect(badKey.status == 64)
        #expect(badKey.standardError.contains("--log-key"))
        let noKey = try DeclarationProcess.run(["verify-proof", file])
        #expect(noKey.status == 64)
    }

    @Test func aTamperedProofDoesNotVerify() throws {
        let signed = try Signed()
        let text = try signed.proof(["--entry", "2"]).standardOutput
        // "Town 1" becomes "Town 2" inside the extra line's base64:
        // still a valid entry line, but not the one the registrar signed.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let extra = try #require(Data(base64Encoded: String(lines[1].dropFirst("extra ".count))))
        let altered = String(decoding: extra, as: UTF8.self).replacingOccurrences(of: "Town 1", with: "Town 2")
        var tampered = lines
        tampered[1] = "extra " + Data(altered.utf8).base64EncodedString()
        let file = try signed.write(tampered.joined(separator: "\n"), to: "tampered.tlog-proof")
        let result = try signed.verifyProof(file)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("error: \(file): the proof does not verify: the inclusion proof fails: "))
        let json = try signed.verifyProof(file, ["--format", "json"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(object?["verified"] as? Bool == false)
        #expect((object?["failure"] as? [String: Any])?["check"] as? String == "inclusion")
    }

    @Test func anotherRegistrysKeyDoesNotVerify() throws {
        let signed = try Signed()
        let file = try signed.write(try signed.proof(["--entry", "1"]).standardOutput, to: "p.tlog-proof")
        let other = try TemporaryDirectory()
        let created = try DeclarationProcess.run(["init", "--origin", "robustness.declaration-registry.example/test",
                                                  "--registrar-key", other.path("registrar"), "--registry", other.path("registry")])
        let otherKey = try #require(created.standardOutput.split(separator: "\n")
            .first { $0.hasPrefix("Checkpoint key (C2SP): ") }.map { String($0.dropFirst("Checkpoint key (C2SP): ".count)) })
        let result = try DeclarationProcess.run(["verify-proof", file, "--log-key", otherKey])
        #expect(result.status == 1)
        #expect(result.standardError.contains("the registrar's signature on the checkpoint fails"))
    }

    @Test func malformedAndMissingFiles() throws {
        let signed = try Signed()
        let text = try signed.proof(["--entry", "1"]).standardOutput
        let broken = try signed.write(text.replacingOccurrences(of: "\nindex 0\n", with: "\nindex zero\n"), to: "broken.tlog-proof")
        let malformed = try signed.verifyProof(broken)
        #expect(malformed.status == 65)
        #expect(malformed.standardError.hasPrefix("error: \(broken):3: not a valid proof: expected "))
        let missing = try signed.verifyProof(signed.directory.path("absent.tlog-proof"))
        #expect(missing.status == 66)
        let missingEntry = try signed.verifyProof(try signed.write(text, to: "p.tlog-proof"), ["--entry", signed.directory.path("absent.jsonl")])
        #expect(missingEntry.status == 66)
    }

    @Test func theEntryCanBeGivenBesideTheProof() throws {
        let signed = try Signed()
        let text = try signed.proof(["--entry", "2"]).standardOutput
        let ledgerLines = String(decoding: try signed.cli.ledger(), as: UTF8.self).split(separator: "\n").map(String.init)
        let entry = try signed.write(ledgerLines[1] + "\n", to: "entry-2.jsonl")
        let both = try signed.verifyProof(try signed.write(text, to: "p.tlog-proof"), ["--entry", entry])
        #expect(both.status == 0, "\(both.standardError)")
        // Without the extra line, the proof needs the entry.
        let bare = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset != 1 }.map(\.element).joined(separator: "\n")
        let bareFile = try signed.write(bare, to: "bare.tlog-proof")
        let without = try signed.verifyProof(bareFile)
        #expect(without.status == 64)
        #expect(without.standardError.contains("pass the entry's ledger line with --entry FILE"))
        let with = try signed.verifyProof(bareFile, ["--entry", entry, "--format", "json"])
        #expect(with.status == 0, "\(with.standardError)")
        #expect(with.standardOutput.contains("\"entry_source\":\"file\""))
        // Another entry beside the proof.
        let wrong = try signed.write(ledgerLines[0] + "\n", to: "entry-1.jsonl")
        let mismatch = try signed.verifyProof(try signed.write(text, to: "q.tlog-proof"), ["--entry", wrong])
        #expect(mismatch.status == 1)
        #expect(mismatch.standardError.contains("the entry given with --entry fails"))
    }
}

/// docs/PROOFS.md shows `verify-proof` checking the proof printed in
/// docs/FORMAT.md section 16: the binary prints exactly what it shows.
@Suite struct ProofDocumentationTests {
    static let docs = URL(fileURLWithPath: #filePath)  // Tests/EndToEndTests/
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    /// The fenced blocks of `text` after the line `heading`, in order.
    static func blocks(in text: String, after heading: String) throws -> [String] {
        let start = try #require(text.range(of: "\n" + heading + "\n"))
        var blocks: [String] = []
        var rest = text[start.upperBound...]
        while let open = rest.range(of: "\n```"), let lineEnd = rest[open.upperBound...].firstIndex(of: "\n"),
              let close = rest.range(of: "\n```\n", range: lineEnd..<rest.endIndex) {
            if rest[..<open.lowerBound].contains("\n## ") { break }
            blocks.append(String(rest[rest.index(after: lineEnd)..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return blocks
    }

    @Test func theJournalistsCheckPrintsWhatTheGuideShows() throws {
        let format = try String(contentsOf: Self.docs.appendingPathComponent("FORMAT.md"), encoding: .utf8)
        let guide = try String(contentsOf: Self.docs.appendingPathComponent("PROOFS.md"), encoding: .utf8)
        let proof = try #require(try Self.blocks(in: format, after: "### Worked example").first { $0.hasPrefix("c2sp.org/tlog-proof@v1\n") })
        let shown = try Self.blocks(in: guide, after: "## A journalist checks it in seconds")
        #expect(shown.count >= 2)
        let command = try #require(shown.first)
        let key = try #require(command.split(separator: " ").last.map(String.init))
        #expect(guide.contains("```\n\(key)\n```"), "the key the city publishes is the key the journalist uses")
        let directory = try TemporaryDirectory()
        try Data((proof + "\n").utf8).write(to: directory.url.appendingPathComponent("paris.tlog-proof"))
        let result = try DeclarationProcess.run(["verify-proof", "paris.tlog-proof", "--log-key", key], directory: directory.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == shown[1] + "\n")
    }
}
