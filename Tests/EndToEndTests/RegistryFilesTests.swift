import Foundation
import Testing
import TestSupport

/// The registry's own files are opened only when they are what they should
/// be: a regular file, never a pipe, a device, a folder or a symbolic link;
/// a command given anything else says which file and exits, never hangs,
/// and never writes or deletes outside the registry.
@Suite struct RegistryFilesTests {
    /// A registry with one entry, made through the binary.
    private struct Scene {
        let directory: TemporaryDirectory
        let setup: CommandLineRegistry

        init() throws {
            directory = try TemporaryDirectory()
            setup = try CommandLineRegistry(in: directory, signers: 3)
            let first = try DeclarationProcess.run(setup.signArguments(0))
            #expect(first.status == 0, "\(first.standardError)")
        }

        func path(_ name: String) -> String { setup.registry + "/" + name }
    }

    /// Runs the binary, killing it after `seconds`: nil when it had to be
    /// killed (it hung).
    private func run(_ arguments: [String], seconds: Double = 20) throws -> (status: Int32, error: String)? {
        let process = Process()
        process.executableURL = DeclarationProcess.executableURL
        process.arguments = arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        let error = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, error)
    }

    private func makeFIFO(at path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/mkfifo")
        made.arguments = [path]
        try made.run()
        made.waitUntilExit()
        #expect(made.terminationStatus == 0)
    }

    @Test(arguments: ["checkpoint", "registry.json", "ledger.jsonl", "declaration/en.txt"])
    func aPipeInPlaceOfARegistryFileIsRefusedAtOnce(_ name: String) throws {
        let scene = try Scene()
        try makeFIFO(at: scene.path(name))
        let expected: Int32 = name.hasPrefix("declaration/") ? 1 : 66
        // Repair reads neither the texts nor their manifest.
        let commands = name.hasPrefix("declaration/") ? [["verify"], ["export", "--format", "csv"]]
            : [["verify"], ["export", "--format", "csv"], ["repair"]]
        for command in commands {
            let result = try #require(try run(command + ["--registry", scene.setup.registry]), "\(command) \(name): hung on a pipe")
            // An entry of the declaration copy that is not a regular file is
            // a copy that does not verify (1); any other registry file, a
            // registry that cannot be read (66).
            #expect(result.status == expected, "\(command) \(name): \(result.error)")
            #expect(result.error.contains(name), "\(command): \(result.error)")
            #expect(result.error.contains("not a regular file"), "\(command): \(result.error)")
        }
        let append = try #require(try run(scene.setup.signArguments(1)), "sign with \(name) a pipe hung")
        #expect(append.status == expected, "\(append.error)")
    }

    /// What verify calls a registry that does not verify, the registrar's
    /// commands refuse with the same code: a checkpoint over the size limit
    /// or missing, a file where the declaration folder belongs.
    @Test(arguments: ["oversized checkpoint", "missing checkpoint", "declaration a file"])
    func theRegistrarsCommandsJudgeTheRegistryAsVerifyDoes(_ damage: String) throws {
        let scene = try Scene()
        switch damage {
        case "oversized checkpoint":
            try Data(repeating: 0x41, count: 80 * 1024).write(to: URL(fileURLWithPath: scene.path("checkpoint")))
        case "missing checkpoint":
            try FileManager.default.removeItem(atPath: scene.path("checkpoint"))
        default:
            try FileManager.default.removeItem(atPath: scene.path("declaration"))
            try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: scene.path("declaration")))
        }
        let verify = try #require(try run(["verify", "--registry", scene.setup.registry]), "verify hung")
        #expect(verify.status == 1, "verify with \(damage): \(verify.error)")
        let sign = try #require(try run(scene.setup.signArguments(1)), "sign hung")
        #expect(sign.status == 1, "sign --registrar-key with \(damage): \(sign.error)")
        // Repair checks the registry's files for writing before it reads
        // the declaration copy: the same verdict there too.
        let repair = try #require(try run(["repair", "--registry", scene.setup.registry]), "repair hung")
        #expect(repair.status == 1, "repair with \(damage): \(repair.error)")
    }

    @Test func aPipeGivenAsTheSavedCheckpointIsRefusedAtOnce() throws {
        let scene = try Scene()
        let saved = scene.directory.path("saved")
        try makeFIFO(at: saved)
        let result = try #require(try run(["verify", "--registry", scene.setup.registry, "--checkpoint", saved]), "hung")
        #expect(result.status == 66, "\(result.error)")
        #expect(result.error.contains(saved), "\(result.error)")
    }

    @Test(arguments: ["checkpoint", "ledger.jsonl", "state/tip", "state/signatory-changes"])
    func aFolderInPlaceOfARegistryFileIsRefused(_ name: String) throws {
        let scene = try Scene()
        try FileManager.default.removeItem(atPath: scene.path(name))
        try FileManager.default.createDirectory(atPath: scene.path(name), withIntermediateDirectories: true)
        let result = try #require(try run(scene.setup.signArguments(1)), "hung")
        #expect(result.status == 66, "\(result.error)")
        #expect(result.error.contains(name), "\(result.error)")
    }

    @Test func aHugeLastLineIsAnErrorNamingItsLine() throws {
        let scene = try Scene()
        // 8 MiB with no line feed: more than any line may hold.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: scene.path("ledger.jsonl")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "x"), count: 8 << 20))
        try handle.close()
        let verify = try #require(try run(["verify", "--registry", scene.setup.registry]), "hung")
        #expect(verify.status == 1, "\(verify.error)")
        #expect(verify.error.contains("ledger.jsonl:2"), "\(verify.error)")
        #expect(verify.error.contains("65535"), "\(verify.error)")
        // The tail is past the checkpoint: repair removes it, keeping it.
        let repair = try #require(try run(["repair", "--registry", scene.setup.registry]), "hung")
        #expect(repair.status == 0, "\(repair.error)")
        let after = try #require(try run(["verify", "--registry", scene.setup.registry]), "hung")
        #expect(after.status == 0, "\(after.error)")
    }

    // MARK: - The writer's lock

    @Test func anAppendWaitsForAnotherProcessHoldingTheLockEvenWithoutLockFile() throws {
        let scene = try Scene()
        // Another process holds the registry's lock (as an append would)
        // for two seconds; `.lock` is gone meanwhile.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--exclusive", scene.setup.registry, "/bin/sh", "-c", "rm -f .lock; sleep 2"]
        holder.currentDirectoryURL = URL(fileURLWithPath: scene.setup.registry)
        try holder.run()
        usleep(500_000)
        #expect(!FileManager.default.fileExists(atPath: scene.path(".lock")))
        let start = Date()
        let result = try #require(try run(scene.setup.signArguments(1)), "hung")
        let waited = Date().timeIntervalSince(start)
        holder.waitUntilExit()
        #expect(result.status == 0, "\(result.error)")
        #expect(waited > 1.0, "the append did not wait for the lock (\(waited) s)")
        let verify = try #require(try run(["verify", "--registry", scene.setup.registry]), "hung")
        #expect(verify.status == 0, "\(verify.error)")
    }

    // MARK: - Symbolic links

    @Test(arguments: ["state", "checkpoint", "ledger.jsonl", "registry.json", "declaration", "declaration/fr.txt", "state/tip"])
    func aSymbolicLinkInsideTheRegistryIsRefusedByName(_ name: String) throws {
        let scene = try Scene()
        let elsewhere = scene.directory.path("elsewhere")
        try FileManager.default.moveItem(atPath: scene.path(name), toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: scene.path(name), withDestinationPath: elsewhere)
        let before = try FileManager.default.subpathsOfDirectory(atPath: scene.directory.path("."))
        for arguments in [["verify", "--registry", scene.setup.registry], ["repair", "--registry", scene.setup.registry],
                          scene.setup.signArguments(1)] {
            let result = try #require(try run(arguments), "hung")
            #expect(result.status != 0, "\(arguments) followed the link \(name)")
            #expect(result.error.contains(name) && result.error.contains("symbolic link"), "\(arguments): \(result.error)")
        }
        // Nothing was written or removed through the link.
        let after = try FileManager.default.subpathsOfDirectory(atPath: scene.directory.path("."))
        #expect(Set(before) == Set(after))
    }

    @Test func aDanglingLockLinkMakesNoFileOutsideTheRegistry() throws {
        let scene = try Scene()
        let outside = scene.directory.path("outside-lock")
        try? FileManager.default.removeItem(atPath: scene.path(".lock"))
        try FileManager.default.createSymbolicLink(atPath: scene.path(".lock"), withDestinationPath: outside)
        let result = try #require(try run(scene.setup.signArguments(1)), "hung")
        #expect(!FileManager.default.fileExists(atPath: outside), "append created \(outside) through .lock")
        #expect(result.status != 0 || result.error.isEmpty)
        if result.status != 0 { #expect(result.error.contains(".lock"), "\(result.error)") }
    }
}
