import Foundation
import Testing
import TestSupport

/// The command line's own messages: one wording for a missing registry,
/// a suggestion for a mistyped command, and no private key ever quoted.
@Suite struct CommandMessageTests {
    /// Every command that needs a registry says the same thing when there
    /// is none, tells an auditor what to pass, and mentions `init` only as
    /// what a registrar runs.
    @Test func aMissingRegistryHasOneWording() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path("nowhere")
        let key = directory.path("key")
        #expect(try DeclarationProcess.run(["keygen", "--out", key]).status == 0)
        let statement = directory.path("statement.json")
        let fields = ["--kind", "government", "--name", "Lyon", "--jurisdiction", "FR",
                      "--representative", "Office of the Mayor", "--title", "Mayor", "--yes"]
        let commands: [[String]] = [
            ["verify", "--registry", missing],
            ["list", "--registry", missing],
            ["export", "--format", "csv", "--registry", missing],
            ["repair", "--registry", missing],
            ["sign", "--key", key, "--out", statement, "--registry", missing] + fields,
            ["sign", "--key", key, "--registrar-key", key, "--registry", missing] + fields,
            ["withdraw", "--key", key, "--out", statement, "--registry", missing],
        ]
        let wording = "\(missing): no registry here (no registry.json); pass the registry's directory with --registry DIR or the DECLARATION_REGISTRY environment variable (a registrar creates a new registry with `declaration init`)"
        for arguments in commands {
            let result = try DeclarationProcess.run(arguments)
            #expect(result.status == 66, "\(arguments): \(result.standardError)")
            #expect(result.standardError.hasPrefix("error: " + wording), "\(arguments): \(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: statement))
    }

    /// A mistyped command is named, with the nearest command suggested
    /// (exit 64), whatever options follow it.
    @Test func aMistypedCommandSuggestsTheNearest() throws {
        for (typed, meant) in [("verfy", "verify"), ("lst", "list"), ("exprot", "export"), ("sing", "sign")] {
            let result = try DeclarationProcess.run([typed, "--registry", "r"])
            #expect(result.status == 64, "\(typed): \(result.standardError)")
            #expect(result.standardError.contains("unknown command '\(typed)'; did you mean '\(meant)'?"),
                    "\(typed): \(result.standardError)")
            #expect(!result.standardError.contains("Unknown option"), "\(result.standardError)")
        }
        let unrelated = try DeclarationProcess.run(["frobnicate"])
        #expect(unrelated.status == 64)
        #expect(unrelated.standardError.contains("unknown command 'frobnicate'; the commands are"), "\(unrelated.standardError)")
        #expect(!unrelated.standardError.contains("did you mean"))
        // The parser's own `help` still works.
        #expect(try DeclarationProcess.run(["help", "verify"]).status == 0)
    }

    /// A private key handed over as a statement, a saved checkpoint, the
    /// registry's checkpoint or header, or a ledger line is refused without
    /// a byte of it quoted: neither its armour nor its base64 body (the
    /// line that holds the seed), with the armour or without.
    @Test func privateKeyMaterialIsNeverQuoted() throws {
        let directory = try TemporaryDirectory()
        let setup = try CommandLineRegistry(in: directory, signers: 1)
        #expect(try DeclarationProcess.run(setup.signArguments(0)).status == 0)
        let pem = try String(contentsOfFile: setup.signerKeys[0], encoding: .utf8)
        let lines = pem.split(separator: "\n").map(String.init)
        let body = try #require(lines.first { !$0.hasPrefix("-----") })
        let variants = [pem, body + "\n", lines.dropFirst().joined(separator: "\n") + "\n"]
        for (index, variant) in variants.enumerated() {
            let file = directory.path("key-\(index)")
            try Data(variant.utf8).write(to: URL(fileURLWithPath: file))
            var runs: [(String, DeclarationProcess.Result, Int32)] = [
                ("statement", try DeclarationProcess.run(["append", "--registrar-key", setup.registrarKey,
                                                          "--registry", setup.registry, file]), 65),
                ("--checkpoint", try DeclarationProcess.run(["verify", "--registry", setup.registry, "--checkpoint", file]), 65),
                ("--since", try DeclarationProcess.run(["verify", "--registry", setup.registry, "--since", file]), 65),
            ]
            for replaced in ["checkpoint", "registry.json", "ledger.jsonl"] {
                let copy = directory.path("copy-\(index)-\(replaced)")
                try FileManager.default.copyItem(atPath: setup.registry, toPath: copy)
                if replaced == "ledger.jsonl" {
                    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: copy + "/ledger.jsonl"))
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data(variant.utf8))
                    try handle.close()
                } else {
                    try FileManager.default.removeItem(atPath: copy + "/" + replaced)
                    try Data(variant.utf8).write(to: URL(fileURLWithPath: copy + "/" + replaced))
                }
                runs.append((replaced, try DeclarationProcess.run(["verify", "--registry", copy]), 1))
            }
            for (what, result, status) in runs {
                #expect(result.status == status, "\(what), variant \(index): \(result.standardError)")
                #expect(result.standardError.contains("private key"), "\(what), variant \(index): \(result.standardError)")
                for quoted in [String(body.prefix(8)), String(body.suffix(12)), "BEGIN"] {
                    #expect(!result.standardError.contains(quoted), "\(what), variant \(index) quotes \(quoted): \(result.standardError)")
                    #expect(!result.standardOutput.contains(quoted), "\(what), variant \(index) quotes \(quoted)")
                }
            }
        }
    }
}
