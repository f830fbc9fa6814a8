import Foundation
import Testing
import TestSupport

/// `declaration publish` and `--publish-to`, run through the built binary.
@Suite struct PublishCommandTests {
    /// A registry of `size` entries built through the library, its
    /// registrar's key file, and a site directory beside it.
    struct Scene {
        let directory: TemporaryDirectory
        var registry: GrowingRegistry
        let registrarKey: String
        let site: String

        init(size: Int) throws {
            directory = try TemporaryDirectory()
            registry = try GrowingRegistry(in: directory.path("registry"))
            try registry.grow(to: size)
            registrarKey = directory.path("registrar")
            try registry.writeRegistrarKey(to: registrarKey)
            site = directory.path("site")
        }

        func publish(_ extra: [String] = []) throws -> DeclarationProcess.Result {
            try DeclarationProcess.run(["publish", "--registry", registry.directory, "--to", site] + extra)
        }

        /// `declaration append` of `count` new statements, with `extra` options.
        mutating func append(_ count: Int, _ extra: [String] = []) throws -> DeclarationProcess.Result {
            let files = try registry.statementFiles(count, in: directory.url.path)
            return try DeclarationProcess.run(["append", "--registrar-key", registrarKey, "--registry", registry.directory]
                                              + extra + files)
        }

        var reader: SiteReader { SiteReader(site: site) }
        func path(_ relative: String) -> String { site + "/" + relative }
    }

    @Test func publishAppendPublishChangesOnlyTheNewFiles() throws {
        var scene = try Scene(size: 300)
        let first = try scene.publish()
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.hasPrefix("Published 300 entries to \(scene.site): 13 files written ("), "\(first.standardOutput)")
        #expect(try scene.reader.check() == 300)
        let before = try scene.reader.listing()

