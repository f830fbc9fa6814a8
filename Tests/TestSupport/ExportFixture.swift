import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat

/// Registries whose every byte is fixed — keys from fixed seeds, fixed
/// times — so that their exports can be compared with golden files.
public enum ExportFixture {
    /// One signature to record.
    public struct Signer: Sendable {
        public var signatory: Signatory
        public var language: Language

        public init(_ kind: SignatoryKind, _ name: String, _ jurisdiction: String, representative: String,
                    title: String, language: Language = .en, website: String? = nil) throws {
            signatory = Signatory(kind: kind, name: name, jurisdiction: try Jurisdiction(code: jurisdiction),
                                  representative: representative, title: title, website: website)
            self.language = language
        }
    }

    /// 2016-12-09T10:00:00Z, the signing in Paris.
    public static let start = Date(timeIntervalSince1970: 1_481_277_600)
    /// The export time the golden files were made with.
    public static let exportTime = "2026-01-02T03:04:05Z"

    /// A key from a fixed seed: SHA-256 of `label`.
    public static func key(_ label: String) throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(seed: SHA256.hash(Array(label.utf8)).bytes)
    }

    /// Builds a registry at `path` with `signers` signing in order, two
    /// minutes apart from `start`, all recorded in one append a minute after
    /// the last signature; then the signers at `withdrawn` (indices)
    /// withdraw, giving `reason`, recorded in a second append. Two appends
    /// keep the fixture fast: each one syncs the disk.
    @discardableResult
    package static func build(at path: String, signers: [Signer], withdrawn: [Int] = [], reason: String? = nil,
                             origin: String = DemoRegistry.origin) throws -> Registry {
        let declaration = try Declaration.embedded
        let registrar = try key("registrar")
        try Registry.create(directory: path, origin: origin, declaration: declaration, registrarKey: registrar)
        let registry = Registry(directory: path)
        var time = start
        func statement(_ content: Statement.Content, key: Ed25519PrivateKey, source: String) throws -> Registry.Submission {
            let statement = try Statement.signed(content, registry: origin, declarationDigest: declaration.digest,
                                                 signedAt: Timestamp.string(from: time), key: key)
            try statement.validate()
            time = time.addingTimeInterval(120)
            return Registry.Submission(statement, source: source)
        }
        let signatures = try signers.enumerated().map { index, signer in
            try statement(.signature(language: signer.language, signatory: signer.signatory),
                          key: try key("signatory-\(index)"), source: "signer \(index)")
        }
        if !signatures.isEmpty {
            _ = try registry.append(signatures, registrarKey: registrar, now: time.addingTimeInterval(-60))
        }
        let withdrawals = try withdrawn.map { index in
            try statement(.withdrawal(reason: reason), key: try key("signatory-\(index)"), source: "withdrawal \(index)")
        }
        if !withdrawals.isEmpty {
            _ = try registry.append(withdrawals, registrarKey: registrar, now: time.addingTimeInterval(-60))
        }
        return registry
    }

    /// The demo registry's eighteen signatories, with fixed keys and times.
    public static func demoSigners() throws -> [Signer] {
        try DemoRegistry.pioneers().map { pioneer in
            var signer = try Signer(pioneer.signatory.kind, pioneer.signatory.name, pioneer.signatory.jurisdiction.code,
                                    representative: pioneer.signatory.representative, title: pioneer.signatory.title,
                                    language: pioneer.language, website: pioneer.signatory.website)
            signer.signatory = pioneer.signatory
            return signer
        }
    }

    /// Names chosen to break formats: formula prefixes, markup, table
    /// syntax, quotes, backslashes, right-to-left scripts, emoji, accents
    /// for collation and a name at the registry's 300-character limit.
    public static func hostileSigners() throws -> [Signer] {
        let long = "Very Long Name " + String(repeating: "Municipality-of-Nowhere-", count: 12)
        return [
            try Signer(.government, "=cmd|' /C calc'!A0", "FR", representative: "+1 Office", title: "-1 Mayor"),
            try Signer(.government, "@SUM(1+1)", "US-TX", representative: "Office \"Quoted\", Inc.", title: "Mayor"),
            try Signer(.government, "<script>alert(1)</script>", "GB-SCT", representative: "<b>bold</b> & co",
                       title: "Chief 'Officer'"),
            try Signer(.government, "Pipe | Table \\ Backslash", "ES-MD", representative: "*star* _under_ `tick`",
                       title: "[link](https://example.org)", language: .es),
            try Signer(.government, "القدس", "PS", representative: "مكتب رئيس البلدية", title: "رئيس البلدية",
                       language: .en),
            try Signer(.government, "ירושלים", "IL", representative: "לשכת ראש העיר", title: "ראש העיר"),
            // No U+FE0F after the mountain: variation selectors are default-ignorable and refused.
            try Signer(.government, "Zürich 🏔 Open City 🇨🇭", "CH-ZH", representative: "Stadtpräsidentin",
                       title: "Präsidentin", language: .fr),
            try Signer(.government, "Ñuñoa", "CL-RM", representative: "Alcaldía de Ñuñoa", title: "Alcaldesa",
                       language: .es),
            try Signer(.government, "Nuuk", "GL", representative: "Kommuneqarfik Sermersooq", title: "Mayor"),
            try Signer(.government, "Évry", "FR-91", representative: "Mairie d’Évry", title: "Maire", language: .fr),
            try Signer(.government, "Eindhoven", "NL-NB", representative: "Gemeente Eindhoven", title: "Burgemeester"),
            try Signer(.civilSociety, String(long.prefix(300)), "KE", representative: "Board", title: "Chair"),
            try Signer(.civilSociety, "# Heading ~~strike~~ $x$ &amp; www.example.org", "CA-ON",
                       representative: "Tab-free, comma, \"quote\"", title: "Secretary"),
        ]
    }
}
