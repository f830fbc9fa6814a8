import Foundation
import Glibc
import Testing
import TestSupport

/// Output that cannot be written is an error (exit 74) that says what was
/// already done, and `--out` never overwrites what the user did not mean to.
@Suite struct OutputSafetyTests {
    /// A registry with one entry, spare keys and a statement file ready to append.
    private struct Scene {
        let directory: TemporaryDirectory
        let setup: CommandLineRegistry

        init() throws {
            directory = try TemporaryDirectory()
            setup = try CommandLineRegistry(in: directory, signers: 4)
            let first = try DeclarationProcess.run(setup.signArguments(0))
            #expect(first.status == 0, "\(first.standardError)")
        }

        var registry: [String] { ["--registry", setup.registry] }

        func signToFile(_ signer: Int, name: String, out: String, extra: [String] = []) -> [String] {
            ["sign", "--yes", "--key", setup.signerKeys[signer], "--out", out, "--kind", "government",
             "--name", name, "--jurisdiction", "FR", "--representative", "Office of the Mayor", "--title", "Mayor"]
                + registry + extra
        }

        func entryCount() throws -> Int {
            try setup.ledger().split(separator: UInt8(ascii: "\n")).count
        }
    }

    /// Every command that prints, with standard output on a full disk and
    /// on a closed pipe: exit 74 and one error line naming standard output,
    /// never a crash.
    @Test(arguments: [DeclarationProcess.UnwritableOutput.full, .closedPipe])
    func everyCommandReportsAnUnwritableStandardOutput(output: DeclarationProcess.UnwritableOutput) throws {
        let scene = try Scene()
        let directory = scene.directory
        let commands: [[String]] = [
            ["--help"],
            ["help", "verify"],
            ["export", "--help"],
            ["show"],
            ["show", "--lang", "fr"],
            ["verify"] + scene.registry,
            ["verify", "--format", "json"] + scene.registry,
            ["list"] + scene.registry,
            ["list", "--all"] + scene.registry,
            ["export", "--format", "csv"] + scene.registry,
            ["repair"] + scene.registry,
            ["keygen", "--out", directory.path("fresh-\(UUID().uuidString)")],
            ["init", "--origin", "example.org/other", "--registrar-key", directory.path("other-registrar-\(UUID().uuidString)"),
             "--registry", directory.path("other-\(UUID().uuidString)")],
            scene.signToFile(1, name: "Lyon", out: directory.path("lyon-\(UUID().uuidString).json")),
        ]
        for arguments in commands {
            let result = try DeclarationProcess.run(arguments, writingTo: output, directory: directory.url)
            #expect(result.status == 74, "\(arguments): \(result.status) \(result.standardError)")
            // `sign` shows what is signed on standard error first.
            let last = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
            // `show --lang fr` speaks French.
            #expect(last.hasPrefix(arguments.contains("fr") ? "erreur : " : "error: "), "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("standard output: writing failed"), "\(arguments): \(result.standardError)")
            #expect(!result.standardError.contains("Fatal error"), "\(arguments): \(result.standardError)")
        }
    }

    /// An append whose report cannot be written has still recorded its
    /// entries, and says so: nobody should append them again.
    @Test(arguments: [DeclarationProcess.UnwritableOutput.full, .closedPipe])
    func appendSaysItsEntriesAreRecordedWhenItsReportIsLost(output: DeclarationProcess.UnwritableOutput) throws {
        let scene = try Scene()
        let lyon = scene.directory.path("lyon.json")
        let nice = scene.directory.path("nice.json")
        for (signer, name, path) in [(1, "Lyon", lyon), (2, "Nice", nice)] {
            let signed = try DeclarationProcess.run(scene.signToFile(signer, name: name, out: path))
            #expect(signed.status == 0, "\(signed.standardError)")
        }
        let appended = try DeclarationProcess.run(
            ["append", "--registrar-key", scene.setup.registrarKey] + scene.registry + [lyon, nice], writingTo: output)
        #expect(appended.status == 74, "\(appended.standardError)")
        #expect(appended.standardError.contains("entries 2 to 3 are recorded, but this report could not be written"),
                "\(appended.standardError)")
        #expect(try scene.entryCount() == 3)
        #expect(try DeclarationProcess.run(["verify"] + scene.registry).status == 0)

