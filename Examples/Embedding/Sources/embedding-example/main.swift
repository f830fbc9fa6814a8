import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

// Creates a registry in a new temporary folder, records one signature,
// verifies the registry and prints its list of signatories as CSV.

let base = FileManager.default.temporaryDirectory.appendingPathComponent("embedding-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: false)
defer { try? FileManager.default.removeItem(atPath: base) }
let directory = base + "/registry"

let declaration = try Declaration.embedded
let origin = "registry.example.org/sogd"
let registrarKey = try Ed25519PrivateKey()
try Registry.create(directory: directory, origin: origin, declaration: declaration, registrarKey: registrarKey)

let signatoryKey = try Ed25519PrivateKey()
let signatory = Signatory(kind: .government, name: "Paris", jurisdiction: try Jurisdiction(code: "FR"),
                          representative: "Cabinet de la Maire de Paris", title: "Maire", website: "https://www.paris.fr")
let statement = try Statement.signed(
    .signature(language: .fr, signatory: signatory), registry: origin,
    declarationDigest: declaration.digest, signedAt: Timestamp.string(from: Date()), key: signatoryKey)

let registry = Registry(directory: directory)
let appended = try registry.append([Registry.Submission(statement, source: "paris")], registrarKey: registrarKey)
print("recorded entry \(appended.entries.map(\.sequence)), checkpoint size \(appended.checkpoint.size)")

let report = try RegistryVerifier(layout: registry.layout).verify()
print("verified: \(report.entryCount) entries, \(report.roll.count) active signatories")

let csv = try SignatoryExport.export(registry: registry.layout, options: ExportOptions(format: .csv, language: .fr))
print(String(decoding: csv, as: UTF8.self), terminator: "")
