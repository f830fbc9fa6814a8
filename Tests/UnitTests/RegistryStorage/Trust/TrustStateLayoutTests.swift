import RegistryStorage
import Testing

/// The trust state's names on disk: one folder per origin, never shared,
/// never hidden, never too long.
@Suite struct TrustStateLayoutTests {
    @Test func anOriginIsOneFileNameWithEverythingButPlainCharactersEscaped() {
        #expect(TrustStateLayout.folderName(origin: "registry.example.org/declaration") == "registry.example.org%2Fdeclaration")
        #expect(TrustStateLayout.folderName(origin: "example.org:8443/a_b-c~d") == "example.org%3A8443%2Fa_b-c%7Ed")
        // A leading dot would hide the folder, or make it "..".
        #expect(TrustStateLayout.folderName(origin: "..") == "%2E.")
        #expect(TrustStateLayout.folderName(origin: ".hidden") == "%2Ehidden")
    }

    @Test func twoOriginsNeverShareAFolder() {
        let origins = ["a/b", "a%2Fb", "a%252Fb", "A/b", "a.b", "a%2Eb", ".a", "%2Ea"]
        let names = origins.map { TrustStateLayout.folderName(origin: $0) }
        #expect(Set(names).count == origins.count, "\(names)")
    }

    @Test func aLongOriginIsNamedByItsHash() {
        let origin = String(repeating: "/", count: 100)
        let name = TrustStateLayout.folderName(origin: origin)
        #expect(name.hasPrefix("sha256-"))
        #expect(name.utf8.count == 7 + 64)
        #expect(TrustStateLayout.folderName(origin: String(repeating: "a", count: 200)) == String(repeating: "a", count: 200))
    }

    @Test func theRootFollowsTheXDGBaseDirectorySpecification() {
        #expect(TrustStateLayout.defaultRoot(environment: ["XDG_STATE_HOME": "/var/state", "HOME": "/home/u"]) == "/var/state/declaration")
        // A relative XDG_STATE_HOME is ignored, as the specification says.
        #expect(TrustStateLayout.defaultRoot(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/u"]) == "/home/u/.local/state/declaration")
        #expect(TrustStateLayout.defaultRoot(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/declaration")
        #expect(TrustStateLayout.defaultRoot(environment: [:]) == nil)
    }

    @Test func theCopyOfAnOriginIsARegistryDirectoryUnderRegistries() {
        let layout = TrustStateLayout(root: "/state/")
        #expect(layout.mirror(origin: "example.org/r").directory == "/state/registries/example.org%2Fr")
        #expect(TrustStateLayout.trustedCheckpoint(in: layout.mirror(origin: "example.org/r"))
            == "/state/registries/example.org%2Fr/trusted-checkpoint")
    }
}