        let appended = try scene.append(2)
        #expect(appended.status == 0, "\(appended.standardError)")
        let second = try scene.publish()
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput == "Published 302 entries to \(scene.site) (it served 300 before): 4 files written "
            + "(tile/0/001.p/46, tile/entries/001.p/46, ledger.jsonl, checkpoint).\n")
        let after = try scene.reader.listing()
        #expect(Set(after.keys).subtracting(before.keys) == ["tile/0/001.p/46", "tile/entries/001.p/46"])
        for (path, record) in before {
            switch path {
            case "checkpoint":
                #expect(after[path]?.inode != record.inode, "replaced atomically")
            case "ledger.jsonl":
                #expect(after[path]?.inode == record.inode, "extended in place")
                #expect(after[path]?.bytes.starts(with: record.bytes) == true)
            default:
                #expect(after[path] == record, "\(path) untouched")
            }
        }
        #expect(try scene.reader.check() == 302)
        // The site is a registry directory too: verify reads it as one.
        let verified = try DeclarationProcess.run(["verify", "--registry", scene.site])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("Entries:      302"))
        // Nothing new: nothing written.
        let again = try scene.publish()
        #expect(again.standardOutput == "The site \(scene.site) is up to date: it serves the registry's checkpoint of 302 entries; no file written.\n")
    }

    @Test func appendPublishToPublishesWhatItRecorded() throws {
        var scene = try Scene(size: 255)
        #expect(try scene.publish().status == 0)
        let appended = try scene.append(1, ["--publish-to", scene.site])
        #expect(appended.status == 0, "\(appended.standardError)")
        #expect(appended.standardOutput.contains("Recorded entry 256:"))
        #expect(appended.standardOutput.contains("Published 256 entries to \(scene.site) (it served 255 before): 5 files written "
            + "(tile/0/000, tile/entries/000, tile/1/000.p/1, ledger.jsonl, checkpoint)."), "\(appended.standardOutput)")
        #expect(try scene.reader.check() == 256)
    }

    @Test func aPublishThatFailsAfterAnAppendSaysTheEntriesAreRecorded() throws {
        var scene = try Scene(size: 3)
        #expect(try scene.publish().status == 0)
        // The site now holds another registry's header.
        let header = URL(fileURLWithPath: scene.path("registry.json"))
        let ours = try Data(contentsOf: header)
        try Data("{}\n".utf8).write(to: header)
        let appended = try scene.append(2, ["--publish-to", scene.site])
        #expect(appended.status == 1, "\(appended.standardError)")
        #expect(appended.standardOutput.contains("Recorded entry 5:"))
        #expect(appended.standardError.hasPrefix("error: entries 4 to 5 are recorded in the registry, but publishing failed: \(scene.path("registry.json")): "),
                "\(appended.standardError)")
        #expect(appended.standardError.contains("run `declaration publish --registry \(scene.registry.directory) --to \(scene.site)` to publish"))
        let verified = try DeclarationProcess.run(["verify", "--registry", scene.registry.directory])
        #expect(verified.status == 0)
        #expect(verified.standardOutput.contains("Entries:      5"))
        try ours.write(to: header)
        #expect(try scene.reader.check() == 3, "the site still serves what it did")

        // A link in the site: the publish's own exit code, 73.
        try FileManager.default.removeItem(atPath: scene.path("registry.json"))
        try FileManager.default.createSymbolicLink(atPath: scene.path("registry.json"), withDestinationPath: "/etc/passwd")
        let linked = try scene.append(1, ["--publish-to", scene.site])
        #expect(linked.status == 73, "\(linked.standardError)")
        #expect(linked.standardError.contains("entry 6 is recorded in the registry"))
        #expect(linked.standardError.contains("\(scene.path("registry.json")): publishing failed: it is a symbolic link, where the site keeps a regular file"))
    }

    @Test func signAndWithdrawPublishToo() throws {
        let directory = try TemporaryDirectory()
        let setup = try CommandLineRegistry(in: directory, signers: 1)
        let site = directory.path("site")
        let signed = try DeclarationProcess.run(setup.signArguments(0) + ["--publish-to", site])
        #expect(signed.status == 0, "\(signed.standardError)")
        #expect(signed.standardOutput.contains("Published 1 entries to \(site): 10 files written"), "\(signed.standardOutput)")
        let withdrawn = try DeclarationProcess.run(["withdraw", "--key", setup.signerKeys[0], "--registry", setup.registry,
                                                    "--registrar-key", setup.registrarKey, "--publish-to", site])
        #expect(withdrawn.status == 0, "\(withdrawn.standardError)")
        #expect(withdrawn.standardOutput.contains("Published 2 entries to \(site) (it served 1 before): 4 files written"))
        #expect(try SiteReader(site: site).check() == 2)
        // Without a registrar key there is nothing to publish.
        let written = try DeclarationProcess.run(["sign", "--yes", "--key", setup.signerKeys[0], "--registry", setup.registry,
                                                  "--out", directory.path("s.json"), "--publish-to", site,
                                                  "--kind", "government", "--name", "Lyon", "--jurisdiction", "FR",
                                                  "--representative", "Office", "--title", "Mayor"])
        #expect(written.status == 64)
        #expect(written.standardError.contains("--publish-to applies to --registrar-key only"))
    }

    @Test func anAlteredTileIsNamedAndTheExitCodeIsOne() throws {
        let scene = try Scene(size: 260)
        #expect(try scene.publish().status == 0)
        let tile = URL(fileURLWithPath: scene.path("tile/0/000"))
        var bytes = try Data(contentsOf: tile)
        bytes[100] ^= 0xFF
        try bytes.write(to: tile)
        let full = try scene.publish(["--full"])
        #expect(full.status == 1)
        #expect(full.standardError.hasPrefix("error: \(scene.path("tile/0/000")): this tile differs from the one the registry gives"),
                "\(full.standardError)")
        #expect(full.standardError.contains("nothing was published"))
    }

    @Test func aSiteOfAnotherRegistryOrALinkInItIsRefused() throws {
        let scene = try Scene(size: 2)
        #expect(try scene.publish().status == 0)
        var other = try GrowingRegistry(in: scene.directory.path("other"), origin: "other.example/registry", seed: 3)
        try other.grow(to: 4)
        let refused = try DeclarationProcess.run(["publish", "--registry", other.directory, "--to", scene.site])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("the site holds the registry \"publish.declaration-registry.example/tests\", not \"other.example/registry\""),
                "\(refused.standardError)")

        try FileManager.default.moveItem(atPath: scene.path("tile"), toPath: scene.directory.path("tiles"))
        try FileManager.default.createSymbolicLink(atPath: scene.path("tile"), withDestinationPath: scene.directory.path("tiles"))
        let linked = try scene.publish()
        #expect(linked.status == 73)
        #expect(linked.standardError.contains("\(scene.path("tile")): publishing failed: it is a symbolic link, where the site keeps a directory"),
                "\(linked.standardError)")
    }

    @Test func jsonReportListsEveryFile() throws {
        let scene = try Scene(size: 1)
        let result = try scene.publish(["--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["size"] as? Int == 1)
        #expect(object["previous_size"] is NSNull)
        #expect((object["files_written"] as? [String])?.count == 10)
        #expect(object["recomputed_all"] as? Bool == true)
    }

    @Test func publishNeedsARegistryAndASite() throws {
        let directory = try TemporaryDirectory()
        let missing = try DeclarationProcess.run(["publish", "--registry", directory.path("none"), "--to", directory.path("site")])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: directory.path("site")))
        let usage = try DeclarationProcess.run(["publish", "--registry", directory.path("none")])
        #expect(usage.status == 64)
    }
}
