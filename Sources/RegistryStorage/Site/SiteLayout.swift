import TransparencyLog

/// Where the files of a published site are inside its directory: the
/// public part of a registry (its header, declaration, ledger and
/// checkpoint, under the registry's own names) and the C2SP tlog-tiles
/// tiles and entry bundles under `tile/` (docs/PUBLISHING.md).
///
/// Paths inside the site are written relative to it, with `/`, as a URL
/// below the site's prefix names them: `checkpoint`, `tile/0/x001/234`.
package struct SiteLayout: Sendable, Hashable {
    /// The site directory.
    package var directory: String

    /// The layout of the site in `directory`.
    package init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
    }

    /// Names inside the site directory, besides the tiles.
    package enum Name {
        /// The registrar's latest signed checkpoint: the one mutable file a
        /// client must fetch fresh.
        package static let checkpoint = RegistryLayout.Name.checkpoint
        /// The registry's header.
        package static let header = RegistryLayout.Name.header
        /// The registry's copy of the declaration files.
        package static let declaration = RegistryLayout.Name.declaration
        /// The ledger lines the checkpoint covers, for readers that want
        /// one file rather than entry bundles.
        package static let ledger = RegistryLayout.Name.ledger
        /// An empty file that tells GitHub Pages not to run Jekyll over
        /// the site, which could otherwise take a tile beginning with
        /// `---` and a line feed for a page to render.
        package static let noJekyll = ".nojekyll"
        /// The folder of the Merkle tiles and entry bundles.
        package static let tile = "tile"
        /// The registry's witness policy, when it has one: a starting
        /// point for verifiers, who must choose the witnesses they trust.
        package static let witnessPolicy = RegistryLayout.Name.witnessPolicy
    }

    /// The path of `relative` (a path inside the site, such as `tile/0/000`).
    package func path(_ relative: String) -> String {
        directory + "/" + relative
    }

    /// The checkpoint's path.
    package var checkpoint: String { path(Name.checkpoint) }
    /// The site's ledger's path.
    package var ledger: String { path(Name.ledger) }
    /// The header's path.
    package var header: String { path(Name.header) }

    /// The path inside the site of the declaration file `name`.
    package static func declarationFile(_ name: String) -> String {
        Name.declaration + "/" + name
    }

    /// The folders inside the site that hold `relative`, outermost first:
    /// `tile`, `tile/0`, `tile/0/000.p` for `tile/0/000.p/5`.
    package static func folders(holding relative: String) -> [String] {
        let components = relative.split(separator: "/").map(String.init)
        return (1..<max(components.count, 1)).map { components.prefix($0).joined(separator: "/") }
    }

    /// Whether `name`, in the site's folder `folder` ("" for the site
    /// directory itself), is a temporary file a publish wrote before
    /// renaming it into place (`RegistryLayout.temporaryPath(for:)`) and a
    /// crash left behind. In `tile/` and `declaration/`, which hold only
    /// the site's own files, every such name is one; in the site directory,
    /// only those of the names a publish writes there, so that nothing else
    /// kept in the site is ever removed.
    package static func isLeftoverTemporaryFile(named name: String, in folder: String) -> Bool {
        guard let marker = name.range(of: RegistryLayout.Name.temporaryMarker) else { return false }
        if folder.isEmpty {
            let base = String(name[..<marker.lowerBound])
            return [Name.checkpoint, Name.header, Name.ledger, Name.noJekyll].contains(base)
        }
        return folder == Name.declaration || folder == Name.tile || folder.hasPrefix(Name.tile + "/")
    }
}
