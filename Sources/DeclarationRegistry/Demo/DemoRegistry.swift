import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage

/// The demonstration registry: the fifteen subnational pioneers that signed
/// the declaration in Paris on 9 December 2016, and the civil-society
/// partners public sources name, each signing with a key made on the spot.
///
/// No public source names the individuals who signed, so representatives
/// are offices, never people.
package enum DemoRegistry {
    /// One demonstration signatory.
    package struct Pioneer: Sendable {
        /// A short file-name-safe label for its key file.
        package var slug: String
        /// Who signs.
        package var signatory: Signatory
        /// The language it plausibly read the declaration in.
        package var language: Language
    }

    /// The demo registry's origin.
    package static let origin = "demo.declaration-registry.example/subnational-open-government"

    /// The signatories, in signing order.
    package static func pioneers() throws(FieldError) -> [Pioneer] {
        let rows: [(String, SignatoryKind, String, String, String, String, Language, String?)] = [
            ("austin", .government, "Austin", "US-TX", "Office of the Mayor of Austin", "Mayor", .en, "https://www.austintexas.gov"),
            ("bojonegoro", .government, "Bojonegoro", "ID-JI", "Office of the Regent of Bojonegoro", "Regent", .en, nil),
            ("buenos-aires", .government, "Buenos Aires", "AR-C", "Jefatura de Gobierno de la Ciudad de Buenos Aires", "Jefe de Gobierno", .es, nil),
            ("elgeyo-marakwet", .government, "Elgeyo-Marakwet", "KE-05", "Office of the Governor of Elgeyo-Marakwet County", "Governor", .en, nil),
            ("jalisco", .government, "Jalisco", "MX-JAL", "Oficina del Gobernador de Jalisco", "Gobernador", .es, nil),
            ("kigoma-ujiji", .government, "Kigoma-Ujiji", "TZ-08", "Office of the Mayor of Kigoma-Ujiji", "Mayor", .en, nil),
            ("la-libertad", .government, "La Libertad", "PE-LAL", "Gobierno Regional de La Libertad", "Gobernador Regional", .es, nil),
            ("madrid", .government, "Madrid", "ES-MD", "Alcaldía de Madrid", "Alcaldesa", .es, nil),
            ("ontario", .government, "Ontario", "CA-ON", "Office of the Premier of Ontario", "Premier", .en, nil),
            ("paris", .government, "Paris", "FR", "Cabinet de la Maire de Paris", "Maire", .fr, "https://www.paris.fr"),
            ("sao-paulo", .government, "São Paulo", "BR-SP", "Prefeitura de São Paulo", "Prefeito", .es, nil),
            ("scotland", .government, "Scotland", "GB-SCT", "Office of the First Minister of Scotland", "First Minister", .en, nil),
            ("sekondi-takoradi", .government, "Sekondi-Takoradi", "GH-WP", "Office of the Metropolitan Chief Executive", "Metropolitan Chief Executive", .en, nil),
            ("seoul", .government, "Seoul", "KR-11", "Office of the Mayor of Seoul", "Mayor", .en, nil),
            ("tbilisi", .government, "Tbilisi", "GE-TB", "Office of the Mayor of Tbilisi", "Mayor", .en, nil),
            ("open-austin", .civilSociety, "Open Austin", "US-TX", "Board of Directors", "Chair", .en, nil),
            ("scvo", .civilSociety, "Scottish Council for Voluntary Organisations (SCVO)", "GB-SCT", "Office of the Chief Executive", "Chief Executive", .en, nil),
            ("friends-of-the-nation", .civilSociety, "Friends of the Nation", "GH-WP", "Office of the Executive Director", "Executive Director", .en, nil),
        ]
        var pioneers: [Pioneer] = []
        for row in rows {
            let jurisdiction: Jurisdiction
            do {
                jurisdiction = try Jurisdiction(code: row.3)
            } catch {
                throw FieldError(field: "signatory.jurisdiction", problem: .malformed(expected: "an ISO 3166 code", found: row.3))
            }
            let signatory = Signatory(kind: row.1, name: row.2, jurisdiction: jurisdiction,
                                      representative: row.4, title: row.5, website: row.7)
            pioneers.append(Pioneer(slug: row.0, signatory: signatory, language: row.6))
        }
        return pioneers
    }

    /// What `build` made.
    package struct Result: Sendable {
        /// The registry directory.
        package var registry: String
        /// The folder with the registrar's and signatories' private keys.
        package var keys: String
        /// The report of verifying the finished registry.
        package var report: VerificationReport
    }

    /// Builds the demonstration registry in `directory` (which must not
    /// exist or be empty): `registry/` and, apart from it, `keys/` with
    /// every private key made. Statements are dated the day of the signing
    /// in Paris; the registry is verified before this returns.
    ///
    /// Throws:
    /// - `.alreadyExists` when `registry/` or `keys/` is already there;
    /// - `.declaration` when the built-in declaration is broken;
    /// - `.crypto` when a key cannot be made, or a statement signed;
    /// - `.keyFile` when a key file cannot be written;
    /// - `.invalidField` when a demonstration signatory is not valid;
    /// - `.storage` when a folder or file cannot be made;
    /// - what `Registry.create`, `Registry.append` and
    ///   `RegistryVerifier.verify` throw.
    package static func build(in directory: String, declaration given: Declaration? = nil) throws(RegistryError) -> Result {
        let declaration: Declaration
        if let given {
            declaration = given
        } else {
            do {
                declaration = try Declaration.embedded
            } catch {
                throw .declaration(error)
            }
        }
        let base = RegistryLayout(directory: directory).directory
        let registryPath = base + "/registry"
        let keysPath = base + "/keys"
        do {
            if !FileSystem.exists(base) {
                try FileSystem.makeDirectory(base)
            }
        } catch {
            throw .storage(error)
        }
        guard !FileSystem.exists(registryPath), !FileSystem.exists(keysPath) else {
            throw .alreadyExists(path: FileSystem.exists(registryPath) ? registryPath : keysPath)
        }
        do {
            try FileSystem.makeDirectory(keysPath, mode: 0o700)
        } catch {
            throw .storage(error)
        }

        let registrarKey = try makeKey(writtenTo: keysPath + "/registrar")
        try Registry.create(directory: registryPath, origin: origin, declaration: declaration, registrarKey: registrarKey)

        let registry = Registry(directory: registryPath)
        let start = Date(timeIntervalSince1970: 1_481_277_600) // 2016-12-09T10:00:00Z
        let pioneers: [Pioneer]
        do {
            pioneers = try self.pioneers()
        } catch {
            throw .invalidField(error)
        }
        for (index, pioneer) in pioneers.enumerated() {
            let key = try makeKey(writtenTo: keysPath + "/" + pioneer.slug)
            let signedAt = start.addingTimeInterval(Double(index) * 120)
            let statement: Statement
            do {
                statement = try Statement.signed(
                    .signature(language: pioneer.language, signatory: pioneer.signatory),
                    registry: origin, declarationDigest: declaration.digest,
                    signedAt: Timestamp.string(from: signedAt), key: key)
            } catch {
                throw .crypto(error)
            }
            _ = try registry.append([.init(statement, source: pioneer.slug)], registrarKey: registrarKey,
                                    now: signedAt.addingTimeInterval(60))
        }
        let report = try RegistryVerifier(layout: registry.layout).verify()
        return Result(registry: registryPath, keys: keysPath, report: report)
    }

    /// Makes a key and writes it, unencrypted, to `path` (and `path.pub`).
    private static func makeKey(writtenTo path: String) throws(RegistryError) -> Ed25519PrivateKey {
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey()
        } catch {
            throw .crypto(error)
        }
        do {
            try KeyFile.write(key, to: path)
        } catch {
            throw .keyFile(error)
        }
        return key
    }
}
