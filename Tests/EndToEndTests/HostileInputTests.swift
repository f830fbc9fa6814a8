import Foundation
import Testing
import TestSupport

/// Bad input on the command line or in files gets a clear error, the right
/// exit code, and changes nothing: the ledger and checkpoint keep their
/// exact bytes.
@Suite struct HostileInputTests {
    /// A registry with one entry and a few spare keys.
    private struct Scene {
        let directory: TemporaryDirectory
        let setup: CommandLineRegistry
        let ledger: Data
        let checkpoint: Data

        init() throws {
            directory = try TemporaryDirectory()
            setup = try CommandLineRegistry(in: directory, signers: 4)
            let first = try DeclarationProcess.run(setup.signArguments(0))
            #expect(first.status == 0, "\(first.standardError)")
            ledger = try setup.ledger()
            checkpoint = try setup.checkpoint()
        }

        /// Runs the binary and checks the exit code, that the error says
        /// `words`, and that the registry is byte for byte unchanged.
        func expectRefused(_ arguments: [String], status: Int32, saying words: [String],
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try DeclarationProcess.run(arguments, directory: directory.url)
            #expect(result.status == status, "\(result.standardError)", sourceLocation: sourceLocation)
            for word in words {
                #expect(result.standardError.contains(word), "expected \(word) in: \(result.standardError)",
                        sourceLocation: sourceLocation)
            }
            #expect(try setup.ledger() == ledger, "the ledger changed", sourceLocation: sourceLocation)
            #expect(try setup.checkpoint() == checkpoint, "the checkpoint changed", sourceLocation: sourceLocation)
            #expect(try DeclarationProcess.run(["verify", "--registry", setup.registry]).status == 0,
                    sourceLocation: sourceLocation)
        }

        func signArguments(name: String, jurisdiction: String = "FR", extra: [String] = []) -> [String] {
            var arguments = setup.signArguments(1, name: name)
            if let index = arguments.firstIndex(of: "--jurisdiction") { arguments[index + 1] = jurisdiction }
            return arguments + extra
        }

        /// A valid statement file for signer 2, written with `sign --out`.
        func statementFile(name: String = "Lyon") throws -> String {
            let path = directory.path("statement-\(UUID().uuidString).json")
            let result = try DeclarationProcess.run(
                ["sign", "--yes", "--key", setup.signerKeys[2], "--registry", setup.registry, "--out", path,
                 "--kind", "government", "--name", name, "--jurisdiction", "FR",
                 "--representative", "Office of the Mayor", "--title", "Mayor"])
            #expect(result.status == 0, "\(result.standardError)")
            return path
        }

        func appendArguments(_ files: [String]) -> [String] {
            ["append", "--registrar-key", setup.registrarKey, "--registry", setup.registry] + files
        }
    }

    @Test func controlAndBidiCharactersAreRefused() throws {
        let scene = try Scene()
        try scene.expectRefused(scene.signArguments(name: "Paris\u{7}"), status: 65, saying: ["--name", "U+0007"])
        try scene.expectRefused(scene.signArguments(name: "Paris\u{202E}"), status: 65, saying: ["--name", "U+202E"])
        try scene.expectRefused(scene.signArguments(name: "Pa\u{200B}ris"), status: 65, saying: ["--name", "U+200B"])
    }

    @Test func nfdNamesAreRecordedInNFC() throws {
        let scene = try Scene()
        let decomposed = "Sa\u{0303}o Paulo"
        let result = try DeclarationProcess.run(scene.signArguments(name: decomposed))
        #expect(result.status == 0, "\(result.standardError)")
        let ledger = try scene.setup.ledger()
        #expect(ledger.range(of: Data("\"name\":\"S\u{E3}o Paulo\"".utf8)) != nil)
        #expect(ledger.range(of: Data("a\u{0303}".utf8)) == nil)
    }

    @Test func oversizedFieldsAreRefused() throws {
        let scene = try Scene()
        try scene.expectRefused(scene.signArguments(name: String(repeating: "a", count: 100_000)), status: 65,
                                saying: ["--name", "100000 characters"])
        // A 1 MB name in a statement file handed to the registrar: refused
        // for its length; a file over the 1 MiB statement limit is refused
        // as bad input before it is parsed.
        let path = try scene.statementFile()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (count, words) in [(1_000_000, ["signatory.name", "1000000 characters"]), (1 << 20, ["larger than 1048576 bytes"])] {
            let large = text.replacingOccurrences(of: "\"name\":\"Lyon\"", with: "\"name\":\"" + String(repeating: "b", count: count) + "\"")
            try Data(large.utf8).write(to: URL(fileURLWithPath: path))
            try scene.expectRefused(scene.appendArguments([path]), status: 65, saying: [path] + words)
        }
    }

    @Test func invalidUTF8StatementIsRefused() throws {
        let scene = try Scene()
        let path = try scene.statementFile()
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = Array("Lyon".utf8)
        let start = try #require((0...(bytes.count - name.count)).first { Array(bytes[$0..<$0 + name.count]) == name })
        bytes[start + 1] = 0xC3 // a lead byte followed by an ASCII byte: invalid UTF-8
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try scene.expectRefused(scene.appendArguments([path]), status: 65, saying: [path])
        try Data([0xFF, 0xFE, 0x7B, 0x7D]).write(to: URL(fileURLWithPath: path))
        try scene.expectRefused(scene.appendArguments([path]), status: 65, saying: [path, "0xff"])
    }

    @Test func unknownLanguagesAndMalformedJurisdictionsAreUsageErrors() throws {
        let scene = try Scene()
        try scene.expectRefused(scene.signArguments(name: "Lyon", extra: ["--lang", "de"]), status: 64, saying: ["--lang"])
        for code in ["F1", "US-", "US-ZZZZ", "XX", "FR-\u{202E}1", ""] {
            try scene.expectRefused(scene.signArguments(name: "Lyon", jurisdiction: code), status: 64, saying: ["--jurisdiction"])
        }
    }

    @Test func missingFilesAndDirectoriesAreNamed() throws {
        let scene = try Scene()
        let missing = scene.directory.path("missing.json")
        try scene.expectRefused(scene.appendArguments([missing]), status: 66, saying: [missing])
        let folder = scene.directory.path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        // A folder is not a file to read (issue 11, item 6): 66, as a missing file.
        try scene.expectRefused(scene.appendArguments([folder]), status: 66, saying: [folder, "not a regular file"])
        let statement = try scene.statementFile()
        try scene.expectRefused(["append", "--registrar-key", folder, "--registry", scene.setup.registry, statement],
                                status: 65, saying: [folder])
        try scene.expectRefused(["append", "--registrar-key", scene.directory.path("no-key"),
                                 "--registry", scene.setup.registry, statement], status: 66, saying: ["no-key"])
        let notARegistry = try DeclarationProcess.run(["verify", "--registry", folder])
        #expect(notARegistry.status == 66)
        #expect(notARegistry.standardError.contains("declaration init"))
    }

    @Test func fullDiskIsAClearErrorAndChangesNothing() throws {
        let scene = try Scene()
        let statement = try scene.statementFile()
        // Under a 1 KiB file size limit the ledger (one entry, under 1 KiB)
        // cannot take another line: the write fails part way with EFBIG and
        // must be taken back.
        try #require(scene.ledger.count < 1024)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -f 1; exec \"$0\" \"$@\"", DeclarationProcess.executableURL.path]
            + scene.appendArguments([statement])
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 74, "\(message)")
        #expect(message.contains("ledger.jsonl") && message.contains("ulimit"), "\(message)")
        #expect(try scene.setup.ledger() == scene.ledger)
        #expect(try scene.setup.checkpoint() == scene.checkpoint)
        #expect(try DeclarationProcess.run(["verify", "--registry", scene.setup.registry]).status == 0)
        // With the limit lifted the same statement goes in.
        #expect(try DeclarationProcess.run(scene.appendArguments([statement])).status == 0)
    }
}
