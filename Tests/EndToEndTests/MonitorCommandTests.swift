import Foundation
import TestSupport
import Testing

/// `declaration monitor URL`: following a published registry served by a
/// real nginx, listing what is new, raising alerts for watched names, and
/// never skipping an entry when a run fails.
@Suite struct MonitorCommandTests {
    /// The demo registry, published and served, with a trust state beside it.
    static func served() throws -> (RegistryFixture, RemoteFixture) {
        let registry = try RegistryFixture()
        let remote = try RemoteFixture(directory: registry.directory)
        try remote.publish(registry.registry)
        return (registry, remote)
    }

    static func monitor(_ remote: RemoteFixture, _ arguments: [String] = []) throws -> DeclarationProcess.Result {
        try DeclarationProcess.run(["monitor", remote.url, "--state", remote.state] + arguments, directory: remote.directory.url)
    }

    /// Signs as `name` with a new key, appends, publishes; returns the key id.
    @discardableResult
    static func sign(_ name: String, jurisdiction: String = "FR", in registry: RegistryFixture, remote: RemoteFixture,
                     key: String? = nil) throws -> String {
        let keyPath = key ?? registry.directory.path("key-\(UUID().uuidString)")
        var keyID = ""
        if key == nil {
            let made = try DeclarationProcess.run(["keygen", "--out", keyPath])
            #expect(made.status == 0, "\(made.standardError)")
            keyID = made.standardOutput.split(separator: "\n").first.map { String($0.dropFirst("Key id: ".count)) } ?? ""
        }
        let signed = try registry.run(["sign", "--key", keyPath, "--kind", "government", "--name", name, "--jurisdiction", jurisdiction,
                                       "--representative", "Cabinet du Maire", "--title", "Maire", "--lang", "fr", "--yes",
                                       "--registrar-key", registry.registrarKey])
        #expect(signed.status == 0, "\(signed.standardError)")
        try remote.publish(registry.registry)
        return keyID
    }

    @Test func aFirstScanReadsEverythingAndListsOnlyWhatIsWatched() throws {
        let (_, remote) = try Self.served()
        let first = try Self.monitor(remote, ["--watch", "Lyon"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("First scan: 18 entries read, 0 touching a watched value"), "\(first.standardOutput)")
        let again = try Self.monitor(remote, ["--watch", "Lyon"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("Nothing new since the last scan (size 18)."), "\(again.standardOutput)")
    }

    @Test func aWatchedNameClaimedByAnotherKeyIsAnAlertOnce() throws {
        let (registry, remote) = try Self.served()
        #expect(try Self.monitor(remote, ["--watch", "Lyon"]).status == 0)
        let impostor = try Self.sign("Ville de Lyon", in: registry, remote: remote)

        let scan = try Self.monitor(remote, ["--watch", "Lyon"])
        #expect(scan.status == 3, "\(scan.standardError)")
        #expect(scan.standardOutput.contains("1 new entry since the last scan (size 18):"), "\(scan.standardOutput)")
        #expect(scan.standardOutput.contains("+ #19 "), "\(scan.standardOutput)")
        #expect(scan.standardOutput.contains("signed Ville de Lyon (government, FR), in fr, key \(impostor)"))
        #expect(scan.standardOutput.contains("ALERT: entry 19 claims the watched name \"Lyon\" with key \(impostor)"))
        #expect(scan.standardError.contains("1 new entry claims a watched name or jurisdiction"), "\(scan.standardError)")

        // Reported in full, so the next scan starts after it.
        let next = try Self.monitor(remote, ["--watch", "Lyon"])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(next.standardOutput.contains("Nothing new since the last scan (size 19)."))
    }

    @Test func anEntryWithAWatchedKeyIsANoteNotAnAlert() throws {
        let (registry, remote) = try Self.served()
        let keyPath = registry.directory.path("lyon")
        let made = try DeclarationProcess.run(["keygen", "--out", keyPath])
        let keyID = try #require(made.standardOutput.split(separator: "\n").first.map { String($0.dropFirst("Key id: ".count)) })
        #expect(try Self.monitor(remote, ["--watch", "Lyon", "--watch", keyID]).status == 0)
        try Self.sign("Lyon", in: registry, remote: remote, key: keyPath)

        let scan = try Self.monitor(remote, ["--watch", "Lyon", "--watch", keyID, "--format", "json"])
        #expect(scan.status == 0, "\(scan.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(scan.standardOutput.utf8)) as? [String: Any])
        #expect(object["alerts"] as? Int == 0)
        #expect(object["previous_size"] as? Int == 18)
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.count == 1)
        #expect(events.first?["watched_key"] as? Bool == true)
        #expect(events.first?["name"] as? String == "Lyon")
        #expect(events.first?["key_id"] as? String == keyID)
    }

    @Test func aFailedRunSkipsNothing() throws {
        let (registry, remote) = try Self.served()
        #expect(try Self.monitor(remote).status == 0)
        try Self.sign("Grenoble", in: registry, remote: remote)
        // The new partial bundle altered: the scan fails and lists nothing.
        let bundle = try #require(FileManager.default.subpathsOfDirectory(atPath: remote.site + "/tile/entries")
            .filter { $0.contains(".p/") }.sorted().last)
        let path = "tile/entries/" + bundle
        let original = try remote.read(path)
        var altered = original
        if let index = altered.firstIndex(of: UInt8(ascii: "G")) { altered[index] = UInt8(ascii: "g") }
        try remote.replace(path, with: altered)
        let failed = try Self.monitor(remote)
        #expect(failed.status == 1, "\(failed.standardError)")
        #expect(!failed.standardOutput.contains("#19"))

        try remote.replace(path, with: original)
        let scan = try Self.monitor(remote)
        #expect(scan.status == 0, "\(scan.standardError)")
        #expect(scan.standardOutput.contains("1 new entry since the last scan (size 18):"), "\(scan.standardOutput)")
        #expect(scan.standardOutput.contains("signed Grenoble"))
    }

    @Test func aWithdrawalNamesTheSignatoryFromItsEarlierSignature() throws {
        let (registry, remote) = try Self.served()
        let keyPath = registry.directory.path("grenoble")
        #expect(try DeclarationProcess.run(["keygen", "--out", keyPath]).status == 0)
        try Self.sign("Grenoble", in: registry, remote: remote, key: keyPath)
        #expect(try Self.monitor(remote).status == 0)
        let withdrawn = try registry.run(["withdraw", "--key", keyPath, "--registrar-key", registry.registrarKey, "--reason", "test"])
        #expect(withdrawn.status == 0, "\(withdrawn.standardError)")
        try remote.publish(registry.registry)

        let scan = try Self.monitor(remote, ["--watch", "grenoble"])
        #expect(scan.status == 0, "\(scan.standardError)")
        #expect(scan.standardOutput.contains("- #20 "), "\(scan.standardOutput)")
        #expect(scan.standardOutput.contains("withdrew Grenoble (government, FR)"), "\(scan.standardOutput)")
        // A withdrawal claims no name: nobody signs in anyone's name by withdrawing.
        #expect(!scan.standardOutput.contains("ALERT"))
    }

    @Test func aDirectoryIsAUsageError() throws {
        let result = try DeclarationProcess.run(["monitor", "some/registry"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("give its URL"), "\(result.standardError)")
    }
}