        let direct = try DeclarationProcess.run(scene.setup.signArguments(3), writingTo: output)
        #expect(direct.status == 74, "\(direct.standardError)")
        #expect(direct.standardError.contains("entry 4 is recorded, but this report could not be written"), "\(direct.standardError)")
        #expect(try scene.entryCount() == 4)
    }

    /// `--out` refuses an existing file (73) and leaves it as it was;
    /// `--force` replaces it.
    @Test func outRefusesAnExistingFileUnlessForced() throws {
        let scene = try Scene()
        let directory = scene.directory
        let existing = directory.path("existing")
        let commands: [[String]] = [
            ["export", "--format", "csv", "--out", existing] + scene.registry,
            scene.signToFile(1, name: "Lyon", out: existing),
            ["withdraw", "--key", scene.setup.signerKeys[0], "--out", existing] + scene.registry,
        ]
        for arguments in commands {
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
            let refused = try DeclarationProcess.run(arguments)
            #expect(refused.status == 73, "\(arguments): \(refused.standardError)")
            #expect(refused.standardError.contains("\(existing) already exists"), "\(refused.standardError)")
            #expect(refused.standardError.contains("--force"), "\(refused.standardError)")
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")

            let forced = try DeclarationProcess.run(arguments + ["--force"])
            #expect(forced.status == 0, "\(arguments): \(forced.standardError)")
            #expect(try String(contentsOfFile: existing, encoding: .utf8) != "keep me")
        }
    }

    /// Even with `--force`, only a regular file is replaced: a symbolic
    /// link, a FIFO and a device node are left as they are (exit 73).
    @Test func forceReplacesOnlyARegularFile() throws {
        let scene = try Scene()
        let directory = scene.directory
        let target = directory.path("target")
        try Data("target".utf8).write(to: URL(fileURLWithPath: target))
        let link = directory.path("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let fifo = directory.path("fifo")
        #expect(mkfifo(fifo, 0o644) == 0)
        var paths = [link, fifo]
        // A character device like /dev/full, where the system lets us make
        // one (as root, outside a restricted container); major 1, minor 7
        // in Linux's encoding.
        let device = directory.path("full")
        if mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 { paths.append(device) }
        for path in paths {
            for arguments in [["export", "--format", "csv", "--out", path, "--force"] + scene.registry,
                              scene.signToFile(1, name: "Lyon", out: path, extra: ["--force"]),
                              ["verify", "--save-checkpoint", path] + scene.registry] {
                let before = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
                let result = try DeclarationProcess.run(arguments)
                #expect(result.status == 73, "\(arguments): \(result.standardError)")
                #expect(result.standardError.contains("\(path): replacing failed"), "\(result.standardError)")
                #expect(result.standardError.contains("not a regular file"), "\(result.standardError)")
                let after = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
                #expect(before == after, "\(path) was replaced")
            }
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "target")
    }

    /// A file that cannot be created is named as the user typed it, never
    /// by the temporary file written first.
    @Test func errorsNameThePathTyped() throws {
        let scene = try Scene()
        let out = scene.directory.path("no-such-folder/list.html")
        for arguments in [["export", "--format", "html", "--out", out] + scene.registry,
                          scene.signToFile(1, name: "Lyon", out: out),
                          ["verify", "--save-checkpoint", out] + scene.registry] {
            let result = try DeclarationProcess.run(arguments)
            #expect(result.status == 66, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("\(out):"), "\(result.standardError)")
            #expect(!result.standardError.contains(".tmp-"), "\(result.standardError)")
        }
    }

    /// `--save-checkpoint` moves a saved checkpoint forward: it replaces
    /// a regular file without `--force`.
    @Test func saveCheckpointReplacesARegularFile() throws {
        let scene = try Scene()
        let saved = scene.directory.path("saved")
        try Data("old".utf8).write(to: URL(fileURLWithPath: saved))
        let result = try DeclarationProcess.run(["verify", "--save-checkpoint", saved] + scene.registry)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: saved)) == (try scene.setup.checkpoint()))
    }
}
