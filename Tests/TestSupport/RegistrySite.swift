import Foundation
import TransparencyLog

/// The static site of a registry, as C2SP tlog-tiles serves it: the
/// checkpoint, `registry.json`, `declaration/`, `ledger.jsonl`, and the tiles
/// and entry bundles of the ledger's lines. For tests that need a site
/// drawn differently from how `declaration publish` draws it (a tile or a
/// bundle altered, partial tiles of earlier sizes kept or not).
public enum RegistrySite {
    /// Writes the site of the registry in `registry` to `site`, replacing
    /// the files there. With `size` and `checkpoint`, the site of the
    /// registry as it was at that size (its first `size` entries, under
    /// that checkpoint); with `keepingPartialsOf`, also the partial tiles
    /// and bundles of those earlier sizes.
    public static func write(registry: String, to site: String, size: Int? = nil, checkpoint: [UInt8]? = nil,
                             keepingPartialsOf sizes: [Int] = []) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: site + "/declaration", withIntermediateDirectories: true)
        for name in ["registry.json", "checkpoint", "declaration/en.txt", "declaration/es.txt",
                     "declaration/fr.txt", "declaration/manifest.json"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: registry + "/" + name))
            try bytes.write(to: URL(fileURLWithPath: site + "/" + name))
        }
        var lines = try ledgerLines(registry)
        if let size { lines = Array(lines.prefix(size)) }
        try Data(lines.flatMap { $0 + [0x0A] }).write(to: URL(fileURLWithPath: site + "/ledger.jsonl"))
        if let checkpoint { try Data(checkpoint).write(to: URL(fileURLWithPath: site + "/checkpoint")) }
        try TileSite.write(entries: lines, to: site, keepingPartialsOf: sizes)
    }

    /// The ledger's lines, without their line feeds.
    public static func ledgerLines(_ registry: String) throws -> [[UInt8]] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: registry + "/ledger.jsonl")))
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
    }
}
